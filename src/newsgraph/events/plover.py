"""PLOVER's sixteen event types and the quad class each belongs to."""

from __future__ import annotations

from typing import Final

QUAD_CLASS: Final[dict[str, str]] = {
    "AGREE": "verbal cooperation",
    "CONSULT": "verbal cooperation",
    "SUPPORT": "verbal cooperation",
    "CONCEDE": "verbal cooperation",
    "COOPERATE": "material cooperation",
    "AID": "material cooperation",
    "RETREAT": "material cooperation",
    "REQUEST": "verbal conflict",
    "ACCUSE": "verbal conflict",
    "REJECT": "verbal conflict",
    "THREATEN": "verbal conflict",
    "PROTEST": "material conflict",
    "SANCTION": "material conflict",
    "MOBILIZE": "material conflict",
    "COERCE": "material conflict",
    "ASSAULT": "material conflict",
}
TYPES: Final[tuple[str, ...]] = tuple(QUAD_CLASS)
# Types where both sides do the same thing to each other ("X and Y agreed", "talks between X
# and Y"): a coordinated subject with no object names the actor first and the other sides after.
SYMMETRIC: Final[frozenset[str]] = frozenset({"AGREE", "CONSULT", "COOPERATE"})
# Material conflict happens at its target when the target is a place ("the capture of Aleppo").
AT_TARGET: Final[frozenset[str]] = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "RETREAT"})
