"""Group role spans into attributions: every cue is one attribution; each source and content
piece joins the cue it is closest to, measured in characters, with paragraph breaks counting
as far apart (a quote continues across a cue inside its paragraph, rarely across paragraphs)."""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from newsgraph.attribution.quotes import PARAGRAPH_BREAK, touches_quote_mark
from newsgraph.intervals import SpanIndex

CharSpan = tuple[int, int]
_PARAGRAPH_PENALTY = 2_000
_JOIN_GAP = 40
_NO_END = sys.maxsize  # sorts after every real sentence that starts at the same offset
_SENTENCE_END = re.compile(
    r"[.!?][\"'”’)]*\s|\n"
)  # characters; longer stretches between pieces are real interruptions


@dataclass
class Group:
    cue: CharSpan
    source: CharSpan | None = None
    content: list[CharSpan] = field(default_factory=list)


def distance(text: str, a: CharSpan, b: CharSpan) -> int:
    """Characters between two spans (0 when they touch or overlap), plus a penalty for each
    paragraph break in between."""
    left, right = (a, b) if a[0] <= b[0] else (b, a)
    if right[0] <= left[1]:
        return 0
    starts, ends = _paragraph_breaks(text)
    # Breaks that meet the gap, counted by bisection: grouping measures tens of thousands of
    # distances in a long article.
    crossed = bisect_left(starts, right[0]) - bisect_right(ends, left[1])
    return right[0] - left[1] + _PARAGRAPH_PENALTY * max(0, crossed)


@lru_cache(maxsize=8)
def _paragraph_breaks(text: str) -> tuple[list[int], list[int]]:
    """Start and end offsets of the paragraph breaks (blank lines) of a text, in order."""
    breaks = [match.span() for match in PARAGRAPH_BREAK.finditer(text)]
    return [start for start, _ in breaks], [end for _, end in breaks]


def group_roles(
    text: str,
    cues: list[CharSpan],
    sources: list[CharSpan],
    contents: list[CharSpan],
    sentences: list[CharSpan] | None = None,
) -> list[Group]:
    groups = [Group(cue=cue) for cue in sorted(cues)]
    if not groups:
        return []
    near = _NearbyCues(groups)
    # Sources: nearest pairs first, one source per cue. A pair as far apart as a paragraph
    # break is never made, so only the cues within that many characters are paired.
    pairs = sorted(
        (distance(text, source, groups[g_index].cue), s_index, g_index)
        for s_index, source in enumerate(sources)
        for g_index in near(source)
    )
    used_sources: set[int] = set()
    for gap, s_index, g_index in pairs:
        if s_index in used_sources or groups[g_index].source is not None:
            continue
        if gap >= _PARAGRAPH_PENALTY:
            continue
        groups[g_index].source = sources[s_index]
        used_sources.add(s_index)
    # Content pieces: each to its nearest cue; a cue may collect several pieces. A cue inside a
    # piece belongs to a nested attribution and cannot be that piece's own cue. A piece with no
    # cue in its own paragraph is a stray fragment, not content.
    for piece in join_fragments(text, contents, [*cues, *sources]):
        candidates = [
            groups[g_index]
            for g_index in near(piece)
            if not (piece[0] <= groups[g_index].cue[0] and groups[g_index].cue[1] <= piece[1])
        ]
        if not candidates:
            continue
        if sentences and not touches_quote_mark(text, piece):
            # Unquoted content shares its cue's sentence; only a quote runs on past it.
            home = sentence_at(sentences, piece[0])
            candidates = [g for g in candidates if sentence_at(sentences, g.cue[0]) == home]
            if not candidates:
                continue
        nearest = min(candidates, key=lambda group: distance(text, piece, group.cue))
        if distance(text, piece, nearest.cue) >= _PARAGRAPH_PENALTY:
            continue
        nearest.content.append(piece)
    for group in groups:
        group.content = _one_unquoted_stretch_a_side(text, group)
    if sentences:
        _share_sources(text, groups, sources, sentences)
    return groups


class _NearbyCues:
    """The groups (sorted by cue) whose cue lies less than _PARAGRAPH_PENALTY characters from
    a span: the only ones a source or content piece may join, since distance() counts at least
    the characters between. Looking at these alone keeps grouping linear in the article's
    length; the groups come in the same order, so ties go the same way."""

    def __init__(self, groups: list[Group]) -> None:
        self.starts = [group.cue[0] for group in groups]
        self.longest = max(group.cue[1] - group.cue[0] for group in groups)

    def __call__(self, span: CharSpan) -> range:
        low = bisect_left(self.starts, span[0] - _PARAGRAPH_PENALTY - self.longest)
        high = bisect_right(self.starts, span[1] + _PARAGRAPH_PENALTY)
        return range(low, high)


def _one_unquoted_stretch_a_side(text: str, group: Group) -> list[CharSpan]:
    """Unquoted content runs on from its cue in one stretch. A farther piece on the same side,
    outside quote marks, is the content of another statement whose cue the tagger missed
    ("called Machado 'disgusting' and urged Americans to ..."), so the cue keeps the nearest
    piece, unless that one has under two words (then the tagger more likely broke one content
    in two). On PolNeAR dev this raised content exact F1 by about 0.0025."""
    kept: list[CharSpan] = []
    for before_cue in (True, False):
        pieces = sorted(
            (piece for piece in group.content if (piece[1] <= group.cue[0]) == before_cue),
            key=lambda piece: distance(text, piece, group.cue),
        )
        if not pieces:
            continue
        nearest, *farther = pieces
        broken = len(text[nearest[0] : nearest[1]].split()) < 2
        kept.append(nearest)
        kept.extend(piece for piece in farther if broken or touches_quote_mark(text, piece))
    return sorted(kept)


def _share_sources(
    text: str, groups: list[Group], sources: list[CharSpan], sentences: list[CharSpan]
) -> None:
    """A cue left without a source takes the nearest one in its sentence, even one another cue
    holds: "Trump said X and promised Y" has one source for two statements. A source inside the
    cue's own content is a nested speaker, not this one."""
    by_sentence: dict[CharSpan | None, list[CharSpan]] = {}
    for source in sources:
        by_sentence.setdefault(sentence_at(sentences, source[0]), []).append(source)
    for group in groups:
        if group.source is not None:
            continue
        home = sentence_at(sentences, group.cue[0])
        candidates = [
            source
            for source in by_sentence.get(home, [])
            if not any(start <= source[0] and source[1] <= end for start, end in group.content)
        ]
        if candidates:
            group.source = min(candidates, key=lambda source: distance(text, source, group.cue))


def split_at_paragraphs(text: str, spans: list[CharSpan]) -> list[CharSpan]:
    """No role span crosses a paragraph break (PolNeAR has one such content in 23,000): a span
    the tagger ran on over a break is cut there, and a leftover part with no word is dropped
    (the reopening quote mark of the next paragraph)."""
    result: list[CharSpan] = []
    for start, end in spans:
        cuts = [(m.start(), m.end()) for m in PARAGRAPH_BREAK.finditer(text, start, end)]
        bounds = [start, *(edge for cut in cuts for edge in cut), end]
        for part_start, part_end in zip(bounds[::2], bounds[1::2], strict=True):
            if any(char.isalnum() for char in text[part_start:part_end]) or (
                part_start == start and part_end == end
            ):
                result.append((part_start, part_end))
    return result


def sentence_at(sentences: list[CharSpan], offset: int) -> CharSpan | None:
    """The sentence (from a list in text order) that holds the character at `offset`."""
    index = bisect_right(sentences, (offset, _NO_END)) - 1
    if index >= 0 and sentences[index][0] <= offset < sentences[index][1]:
        return sentences[index]
    return None


def join_fragments(text: str, pieces: list[CharSpan], separators: list[CharSpan]) -> list[CharSpan]:
    """Join neighbouring content pieces that no cue or source separates.

    A content is discontinuous when a cue or source interrupts it ("We will sign," she said,
    "but not today"); two pieces with only a few words and no cue or source between them are
    one content the tagger broke."""
    joined: list[CharSpan] = []
    between = SpanIndex(separators)
    for piece in sorted(pieces):
        if joined:
            last = joined[-1]
            gap = text[last[1] : piece[0]]
            interrupted = (
                piece[0] < last[1]  # overlapping pieces belong to different attributions
                or len(gap) > _JOIN_GAP
                or _SENTENCE_END.search(gap) is not None
                # a cue or source that reaches into the gap, even from inside a piece
                or between.overlaps((last[1], piece[0]))
            )
            if not interrupted:
                joined[-1] = (last[0], max(last[1], piece[1]))
                continue
        joined.append(piece)
    return joined
