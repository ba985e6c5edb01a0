"""Reading the store for an export: documents in batches, each with the rows of every layer.

Rows come out in the shape of the exported tables (`schemas.py`): the document's `doc_id` in
place of the store's integer key, parents of sub-items named by their local id, the entity's
geo information in columns of its own. A batch holds a bounded number of documents, so an
export of any store keeps a flat memory profile. The reader only reads: it never runs a stage
and never creates or upgrades a store.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, select

from newsgraph.export.schemas import published_month, schema
from newsgraph.store import tables
from newsgraph.store.convert import LAYER_TABLES
from newsgraph.store.engine import StoreError, check_revision, connect, describe

Row = dict[str, Any]

# A batch holds about 1 MB of rows per analysed article (twice the documents a batch, 100
# MiB more peak memory, measured with benchmarks/export_memory.py): 50 keeps an export small.
DEFAULT_BATCH_SIZE = 50

# The store's child tables read for each batch of documents: every layer the store writes per
# document (parents before their parts), and the links of its entities to corpus entities.
_CHILD_TABLES = (*LAYER_TABLES, "entity_links")

# Sub-item tables: the store names the parent by (document, ordinal), the export by local id.
_PARENTS = {
    "entity_aliases": ("entity", "entities"),
    "attribution_contents": ("attribution", "attributions"),
    "event_participants": ("event", "events"),
    "event_mentions": ("event", "events"),
    "entity_links": ("entity", "entities"),
}


@dataclass
class Batch:
    """Some documents and every row of every document table that belongs to them."""

    rows: dict[str, list[Row]] = field(default_factory=dict)

    def table(self, name: str) -> list[Row]:
        return self.rows.get(name, [])


def open_store(url: str | None) -> Engine:
    """An engine on an existing store at this newsgraph's schema; StoreError otherwise (a
    missing SQLite file is refused rather than created)."""
    engine = connect(url)
    database = engine.url.database
    is_file = database not in (None, "", ":memory:")
    if engine.dialect.name == "sqlite" and is_file and not Path(database or "").is_file():
        engine.dispose()
        raise StoreError(
            f"{describe(str(engine.url))}: no store there; run `newsgraph ingest` first"
        )
    try:
        check_revision(engine, create=False)
    except StoreError:
        engine.dispose()
        raise
    return engine


@contextmanager
def snapshot(engine: Engine) -> Iterator[Connection]:
    """A read-only connection that sees one state of the store from its first read to the end,
    while other processes go on writing: an export never holds a document's edge to a corpus
    entity it did not see, nor half of a batch written meanwhile."""
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            pinned = connection.execution_options(
                isolation_level="REPEATABLE READ", postgresql_readonly=True
            )
            with pinned.begin():
                yield pinned
            return
        # pysqlite runs a SELECT outside any transaction, each in a snapshot of its own; an
        # explicit BEGIN holds one WAL snapshot for the whole export.
        raw: Any = connection.connection.driver_connection
        saved = raw.isolation_level
        raw.isolation_level = None
        connection.exec_driver_sql("BEGIN")
        try:
            yield connection
        finally:
            connection.exec_driver_sql("ROLLBACK")
            raw.isolation_level = saved


def _table(name: str) -> Table:
    return tables.metadata.tables[name]


class StoreReader:
    """Reads an open store in document batches of `batch_size`, in document key order."""

    def __init__(self, connection: Connection, batch_size: int = DEFAULT_BATCH_SIZE) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.connection = connection
        self.batch_size = batch_size

    def batches(self) -> Iterator[Batch]:
        documents = tables.documents
        last = 0
        while True:
            found = [
                dict(row)
                for row in self.connection.execute(
                    select(documents)
                    .where(documents.c.id > last)
                    .order_by(documents.c.id)
                    .limit(self.batch_size)
                ).mappings()
            ]
            if not found:
                return
            last = found[-1]["id"]
            yield self._batch(found)

    def _batch(self, documents: list[Row]) -> Batch:
        doc_ids = {row["id"]: row["doc_id"] for row in documents}
        keys = list(doc_ids)
        stored: dict[str, list[Row]] = {}
        for name in _CHILD_TABLES:
            table = _table(name)
            order = [column for column in table.primary_key.columns]
            stored[name] = [
                dict(row)
                for row in self.connection.execute(
                    select(table).where(table.c.document_id.in_(keys)).order_by(*order)
                ).mappings()
            ]
        local_ids = {
            parent: {(r["document_id"], r["ordinal"]): r["local_id"] for r in stored[parent]}
            for parent in ("entities", "attributions", "events")
        }
        batch = Batch()
        batch.rows["documents"] = [_shape("documents", _document(row)) for row in documents]
        for name in _CHILD_TABLES:
            shaped = []
            for row in stored[name]:
                row["doc_id"] = doc_ids[row["document_id"]]
                if name in _PARENTS:
                    column, parent_table = _PARENTS[name]
                    ordinal = row[f"{column}_ordinal"]
                    row[column] = local_ids[parent_table][(row["document_id"], ordinal)]
                if name == "entities":
                    _flatten_geo(row)
                shaped.append(_shape(name, row))
            batch.rows[name] = shaped
        return batch

    def corpus_entities(self) -> Iterator[list[Row]]:
        """Every corpus entity, in chunks of `batch_size` rows, by id."""
        table = tables.corpus_entities
        last = 0
        while True:
            found = [
                dict(row)
                for row in self.connection.execute(
                    select(table)
                    .where(table.c.id > last)
                    .order_by(table.c.id)
                    .limit(self.batch_size * 10)
                ).mappings()
            ]
            if not found:
                return
            last = found[-1]["id"]
            yield [
                _shape("corpus_entities", {**row, "corpus_entity_id": row["id"]}) for row in found
            ]


@cache
def _columns(name: str) -> tuple[str, ...]:
    return tuple(schema(name).names)


def _shape(name: str, row: Mapping[str, Any]) -> Row:
    """The row with exactly the exported table's columns, in its order."""
    return {column: row.get(column) for column in _columns(name)}


def _document(row: Row) -> Row:
    meta = row["meta"] or {}
    source = meta.get("source") or {}
    stored_at = row["stored_at"]
    # SQLite hands a timezone-aware column back without its zone; it was written in UTC.
    if isinstance(stored_at, dt.datetime) and stored_at.tzinfo is None:
        stored_at = stored_at.replace(tzinfo=dt.UTC)
    return {
        **row,
        "published_month": published_month(row["published"]),
        "byline": list(meta.get("byline") or []),
        "source_path": source.get("path"),
        "source_format": source.get("format"),
        "text_offset": source.get("text_offset"),
        "warnings": list(row["warnings"] or []),
        "meta": json.dumps(meta, ensure_ascii=False, sort_keys=True),
        "stored_at": stored_at,
    }


def _flatten_geo(row: Row) -> None:
    geo = row.get("geo") or {}
    row["geonames_id"] = geo.get("geonames_id")
    row["country_code"] = geo.get("country_code")
    row["mention_ids"] = list(row.get("mention_ids") or [])
