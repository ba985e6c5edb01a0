"""Quoted stretches of an article: where direct speech begins and ends.

Curly quotes pair by direction; straight quotes alternate. Typewriter-style double quotes
written as two apostrophes (''…'', common in newspaper archives) count as straight double
quotes, and two backticks (``) as an opening one. A quote that is not closed by the end of its
paragraph stops there (newspapers leave a quote open when it runs on into the next paragraph,
which then reopens it), so an unbalanced mark never swallows the rest of the article.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right

CharSpan = tuple[int, int]
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")  # a blank line, spaces on it allowed
# One quote mark per match; the two-character marks first so that '' is never read as two
# apostrophes.
_MARK = re.compile(r"''|``|[\"“”«»„‟]")
_OPENERS = {"“", "«", "„", "``"}
_CLOSERS = {"”", "»", "‟"}
_STRAIGHT = {'"', "''"}


def quoted_regions(text: str) -> list[CharSpan]:
    """Spans of quoted text, quote marks included."""
    regions: list[CharSpan] = []
    position = 0
    for paragraph_end in [m.start() for m in PARAGRAPH_BREAK.finditer(text)] + [len(text)]:
        regions.extend(_in_paragraph(text, position, paragraph_end))
        position = paragraph_end
    return regions


def opens_quote(text: str, offset: int) -> bool:
    """Whether a quote mark that can open a quote starts at `offset`."""
    mark = _MARK.match(text, offset)
    return mark is not None and mark.group() not in _CLOSERS


def closes_quote(text: str, end: int) -> bool:
    """Whether a quote mark that can close a quote ends at `end`."""
    return any(text.endswith(mark, 0, end) for mark in (*_CLOSERS, *_STRAIGHT))


def touches_quote_mark(text: str, piece: CharSpan) -> bool:
    """Whether a quote mark opens or closes the piece, or sits right before or after it."""
    near = (
        text[max(0, piece[0] - 2) : piece[0] + 2],
        text[max(0, piece[1] - 2) : piece[1] + 2],
    )
    return any(_MARK.search(part) for part in near)


def _in_paragraph(text: str, start: int, end: int) -> list[CharSpan]:
    regions: list[CharSpan] = []
    opened: int | None = None
    for match in _MARK.finditer(text, start, end):
        mark, index = match.group(), match.start()
        if mark in _OPENERS or (mark in _STRAIGHT and opened is None):
            if opened is None:
                opened = index
        elif opened is not None:
            regions.append((opened, match.end()))
            opened = None
        elif mark in _CLOSERS and not regions:
            # A closing mark with no opener in its paragraph ends a quote carried over from
            # the paragraph before, whose reopening mark was left out.
            first = start
            while first < index and text[first].isspace():
                first += 1
            regions.append((first, match.end()))
    if opened is not None:
        # Open to the end of the paragraph (a quote running on into the next one).
        last = end
        while last > opened and text[last - 1].isspace():
            last -= 1
        regions.append((opened, last))
    return regions


def quoted_share(regions: list[CharSpan], start: int, end: int) -> float:
    """Share of the characters in [start, end) that lie inside quotes; `regions` as
    quoted_regions gives them (in text order, none overlapping another)."""
    if end <= start:
        return 0.0
    # Only the region that starts last at or before `start`, and those starting inside the
    # span, can cover any of it: a bisection instead of a sum over the whole article.
    first = max(0, bisect_right(regions, (start, _NO_END)) - 1)
    covered = 0
    for s, e in regions[first:]:
        if s >= end:
            break
        covered += max(0, min(e, end) - max(s, start))
    return min(1.0, covered / (end - start))


def holding(regions: list[CharSpan], piece: CharSpan) -> CharSpan | None:
    """The first region (of quoted_regions) that holds `piece`, allowing one character more at
    its end."""
    index = bisect_right(regions, (piece[0], _NO_END)) - 1
    found = None
    # Regions do not overlap, so their ends grow too: walk back while one can still hold it.
    while index >= 0 and regions[index][1] + 1 >= piece[1]:
        if regions[index][0] <= piece[0]:
            found = regions[index]
        index -= 1
    return found


_NO_END = sys.maxsize
