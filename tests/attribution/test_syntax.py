"""Word features from the parse, as the attribution tagger reads them."""

from __future__ import annotations

import numpy as np

from newsgraph.attribution.syntax import (
    DEPENDENCIES,
    FEATURES,
    UPOS,
    VOCABULARY,
    piece_features,
    word_features,
)
from newsgraph.nlp.loader import load_nlp


def test_word_features_name_each_word_its_tag_label_and_head_side() -> None:
    doc = load_nlp()("Lind said the bridge opens in May.")
    words = word_features(doc)
    said = next(t for t in doc if t.text == "said")
    lind = words[0]
    assert tuple(lind[:2]) == (0, 4)
    assert lind[2] == 2 + UPOS.index("PROPN")
    assert lind[3] == 2 + DEPENDENCIES.index("nsubj")
    # Lind's head ("said") is one word to the right; the root's head is itself
    assert lind[4] == 2 + int(np.searchsorted((-10, -5, -2, -1, 0, 1, 2, 5, 10), 1))
    assert words[said.i][4] == 2 + 4
    for column, name in enumerate(FEATURES, start=2):
        assert words[:, column].min() > 0 and words[:, column].max() < VOCABULARY[name]


def test_each_piece_takes_the_features_of_the_word_it_starts_in() -> None:
    words = np.array([[0, 4, 5, 6, 7], [5, 9, 8, 9, 10]], dtype=np.int64)
    # "Lind" "sa" "##id" and a piece in the gap between words
    offsets = [(0, 4), (5, 7), (7, 9), (4, 5)]
    features = piece_features(words, offsets)
    assert features.tolist() == [[5, 6, 7], [8, 9, 10], [8, 9, 10], [0, 0, 0]]
    assert piece_features(words[:0], offsets).tolist() == [[0, 0, 0]] * 4
