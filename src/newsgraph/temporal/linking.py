"""Which timex dates a stretch of text: for attributions and events that need a "when".

A statement is dated by a point-like timex (DATE or TIME) inside its sentence or clause: "said
in an interview days ago", "posted on January 10, 2025". Durations and sets date nothing. With
no such timex the caller falls back on the publication date, which it records as no timex.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from newsgraph.model import Timex

_POINT_TYPES = ("DATE", "TIME")


class _Positions:
    """A list of timexes sorted by start, for lookups by position: attributions ask for the
    timexes of one sentence thousands of times in a long article."""

    def __init__(self, timexes: Sequence[Timex]) -> None:
        self.timexes = timexes
        self.count = len(timexes)
        self.order = sorted(range(len(timexes)), key=lambda index: timexes[index].start)
        self.starts = [timexes[index].start for index in self.order]
        self.longest = max((timex.end - timex.start for timex in timexes), default=0)

    def fits(self, timexes: Sequence[Timex]) -> bool:
        return timexes is self.timexes and len(timexes) == self.count

    def starting(self, low: int, high: int) -> list[Timex]:
        """The timexes that start in [low, high), in list order."""
        first, last = bisect_left(self.starts, low), bisect_left(self.starts, high)
        return [self.timexes[index] for index in sorted(self.order[first:last])]


_positions: _Positions | None = None
_SCAN_BELOW = 64


def timexes_starting(timexes: Sequence[Timex], low: int, high: int) -> list[Timex]:
    """The timexes of `timexes` that start in [low, high), in their order in `timexes`."""
    global _positions
    if len(timexes) < _SCAN_BELOW:  # a short list (one sentence's) costs less to scan
        return [timex for timex in timexes if low <= timex.start < high]
    if _positions is None or not _positions.fits(timexes):
        _positions = _Positions(timexes)
    return _positions.starting(low, high)


def timexes_covering(timexes: Sequence[Timex], start: int, end: int) -> list[Timex]:
    """The timexes that hold all of [start, end), in their order in `timexes`."""
    if len(timexes) < _SCAN_BELOW:
        return [timex for timex in timexes if timex.start <= start and end <= timex.end]
    timexes_starting(timexes, 0, 0)  # makes sure the index is that of `timexes`
    assert _positions is not None
    nearby = timexes_starting(timexes, start - _positions.longest, start + 1)
    return [timex for timex in nearby if timex.start <= start and end <= timex.end]


def timexes_within(timexes: Sequence[Timex], start: int, end: int) -> list[Timex]:
    """Timexes lying wholly inside the characters [start, end), in text order."""
    return sorted(
        (timex for timex in timexes_starting(timexes, start, end) if timex.end <= end),
        key=lambda timex: timex.start,
    )


def timex_for_span(
    timexes: Sequence[Timex], start: int, end: int, focus: int | None = None
) -> Timex | None:
    """The timex that dates the text in [start, end), or None when the text gives none.

    Only DATE and TIME timexes with a value qualify. With several, the one nearest to `focus`
    (e.g. the speech verb of an attribution) wins, else the first.
    """
    points = [
        timex
        for timex in timexes_within(timexes, start, end)
        if timex.type in _POINT_TYPES and timex.value is not None
    ]
    if not points:
        return None
    if focus is None:
        return points[0]
    return min(points, key=lambda timex: _gap(timex, focus))


def _gap(timex: Timex, offset: int) -> int:
    if timex.start <= offset < timex.end:
        return 0
    return timex.start - offset if timex.start > offset else offset - timex.end + 1
