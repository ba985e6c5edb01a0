"""The statements of stored documents, as the claims layer compares them.

A statement is one attribution with content: who (as named in the text, and the corpus entity
key of the source when it is linked), through which cue, with which stance, saying what
(the content pieces joined), where (document, outlet, date, character offsets). The outlet's
own voice is a statement too, unattributed, with its sentence as content: that is how a claim
is seen to lose its source.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, select

from newsgraph.store import tables

OWN_VOICE = "own_voice"
ATTRIBUTION_STAGE = "attribution"


@dataclass(frozen=True)
class StoredDocument:
    key: int
    doc_id: str
    published: dt.date | None
    outlet: str | None


@dataclass(frozen=True)
class Statement:
    document_key: int
    doc_id: str
    published: dt.date | None
    outlet: str | None
    ordinal: int
    attribution_id: str
    kind: str
    stance: str
    source: str | None
    source_name: str | None
    source_key: str | None
    cue: str | None
    content: str
    pieces: tuple[tuple[int, int], ...]

    @property
    def attributed(self) -> bool:
        return self.kind != OWN_VOICE

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


def publisher(outlet: str | None, via: Sequence[str]) -> str | None:
    """Who published this copy: its outlet, else the nearest outlet of its relay chain (a
    crawl header's "Via X" names the site the text was found on)."""
    return outlet or (via[0] if via else None)


def stored_documents(connection: Connection, doc_ids: Sequence[str] | None) -> list[StoredDocument]:
    """The stored documents named (all of them for None), oldest first."""
    d, r = tables.documents, tables.relays
    query = select(d.c.id, d.c.doc_id, d.c.published, d.c.outlet)
    if doc_ids is not None:
        query = query.where(d.c.doc_id.in_(list(doc_ids)))
    rows = connection.execute(query).all()
    chains: dict[int, list[str]] = defaultdict(list)
    keys = [row.id for row in rows]
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        for key, outlet in connection.execute(
            select(r.c.document_id, r.c.outlet)
            .where(r.c.document_id.in_(chunk))
            .order_by(r.c.document_id, r.c.position)
        ):
            chains[key].append(outlet)
    found = [
        StoredDocument(row.id, row.doc_id, row.published, publisher(row.outlet, chains[row.id]))
        for row in rows
    ]
    return sorted(
        found, key=lambda doc: (doc.published is None, doc.published or dt.date.min, doc.key)
    )


def has_attribution_layer(connection: Connection, key: int) -> bool:
    runs = tables.stage_runs
    found = connection.execute(
        select(runs.c.name).where(runs.c.document_id == key, runs.c.name == ATTRIBUTION_STAGE)
    ).first()
    return found is not None


def statements_of(connection: Connection, document: StoredDocument) -> list[Statement]:
    """Every attribution of one document that has content, in the document's order."""
    a, c = tables.attributions, tables.attribution_contents
    pieces: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for part in connection.execute(
        select(c.c.attribution_ordinal, c.c.start, c.c.end, c.c.text)
        .where(c.c.document_id == document.key)
        .order_by(c.c.attribution_ordinal, c.c.position)
    ):
        pieces[part.attribution_ordinal].append((part.start, part.end, part.text))
    keys = _source_keys(connection, document.key)
    names = dict(
        connection.execute(
            select(tables.entities.c.local_id, tables.entities.c.name).where(
                tables.entities.c.document_id == document.key
            )
        ).all()
    )
    rows = list(
        connection.execute(
            select(a).where(a.c.document_id == document.key).order_by(a.c.ordinal)
        ).mappings()
    )
    own_voice = {row["local_id"] for row in rows if row["kind"] == OWN_VOICE}
    result = []
    for row in rows:
        content = pieces.get(row["ordinal"])
        # A deed told in the outlet's own sentence ("the contract was signed ...") is nested
        # in it: the sentence is the statement, the deed's noun phrase no claim of its own.
        if not content or row["parent"] in own_voice:
            continue
        result.append(
            Statement(
                document_key=document.key,
                doc_id=document.doc_id,
                published=document.published,
                outlet=document.outlet,
                ordinal=row["ordinal"],
                attribution_id=row["local_id"],
                kind=row["kind"],
                stance=row["stance"],
                source=_source_name(row),
                source_name=names.get(row["source_entity"] or ""),
                source_key=keys.get(row["source_entity"] or ""),
                cue=row["cue_text"],
                content=" … ".join(text for _, _, text in content),
                pieces=tuple((start, end) for start, end, _ in content),
            )
        )
    return result


def _source_name(row: Any) -> str | None:
    if row["kind"] == OWN_VOICE:
        return None
    named: str | None = row["source_text"] or row["source_description"]
    return " ".join(named.split()) if named else None


def _source_keys(connection: Connection, key: int) -> dict[str, str]:
    """Entity local id -> corpus entity key, for the linked entities of one document."""
    e, links, corpus = tables.entities, tables.entity_links, tables.corpus_entities
    rows = connection.execute(
        select(e.c.local_id, corpus.c.key)
        .join(
            links,
            and_(links.c.document_id == e.c.document_id, links.c.entity_ordinal == e.c.ordinal),
        )
        .join(corpus, corpus.c.id == links.c.corpus_entity_id)
        .where(e.c.document_id == key)
    )
    return {local_id: corpus_key for local_id, corpus_key in rows}
