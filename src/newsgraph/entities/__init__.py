"""Entities: one entity per real-world thing, with all its names, typed, places geocoded."""

from newsgraph.entities.lookup import entity_at

__all__ = ["entity_at"]
