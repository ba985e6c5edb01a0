"""Which timex dates a stretch of text: for attributions and events that need a "when".

A statement is dated by a point-like timex (DATE or TIME) inside its sentence or clause: "said
in an interview days ago", "posted on January 10, 2025". Durations and sets date nothing. With
no such timex the caller falls back on the publication date, which it records as no timex.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsgraph.model import Timex

_POINT_TYPES = ("DATE", "TIME")


def timexes_within(timexes: Sequence[Timex], start: int, end: int) -> list[Timex]:
    """Timexes lying wholly inside the characters [start, end), in text order."""
    return sorted(
        (timex for timex in timexes if start <= timex.start and timex.end <= end),
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
