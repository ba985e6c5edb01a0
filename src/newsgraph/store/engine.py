"""Opening a store: which database, with which settings, at which schema revision.

SQLite is the default (a file, nothing to start): `newsgraph.db` in the working directory, or
the URL in NEWSGRAPH_DB. PostgreSQL is named by URL (`postgresql://user@host/db`), driven by
psycopg 3. The schema is managed by Alembic; a database made by an older newsgraph is refused
with the command that upgrades it, never changed behind the user's back.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError

DEFAULT_FILE = "newsgraph.db"
ENVIRONMENT = "NEWSGRAPH_DB"
MIGRATIONS = Path(__file__).parent / "migrations"


class StoreError(Exception):
    """The store cannot be used as asked; the message says why and what to do."""


def resolve_url(url: str | None = None) -> str:
    """The database URL: the one given, else NEWSGRAPH_DB, else ./newsgraph.db. A plain file
    path is taken for an SQLite file; `postgresql://` gets the psycopg 3 driver."""
    chosen = url or os.environ.get(ENVIRONMENT) or DEFAULT_FILE
    if "://" not in chosen:
        return f"sqlite:///{chosen}"
    scheme, _, rest = chosen.partition("://")
    if scheme in ("postgresql", "postgres"):
        return f"postgresql+psycopg://{rest}"
    return chosen


def describe(url: str) -> str:
    """The URL as shown to the user: without its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def connect(url: str | None = None) -> Engine:
    """An Engine for the store (not yet checked: see `check_revision`)."""
    resolved = resolve_url(url)
    try:
        parsed = make_url(resolved)
    except ArgumentError:
        raise StoreError(
            f"{resolved}: not a database URL (sqlite:///FILE or postgresql://...)"
        ) from None
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(resolved, parsed.database)
    if parsed.get_backend_name() != "postgresql":
        raise StoreError(f"{describe(resolved)}: only SQLite and PostgreSQL stores are supported")
    try:
        return create_engine(resolved, pool_pre_ping=True)
    except ModuleNotFoundError as error:
        raise StoreError(
            f"{describe(resolved)}: the PostgreSQL driver is missing ({error})"
        ) from None


def _sqlite_engine(url: str, database: str | None) -> Engine:
    if database and database.startswith(
        "file:"
    ):  # an SQLite URI: sqlite:///file:F?mode=ro&uri=true
        database = database.removeprefix("file:").partition("?")[0]
    if database and database != ":memory:":
        folder = Path(database).expanduser().resolve().parent
        if not folder.is_dir():
            raise StoreError(f"{database}: folder {folder} does not exist")
    engine = create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _settings(connection: Any, _record: Any) -> None:
        cursor = connection.cursor()
        # WAL lets readers (the query commands, the web pages) work while an ingest writes.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return engine


def _alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    config = _alembic_config(create_engine("sqlite://"))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at; None for an empty database."""
    from alembic.runtime.migration import MigrationContext

    with _open(engine) as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Apply every pending migration; returns the revisions before and after."""
    from alembic import command

    before = current_revision(engine)
    try:
        command.upgrade(_alembic_config(engine), "head")
    except (OperationalError, DatabaseError) as error:
        raise StoreError(
            f"{describe(str(engine.url))}: cannot upgrade: {first_line(error)}"
        ) from None
    return before, head_revision()


def check_revision(engine: Engine, create: bool = False) -> None:
    """Refuse a database that is not at this newsgraph's schema. An empty one is created when
    `create` is true (the commands that write), refused otherwise (the ones that read)."""
    where = describe(str(engine.url))
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return
    if current is None:
        if _has_tables(engine):
            raise StoreError(f"{where}: not a newsgraph store (it has tables but no revision)")
        if create:
            upgrade(engine)
            return
        raise StoreError(f"{where}: the store is empty; run `newsgraph ingest` first")
    raise StoreError(
        f"{where}: the store is at schema revision {current}, this newsgraph needs {head}; "
        f"run `newsgraph db upgrade --db {where}` (after a backup) or use a matching newsgraph"
    )


def _has_tables(engine: Engine) -> bool:
    with _open(engine) as connection:
        return bool(inspect(connection).get_table_names())


@contextmanager
def _open(engine: Engine) -> Iterator[Connection]:
    """A connection whose failure to open is a StoreError naming the database."""
    try:
        connection = engine.connect()
    except (OperationalError, DatabaseError) as error:
        raise StoreError(
            f"{describe(str(engine.url))}: cannot open the store: {first_line(error)}"
        ) from None
    with connection:
        yield connection


def first_line(error: Exception) -> str:
    original = getattr(error, "orig", None) or error
    text = str(original).strip()
    return text.splitlines()[0] if text else type(original).__name__
