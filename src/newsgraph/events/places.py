"""Where an event happened: a place named as its location, not any place of the sentence."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newsgraph.model import Entity

_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "around"})
_PLACE_KINDS = frozenset({"place", "country"})


def place_entity(entities: Mapping[str, Entity], entity_id: str | None) -> Entity | None:
    entity = entities.get(entity_id) if entity_id is not None else None
    return entity if entity is not None and entity.kind in _PLACE_KINDS else None


def locative_objects(words: list[Any]) -> list[Any]:
    """Objects of locative prepositions hung on the event's words ("airstrikes in Syria")."""
    found: list[Any] = []
    for word in words:
        for child in word.children:
            if child.dep_ == "prep" and child.lower_ in _LOCATIVE:
                found.extend(c for c in child.children if c.dep_ == "pobj")
    return found
