"""The words and numbers of a claim's content, and how much two contents share.

Terms are content words, folded (lower case, no diacritics) and cut to a crude stem so that
"rammed"/"ramming" or "deadline"/"deadlines" meet; numbers keep their digits with the thousands
separators dropped ("1,800" and "1800" are one number). Two contents that name different
numbers ("14 vessels", "20 vessels") are different claims whatever else they share.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Function words and reporting words: they say nothing about what is claimed. General English,
# not words of any article.
STOPWORDS = frozenset(
    """a an the and or but nor if then than that this these those there here of in on at to for
    from by with without within into onto over under about after before since until during
    as is are was were be been being am has have had having do does did doing will would shall
    should can could may might must not no so such very too also only just even still yet
    it its it's they them their theirs he him his she her hers we us our ours you your yours
    i me my mine who whom whose which what when where why how all any both each every few more
    most other some own same another much many one ones said say says saying told tell tells
    according added add adds claimed claim claims alleged allege alleges insisted insist
    insists stated state states reported report reports announced announce confirmed confirm
    would've now again already ever never last next week weeks day days year years month months
    monday tuesday wednesday thursday friday saturday sunday""".split()  # noqa: SIM905
)

_WORD = re.compile(r"\d[\d,.]*\d|\d|\w+", re.UNICODE)
_SUFFIXES = ("ings", "ing", "edly", "ed", "es", "s")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    # "rammed" -> "ramm" and "ramming" -> "ramm"; "planned" and "plans" -> "plann", "plan".
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]
    return word[:60]


@dataclass(frozen=True)
class Terms:
    """What a content says, as sets: its stemmed content words and its numbers."""

    words: frozenset[str]
    numbers: frozenset[str]

    @property
    def all(self) -> frozenset[str]:
        return self.words | self.numbers


def terms(text: str) -> Terms:
    words: set[str] = set()
    numbers: set[str] = set()
    for token in _WORD.findall(fold(text)):
        if token[0].isdigit():
            numbers.add(token.replace(",", "").rstrip("."))
        elif token not in STOPWORDS and len(token) > 1 and not token.isdigit():
            words.add(_stem(token.replace("'s", "")))
    return Terms(frozenset(words), frozenset(numbers))


def numbers_conflict(a: Terms, b: Terms) -> bool:
    """Both name numbers and none of them agree: different figures, different claims."""
    return bool(a.numbers and b.numbers and not (a.numbers & b.numbers))


def word_overlap(a: Terms, b: Terms) -> float:
    """How much of the shorter content the longer one holds, damped when the shorter has
    only a word or two (two contents that share "jobs" are not yet one claim)."""
    left, right = a.all, b.all
    if not left or not right:
        return 0.0
    shared = len(left & right)
    smaller = min(len(left), len(right))
    containment = shared / smaller
    jaccard = shared / len(left | right)
    # A trimmed quote is contained whole; a paraphrase shares words both ways.
    blended = 0.7 * containment + 0.3 * jaccard
    if smaller < 4:
        blended *= smaller / 4
    return blended
