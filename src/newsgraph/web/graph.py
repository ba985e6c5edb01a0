"""The graph page's elements: speakers, statements and the entities they are about.

A speaker is joined to each statement it makes ("said") and a statement to each entity its
content names ("about"). Every edge carries the address of the article page marked at the
characters that support it: the whole statement for "said", the mention for "about".
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from newsgraph.web.data import StatementRow, entity_url


@dataclass(frozen=True)
class Edge:
    source: str
    relation: str
    target: str
    href: str
    stance: str


def article_url(document_id: str, start: int, end: int) -> str:
    """The article page with the characters [start, end) marked and scrolled to."""
    return f"/documents/{quote(document_id)}?at={start}-{end}#at"


def graph_elements(rows: list[StatementRow]) -> tuple[list[dict[str, object]], list[Edge]]:
    """Cytoscape elements (nodes, then edges) and the same edges as rows for the table."""
    nodes: dict[str, dict[str, object]] = {}
    edges: list[dict[str, object]] = []
    table: list[Edge] = []

    def node(node_id: str, label: str, role: str, href: str | None) -> None:
        nodes.setdefault(
            node_id, {"data": {"id": node_id, "label": label, "role": role, "href": href}}
        )

    for row in rows:
        speaker_id = f"e{row.speaker_id}" if row.speaker_id is not None else f"s:{row.speaker}"
        speaker_href = entity_url(row.speaker_id) if row.speaker_id is not None else None
        node(speaker_id, row.speaker, "speaker", speaker_href)
        statement_id = f"a:{row.document_id}:{row.attribution_id}"
        said_href = article_url(row.document_id, row.start, row.end)
        short = row.content if len(row.content) <= 60 else row.content[:57] + "…"
        node(statement_id, short or row.cue or row.attribution_id, "statement", said_href)
        edges.append(
            {
                "data": {
                    "id": f"{statement_id}:said",
                    "source": speaker_id,
                    "target": statement_id,
                    "relation": "said",
                    "stance": row.stance,
                    "href": said_href,
                }
            }
        )
        table.append(Edge(row.speaker, f"said ({row.stance})", short, said_href, row.stance))
        seen = set()
        for corpus_id, name, start, end in row.about:
            if corpus_id in seen:
                continue
            seen.add(corpus_id)
            target = f"e{corpus_id}"
            # A speaker also named in others' statements keeps its speaker role.
            node(target, name, "entity", entity_url(corpus_id))
            href = article_url(row.document_id, start, end)
            edges.append(
                {
                    "data": {
                        "id": f"{statement_id}:about:{corpus_id}",
                        "source": statement_id,
                        "target": target,
                        "relation": "about",
                        "stance": row.stance,
                        "href": href,
                    }
                }
            )
            table.append(Edge(short, "about", name, href, row.stance))
    return [*nodes.values(), *edges], table
