"""Storing an article's text and metadata without its analysis.

For the corpus-layer evaluation and benchmark: the copies step reads only the text and the
metadata (and the layers when there are some), so a gold set of hundreds of articles or a
synthetic corpus of a hundred thousand is stored in seconds instead of being analysed. Such a
document records no stage, and a later `newsgraph ingest --reanalyze` of it fills its layers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence

from sqlalchemy import Connection

from newsgraph.model import Analysis, DocumentMeta, SourceInfo
from newsgraph.store.documents import insert_analysis


def insert_text(
    connection: Connection,
    doc_id: str,
    text: str,
    published: dt.date | None = None,
    outlet: str | None = None,
    via: Sequence[str] = (),
    crawled: str | None = None,
) -> int:
    """Store one document with no layers; returns its row key."""
    meta = DocumentMeta(
        published=published,
        outlet=outlet,
        via=list(via),
        content_sha1=hashlib.sha1(text.encode("utf-8")).hexdigest(),
        source=SourceInfo(format="jsonl", crawled=crawled),
    )
    return insert_analysis(connection, Analysis(id=doc_id, text=text, document=meta))
