"""Words, shingles, fingerprints and the stretches of an article that are not its own words.

Every word keeps its character offsets, so whatever two articles are found to share can be
given as spans of both texts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property
from hashlib import blake2b
from typing import NamedTuple

from newsgraph.ingest.furniture import furniture_kind

SHINGLE = 5  # words per shingle
FINGERPRINT_EVERY = 4  # one shingle hash in four, chosen by value (the same in every article)

_WORD = re.compile(r"\w+")
# A quotation: paired marks of one kind, within one paragraph. Typewriter pairs ('' ... '')
# are as newspaper archives write them.
_QUOTATION = re.compile(r"\"[^\"\n]+\"|“[^”\n]+”|''[^\n]+?''|«[^»\n]+»")
# A quotation of fewer words is a phrase the article's own sentence quotes ("a 'reasonable
# suspicion'"), not a speaker's statement.
QUOTATION_WORDS = 5
# A line of at most this many words is a label or a list item ("1.", "Related:", "Video").
LABEL_WORDS = 3
# Words a headline leaves in lower case.
_SMALL = frozenset(
    "a an and as at but by for from in into of on or over the to up via with".split()  # noqa: SIM905
)


class Word(NamedTuple):
    text: str  # lower case
    start: int
    end: int


def shingle_hash(words: Sequence[str]) -> int:
    """A signed 64-bit hash of a shingle (fits a BIGINT column on every database)."""
    digest = blake2b(" ".join(words).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


class Article:
    """One article's text seen as words: shingles, fingerprints, quotations and furniture."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = [Word(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(text)]

    @cached_property
    def shingles(self) -> list[int]:
        """The hash of the shingle starting at each word (fewer than SHINGLE words: one)."""
        words = [w.text for w in self.words]
        if len(words) < SHINGLE:
            return [shingle_hash(words)] if words else []
        return [shingle_hash(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]

    @cached_property
    def shingle_set(self) -> frozenset[int]:
        return frozenset(self.shingles)

    @cached_property
    def fingerprints(self) -> frozenset[int]:
        return frozenset(h for h in self.shingle_set if h % FINGERPRINT_EVERY == 0)

    @cached_property
    def quoted(self) -> list[bool]:
        """Per word: inside a quotation (the words of a speaker, not of the article)."""
        flags = [False] * len(self.words)
        spans = [
            (m.start(), m.end())
            for m in _QUOTATION.finditer(self.text)
            if len(_WORD.findall(m.group())) >= QUOTATION_WORDS
        ]
        _mark(self.words, spans, flags)
        return flags

    @cached_property
    def furniture(self) -> list[bool]:
        """Per word: on a line the HTML reader would take for page furniture (a copyright or
        newsletter line, a link label, a credit line), a short label or list item, or a line in
        title case (headlines, lists of related stories)."""
        flags = [False] * len(self.words)
        spans = []
        offset = 0
        for line in self.text.split("\n"):
            if furniture_kind(line) or _label(line) or _title_case(line):
                spans.append((offset, offset + len(line)))
            offset += len(line) + 1
        _mark(self.words, spans, flags)
        return flags

    def word_at(self, offset: int) -> int:
        """Index of the first word ending after `offset`."""
        low, high = 0, len(self.words)
        while low < high:
            middle = (low + high) // 2
            if self.words[middle].end <= offset:
                low = middle + 1
            else:
                high = middle
        return low


def _label(line: str) -> bool:
    return 0 < len(_WORD.findall(line)) <= LABEL_WORDS


def _title_case(line: str) -> bool:
    found: list[str] = _WORD.findall(line)
    words = [w for w in found if w[0].isalpha() and w.lower() not in _SMALL]
    if len(words) < 4:
        return False
    capitals = sum(w[0].isupper() for w in words)
    return capitals >= 0.75 * len(words)


def _mark(words: list[Word], spans: list[tuple[int, int]], flags: list[bool]) -> None:
    index = 0
    for start, end in spans:
        while index < len(words) and words[index].end <= start:
            index += 1
        position = index
        while position < len(words) and words[position].start < end:
            flags[position] = True
            position += 1
