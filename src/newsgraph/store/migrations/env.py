"""Alembic environment: migrations run on the engine newsgraph hands over (never an ini file)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from newsgraph.store.tables import metadata

engine = context.config.attributes["engine"]
# Any fixed number: the PostgreSQL advisory lock that serialises concurrent upgrades.
UPGRADE_LOCK = 7_240_117

with engine.begin() as connection:
    if connection.dialect.name == "postgresql":
        # Two ingests into a new database would both create the tables; the second waits here
        # and then finds the schema at head, with nothing left to do.
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": UPGRADE_LOCK})
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot alter most constraints in place: batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
