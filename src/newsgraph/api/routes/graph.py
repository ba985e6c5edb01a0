"""/api/graph: the graph of some documents as JSON, and the whole store as GraphML."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from newsgraph.api import reads
from newsgraph.api.deps import Engine_, Reading
from newsgraph.api.graph import Graph, build_graph
from newsgraph.api.schemas import MAX_ROW_ID, Problem, Text
from newsgraph.export.graphml import write_graphml
from newsgraph.export.reader import StoreReader, snapshot

router = APIRouter(tags=["graph"])

MAX_GRAPH_DOCUMENTS = 50


@router.get(
    "/graph",
    response_model=Graph,
    responses={404: {"model": Problem, "description": "no such document or entity"}},
)
def graph(
    connection: Reading,
    document_id: Annotated[Text | None, Query(description="the graph of this document")] = None,
    entity: Annotated[
        int | None,
        Query(ge=1, le=MAX_ROW_ID, description="the documents where this corpus entity appears"),
    ] = None,
    limit: Annotated[
        int, Query(ge=1, le=MAX_GRAPH_DOCUMENTS, description="documents drawn (newest first)")
    ] = 10,
) -> Graph:
    """Speakers, entities and statements of the documents chosen, and the edges between them
    (said, about, nested), every edge with its document and offsets. Without a filter: the
    newest `limit` documents."""
    if document_id is not None and not reads.has_document(connection, document_id):
        raise HTTPException(status_code=404, detail=f"no document {document_id!r}")
    if entity is not None and reads.entity_row(connection, entity) is None:
        raise HTTPException(status_code=404, detail=f"no corpus entity {entity}")
    rows = reads.document_keys(connection, document_id=document_id, corpus_id=entity, limit=limit)
    return build_graph(connection, rows)


@router.get(
    "/graph.graphml",
    response_class=FileResponse,
    responses={200: {"content": {"application/graphml+xml": {}}, "description": "GraphML"}},
)
def graphml(engine: Engine_) -> FileResponse:
    """The whole store as one GraphML file (as `newsgraph export --format graphml` writes it):
    entities, documents, outlets and statements, for networkx or Gephi."""
    # A file of the server's own naming in its temporary folder, removed once sent.
    handle, name = tempfile.mkstemp(prefix="newsgraph-", suffix=".graphml")
    os.close(handle)
    path = Path(name)
    try:
        with snapshot(engine) as connection:
            write_graphml(StoreReader(connection), path)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return FileResponse(
        path,
        media_type="application/graphml+xml",
        filename="newsgraph.graphml",
        background=BackgroundTask(path.unlink, missing_ok=True),
    )
