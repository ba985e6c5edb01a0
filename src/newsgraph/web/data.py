"""What the pages read from the store beyond newsgraph.store.queries: the corpus entity of
each document entity, lists of corpus entities and outlets, dated events, and the rows the
graph is drawn from. Every row keeps its document id and character offsets.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, distinct, func, or_, select

from newsgraph.store import tables
from newsgraph.store.queries import corpus_ids


def entity_url(corpus_id: int) -> str:
    return f"/entities/{corpus_id}"


def document_entity_urls(connection: Connection, doc_id: str) -> dict[str, str]:
    """Document entity id -> the page of its corpus entity, for one document."""
    d, e, links = tables.documents, tables.entities, tables.entity_links
    rows = connection.execute(
        select(e.c.local_id, links.c.corpus_entity_id)
        .join(d, d.c.id == e.c.document_id)
        .join(
            links,
            and_(links.c.document_id == e.c.document_id, links.c.entity_ordinal == e.c.ordinal),
        )
        .where(d.c.doc_id == doc_id)
    )
    return {local_id: entity_url(corpus_id) for local_id, corpus_id in rows}


@dataclass(frozen=True)
class CorpusEntityRow:
    id: int
    name: str
    kind: str
    documents: int
    latitude: float | None
    longitude: float | None
    country_code: str | None


def corpus_entity(connection: Connection, corpus_id: int) -> CorpusEntityRow | None:
    found = entity_list(connection, ids=[corpus_id], limit=1)
    return found[0] if found else None


def entity_list(
    connection: Connection,
    kind: str | None = None,
    ids: Sequence[int] | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[CorpusEntityRow]:
    """Corpus entities, those named in the most documents first."""
    c, links = tables.corpus_entities, tables.entity_links
    count = func.count(distinct(links.c.document_id)).label("documents")
    query = (
        select(c.c.id, c.c.name, c.c.kind, c.c.latitude, c.c.longitude, c.c.country_code, count)
        .join(links, links.c.corpus_entity_id == c.c.id)
        .group_by(c.c.id, c.c.name, c.c.kind, c.c.latitude, c.c.longitude, c.c.country_code)
        .order_by(count.desc(), c.c.name, c.c.id)
        .limit(limit)
        .offset(offset)
    )
    if kind:
        query = query.where(c.c.kind == kind)
    if ids is not None:
        query = query.where(c.c.id.in_(list(ids)))
    return [
        CorpusEntityRow(
            id=row.id,
            name=row.name,
            kind=row.kind,
            documents=int(row.documents),
            latitude=row.latitude,
            longitude=row.longitude,
            country_code=row.country_code,
        )
        for row in connection.execute(query)
    ]


def entity_kinds(connection: Connection) -> list[str]:
    c = tables.corpus_entities
    return list(connection.execute(select(c.c.kind).distinct().order_by(c.c.kind)).scalars())


def outlets(connection: Connection) -> list[str]:
    """Every outlet that published or relayed a stored document."""
    d, r = tables.documents, tables.relays
    published = select(d.c.outlet.label("outlet")).where(d.c.outlet.is_not(None))
    relayed = select(r.c.outlet.label("outlet"))
    rows = connection.execute(published.union(relayed)).scalars()
    return sorted({row for row in rows if row})


def _outlet_filter(outlet: str) -> Any:
    d, r = tables.documents, tables.relays
    relayed = select(r.c.document_id).where(r.c.outlet == outlet)
    return or_(d.c.outlet == outlet, d.c.id.in_(relayed))


def _linked_local_ids(connection: Connection, ids: Sequence[int]) -> set[tuple[int, str]]:
    """(document key, entity local id) of every document entity linked to one of `ids`."""
    e, links = tables.entities, tables.entity_links
    rows = connection.execute(
        select(e.c.document_id, e.c.local_id)
        .join(
            links,
            and_(links.c.document_id == e.c.document_id, links.c.entity_ordinal == e.c.ordinal),
        )
        .where(links.c.corpus_entity_id.in_(list(ids)))
    )
    return {(key, local_id) for key, local_id in rows}


@dataclass(frozen=True)
class EventRow:
    document_id: str
    event_id: str
    type: str
    factuality: str
    date: str | None
    trigger: str
    start: int
    end: int
    sentence: str
    published: dt.date | None
    outlet: str | None
    participants: tuple[str, ...]


def events(
    connection: Connection,
    entity: str | None = None,
    outlet: str | None = None,
    limit: int = 500,
) -> list[EventRow]:
    """Events with their trigger and sentence; with `entity`, those it takes part in (any of
    its names, through the corpus links)."""
    d, ev, p, s = tables.documents, tables.events, tables.event_participants, tables.sentences
    query = (
        select(
            d.c.doc_id,
            d.c.id.label("key"),
            d.c.published,
            d.c.outlet,
            ev.c.ordinal,
            ev.c.local_id,
            ev.c.type,
            ev.c.factuality,
            ev.c.date,
            ev.c.trigger_text,
            ev.c.trigger_start,
            ev.c.trigger_end,
            s.c.text.label("sentence_text"),
        )
        .join(d, d.c.id == ev.c.document_id)
        .outerjoin(s, and_(s.c.document_id == ev.c.document_id, s.c.local_id == ev.c.sentence))
        .order_by(d.c.published, d.c.id, ev.c.ordinal)
    )
    if outlet:
        query = query.where(_outlet_filter(outlet))
    if entity:
        ids = corpus_ids(connection, entity)
        if not ids:
            return []
        linked = _linked_local_ids(connection, ids)
        keys = sorted({key for key, _ in linked})
        query = query.where(ev.c.document_id.in_(keys))
    rows = list(connection.execute(query.limit(limit * 4 if entity else limit)).mappings())
    keys = sorted({row["key"] for row in rows})
    roles: dict[tuple[int, int], list[tuple[str, str | None]]] = defaultdict(list)
    if keys:
        for part in connection.execute(
            select(p.c.document_id, p.c.event_ordinal, p.c.text, p.c.entity)
            .where(p.c.document_id.in_(keys))
            .order_by(p.c.document_id, p.c.event_ordinal, p.c.role, p.c.position)
        ):
            roles[(part.document_id, part.event_ordinal)].append((part.text, part.entity))
    found = []
    for row in rows:
        people = roles.get((row["key"], row["ordinal"]), [])
        if entity and not any((row["key"], local) in linked for _, local in people if local):
            continue
        found.append(
            EventRow(
                document_id=row["doc_id"],
                event_id=row["local_id"],
                type=row["type"],
                factuality=row["factuality"],
                date=row["date"],
                trigger=row["trigger_text"],
                start=row["trigger_start"],
                end=row["trigger_end"],
                sentence=row["sentence_text"] or row["trigger_text"],
                published=row["published"],
                outlet=row["outlet"],
                participants=tuple(text for text, _ in people),
            )
        )
    return found[:limit]


@dataclass(frozen=True)
class StatementRow:
    """An attribution as the graph draws it: its speaker and the entities its content names."""

    document_id: str
    attribution_id: str
    kind: str
    stance: str
    speaker_id: int | None
    speaker: str
    cue: str | None
    start: int
    end: int
    content: str
    about: tuple[tuple[int, str, int, int], ...]  # corpus id, name, mention start, end


def statements(
    connection: Connection,
    entity: str | None = None,
    outlet: str | None = None,
    limit: int = 150,
) -> list[StatementRow]:
    """Attributions other than the outlet's own voice, newest documents first, each with the
    corpus entities of the mentions inside its content; with `entity`, those it says or that
    are said about it."""
    d, a = tables.documents, tables.attributions
    c, m = tables.attribution_contents, tables.mentions
    e, links, corpus = tables.entities, tables.entity_links, tables.corpus_entities
    documents = select(d.c.id).order_by(d.c.published.desc(), d.c.id.desc())
    if outlet:
        documents = documents.where(_outlet_filter(outlet))
    linked: set[tuple[int, str]] | None = None
    if entity:
        ids = corpus_ids(connection, entity)
        if not ids:
            return []
        linked = _linked_local_ids(connection, ids)
        documents = documents.where(d.c.id.in_(sorted({key for key, _ in linked})))
    keys = list(connection.execute(documents.limit(200)).scalars())
    if not keys:
        return []
    # Corpus entity of each document entity of these documents.
    corpus_of = {
        (link.document_id, link.local_id): (link.id, link.name)
        for link in connection.execute(
            select(e.c.document_id, e.c.local_id, corpus.c.id, corpus.c.name)
            .join(
                links,
                and_(links.c.document_id == e.c.document_id, links.c.entity_ordinal == e.c.ordinal),
            )
            .join(corpus, corpus.c.id == links.c.corpus_entity_id)
            .where(e.c.document_id.in_(keys))
        )
    }
    pieces: dict[tuple[int, int], list[Any]] = defaultdict(list)
    for piece in connection.execute(
        select(c).where(c.c.document_id.in_(keys)).order_by(c.c.document_id, c.c.position)
    ):
        pieces[(piece.document_id, piece.attribution_ordinal)].append(piece)
    mentions: dict[int, list[Any]] = defaultdict(list)
    for hit in connection.execute(
        select(m.c.document_id, m.c.start, m.c.end, m.c.entity).where(
            m.c.document_id.in_(keys), m.c.entity.is_not(None)
        )
    ):
        mentions[hit.document_id].append(hit)
    doc_ids = dict(connection.execute(select(d.c.id, d.c.doc_id).where(d.c.id.in_(keys))).all())
    place = {key: position for position, key in enumerate(keys)}
    chosen = select(a).where(a.c.document_id.in_(keys), a.c.kind != "own_voice")
    rows: list[dict[str, Any]] = [dict(row) for row in connection.execute(chosen).mappings()]
    rows.sort(key=lambda row: (place[row["document_id"]], row["ordinal"]))
    found = []
    for row in rows:
        key = row["document_id"]
        content = pieces.get((key, row["ordinal"]), [])
        about = []
        for mention in mentions.get(key, []):
            target = corpus_of.get((key, mention.entity))
            if target is None or mention.entity == row["source_entity"]:
                continue
            if any(p.start <= mention.start and mention.end <= p.end for p in content):
                about.append((target[0], target[1], mention.start, mention.end))
        speaker = corpus_of.get((key, row["source_entity"])) if row["source_entity"] else None
        if linked is not None:
            says = row["source_entity"] and (key, row["source_entity"]) in linked
            said_about = any(
                (key, mention.entity) in linked
                for mention in mentions.get(key, [])
                if any(p.start <= mention.start and mention.end <= p.end for p in content)
            )
            if not (says or said_about):
                continue
        spans = [s for s in (row["source_start"], row["cue_start"]) if s is not None]
        ends = [s for s in (row["source_end"], row["cue_end"]) if s is not None]
        found.append(
            StatementRow(
                document_id=doc_ids[key],
                attribution_id=row["local_id"],
                kind=row["kind"],
                stance=row["stance"],
                speaker_id=speaker[0] if speaker else None,
                speaker=speaker[1]
                if speaker
                else row["source_description"] or row["source_text"] or "unnamed source",
                cue=row["cue_text"],
                start=min([*spans, *(p.start for p in content)], default=0),
                end=max([*ends, *(p.end for p in content)], default=0),
                content=" … ".join(p.text for p in content),
                about=tuple(about),
            )
        )
        if len(found) >= limit:
            break
    return found
