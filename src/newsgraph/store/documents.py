"""Writing one document's analysis into the store and reading it back.

A document and all its layers are written in the caller's transaction, so that a crash or a
kill mid-batch leaves either the whole document or nothing of it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from newsgraph.model import Analysis
from newsgraph.store import fulltext, tables
from newsgraph.store.convert import LAYER_TABLES, analysis_from_rows, analysis_rows, document_row


def table(name: str) -> Any:
    return tables.metadata.tables[name]


@dataclass(frozen=True)
class Written:
    """A document as just written: its key, its row and its layers' rows (without
    `document_id`), so that linking need not read back what is already in memory."""

    key: int
    document: Mapping[str, Any]
    layers: Mapping[str, list[dict[str, Any]]]


def insert_analysis(connection: Connection, analysis: Analysis) -> int:
    """Insert a document with all its layers; returns its row key."""
    return write_analysis(connection, analysis).key


def write_analysis(connection: Connection, analysis: Analysis) -> Written:
    """Insert a document with all its layers: one statement per table (a multi-row INSERT),
    each a round trip on a server."""
    row = document_row(analysis)
    row["stored_at"] = dt.datetime.now(dt.UTC)
    key: int = connection.execute(
        insert(tables.documents).returning(tables.documents.c.id), row
    ).scalar_one()
    children = analysis_rows(analysis)
    for name in LAYER_TABLES:
        rows = children.get(name)
        if rows:
            connection.execute(insert(table(name)), [{"document_id": key, **r} for r in rows])
    fulltext.index_document(connection, key)
    return Written(key, row, children)


def delete_document(connection: Connection, key: int) -> None:
    """Remove a document and everything stored about it (children first: SQLite may run with
    foreign keys off when a user opens the file by hand)."""
    fulltext.unindex_document(connection, key)
    for name in ("entity_statements", "entity_names", "entity_links", *reversed(LAYER_TABLES)):
        connection.execute(delete(table(name)).where(table(name).c.document_id == key))
    connection.execute(delete(tables.documents).where(tables.documents.c.id == key))


def read_analysis(connection: Connection, doc_id: str) -> Analysis | None:
    """The stored Analysis of a document, exactly as it was written; None if unknown."""
    document = (
        connection.execute(select(tables.documents).where(tables.documents.c.doc_id == doc_id))
        .mappings()
        .first()
    )
    if document is None:
        return None
    return analysis_from_rows(dict(document), read_children(connection, document["id"]))


def read_children(connection: Connection, key: int) -> Mapping[str, list[Mapping[str, Any]]]:
    return {
        name: [
            dict(row)
            for row in connection.execute(
                select(table(name)).where(table(name).c.document_id == key)
            ).mappings()
        ]
        for name in LAYER_TABLES
    }
