"""The trained event-type classifier: its committed weights and their checks."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from newsgraph.events.plover import TYPES
from newsgraph.events.type_features import DENSE_WIDTH, HASH_BUCKETS
from newsgraph.events.type_model import NONE, YIELD, load_model, shared_model


def test_committed_weights_fit_the_features() -> None:
    model = shared_model()
    assert model.weights.shape == (DENSE_WIDTH + HASH_BUCKETS, len(model.classes))
    assert NONE in model.classes and YIELD in model.classes
    coded = set(model.classes) - {NONE, YIELD}
    assert coded | {"CONCEDE", "RETREAT"} == set(TYPES)
    row = np.zeros(DENSE_WIDTH + HASH_BUCKETS, dtype=np.float32)
    probabilities = model.probabilities(row)
    assert probabilities.shape == (1, len(model.classes))
    assert abs(float(probabilities.sum()) - 1.0) < 1e-5
    assert 0.0 < model.settings["none_lexical"] <= 1.01


def test_weights_for_other_features_are_refused(tmp_path: Path) -> None:
    model = shared_model()
    path = tmp_path / "event_types.npz"
    model.save(path)
    assert load_model(path).classes == model.classes
    with np.load(path) as stored:
        arrays = dict(stored)
    meta = json.loads(bytes(arrays["meta"]).decode("utf-8"))
    meta["feature_version"] = -1
    arrays["meta"] = np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)
    np.savez(path, **arrays)
    with pytest.raises(RuntimeError, match=r"event_types\.npz.*retrain"):
        load_model(path)


def test_probabilities_from_parts_equal_those_of_the_full_row() -> None:
    model = shared_model()
    generator = np.random.default_rng(7)
    dense = generator.normal(size=(3, DENSE_WIDTH)).astype(np.float32)
    buckets = [[3, 400, 4095], [], [17]]
    rows = np.zeros((3, DENSE_WIDTH + HASH_BUCKETS), dtype=np.float32)
    rows[:, :DENSE_WIDTH] = dense
    for row, ones in enumerate(buckets):
        rows[row, [DENSE_WIDTH + b for b in ones]] = 1.0
    assert np.allclose(model.probabilities_of_parts(dense, buckets), model.probabilities(rows))
