"""Corpus fixtures: the store tests' databases (SQLite and a real PostgreSQL)."""

from tests.store.conftest import postgres, store_url

__all__ = ["postgres", "store_url"]
