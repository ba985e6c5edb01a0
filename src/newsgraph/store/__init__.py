"""The store: every analysis kept in SQLite or PostgreSQL, one graph over all articles.

`tables` defines the schema (managed by Alembic migrations in `migrations/`), `convert` maps an
Analysis to rows and back, `documents` writes and reads one document, `engine` opens a store.
The store knows the data model, never the stages.
"""
