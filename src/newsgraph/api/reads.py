"""The reads the API needs beyond newsgraph.store.queries: corpus entities by id, an entity's
mentions, events, the timeline of dated statements and events, and documents for a graph.

Like the query functions, each returns frozen dataclasses whose every item names its document
and carries the character offsets of what it reports.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    exists,
    func,
    literal,
    or_,
    select,
    union_all,
)

from newsgraph.store import tables
from newsgraph.store.queries import corpus_ids


@dataclass(frozen=True)
class EntitySummary:
    """A corpus entity: one thing (person, place, organisation...) across all articles."""

    id: int
    key: str
    name: str
    kind: str
    latitude: float | None
    longitude: float | None
    country_code: str | None
    document_count: int


@dataclass(frozen=True)
class EntityMention:
    """Where a document names the entity: characters [start, end) of its text."""

    document_id: str
    entity_id: str
    mention_id: str
    label: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Participant:
    role: Literal["actor", "target"]
    start: int
    end: int
    text: str
    entity_id: str | None
    corpus_entity_id: int | None
    country: str | None
    sector: str | None


@dataclass(frozen=True)
class EventItem:
    """A PLOVER event of one document; `start`/`end` are its trigger's offsets."""

    document_id: str
    event_id: str
    type: str
    mode: str | None
    quad_class: str | None
    factuality: str
    date: str | None
    when_source: str | None
    asserted_by: str | None
    published: dt.date | None
    outlet: str | None
    start: int
    end: int
    text: str
    participants: tuple[Participant, ...]


@dataclass(frozen=True)
class TimelineItem:
    """A dated statement (an attribution dated by a timex) or a dated event. `date` is its
    ISO-TimeML value (2025-11-03, 2025-11, 2025); `start`/`end` cover the statement's content
    or the event's trigger."""

    kind: Literal["statement", "event"]
    date: str
    document_id: str
    item_id: str
    label: str
    start: int
    end: int
    text: str
    published: dt.date | None


def _newest_first(connection: Connection) -> tuple[Any, ...]:
    d = tables.documents
    if connection.dialect.name == "sqlite":
        return d.c.published.desc(), d.c.id.desc()
    return d.c.published.desc().nulls_last(), d.c.id.desc()


def _linked(column_document: Any, column_local: Any, ids: Sequence[int]) -> ColumnElement[bool]:
    """The document-level entity (document key, local id) is linked to one of the corpus
    entities `ids`."""
    links, entities = tables.entity_links, tables.entities
    return exists().where(
        links.c.corpus_entity_id.in_(list(ids)),
        entities.c.document_id == links.c.document_id,
        entities.c.ordinal == links.c.entity_ordinal,
        entities.c.document_id == column_document,
        entities.c.local_id == column_local,
    )


# --- entities -------------------------------------------------------------------------------
def entity_summaries(
    connection: Connection,
    name: str | None = None,
    kind: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[EntitySummary]:
    """Corpus entities by id; `name` keeps those some article called so (any alias, as
    `newsgraph entity` looks them up), `kind` those of that kind."""
    corpus, links = tables.corpus_entities, tables.entity_links
    query = select(corpus).order_by(corpus.c.id)
    if name is not None:
        found = corpus_ids(connection, name)
        if not found:
            return []
        query = query.where(corpus.c.id.in_(found))
    if kind is not None:
        query = query.where(corpus.c.kind == kind)
    rows = connection.execute(query.limit(limit).offset(offset)).mappings().all()
    if not rows:
        return []
    counted: dict[int, int] = {
        int(corpus_id): int(count)
        for corpus_id, count in connection.execute(
            select(links.c.corpus_entity_id, func.count(func.distinct(links.c.document_id)))
            .where(links.c.corpus_entity_id.in_([row["id"] for row in rows]))
            .group_by(links.c.corpus_entity_id)
        )
    }
    return [
        EntitySummary(
            id=row["id"],
            key=row["key"],
            name=row["name"],
            kind=row["kind"],
            latitude=row["latitude"],
            longitude=row["longitude"],
            country_code=row["country_code"],
            document_count=int(counted.get(row["id"], 0)),
        )
        for row in rows
    ]


def entity_row(connection: Connection, corpus_id: int) -> dict[str, Any] | None:
    corpus = tables.corpus_entities
    row = connection.execute(select(corpus).where(corpus.c.id == corpus_id)).mappings().first()
    return dict(row) if row is not None else None


def entity_mentions(
    connection: Connection, corpus_id: int, limit: int = 20, offset: int = 0
) -> list[EntityMention]:
    """Every mention of the corpus entity, newest document first, in text order within one."""
    links, entities, mentions, d = (
        tables.entity_links,
        tables.entities,
        tables.mentions,
        tables.documents,
    )
    query = (
        select(
            d.c.doc_id,
            entities.c.local_id.label("entity_id"),
            mentions.c.local_id.label("mention_id"),
            mentions.c.label,
            mentions.c.start,
            mentions.c.end,
            mentions.c.text,
        )
        .select_from(links)
        .join(
            entities,
            and_(
                entities.c.document_id == links.c.document_id,
                entities.c.ordinal == links.c.entity_ordinal,
            ),
        )
        .join(
            mentions,
            and_(
                mentions.c.document_id == entities.c.document_id,
                mentions.c.entity == entities.c.local_id,
            ),
        )
        .join(d, d.c.id == links.c.document_id)
        .where(links.c.corpus_entity_id == corpus_id)
        .order_by(*_newest_first(connection), mentions.c.start)
        .limit(limit)
        .offset(offset)
    )
    return [
        EntityMention(
            document_id=row["doc_id"],
            entity_id=row["entity_id"],
            mention_id=row["mention_id"],
            label=row["label"],
            start=row["start"],
            end=row["end"],
            text=row["text"],
        )
        for row in connection.execute(query).mappings()
    ]


# --- events ---------------------------------------------------------------------------------
def events(
    connection: Connection,
    type: str | None = None,
    factuality: str | None = None,
    document_id: str | None = None,
    entity: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[EventItem]:
    """Events, newest document first, in text order within one. `entity`: one of its actors
    or targets is the entity called so; `since`/`until` bound the publication date."""
    e, d, p = tables.events, tables.documents, tables.event_participants
    conditions: list[ColumnElement[bool]] = []
    if type is not None:
        conditions.append(e.c.type == type)
    if factuality is not None:
        conditions.append(e.c.factuality == factuality)
    if document_id is not None:
        conditions.append(d.c.doc_id == document_id)
    if since is not None:
        conditions.append(d.c.published >= since)
    if until is not None:
        conditions.append(d.c.published <= until)
    if entity is not None:
        ids = corpus_ids(connection, entity)
        if not ids:
            return []
        conditions.append(
            exists().where(
                p.c.document_id == e.c.document_id,
                p.c.event_ordinal == e.c.ordinal,
                _linked(p.c.document_id, p.c.entity, ids),
            )
        )
    rows = [
        dict(row)
        for row in connection.execute(
            select(e, d.c.doc_id, d.c.published, d.c.outlet)
            .join(d, d.c.id == e.c.document_id)
            .where(*conditions)
            .order_by(*_newest_first(connection), e.c.ordinal)
            .limit(limit)
            .offset(offset)
        ).mappings()
    ]
    return _with_participants(connection, rows)


def _with_participants(connection: Connection, rows: list[dict[str, Any]]) -> list[EventItem]:
    if not rows:
        return []
    p, links, entities = tables.event_participants, tables.entity_links, tables.entities
    keys = sorted({row["document_id"] for row in rows})
    corpus = {
        (document, local): int(corpus_id)
        for document, local, corpus_id in connection.execute(
            select(entities.c.document_id, entities.c.local_id, links.c.corpus_entity_id)
            .join(
                links,
                and_(
                    links.c.document_id == entities.c.document_id,
                    links.c.entity_ordinal == entities.c.ordinal,
                ),
            )
            .where(entities.c.document_id.in_(keys))
        )
    }
    wanted = {(row["document_id"], row["ordinal"]) for row in rows}
    found: dict[tuple[int, int], list[Participant]] = defaultdict(list)
    for part in connection.execute(
        select(p).where(p.c.document_id.in_(keys)).order_by(p.c.role, p.c.position)
    ).mappings():
        key = (part["document_id"], part["event_ordinal"])
        if key not in wanted:
            continue
        found[key].append(
            Participant(
                role=part["role"],
                start=part["start"],
                end=part["end"],
                text=part["text"],
                entity_id=part["entity"],
                corpus_entity_id=corpus.get((part["document_id"], part["entity"])),
                country=part["country"],
                sector=part["sector"],
            )
        )
    return [
        EventItem(
            document_id=row["doc_id"],
            event_id=row["local_id"],
            type=row["type"],
            mode=row["mode"],
            quad_class=row["quad_class"],
            factuality=row["factuality"],
            date=row["date"],
            when_source=row["when_source"],
            asserted_by=row["asserted_by"],
            published=row["published"],
            outlet=row["outlet"],
            start=row["trigger_start"],
            end=row["trigger_end"],
            text=row["trigger_text"],
            participants=tuple(found.get((row["document_id"], row["ordinal"]), ())),
        )
        for row in rows
    ]


# --- timeline -------------------------------------------------------------------------------
def _calendar(value: Any) -> ColumnElement[bool]:
    """A value that is a calendar date or its prefix (2025, 2025-11, 2025-11-03T10:00), so
    that values sort as text in time order; durations (P3D), references (PAST_REF), weeks
    (2025-W22) and quarters (2025-Q1) are left out."""
    return and_(
        value >= "0",
        value < ":",
        or_(
            func.length(value) == 4,
            and_(func.substr(value, 6, 1) >= "0", func.substr(value, 6, 1) <= "9"),
        ),
    )


def timeline(
    connection: Connection,
    entity: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[TimelineItem]:
    """Dated statements and events, the latest date first. `entity`: statements said by it
    and events it takes part in; `since`/`until` bound the item's own date (ISO prefixes
    compare as text: "2025-11" is after "2025" and before "2025-11-03")."""
    a, t, c, e, p, d = (
        tables.attributions,
        tables.timexes,
        tables.attribution_contents,
        tables.events,
        tables.event_participants,
        tables.documents,
    )
    ids: list[int] | None = None
    if entity is not None:
        ids = corpus_ids(connection, entity)
        if not ids:
            return []
    statements: Select[Any] = (
        select(
            literal("statement").label("kind"),
            t.c.value.label("date"),
            a.c.document_id.label("key"),
            a.c.local_id.label("item_id"),
            a.c.kind.label("label"),
            c.c.start,
            c.c.end,
            c.c.text,
        )
        .join(t, and_(t.c.document_id == a.c.document_id, t.c.local_id == a.c.timex))
        .join(
            c,
            and_(
                c.c.document_id == a.c.document_id,
                c.c.attribution_ordinal == a.c.ordinal,
                c.c.position == 0,  # the first content piece: where the statement starts
            ),
        )
        .where(_calendar(t.c.value))
    )
    happenings: Select[Any] = select(
        literal("event").label("kind"),
        e.c.date.label("date"),
        e.c.document_id.label("key"),
        e.c.local_id.label("item_id"),
        e.c.type.label("label"),
        e.c.trigger_start.label("start"),
        e.c.trigger_end.label("end"),
        e.c.trigger_text.label("text"),
    ).where(_calendar(e.c.date))
    if ids is not None:
        statements = statements.where(_linked(a.c.document_id, a.c.source_entity, ids))
        happenings = happenings.where(
            exists().where(
                p.c.document_id == e.c.document_id,
                p.c.event_ordinal == e.c.ordinal,
                _linked(p.c.document_id, p.c.entity, ids),
            )
        )
    for bound, keep in ((since, "since"), (until, "until")):
        if bound is None:
            continue
        statements = statements.where(t.c.value >= bound if keep == "since" else t.c.value <= bound)
        happenings = happenings.where(e.c.date >= bound if keep == "since" else e.c.date <= bound)
    both = union_all(statements, happenings).subquery()
    rows = connection.execute(
        select(both, d.c.doc_id, d.c.published)
        .join(d, d.c.id == both.c.key)
        .order_by(both.c.date.desc(), d.c.id.desc(), both.c.start)
        .limit(limit)
        .offset(offset)
    ).mappings()
    return [
        TimelineItem(
            kind=row["kind"],
            date=row["date"],
            document_id=row["doc_id"],
            item_id=row["item_id"],
            label=row["label"],
            start=row["start"],
            end=row["end"],
            text=row["text"],
            published=row["published"],
        )
        for row in rows
    ]


# --- graph ----------------------------------------------------------------------------------
def document_keys(
    connection: Connection,
    document_id: str | None = None,
    corpus_id: int | None = None,
    limit: int = 20,
) -> list[dict[str, Any]]:
    """Rows of the documents a graph is drawn from: the one named, or the newest `limit` of
    those where the corpus entity appears, or the newest `limit` of all."""
    d, links = tables.documents, tables.entity_links
    query = select(d)
    if document_id is not None:
        query = query.where(d.c.doc_id == document_id)
    if corpus_id is not None:
        query = query.where(
            (d.c.id + 0).in_(
                select(links.c.document_id).where(links.c.corpus_entity_id == corpus_id)
            )
        )
    query = query.order_by(*_newest_first(connection)).limit(limit)
    return [dict(row) for row in connection.execute(query).mappings()]


def has_document(connection: Connection, document_id: str) -> bool:
    d = tables.documents
    return connection.execute(select(d.c.id).where(d.c.doc_id == document_id)).first() is not None


__all__ = [
    "EntityMention",
    "EntitySummary",
    "EventItem",
    "Participant",
    "TimelineItem",
    "document_keys",
    "entity_mentions",
    "entity_row",
    "entity_summaries",
    "events",
    "has_document",
    "timeline",
]
