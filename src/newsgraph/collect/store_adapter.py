"""The one place `collect --ingest` reaches the store: the crawl's WARC is read as
`newsgraph analyze CRAWL.warc.gz` reads it and stored as `newsgraph ingest` stores it."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine

from newsgraph.ingest import read_inputs
from newsgraph.pipeline import Pipeline
from newsgraph.store.engine import check_revision, connect, describe
from newsgraph.store.ingest import ingest_documents


def open_store(db_url: str | None) -> Engine:
    """The store to write to, checked (and created when empty) before anything is fetched;
    a StoreError says why it cannot be used."""
    engine = connect(db_url)
    check_revision(engine, create=True)
    return engine


def ingest_warc(warc: Path, engine: Engine, pipeline: Callable[[], Pipeline]) -> Counter[str]:
    """Store the analyses of the crawl's pages; each bad record is reported on stderr. Returns
    how many items ended in each status (stored, unchanged, replaced, failed)."""
    counts: Counter[str] = Counter()
    for outcome in ingest_documents(engine, read_inputs([str(warc)]), pipeline):
        counts[outcome.status] += 1
        if outcome.error is not None:
            print(f"error: {outcome.error}", file=sys.stderr)
    return counts


def store_name(engine: Engine) -> str:
    return describe(str(engine.url))
