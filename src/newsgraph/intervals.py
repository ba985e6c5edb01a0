"""Character spans kept sorted, so that "does this span overlap any of them?" costs a bisection
and a look at the few spans near it instead of a scan of all of them.

The stages ask that question for every token or piece of an article against every mention or
piece found so far; a plain scan made them quadratic in the article's length. Answers are
exactly those of the scan: a span (s, e) overlaps (start, end) when s < end and start < e.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable

CharSpan = tuple[int, int]


class SpanIndex:
    """A multiset of character spans, added and removed in any order."""

    def __init__(self, spans: Iterable[CharSpan] = ()) -> None:
        self._spans: list[CharSpan] = sorted(spans)
        # Every span starts at most this far before its end: the spans that can reach an
        # offset start within `_longest` characters before it.
        self._longest = max((end - start for start, end in self._spans), default=0)

    def __len__(self) -> int:
        return len(self._spans)

    def add(self, span: CharSpan) -> None:
        insort(self._spans, span)
        self._longest = max(self._longest, span[1] - span[0])

    def remove(self, span: CharSpan) -> None:
        """Remove one copy of `span` (which must be there)."""
        index = bisect_left(self._spans, span)
        if index == len(self._spans) or self._spans[index] != span:
            raise KeyError(span)
        del self._spans[index]

    def replace(self, old: CharSpan, new: CharSpan) -> None:
        if old != new:
            self.remove(old)
            self.add(new)

    def near(self, start: int, end: int) -> list[CharSpan]:
        """The spans that may overlap [start, end) or hold `start`: a superset, in order."""
        low = bisect_right(self._spans, (start - self._longest, end))
        high = bisect_left(self._spans, (end, end))
        if start == end:  # a point: spans starting at it hold it too
            high = bisect_right(self._spans, (end, _LAST))
        return self._spans[low:high]

    def overlaps(self, span: CharSpan) -> bool:
        """Whether any span (s, e) has s < span end and span start < e."""
        start, end = span
        return any(s < end and start < e for s, e in self.near(start, end))

    def holds(self, offset: int) -> bool:
        """Whether any span (s, e) has s <= offset < e."""
        return any(s <= offset < e for s, e in self.near(offset, offset))


_LAST = 1 << 62
