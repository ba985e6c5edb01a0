"""The one place `collect --ingest` reaches the store. The store lives in `newsgraph.store`,
which a build may not have; then `--ingest` is refused before any page is fetched."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

STORE_UNAVAILABLE = "the store is not available in this build"
DEFAULT_DB_URL = "sqlite:///newsgraph.db"


class StoreUnavailableError(RuntimeError):
    """`--ingest` asked for, but `newsgraph.store.ingest` cannot be imported."""


IngestFunction = Callable[..., Any]


def store_ingest_function() -> IngestFunction:
    """`newsgraph.store.ingest.ingest_documents`, or StoreUnavailableError."""
    try:
        module = importlib.import_module("newsgraph.store.ingest")
    except ImportError as error:
        raise StoreUnavailableError(f"{STORE_UNAVAILABLE} ({error})") from None
    function = getattr(module, "ingest_documents", None)
    if not callable(function):
        raise StoreUnavailableError(f"{STORE_UNAVAILABLE} (no ingest_documents)")
    ingest: IngestFunction = function
    return ingest


def ingest_warc(warc: Path, db_url: str, pipeline: Any, items: Iterable[Any] | None = None) -> Any:
    """Analyse the documents of `warc` and store them, as `newsgraph ingest` does.

    `items` defaults to what `newsgraph analyze WARC` reads from the file (documents and, for
    bad records, IngestErrors), so the store sees the same input either way."""
    ingest_documents = store_ingest_function()
    try:
        sqlalchemy = importlib.import_module("sqlalchemy")
    except ImportError:
        raise StoreUnavailableError(f"{STORE_UNAVAILABLE} (SQLAlchemy is missing)") from None
    if items is None:
        from newsgraph.ingest import read_inputs

        items = read_inputs([str(warc)])
    engine = sqlalchemy.create_engine(db_url)
    try:
        return ingest_documents(engine, items, pipeline, reanalyze=False)
    finally:
        engine.dispose()
