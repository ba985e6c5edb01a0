"""Whether two statements report the same claim: the same source saying the same thing.

The content decides, with a bar that depends on what is known of the two sources:

- the same corpus entity (or two unnamed sources described with a word in common, "the union"
  and "the Dock Workers Union"): the lowest bar, since a copy trims and rewords;
- nothing to compare (an unlinked source, or the outlet's own voice, which names nobody):
  a higher bar; this is how a claim is matched to the sentence that drops its source;
- two different corpus entities: the highest bar, for a claim one source repeats after
  another in nearly the same words.

Content similarity is the share of content words and numbers the two have in common (see
`text.word_overlap`), blended with the cosine of their sentence embeddings when both have one.
Different numbers ("14 vessels", "20 vessels") never match.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import numpy as np
import numpy.typing as npt

from newsgraph.corpus.claims.text import STOPWORDS, Terms, fold, numbers_conflict, word_overlap

Vector = npt.NDArray[np.float32]


class SourceRelation(Enum):
    SAME = "same"
    OPEN = "open"
    DIFFERENT = "different"


# The similarity a pair needs, by what is known of the sources. Chosen on the development
# stories of data/gold/claims-src (01-06), never on the held-out ones.
THRESHOLDS = {SourceRelation.SAME: 0.5, SourceRelation.OPEN: 0.62, SourceRelation.DIFFERENT: 0.85}
# Weight of the embedding cosine in the blend, when both contents have an embedding.
EMBEDDING_WEIGHT = 0.5


@dataclass(frozen=True)
class Comparable:
    """What matching needs to know of a statement or a stored appearance."""

    document_key: int
    start: int
    end: int
    attributed: bool
    source: str | None
    source_key: str | None
    terms: Terms
    embedding: Vector | None


def source_relation(a: Comparable, b: Comparable) -> SourceRelation:
    if not (a.attributed and b.attributed):
        return SourceRelation.OPEN
    if a.source_key and b.source_key:
        return SourceRelation.SAME if a.source_key == b.source_key else SourceRelation.DIFFERENT
    if a.source and b.source and _source_words(a.source) & _source_words(b.source):
        return SourceRelation.SAME
    return SourceRelation.OPEN


def _source_words(name: str) -> set[str]:
    return {w for w in fold(name).replace("'s", "").split() if w not in STOPWORDS and len(w) > 2}


def similarity(a: Comparable, b: Comparable) -> float:
    if numbers_conflict(a.terms, b.terms):
        return 0.0
    words = word_overlap(a.terms, b.terms)
    if a.embedding is None or b.embedding is None:
        return words
    cosine = float(np.dot(a.embedding, b.embedding))
    return (1 - EMBEDDING_WEIGHT) * words + EMBEDDING_WEIGHT * cosine


def margin(new: Comparable, old: Comparable) -> float | None:
    """How far the pair clears its bar (>= 0: the same claim); None when the two can never be
    one claim: overlapping parts of one document (a statement and the one nested in it)."""
    if new.document_key == old.document_key and new.start < old.end and old.start < new.end:
        return None
    return similarity(new, old) - THRESHOLDS[source_relation(new, old)]
