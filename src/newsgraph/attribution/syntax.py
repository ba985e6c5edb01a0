"""Word-level syntax from the spaCy parse as extra tagger input: each word piece carries the
part of speech and dependency label of its word and where that word's head lies.

Contents are mostly clauses and cues mostly verbs; the parse says where a clause starts and
what governs it, which a six-layer encoder reading word pieces learns only in part. The ids
are fixed here (0 means "no word", as for [CLS], [SEP] and whitespace), so a model trained
with them reads the same ids at run time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

UPOS = (
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
    "PUNCT", "SCONJ", "SYM", "VERB", "X", "SPACE",
)  # fmt: skip
# en_core_web_sm's dependency labels (ClearNLP style).
DEPENDENCIES = (
    "ROOT", "acl", "acomp", "advcl", "advmod", "agent", "amod", "appos", "attr", "aux",
    "auxpass", "case", "cc", "ccomp", "compound", "conj", "csubj", "csubjpass", "dative", "dep",
    "det", "dobj", "expl", "intj", "mark", "meta", "neg", "nmod", "npadvmod", "nsubj",
    "nsubjpass", "nummod", "oprd", "parataxis", "pcomp", "pobj", "poss", "preconj", "predet",
    "prep", "prt", "punct", "quantmod", "relcl", "xcomp",
)  # fmt: skip
# Signed distance from a word to its head, in words, cut into buckets (0 is the root itself).
HEAD_BUCKETS = (-10, -5, -2, -1, 0, 1, 2, 5, 10)
FEATURES = ("pos", "dep", "head")
# Table sizes, the "no word" id 0 and the "unknown label" id included.
VOCABULARY = {
    "pos": len(UPOS) + 2,
    "dep": len(DEPENDENCIES) + 2,
    "head": len(HEAD_BUCKETS) + 3,  # n bucket edges make n + 1 buckets
}
_POS_ID = {tag: number for number, tag in enumerate(UPOS, start=2)}
_DEP_ID = {label: number for number, label in enumerate(DEPENDENCIES, start=2)}


def word_features(doc: Any) -> NDArray[np.int64]:
    """[words, 5]: start and end character of each word, then its pos, dep and head ids."""
    from spacy.attrs import DEP, HEAD, IDX, LENGTH, POS

    rows = np.zeros((len(doc), 2 + len(FEATURES)), dtype=np.int64)
    if len(doc) == 0:
        return rows
    # One array read instead of a Python loop over tokens: on a long article the loop cost
    # about a sixth of the tagger's own time.
    table = np.asarray(doc.to_array([IDX, LENGTH, POS, DEP, HEAD]), dtype=np.uint64)
    rows[:, 0] = table[:, 0]
    rows[:, 1] = table[:, 0] + table[:, 1]
    strings = doc.vocab.strings
    rows[:, 2] = _label_ids(table[:, 2], strings, _POS_ID)
    rows[:, 3] = _label_ids(table[:, 3], strings, _DEP_ID)
    # HEAD comes as the offset from the word to its head, signed, stored in unsigned form.
    rows[:, 4] = 2 + np.searchsorted(HEAD_BUCKETS, table[:, 4].view(np.int64))
    return rows


def _label_ids(hashes: NDArray[np.uint64], strings: Any, ids: dict[str, int]) -> NDArray[np.int64]:
    """Our id (1 when unknown) for each spaCy label hash, looked up once per distinct label."""
    distinct, positions = np.unique(hashes, return_inverse=True)
    table = np.array(
        [ids.get(strings[int(value)], 1) for value in distinct],
        dtype=np.int64,
    )
    return table[positions.reshape(-1)]


def piece_features(
    words: NDArray[np.int64], offsets: Sequence[tuple[int, int]]
) -> NDArray[np.int64]:
    """[pieces, 3]: the features of the word each word piece starts in (0 where none)."""
    result = np.zeros((len(offsets), len(FEATURES)), dtype=np.int64)
    if len(words) == 0 or len(offsets) == 0:
        return result
    starts = np.array([start for start, _ in offsets], dtype=np.int64)
    index = np.searchsorted(words[:, 0], starts, side="right") - 1
    inside = (index >= 0) & (starts < words[np.clip(index, 0, None), 1])
    result[inside] = words[index[inside], 2:]
    return result


def window_rows(features: NDArray[np.int64], first: int, length: int) -> NDArray[np.int64]:
    """The features of a window of `length` ids whose first word piece is `first`, with no
    word for its [CLS] and [SEP]."""
    rows = np.zeros((length, len(FEATURES)), dtype=np.int64)
    rows[1:-1] = features[first : first + length - 2]
    return rows
