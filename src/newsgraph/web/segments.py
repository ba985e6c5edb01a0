"""Cutting an article into flat segments at every span boundary, so that overlapping and
nested spans of any layer render as one run of HTML elements with no improper nesting.

Each segment is a stretch of text covered by the same set of spans; a span covering several
segments is found again by its id on each of them. Cutting server-side keeps the browser code
small and lets the page read correctly without JavaScript.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True)
class Mark:
    """One annotated stretch of the text: a span of some layer, known by `id`."""

    id: str
    start: int
    end: int


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    text: str
    # Ids of the marks covering every character of the segment, the outermost (longest) first.
    marks: tuple[str, ...]


def segment(text: str, marks: Sequence[Mark]) -> list[Segment]:
    """The text as consecutive segments covering it exactly; empty and out-of-range marks are
    ignored. Joining the segments' texts gives `text` back."""
    usable = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    bounds = sorted({0, len(text), *(m.start for m in usable), *(m.end for m in usable)})
    # Outermost first: longer spans, then earlier ones, then by id for a stable order.
    ordered = sorted(usable, key=lambda m: (m.start - m.end, m.start, m.id))
    starting: dict[int, list[Mark]] = {}
    for mark in sorted(usable, key=lambda m: m.start):
        starting.setdefault(mark.start, []).append(mark)
    rank = {mark.id: position for position, mark in enumerate(ordered)}
    open_marks: dict[str, Mark] = {}
    segments = []
    for start, end in pairwise(bounds):
        for mark in starting.get(start, ()):
            open_marks[mark.id] = mark
        for mark_id in [i for i, m in open_marks.items() if m.end <= start]:
            del open_marks[mark_id]
        covering = sorted(open_marks, key=rank.__getitem__)
        segments.append(Segment(start, end, text[start:end], tuple(covering)))
    return segments
