"""PolNeAR-style attribution gold and its scoring.

Gold and system output share one shape per article: a list of attributions, each with three
roles (source, cue, content), each role a list of character pieces (a role may be
discontinuous or empty). Scoring is per role, with one-to-one matching inside each article:

- exact: the same characters after trimming whitespace and quote marks at the edges of each
  piece;
- overlap: at least one shared character.

An empty role (an attribution without a stated source) is not a unit: it counts neither as a
gold nor as a system item.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsgraph.evaluate.spans import Score

ROLES = ("source", "cue", "content")
Piece = tuple[int, int]
Unit = tuple[Piece, ...]
# Straight and typographic quote marks, single and double, plus guillemets.
_EDGE = set(" \t\r\n\u00a0\"'“”‘’«»„‟‚‛`")


@dataclass
class GoldArticle:
    id: str
    text: str
    published: str | None
    attributions: list[dict[str, list[Piece]]]


def read_gold(path: Path) -> Iterator[GoldArticle]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                attributions = [
                    {role: [(int(s), int(e)) for s, e in item.get(role, [])] for role in ROLES}
                    for item in record["attributions"]
                ]
                yield GoldArticle(
                    id=str(record.get("id", number)),
                    text=record["text"],
                    published=record.get("publication_date") or record.get("published"),
                    attributions=attributions,
                )
            except (KeyError, TypeError, ValueError) as error:
                raise ValueError(
                    f"{path}:line {number}: not a gold attribution record ({error})"
                ) from None


def trim(text: str, piece: Piece) -> Piece:
    start, end = piece
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def units(text: str, attributions: Sequence[dict[str, list[Piece]]], role: str) -> list[Unit]:
    result = []
    for attribution in attributions:
        pieces = tuple(
            sorted(p for p in (trim(text, x) for x in attribution.get(role, [])) if p[0] < p[1])
        )
        if pieces:
            result.append(pieces)
    return result


def score_exact(gold: list[Unit], system: list[Unit]) -> Score:
    matched = sum((Counter(gold) & Counter(system)).values())
    return Score(correct=matched, system=len(system), gold=len(gold))


def _shares(a: Unit, b: Unit) -> bool:
    return any(x[0] < y[1] and y[0] < x[1] for x in a for y in b)


def score_overlap(gold: list[Unit], system: list[Unit]) -> Score:
    """Maximum one-to-one matching between units that share a character (augmenting paths)."""
    neighbours = [[j for j, s in enumerate(system) if _shares(g, s)] for g in gold]
    owner: dict[int, int] = {}

    def augment(g: int, seen: set[int]) -> bool:
        for s in neighbours[g]:
            if s in seen:
                continue
            seen.add(s)
            if s not in owner or augment(owner[s], seen):
                owner[s] = g
                return True
        return False

    matched = sum(augment(g, set()) for g in range(len(gold)))
    return Score(correct=matched, system=len(system), gold=len(gold))


def score_article(
    text: str,
    gold: Sequence[dict[str, list[Piece]]],
    system: Sequence[dict[str, list[Piece]]],
) -> dict[str, dict[str, Score]]:
    """{"exact"|"overlap": {role: Score}} for one article."""
    result: dict[str, dict[str, Score]] = {"exact": {}, "overlap": {}}
    for role in ROLES:
        gold_units, system_units = units(text, gold, role), units(text, system, role)
        result["exact"][role] = score_exact(gold_units, system_units)
        result["overlap"][role] = score_overlap(gold_units, system_units)
    return result


def add_scores(total: dict[str, dict[str, Score]], part: dict[str, dict[str, Score]]) -> None:
    for mode, roles in part.items():
        for role, score in roles.items():
            total.setdefault(mode, {}).setdefault(role, Score())
            total[mode][role] = total[mode][role] + score
