"""The graph of some documents as JSON for a page: speakers, entities, statements and the
edges between them, every edge with its document and the offsets it points at.

It is drawn from the same document view as the GraphML export (newsgraph.export.graph), with
the same node ids, so a node found on a page is the node of the same id in the download.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Connection, select

from newsgraph.export.graph import DocumentView, Statement, documents
from newsgraph.export.graphml import entity_node, outlet_node, statement_node
from newsgraph.export.reader import Batch, StoreReader
from newsgraph.store import tables

OWN_VOICE = "own_voice"


@dataclass(frozen=True)
class GraphNode:
    """`type`: entity (a corpus entity; `speaker` when it said something here), outlet (the
    voice of an outlet's own statements), source (an unnamed source, "a diplomat") or
    statement. Statements and sources carry their document and offsets."""

    id: str
    type: Literal["entity", "outlet", "source", "statement"]
    label: str
    speaker: bool = False
    corpus_entity_id: int | None = None
    kind: str | None = None
    stance: str | None = None
    date: str | None = None
    document_id: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class GraphEdge:
    """`said`: speaker -> statement, at the words naming the speaker (the statement itself for
    an outlet's own voice); `about`: statement -> entity, at its first mention inside the
    content; `nested`: statement -> the statement it reports (the offsets of the inner one)."""

    source: str
    target: str
    type: Literal["said", "about", "nested"]
    document_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Graph:
    documents: tuple[str, ...]
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]


class _Selected(StoreReader):
    """The export's reader, over the chosen document rows only."""

    def __init__(self, connection: Connection, rows: list[dict[str, Any]]) -> None:
        super().__init__(connection, batch_size=max(1, len(rows)))
        self.rows = rows

    def batches(self) -> Any:
        if self.rows:
            yield self._batch(self.rows)


def build_graph(connection: Connection, rows: list[dict[str, Any]]) -> Graph:
    """The graph of the documents whose `documents` rows are given."""
    batches: list[Batch] = list(_Selected(connection, rows).batches())
    views = [view for batch in batches for view in documents(batch)]
    names = _entity_names(connection, views)
    nodes: dict[str, GraphNode] = {}
    edges: list[GraphEdge] = []
    for view in views:
        for statement in view.statements:
            _add_statement(view, statement, names, nodes, edges)
    return Graph(
        documents=tuple(view.doc_id for view in views),
        nodes=tuple(nodes.values()),
        edges=tuple(edges),
    )


def _entity_names(connection: Connection, views: list[DocumentView]) -> dict[int, dict[str, Any]]:
    wanted = {
        corpus_id
        for view in views
        for statement in view.statements
        for corpus_id in (statement.speaker, *(use.corpus_entity_id for use in statement.about))
        if corpus_id is not None
    }
    if not wanted:
        return {}
    corpus = tables.corpus_entities
    return {
        row["id"]: dict(row)
        for row in connection.execute(
            select(corpus.c.id, corpus.c.name, corpus.c.kind).where(corpus.c.id.in_(wanted))
        ).mappings()
    }


def _entity(corpus_id: int, names: dict[int, dict[str, Any]], speaker: bool) -> GraphNode:
    row = names.get(corpus_id, {"name": str(corpus_id), "kind": None})
    return GraphNode(
        id=entity_node(corpus_id),
        type="entity",
        label=row["name"],
        speaker=speaker,
        corpus_entity_id=corpus_id,
        kind=row["kind"],
    )


def _add_statement(
    view: DocumentView,
    statement: Statement,
    names: dict[int, dict[str, Any]],
    nodes: dict[str, GraphNode],
    edges: list[GraphEdge],
) -> None:
    doc_id = view.doc_id
    start, end = statement.start, statement.end
    if start is None or end is None:  # no content: nothing to point at
        return
    node_id = statement_node(doc_id, statement.local_id)
    nodes[node_id] = GraphNode(
        id=node_id,
        type="statement",
        label=_short(statement.text),
        kind=statement.kind,
        stance=statement.stance,
        date=statement.date,
        document_id=doc_id,
        start=start,
        end=end,
    )
    speaker = _speaker(view, statement, names, nodes)
    if speaker is not None:
        where = statement.source
        edges.append(
            GraphEdge(
                source=speaker,
                target=node_id,
                type="said",
                document_id=doc_id,
                start=where.start if where else start,
                end=where.end if where else end,
                text=where.text if where else statement.text,
            )
        )
    for use in statement.about:
        entity_id = entity_node(use.corpus_entity_id)
        if entity_id not in nodes:
            nodes[entity_id] = _entity(use.corpus_entity_id, names, speaker=False)
        edges.append(
            GraphEdge(
                source=node_id,
                target=entity_id,
                type="about",
                document_id=doc_id,
                start=use.first.start,
                end=use.first.end,
                text=use.first.text,
            )
        )
    if statement.parent:
        edges.append(
            GraphEdge(
                source=statement_node(doc_id, statement.parent),
                target=node_id,
                type="nested",
                document_id=doc_id,
                start=start,
                end=end,
                text=statement.text,
            )
        )


def _speaker(
    view: DocumentView,
    statement: Statement,
    names: dict[int, dict[str, Any]],
    nodes: dict[str, GraphNode],
) -> str | None:
    if statement.speaker is not None:
        node_id = entity_node(statement.speaker)
        known = nodes.get(node_id)
        if known is None or not known.speaker:
            nodes[node_id] = _entity(statement.speaker, names, speaker=True)
        return node_id
    if statement.kind == OWN_VOICE and statement.source_description:
        node_id = outlet_node(statement.source_description)
        nodes.setdefault(
            node_id, GraphNode(id=node_id, type="outlet", label=statement.source_description)
        )
        return node_id
    if statement.source is not None:
        node_id = f"source:{view.doc_id}#{statement.local_id}"
        nodes[node_id] = GraphNode(
            id=node_id,
            type="source",
            label=statement.source_description or statement.source.text,
            speaker=True,
            document_id=view.doc_id,
            start=statement.source.start,
            end=statement.source.end,
        )
        return node_id
    return None


def _short(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
