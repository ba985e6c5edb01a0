"""Span matching and precision/recall/F1, shared by the evaluators.

Matching is one-to-one, as in TempEval-3 and MUC-style scoring: a gold span can be credited to at
most one system span and vice versa, so a system that splits one gold span into two pieces earns
one match, not two.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Offsets = tuple[int, int]


@dataclass
class Score:
    """Counts behind a precision/recall/F1 triple; add Scores to pool documents (micro average)."""

    correct: int = 0
    system: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.correct + other.correct, self.system + other.system, self.gold + other.gold
        )

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "correct": self.correct,
            "system": self.system,
            "gold": self.gold,
        }


def overlap(a: Offsets, b: Offsets) -> int:
    """Number of characters two half-open spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_spans(
    gold: Sequence[Offsets], system: Sequence[Offsets], strict: bool
) -> list[tuple[int, int]]:
    """One-to-one (gold index, system index) pairs.

    Strict pairs need identical offsets; relaxed pairs need any shared character. Relaxed
    candidates are taken largest overlap first, so each gold span keeps its best partner.
    """
    if strict:
        where = {offsets: index for index, offsets in enumerate(system)}
        pairs = []
        used: set[int] = set()
        for gold_index, offsets in enumerate(gold):
            system_index = where.get(offsets)
            if system_index is not None and system_index not in used:
                used.add(system_index)
                pairs.append((gold_index, system_index))
        return pairs
    candidates = sorted(
        (
            (-overlap(g, s), gold_index, system_index)
            for gold_index, g in enumerate(gold)
            for system_index, s in enumerate(system)
            if overlap(g, s) > 0
        ),
    )
    taken_gold: set[int] = set()
    taken_system: set[int] = set()
    result = []
    for _, gold_index, system_index in candidates:
        if gold_index in taken_gold or system_index in taken_system:
            continue
        taken_gold.add(gold_index)
        taken_system.add(system_index)
        result.append((gold_index, system_index))
    return sorted(result)


def score_spans(gold: Sequence[Offsets], system: Sequence[Offsets], strict: bool) -> Score:
    """Extraction counts for one document."""
    return Score(len(match_spans(gold, system, strict)), len(system), len(gold))
