"""A synthetic corpus with copies planted in it, to test and measure the copies step.

Texts are drawn from a vocabulary of made-up words, so that unrelated texts share almost no
shingles; some documents are exact copies of an earlier one, some near copies (words
replaced, inserted or dropped, the ending cut, as republished wire copy is). `jaccard` and
`shingles` compute, in plain Python, what the Spark step estimates, for checking it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
from dataclasses import dataclass

_SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
_WORD = re.compile(r"\W+")


@dataclass(frozen=True)
class SyntheticDocument:
    doc_id: str
    text: str
    published: dt.date
    copy_of: str | None  # the document it was made from, if any
    kind: str | None  # exact or near

    @property
    def content_sha1(self) -> str:
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()


def vocabulary(size: int, rng: random.Random) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def _sentence_text(words: list[str]) -> str:
    # Sentences of about 15 words, capitalised and stopped, so texts read like prose.
    parts = []
    for start in range(0, len(words), 15):
        chunk = words[start : start + 15]
        parts.append(" ".join([chunk[0].capitalize(), *chunk[1:]]) + ".")
    return " ".join(parts)


def _edited(words: list[str], rng: random.Random, lexicon: list[str], rate: float) -> list[str]:
    edited: list[str] = []
    for word in words:
        roll = rng.random()
        if roll < rate / 3:
            continue  # dropped
        if roll < 2 * rate / 3:
            edited.append(rng.choice(lexicon))  # replaced
            continue
        edited.append(word)
        if roll < rate:
            edited.append(rng.choice(lexicon))  # inserted
    if rng.random() < 0.5:
        edited = edited[: int(len(edited) * rng.uniform(0.85, 1.0))]  # ending cut
    return edited


def synthetic_corpus(
    count: int,
    seed: int = 7,
    exact_rate: float = 0.05,
    near_rate: float = 0.10,
    edit_rate: float = 0.04,
    words: tuple[int, int] = (120, 400),
) -> list[SyntheticDocument]:
    """`count` documents; about `exact_rate` of them exact and `near_rate` near copies of an
    earlier document (each word edited with probability `edit_rate`)."""
    rng = random.Random(seed)
    lexicon = vocabulary(20_000, rng)
    start = dt.date(2025, 1, 1)
    documents: list[SyntheticDocument] = []
    originals: list[tuple[str, list[str]]] = []
    for number in range(count):
        doc_id = f"syn-{number:06d}"
        published = start + dt.timedelta(days=number * 365 // max(count, 1))
        roll = rng.random()
        if originals and roll < exact_rate:
            source_id, source_words = rng.choice(originals)
            text = _sentence_text(source_words)
            documents.append(SyntheticDocument(doc_id, text, published, source_id, "exact"))
            continue
        if originals and roll < exact_rate + near_rate:
            source_id, source_words = rng.choice(originals)
            edited = _edited(source_words, rng, lexicon, edit_rate)
            text = _sentence_text(edited)
            documents.append(SyntheticDocument(doc_id, text, published, source_id, "near"))
            continue
        body = [rng.choice(lexicon) for _ in range(rng.randint(*words))]
        originals.append((doc_id, body))
        documents.append(SyntheticDocument(doc_id, _sentence_text(body), published, None, None))
    return documents


def shingles(text: str, size: int = 5) -> set[tuple[str, ...]]:
    """Word shingles as the Spark step makes them: lower case, split at non-word characters."""
    tokens = [t for t in _WORD.split(text.lower()) if t]
    return {tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def jaccard(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)
