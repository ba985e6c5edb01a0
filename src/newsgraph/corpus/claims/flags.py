"""A claim's propagation timeline and the two flags read from it.

Each document that carries the claim presents it with some certainty: distancing (*alleged*,
*claimed*, and a question) < reported (*said*, *told*, *according to*, *insisted*: how the
speaker spoke, not how sure the outlet is) < stated as fact (only in the outlet's own voice).
A document that attributes the claim anywhere is taken at its strongest attribution; one that
only states it in its own voice states it as fact.

- hardening: a document states the claim with more certainty than an earlier one did;
- laundering: a document states it only in its own voice after an earlier document attributed
  it to a source.

"Earlier" means an earlier publication date: documents of the same day, or undated, are not
ordered against each other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

DISTANCING, REPORTED, FACT = 0, 1, 2
_DISTANCING_STANCES = frozenset({"distancing", "question"})


@dataclass(frozen=True)
class Appearance:
    document_key: int
    published: dt.date | None
    attributed: bool
    stance: str


def certainty(attributed: bool, stance: str) -> int:
    if not attributed:
        return FACT
    return DISTANCING if stance in _DISTANCING_STANCES else REPORTED


def document_certainty(appearances: Sequence[Appearance]) -> tuple[int, bool]:
    """The certainty of one document's appearances, and whether it attributes the claim."""
    attributed = [a for a in appearances if a.attributed]
    if not attributed:
        return FACT, False
    return max(certainty(True, a.stance) for a in attributed), True


@dataclass(frozen=True)
class Flags:
    laundering: bool
    hardening: bool


def flags(appearances: Sequence[Appearance]) -> Flags:
    by_document: dict[int, list[Appearance]] = {}
    for appearance in appearances:
        by_document.setdefault(appearance.document_key, []).append(appearance)
    dated = []
    for items in by_document.values():
        published = items[0].published
        if published is not None:
            dated.append((published, *document_certainty(items)))
    laundering = hardening = False
    for later, later_rank, later_attributed in dated:
        for earlier, earlier_rank, earlier_attributed in dated:
            if earlier >= later:
                continue
            hardening = hardening or later_rank > earlier_rank
            laundering = laundering or (earlier_attributed and not later_attributed)
    return Flags(laundering=laundering, hardening=hardening)
