"""The copy pair page's two texts, side by side, with the passages they share marked.

Each side is cut into stretches at the shared spans' ends; a stretch is plain, shared (with
the number of the passage, the same on both sides, so the reader can match them) or shared
but discounted (boilerplate or a quotation both took from elsewhere: shared, yet no reuse).
"""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph.corpus.copies.report import CopyPair


@dataclass(frozen=True)
class Stretch:
    text: str
    start: int
    end: int
    passage: int | None  # 1-based number of the shared passage; None where not shared
    discounted: str | None


@dataclass(frozen=True)
class PairView:
    first: list[Stretch]
    second: list[Stretch]
    shared_words: int


def pair_view(pair: CopyPair, first_text: str, second_text: str) -> PairView:
    first = [(s.first, n, s.discounted) for n, s in enumerate(pair.spans, 1)]
    second = [(s.second, n, s.discounted) for n, s in enumerate(pair.spans, 1)]
    return PairView(
        first=_stretches(first_text, first),
        second=_stretches(second_text, second),
        shared_words=sum(s.words for s in pair.spans if s.discounted is None),
    )


def _stretches(text: str, spans: list[tuple[tuple[int, int], int, str | None]]) -> list[Stretch]:
    """`text` cut at the spans (kept in text order; an overlap is cut at the later start)."""
    out: list[Stretch] = []
    at = 0
    for (start, end), number, discounted in sorted(spans, key=lambda s: s[0]):
        start, end = max(start, at), min(end, len(text))
        if start >= end:
            continue
        if at < start:
            out.append(Stretch(text[at:start], at, start, None, None))
        out.append(Stretch(text[start:end], start, end, number, discounted))
        at = end
    if at < len(text):
        out.append(Stretch(text[at:], at, len(text), None, None))
    return out
