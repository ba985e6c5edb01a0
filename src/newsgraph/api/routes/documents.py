"""/api/documents: the stored articles, one with all its layers, and its text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query
from sqlalchemy import select

from newsgraph.api.deps import Reading
from newsgraph.api.schemas import Day, Limit, Offset, Page, Problem, Text
from newsgraph.model import Analysis
from newsgraph.store import queries, tables
from newsgraph.store.documents import read_analysis
from newsgraph.store.queries import DocumentSummary

router = APIRouter(tags=["documents"])

# Ids may hold slashes ("handmade/1"): the route takes the rest of the path. The text route
# is matched first, so ".../text" is always the text of the document named before it.
DocumentId = Annotated[Text, Path(description="the document's id, as given at ingest")]
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": Problem, "description": "no document with this id"}
}


@dataclass(frozen=True)
class DocumentText:
    """A document's whole text: `start` is 0 and `end` its length, so offsets of every other
    item index into `text`."""

    document_id: str
    start: int
    end: int
    text: str


@router.get("/documents", response_model=Page[DocumentSummary])
def list_documents(
    connection: Reading,
    outlet: Annotated[Text | None, Query(description="published or relayed by")] = None,
    since: Annotated[Day | None, Query(description="published on or after")] = None,
    until: Annotated[Day | None, Query(description="published on or before")] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Page[DocumentSummary]:
    """Stored documents, newest first, with how many items each layer holds."""
    rows = queries.documents(
        connection, outlet=outlet, since=since, until=until, limit=limit, offset=offset
    )
    return Page.of(rows, limit, offset)


@router.get("/documents/{document_id:path}/text", response_model=DocumentText, responses=NOT_FOUND)
def get_document_text(connection: Reading, document_id: DocumentId) -> DocumentText:
    """A document's text, which every offset indexes into."""
    d = tables.documents
    text = connection.execute(select(d.c.text).where(d.c.doc_id == document_id)).scalar()
    if text is None:
        raise HTTPException(status_code=404, detail=f"no document {document_id!r}")
    return DocumentText(document_id=document_id, start=0, end=len(text), text=text)


@router.get("/documents/{document_id:path}", response_model=Analysis, responses=NOT_FOUND)
def get_document(connection: Reading, document_id: DocumentId) -> Analysis:
    """One document with all its layers (sentences, mentions, entities, timexes,
    attributions, events), exactly as stored: the output schema of `newsgraph analyze`."""
    analysis = read_analysis(connection, document_id)
    if analysis is None:
        raise HTTPException(status_code=404, detail=f"no document {document_id!r}")
    return analysis
