"""The trained event-type classifier: multinomial logistic regression over `type_features`.

Trained by training/train_event_classifier.py on the training four-fifths of the PLOVER news
sentences (never on the held-out fifth); the weights live in `model/event_types.npz`. Its
classes are PLOVER's types as the training data codes them (YIELD for CONCEDE or RETREAT) and
NONE, for a candidate that reports no event of its own ("said", "the talks he attended").
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newsgraph.events.type_features import DENSE_WIDTH, FEATURE_VERSION, HASH_BUCKETS

MODEL_PATH = Path(__file__).parent / "model" / "event_types.npz"
NONE = "NONE"
YIELD = "YIELD"

FloatArray = npt.NDArray[np.float32]


@dataclass(frozen=True)
class TypeModel:
    classes: tuple[str, ...]
    weights: FloatArray  # (features, classes)
    bias: FloatArray  # (classes,)
    mean: FloatArray  # (DENSE_WIDTH,): the dense features are standardised
    scale: FloatArray
    # Settings chosen by cross-validation on the training part, kept with the weights.
    settings: dict[str, float]

    def probabilities(self, features: FloatArray) -> FloatArray:
        """Class probabilities, one row per feature row."""
        rows = np.atleast_2d(features).astype(np.float32, copy=True)
        rows[:, :DENSE_WIDTH] = (rows[:, :DENSE_WIDTH] - self.mean) / self.scale
        return _softmax(rows @ self.weights + self.bias)

    def probabilities_of_parts(self, dense: FloatArray, buckets: list[list[int]]) -> FloatArray:
        """The same from each row's dense numbers and its hashed buckets that are 1: the
        weights of those buckets are summed rather than multiplied by thousands of zeros."""
        rows = (np.atleast_2d(dense).astype(np.float32) - self.mean) / self.scale
        logits = rows @ self.weights[:DENSE_WIDTH] + self.bias
        for row, ones in enumerate(buckets):
            logits[row] += self.weights[DENSE_WIDTH + np.asarray(ones, dtype=np.intp)].sum(axis=0)
        return _softmax(logits)

    def save(self, path: Path) -> None:

        path.parent.mkdir(parents=True, exist_ok=True)
        meta = {
            "classes": list(self.classes),
            "feature_version": FEATURE_VERSION,
            "dense_width": DENSE_WIDTH,
            "hash_buckets": HASH_BUCKETS,
            "settings": self.settings,
        }
        np.savez_compressed(
            path,
            weights=self.weights.astype(np.float16),
            bias=self.bias.astype(np.float32),
            mean=self.mean.astype(np.float32),
            scale=self.scale.astype(np.float32),
            meta=np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
        )


def _softmax(logits: npt.NDArray[np.floating[Any]]) -> FloatArray:
    logits = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(logits)
    return np.asarray(exp / exp.sum(axis=1, keepdims=True), dtype=np.float32)


def load_model(path: Path) -> TypeModel:
    with np.load(path) as stored:
        meta = json.loads(bytes(stored["meta"]).decode("utf-8"))
        if (
            meta["feature_version"] != FEATURE_VERSION
            or meta["dense_width"] != DENSE_WIDTH
            or meta["hash_buckets"] != HASH_BUCKETS
        ):
            raise RuntimeError(
                f"{path}: event-type weights were trained on other features "
                f"(version {meta['feature_version']}, this code has {FEATURE_VERSION}); "
                "retrain with training/train_event_classifier.py"
            )
        return TypeModel(
            classes=tuple(meta["classes"]),
            weights=stored["weights"].astype(np.float32),
            bias=stored["bias"],
            mean=stored["mean"],
            scale=stored["scale"],
            settings={k: float(v) for k, v in meta["settings"].items()},
        )


@cache
def shared_model() -> TypeModel:
    """The committed weights, loaded once per process."""
    if not MODEL_PATH.is_file():
        raise RuntimeError(
            f"event-type weights missing at {MODEL_PATH}; reinstall newsgraph or train them "
            "with training/train_event_classifier.py"
        )
    return load_model(MODEL_PATH)
