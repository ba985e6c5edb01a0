"""What two articles share: the passages both hold (spans in each), which of them are no reuse
(boilerplate, quotations), and the relation that follows (exact, near, partial or none).

Passages are runs of word shingles the two texts hold in the same order; runs a few words
apart on both sides (a number changed, a word inserted) are joined into one passage.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from newsgraph.corpus.copies.text import SHINGLE, Article

Relation = Literal["exact", "near", "partial"]
Discount = Literal["boilerplate", "quotation"]

# A near-copy: each article has at least this share of its words in passages the other holds
# (an update, a rewrite, a repost with furniture added or an end trimmed).
NEAR_COVER = 0.5
# Partial reuse: a passage of at least this many consecutive words that are the article's own
# (not within quotation marks, not furniture) and not boilerplate.
PARTIAL_WORDS = 20
# A passage that is mostly quotation is reuse when the article's own words around the quote
# (who said it, how it is introduced) come with it: at least this many, in a passage of at
# least REUSED_QUOTE words. Two articles quoting one speaker share the quoted words only.
FRAMING_WORDS = 5
REUSED_QUOTE = 40
# Two runs this many words apart or less on both sides are one passage.
JOIN_GAP = 4
# Shared stretches shorter than this are chance phrases ("said on Monday that the"), no
# passage.
MIN_PASSAGE_WORDS = 8
# A shingle repeated more often than this within one article says nothing about reuse.
MAX_REPEATS = 8


@dataclass(frozen=True)
class Passage:
    """Words [first_word, first_word + first_words) of the first article shared with words
    [second_word, ...) of the second."""

    first_word: int
    first_words: int
    second_word: int
    second_words: int
    discount: Discount | None = None
    own_words: int = 0  # the longest stretch of the article's own words in it
    own_total: int = 0  # all the article's own words in it

    @property
    def reuse(self) -> bool:
        """Enough of the article's own words to be reuse, not a shared quotation."""
        if self.discount is not None:
            return False
        framed = self.first_words >= REUSED_QUOTE and self.own_total >= FRAMING_WORDS
        return self.own_words >= PARTIAL_WORDS or framed


@dataclass(frozen=True)
class Comparison:
    relation: Relation | None
    similarity: float  # Jaccard of the shingle sets
    containment: float  # share of the second's shingles the first holds
    first_cover: float  # share of the first's words in reused passages
    second_cover: float
    passages: list[Passage]


def compare(
    first: Article,
    second: Article,
    is_boilerplate: Callable[[Article, int, int], bool] = lambda _a, _s, _e: False,
) -> Comparison:
    """Compare two articles. `is_boilerplate(article, first_word, words)` tells whether a
    stretch of the first article is boilerplate (its fingerprints are common in the store)."""
    shared = first.shingle_set & second.shingle_set
    union = len(first.shingle_set | second.shingle_set) or 1
    similarity = len(shared) / union
    containment = len(shared) / (len(second.shingle_set) or 1)
    if first.text == second.text:
        whole = [Passage(0, len(first.words), 0, len(second.words))]
        return Comparison("exact", 1.0, 1.0, 1.0, 1.0, whole)
    passages = [
        _judged(first, second, passage, is_boilerplate) for passage in _join(_runs(first, second))
    ]
    reused = [p for p in passages if p.discount is None]
    first_cover = sum(p.first_words for p in reused) / (len(first.words) or 1)
    second_cover = sum(p.second_words for p in reused) / (len(second.words) or 1)
    relation: Relation | None = None
    if min(first_cover, second_cover) >= NEAR_COVER:
        relation = "near"
    elif any(p.reuse for p in reused):
        relation = "partial"
    return Comparison(relation, similarity, containment, first_cover, second_cover, passages)


def _runs(first: Article, second: Article) -> list[tuple[int, int, int]]:
    """Maximal runs (first shingle, second shingle, length in shingles) held in order by both,
    longest first, no two overlapping on either side."""
    positions: defaultdict[int, list[int]] = defaultdict(list)
    for j, value in enumerate(second.shingles):
        positions[value].append(j)
    active: dict[int, tuple[int, int]] = {}
    found: list[tuple[int, int, int]] = []
    for i, value in enumerate(first.shingles):
        places = positions.get(value, ())
        following: dict[int, tuple[int, int]] = {}
        if len(places) <= MAX_REPEATS:
            for j in places:
                following[j] = active.get(j - 1, (i, j))
        for j, (start_i, start_j) in active.items():
            if following.get(j + 1) != (start_i, start_j):
                found.append((start_i, start_j, i - start_i))
        active = following
    end = len(first.shingles)
    found.extend((start_i, start_j, end - start_i) for start_i, start_j in active.values())
    found.sort(key=lambda run: (-run[2], run[0]))
    taken_first: list[tuple[int, int]] = []
    taken_second: list[tuple[int, int]] = []
    kept = []
    for start_i, start_j, length in found:
        span_i = (start_i, start_i + length)
        span_j = (start_j, start_j + length)
        if _overlaps(span_i, taken_first) or _overlaps(span_j, taken_second):
            continue
        taken_first.append(span_i)
        taken_second.append(span_j)
        kept.append((start_i, start_j, length))
    return sorted(kept)


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def _join(runs: list[tuple[int, int, int]]) -> list[Passage]:
    """Runs to passages in words, joining those a few words apart on both sides."""
    passages: list[Passage] = []
    for start_i, start_j, length in runs:
        words = length + SHINGLE - 1
        if passages:
            last = passages[-1]
            gap_first = start_i - (last.first_word + last.first_words)
            gap_second = start_j - (last.second_word + last.second_words)
            if -SHINGLE < gap_first <= JOIN_GAP and -SHINGLE < gap_second <= JOIN_GAP:
                passages[-1] = Passage(
                    last.first_word,
                    max(last.first_words, start_i + words - last.first_word),
                    last.second_word,
                    max(last.second_words, start_j + words - last.second_word),
                )
                continue
        passages.append(Passage(start_i, words, start_j, words))
    return [p for p in passages if p.first_words >= MIN_PASSAGE_WORDS]


def _judged(
    first: Article,
    second: Article,
    passage: Passage,
    is_boilerplate: Callable[[Article, int, int], bool],
) -> Passage:
    """The passage with what discounts it, and its longest stretch of own words."""
    quoted_first = first.quoted
    quoted_second = second.quoted
    furniture = first.furniture
    longest = run = own = 0
    furniture_words = quoted_words = 0
    offset = passage.second_word - passage.first_word
    for index in range(passage.first_word, passage.first_word + passage.first_words):
        other = min(index + offset, len(second.words) - 1)
        quoted = quoted_first[index] or quoted_second[other]
        quoted_words += quoted
        furniture_words += furniture[index]
        if quoted or furniture[index]:
            run = 0
        else:
            own += 1
            run += 1
            longest = max(longest, run)
    discount: Discount | None = None
    if furniture_words * 2 >= passage.first_words or is_boilerplate(
        first, passage.first_word, passage.first_words
    ):
        discount = "boilerplate"
    elif quoted_words * 2 >= passage.first_words and longest < PARTIAL_WORDS:
        framed = passage.first_words >= REUSED_QUOTE and own >= FRAMING_WORDS
        discount = None if framed else "quotation"
    return Passage(
        passage.first_word,
        passage.first_words,
        passage.second_word,
        passage.second_words,
        discount,
        longest,
        own,
    )
