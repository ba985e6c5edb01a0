"""Quoted stretches of an article: where direct speech begins and ends.

Curly quotes pair by direction; straight quotes alternate. A quote that is not closed by the
end of its paragraph stops there (newspapers leave a quote open when it runs on into the next
paragraph, which then reopens it), so an unbalanced mark never swallows the rest of the article.
"""

from __future__ import annotations

import re

CharSpan = tuple[int, int]
_PARAGRAPH = re.compile(r"\n\s*\n")
_OPEN, _CLOSE, _STRAIGHT = "“«„", "”»‟", '"'


def quoted_regions(text: str) -> list[CharSpan]:
    """Spans of quoted text, quote marks included."""
    regions: list[CharSpan] = []
    position = 0
    for paragraph_end in [m.start() for m in _PARAGRAPH.finditer(text)] + [len(text)]:
        regions.extend(_in_paragraph(text, position, paragraph_end))
        position = paragraph_end
    return regions


def _in_paragraph(text: str, start: int, end: int) -> list[CharSpan]:
    regions: list[CharSpan] = []
    opened: int | None = None
    for index in range(start, end):
        char = text[index]
        if char in _OPEN or (char == _STRAIGHT and opened is None):
            if opened is None:
                opened = index
        elif (char in _CLOSE or char == _STRAIGHT) and opened is not None:
            regions.append((opened, index + 1))
            opened = None
        elif char in _CLOSE and not regions:
            # A closing mark with no opener in its paragraph ends a quote carried over from
            # the paragraph before, whose reopening mark was left out.
            first = start
            while first < index and text[first].isspace():
                first += 1
            regions.append((first, index + 1))
    if opened is not None:
        # Open to the end of the paragraph (a quote running on into the next one).
        last = end
        while last > opened and text[last - 1].isspace():
            last -= 1
        regions.append((opened, last))
    return regions


def quoted_share(regions: list[CharSpan], start: int, end: int) -> float:
    """Share of the characters in [start, end) that lie inside quotes."""
    if end <= start:
        return 0.0
    covered = sum(max(0, min(e, end) - max(s, start)) for s, e in regions)
    return min(1.0, covered / (end - start))
