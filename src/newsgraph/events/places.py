"""Where an event happened: a place named as its location, not any place of the sentence."""

from __future__ import annotations

from typing import Any

from newsgraph.model import Analysis, Entity

_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "around"})
_PLACE_KINDS = frozenset({"place", "country"})


def place_entity(analysis: Analysis, entity_id: str | None) -> Entity | None:
    if entity_id is None:
        return None
    for entity in analysis.entities:
        if entity.id == entity_id and entity.kind in _PLACE_KINDS:
            return entity
    return None


def locative_objects(words: list[Any]) -> list[Any]:
    """Objects of locative prepositions hung on the event's words ("airstrikes in Syria")."""
    found: list[Any] = []
    for word in words:
        for child in word.children:
            if child.dep_ == "prep" and child.lower_ in _LOCATIVE:
                found.extend(c for c in child.children if c.dep_ == "pobj")
    return found
