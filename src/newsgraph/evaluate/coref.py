"""Coreference metrics: MUC, B-cubed, CEAF-e and their CoNLL average.

Definitions follow the CoNLL-2012 reference scorer (v8.01, Pradhan et al. 2014): a mention in
one partition but not the other ("twinless") earns no credit, MUC counts links, B-cubed weighs
every mention, CEAF-e aligns entities one-to-one with the similarity 2|K∩R| / (|K|+|R|).
Counts from several documents are added before dividing (micro average).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment  # type: ignore[import-untyped]

Cluster = frozenset[Hashable]


@dataclass
class Ratio:
    """Numerators and denominators of recall and precision, summed over documents."""

    recall_num: float = 0.0
    recall_den: float = 0.0
    precision_num: float = 0.0
    precision_den: float = 0.0

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(
            self.recall_num + other.recall_num,
            self.recall_den + other.recall_den,
            self.precision_num + other.precision_num,
            self.precision_den + other.precision_den,
        )

    @property
    def recall(self) -> float:
        return self.recall_num / self.recall_den if self.recall_den else 0.0

    @property
    def precision(self) -> float:
        return self.precision_num / self.precision_den if self.precision_den else 0.0

    @property
    def f1(self) -> float:
        total = self.recall + self.precision
        return 2 * self.recall * self.precision / total if total else 0.0

    def as_dict(self) -> dict[str, float]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def _muc_side(key: Sequence[Cluster], response: Sequence[Cluster]) -> tuple[float, float]:
    owner = {mention: index for index, cluster in enumerate(response) for mention in cluster}
    numerator = denominator = 0.0
    for cluster in key:
        parts = {owner.get(mention, ("alone", mention)) for mention in cluster}
        numerator += len(cluster) - len(parts)
        denominator += len(cluster) - 1
    return numerator, denominator


def muc(key: Sequence[Cluster], response: Sequence[Cluster]) -> Ratio:
    recall = _muc_side(key, response)
    precision = _muc_side(response, key)
    return Ratio(recall[0], recall[1], precision[0], precision[1])


def _b_cubed_side(key: Sequence[Cluster], response: Sequence[Cluster]) -> tuple[float, float]:
    owner = {mention: index for index, cluster in enumerate(response) for mention in cluster}
    numerator = denominator = 0.0
    for cluster in key:
        shared: dict[int, int] = {}
        for mention in cluster:
            if mention in owner:
                shared[owner[mention]] = shared.get(owner[mention], 0) + 1
        numerator += sum(count * count for count in shared.values()) / len(cluster)
        denominator += len(cluster)
    return numerator, denominator


def b_cubed(key: Sequence[Cluster], response: Sequence[Cluster]) -> Ratio:
    recall = _b_cubed_side(key, response)
    precision = _b_cubed_side(response, key)
    return Ratio(recall[0], recall[1], precision[0], precision[1])


def ceaf_e(key: Sequence[Cluster], response: Sequence[Cluster]) -> Ratio:
    if not key or not response:
        return Ratio(0.0, float(len(key)), 0.0, float(len(response)))
    similarity = np.zeros((len(key), len(response)))
    owner = {mention: index for index, cluster in enumerate(response) for mention in cluster}
    for row, cluster in enumerate(key):
        for mention in cluster:
            column = owner.get(mention)
            if column is not None:
                similarity[row, column] += 1
    for row, cluster in enumerate(key):
        for column, other in enumerate(response):
            if similarity[row, column]:
                similarity[row, column] = 2 * similarity[row, column] / (len(cluster) + len(other))
    rows, columns = linear_sum_assignment(similarity, maximize=True)
    total = float(similarity[rows, columns].sum())
    return Ratio(total, float(len(key)), total, float(len(response)))


@dataclass
class CorefScores:
    muc: Ratio
    b_cubed: Ratio
    ceaf_e: Ratio

    def __add__(self, other: CorefScores) -> CorefScores:
        return CorefScores(
            self.muc + other.muc, self.b_cubed + other.b_cubed, self.ceaf_e + other.ceaf_e
        )

    @property
    def conll(self) -> float:
        return (self.muc.f1 + self.b_cubed.f1 + self.ceaf_e.f1) / 3

    def as_dict(self) -> dict[str, object]:
        return {
            "muc": self.muc.as_dict(),
            "b_cubed": self.b_cubed.as_dict(),
            "ceaf_e": self.ceaf_e.as_dict(),
            "conll_f1": round(self.conll, 4),
        }


def empty_scores() -> CorefScores:
    return CorefScores(Ratio(), Ratio(), Ratio())


def score_document(key: Sequence[Cluster], response: Sequence[Cluster]) -> CorefScores:
    """All three metrics for one document's gold (`key`) and system (`response`) clusters."""
    return CorefScores(muc(key, response), b_cubed(key, response), ceaf_e(key, response))
