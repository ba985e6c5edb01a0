"""The words a story is recognised by: content words of an article, names counted twice.

Two happenings of one kind (two Oscars hosts announced, two earthquakes) share most of their
vocabulary; what tells them apart is who, where and when. A capitalised word inside a sentence
is most often part of a name, so it counts NAME_WEIGHT times; a year counts as a term of its
own kind ("year:2013"). Parts of web addresses (http, www, com ...) are no content at all.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.lang.en.stop_words import STOP_WORDS

NAME_WEIGHT = 2
YEAR_WEIGHT = 3
MIN_LENGTH = 3
MAX_LENGTH = 60  # longer "words" are glued-together junk, not terms
_WEB_WORDS = frozenset(
    [
        "http",
        "https",
        "www",
        "com",
        "org",
        "net",
        "html",
        "htm",
        "php",
        "asp",
        "aspx",
        "index",
        "story",
        "article",
        "news",
    ]
)
_IGNORED = frozenset(STOP_WORDS) | _WEB_WORDS
_TOKEN = re.compile(r"[^\W_][\w'-]*")
_YEAR = re.compile(r"(?:19[5-9]\d|20\d\d)")

Terms = Counter[str]


def article_terms(text: str) -> Terms:
    """Weighted term counts of an article's text."""
    found: Terms = Counter()
    for line in text.splitlines():
        for match in _TOKEN.finditer(line):
            word = match.group()
            folded = word.casefold().strip("'-")
            if _YEAR.fullmatch(folded):
                found[f"year:{folded}"] += YEAR_WEIGHT
                continue
            if (
                not MIN_LENGTH <= len(folded) <= MAX_LENGTH
                or folded in _IGNORED
                or folded.isdigit()
            ):
                continue
            named = word[0].isupper() and not _starts_sentence(line, match.start())
            found[folded] += NAME_WEIGHT if named else 1
    return found


def _starts_sentence(line: str, start: int) -> bool:
    """A word at the start of a line or after a full stop is capitalised anyway: no name."""
    before = line[:start].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?:"
