"""Alembic environment: migrations run on the engine newsgraph hands over (never an ini file)."""

from __future__ import annotations

from alembic import context

from newsgraph.store.tables import metadata

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot alter most constraints in place: batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
