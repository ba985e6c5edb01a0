"""The bundled sentence embedder: unit vectors, in input order, that place paraphrases together."""

from __future__ import annotations

import numpy as np
import pytest

from newsgraph.nlp.embeddings import DIMENSIONS, SentenceEmbedder, shared_embedder


@pytest.fixture(scope="module")
def embedder() -> SentenceEmbedder:
    return shared_embedder()


def test_rows_are_unit_vectors_in_input_order(embedder: SentenceEmbedder) -> None:
    texts = [
        "A much longer sentence about the talks between the two governments that went on "
        "for several days in the capital.",
        "Short one.",
        "",
        "Another sentence of middling length about the weather.",
    ]
    vectors = embedder.encode(texts)
    assert vectors.shape == (4, DIMENSIONS)
    norms = np.linalg.norm(vectors, axis=1)
    assert norms[[0, 1, 3]] == pytest.approx(1.0, abs=1e-3)
    assert norms[2] == 0.0
    # Batching by length must not reorder or mix the rows.
    for i in (0, 1, 3):
        assert vectors[i] == pytest.approx(embedder.encode_one(texts[i]), abs=1e-4)


def test_paraphrases_are_closer_than_unrelated_sentences(embedder: SentenceEmbedder) -> None:
    claim = "The minister said the army had retaken the city."
    paraphrase = "According to the minister, the military recaptured the town."
    unrelated = "The central bank left interest rates unchanged on Thursday."
    a, b, c = embedder.encode([claim, paraphrase, unrelated])
    assert float(a @ b) > float(a @ c) + 0.2


def test_long_texts_are_cut_not_refused(embedder: SentenceEmbedder) -> None:
    long_text = "The talks went on. " * 2000
    vector = embedder.encode([long_text])[0]
    assert np.linalg.norm(vector) == pytest.approx(1.0, abs=1e-3)


def test_empty_input() -> None:
    assert shared_embedder().encode([]).shape == (0, DIMENSIONS)
