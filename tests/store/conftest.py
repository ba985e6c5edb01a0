"""Store fixtures: every store test runs on SQLite and on a real PostgreSQL server, through
`store_url`, `postgres` and `analyses` of tests/conftest.py."""

from __future__ import annotations
