"""The corpus runner's own table: which documents each corpus step has processed.

No foreign key to `documents` on purpose: a document deleted (or replaced under a new key)
since the last run leaves its row here, which is how the runner notices and tells each step to
forget it.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Integer, String, Table

from newsgraph.store.tables import metadata

corpus_progress = Table(
    "corpus_progress",
    metadata,
    Column("step", String(60), primary_key=True),
    Column("document_id", Integer, primary_key=True),
    Column("doc_id", String(500), nullable=False),
    Column("content_sha1", String(40), nullable=False),
    # The step's version when it processed the document: a newer one asks for --rebuild.
    Column("version", String(40), nullable=False),
    Column("processed_at", DateTime(timezone=True), nullable=False),
)
