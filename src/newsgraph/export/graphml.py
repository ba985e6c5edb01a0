"""GraphML: corpus entities, documents, outlets and statements as one directed graph.

Nodes (attribute `type`): `entity` (a corpus entity), `document`, `outlet`, `statement` (an
attribution). Edges (attribute `type`):

- `said`: speaker -> statement. The speaker is the corpus entity of the attribution's source;
  the outlet itself for the outlet's own voice (`own_voice`); an unnamed source ("a diplomat")
  has no node, and its words stay on the statement (`source_text`, `source_description`).
- `about`: statement -> each corpus entity mentioned inside its content (`count`, first mention).
- `published_by`: document -> its outlet; `via`: document -> each relay outlet (`position`,
  0 the nearest); `mentions`: document -> corpus entity (`count`, first mention);
  `in_document`: statement -> its document.

Every node and edge carries `doc_id`, `start` and `end` where they point at characters of a
document (a statement: its content's extent; `said`: where the source is named; `about` and
`mentions`: the first mention), and statements and their edges carry `kind`, `stance` and `cue`.
The XML is written as it is read, one document batch at a time, every node before the first
edge that uses it: memory stays flat and networkx (`read_graphml`) and Gephi open the file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

from newsgraph.export.graph import DocumentView, Place, Statement, documents
from newsgraph.export.reader import StoreReader

# (domain, name, GraphML type) of every attribute written.
_KEYS: tuple[tuple[str, str, str], ...] = (
    *(
        ("node", name, kind)
        for name, kind in (
            ("type", "string"),
            ("label", "string"),
            ("doc_id", "string"),
            ("local_id", "string"),
            ("start", "long"),
            ("end", "long"),
            ("text", "string"),
            ("kind", "string"),
            ("stance", "string"),
            ("cue", "string"),
            ("cue_start", "long"),
            ("cue_end", "long"),
            ("cue_lemma", "string"),
            ("source_text", "string"),
            ("source_start", "long"),
            ("source_end", "long"),
            ("source_description", "string"),
            ("date", "string"),
            ("channel", "string"),
            ("parent", "string"),
            ("corpus_entity_id", "long"),
            ("key", "string"),
            ("latitude", "double"),
            ("longitude", "double"),
            ("country_code", "string"),
            ("published", "string"),
            ("title", "string"),
            ("url", "string"),
        )
    ),
    *(
        ("edge", name, kind)
        for name, kind in (
            ("type", "string"),
            ("doc_id", "string"),
            ("start", "long"),
            ("end", "long"),
            ("text", "string"),
            ("count", "long"),
            ("position", "long"),
            ("statement", "string"),
            ("kind", "string"),
            ("stance", "string"),
            ("cue", "string"),
        )
    ),
)
_KEY_IDS = {(domain, name): f"{domain[0]}_{name}" for domain, name, _ in _KEYS}

# Characters XML 1.0 cannot hold; an article's stray control character becomes U+FFFD in the
# text attributes (offsets still index the stored text).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

OWN_VOICE = "own_voice"


def entity_node(corpus_entity_id: int) -> str:
    return f"entity:{corpus_entity_id}"


def document_node(doc_id: str) -> str:
    return f"document:{doc_id}"


def outlet_node(name: str) -> str:
    return f"outlet:{name}"


def statement_node(doc_id: str, local_id: str) -> str:
    return f"statement:{doc_id}#{local_id}"


class _Writer:
    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle
        self.outlets: set[str] = set()
        self.nodes = 0
        self.edges = 0

    def _data(self, domain: str, values: Mapping[str, Any]) -> str:
        parts = []
        for name, value in values.items():
            if value is None:
                continue
            text = str(value) if not isinstance(value, str) else _NOT_XML.sub("\ufffd", value)
            parts.append(f"<data key={quoteattr(_KEY_IDS[domain, name])}>{escape(text)}</data>")
        return "".join(parts)

    def node(self, node_id: str, **values: Any) -> None:
        self.handle.write(f"<node id={quoteattr(node_id)}>{self._data('node', values)}</node>\n")
        self.nodes += 1

    def edge(self, source: str, target: str, **values: Any) -> None:
        self.handle.write(
            f"<edge id={quoteattr(f'x{self.edges}')} source={quoteattr(source)} "
            f"target={quoteattr(target)}>{self._data('edge', values)}</edge>\n"
        )
        self.edges += 1

    def outlet(self, name: str) -> str:
        if name not in self.outlets:
            self.outlets.add(name)
            self.node(outlet_node(name), type="outlet", label=name)
        return outlet_node(name)

    def document(self, view: DocumentView) -> None:
        row, doc_id = view.row, view.doc_id
        here = document_node(doc_id)
        published = row["published"]
        self.node(
            here,
            type="document",
            label=row["title"] or doc_id,
            doc_id=doc_id,
            start=0,
            end=len(row["text"]),
            title=row["title"],
            url=row["url"],
            published=published.isoformat() if published else None,
        )
        if row["outlet"]:
            self.edge(here, self.outlet(row["outlet"]), type="published_by", doc_id=doc_id)
        for position, relay in enumerate(view.relays):
            self.edge(here, self.outlet(relay), type="via", doc_id=doc_id, position=position)
        for use in view.entities:
            self.edge(
                here,
                entity_node(use.corpus_entity_id),
                type="mentions",
                count=use.count,
                **_at(doc_id, use.first),
            )
        for statement in view.statements:
            self.statement(view, statement)

    def statement(self, view: DocumentView, statement: Statement) -> None:
        doc_id = view.doc_id
        here = statement_node(doc_id, statement.local_id)
        cue = statement.cue
        labels = {
            "kind": statement.kind,
            "stance": statement.stance,
            "cue": cue.text if cue else None,
        }
        source = statement.source
        self.node(
            here,
            type="statement",
            label=_label(statement),
            doc_id=doc_id,
            local_id=statement.local_id,
            start=statement.start,
            end=statement.end,
            text=statement.text,
            **labels,
            cue_start=cue.start if cue else None,
            cue_end=cue.end if cue else None,
            cue_lemma=statement.cue_lemma,
            source_text=source.text if source else None,
            source_start=source.start if source else None,
            source_end=source.end if source else None,
            source_description=statement.source_description,
            date=statement.date,
            channel=statement.channel,
            parent=statement.parent,
        )
        speaker = _speaker(self, statement)
        if speaker is not None:
            where = _at(doc_id, source) if source else {"doc_id": doc_id}
            self.edge(speaker, here, type="said", statement=statement.local_id, **where, **labels)
        for use in statement.about:
            self.edge(
                here,
                entity_node(use.corpus_entity_id),
                type="about",
                count=use.count,
                **_at(doc_id, use.first),
                **labels,
            )
        self.edge(
            here,
            document_node(doc_id),
            type="in_document",
            doc_id=doc_id,
            start=statement.start,
            end=statement.end,
            **labels,
        )


def _speaker(writer: _Writer, statement: Statement) -> str | None:
    if statement.speaker is not None:
        return entity_node(statement.speaker)
    if statement.kind == OWN_VOICE and statement.source_description:
        return writer.outlet(statement.source_description)
    return None


def _at(doc_id: str, place: Place) -> dict[str, Any]:
    return {"doc_id": doc_id, "start": place.start, "end": place.end, "text": place.text}


def _label(statement: Statement) -> str:
    text = statement.text
    return text if len(text) <= 80 else text[:79] + "…"


def write_graphml(reader: StoreReader, path: Path) -> dict[str, int]:
    """Write the graph to `path`; returns the number of nodes and edges."""
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
            'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
        )
        for domain, name, kind in _KEYS:
            handle.write(
                f"<key id={quoteattr(_KEY_IDS[domain, name])} for={quoteattr(domain)} "
                f"attr.name={quoteattr(name)} attr.type={quoteattr(kind)}/>\n"
            )
        handle.write('<graph id="newsgraph" edgedefault="directed">\n')
        writer = _Writer(handle)
        for chunk in reader.corpus_entities():
            for entity in chunk:
                writer.node(
                    entity_node(entity["corpus_entity_id"]),
                    type="entity",
                    label=entity["name"],
                    corpus_entity_id=entity["corpus_entity_id"],
                    key=entity["key"],
                    kind=entity["kind"],
                    latitude=entity["latitude"],
                    longitude=entity["longitude"],
                    country_code=entity["country_code"],
                )
        for batch in reader.batches():
            for view in documents(batch):
                writer.document(view)
        handle.write("</graph>\n</graphml>\n")
    return {"nodes": writer.nodes, "edges": writer.edges}
