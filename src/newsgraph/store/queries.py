"""The questions users ask of the store: who said what, about whom, where, when.

Every answer is a list of frozen dataclasses; every row names its document and carries the
character offsets of what it reports, so a user can always go back to the article text.

Names are looked up by any alias or name a document gave the entity, folded
(`entity_names`), so "Jolani" finds the statements of the entity also called "al-Sharaa" in
every article that linked its entity to the same corpus entity. A named query is two index
ranges (revision 0003): folded name -> corpus entities in `entity_names`, then the newest
statements of those entities in `entity_statements`, read until the page is full; only the
page's attributions, contents, links and timexes are then read.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    String,
    and_,
    column,
    distinct,
    exists,
    func,
    literal,
    or_,
    select,
    text,
    union_all,
)

from newsgraph.store import tables
from newsgraph.store.convert import fold
from newsgraph.store.fulltext import SearchMatch, Within
from newsgraph.store.fulltext import search as fulltext_search
from newsgraph.store.statement_tables import (
    ABOUT,
    SAID,
    entity_names,
    entity_statements,
    folded_name,
)

OWN_VOICE = "own_voice"

__all__ = [
    "ContentPiece",
    "DocumentSummary",
    "EntityReport",
    "Quote",
    "SearchMatch",
    "documents",
    "entity",
    "quotes",
    "search",
]


@dataclass(frozen=True)
class ContentPiece:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Quote:
    """One attribution. `source` is the source as the text names it; `source_entity` the
    corpus entity it was linked to. `date` is the value of the attribution's timex, else the
    publication date (`date_from` says which). `start`/`end` cover source, cue and content."""

    document_id: str
    attribution_id: str
    kind: str
    stance: str
    source: str | None
    source_start: int | None
    source_end: int | None
    source_entity: str | None
    source_entity_key: str | None
    source_description: str | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    content: tuple[ContentPiece, ...]
    channel: str | None
    date: str | None
    date_from: str | None
    published: dt.date | None
    outlet: str | None
    via: tuple[str, ...]
    parent: str | None
    start: int
    end: int

    @property
    def content_text(self) -> str:
        return " … ".join(piece.text for piece in self.content)


@dataclass(frozen=True)
class EntityReport:
    """A corpus entity: its names, where it is, where it appears, what it said and what was
    said about it (each list the newest first, at most `limit` of each)."""

    id: int
    key: str
    name: str
    kind: str
    latitude: float | None
    longitude: float | None
    country_code: str | None
    aliases: tuple[str, ...]
    document_count: int
    documents: tuple[str, ...]
    said: tuple[Quote, ...]
    said_about: tuple[Quote, ...]


@dataclass(frozen=True)
class DocumentSummary:
    document_id: str
    published: dt.date | None
    outlet: str | None
    via: tuple[str, ...]
    title: str | None
    length: int
    sentences: int
    mentions: int
    entities: int
    timexes: int
    attributions: int
    events: int


def missing_file(url: str) -> str | None:
    """The message for an SQLite store whose file does not exist (reading must not create
    it, as opening it would); None when there is nothing to say."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if Path(database).expanduser().exists():
        return None
    return f"{database}: no store here; run `newsgraph ingest --db {database} ...` first"


def corpus_ids(connection: Connection, name: str) -> list[int]:
    """The corpus entities one of whose document entities was named or called `name` (an
    alias, or the entity's own name; case, accents and spacing aside); when none is exactly
    that, those with a name starting with it."""
    folded = folded_name(name)
    if not folded:
        return []
    n = entity_names
    exact = select(n.c.corpus_entity_id).distinct().where(n.c.folded == folded)
    found = connection.execute(exact).scalars().all()
    if not found:
        # A range, not LIKE, so that the folded index serves it on both databases.
        prefix = (
            select(n.c.corpus_entity_id)
            .distinct()
            .where(n.c.folded > folded, n.c.folded < folded + "\uffff")
        )
        found = connection.execute(prefix).scalars().all()
    return sorted({int(i) for i in found})


def _newest_first(connection: Connection) -> tuple[Any, ...]:
    """Newest document first, undated ones last. SQLite sorts NULL lowest, so its plain DESC
    already puts them last and can walk the (published, id) index; PostgreSQL needs it said."""
    d = tables.documents
    if connection.dialect.name == "sqlite":
        return d.c.published.desc(), d.c.id.desc()
    return d.c.published.desc().nulls_last(), d.c.id.desc()


def _outlet_condition(outlet: str) -> ColumnElement[bool]:
    """The document was published by the outlet or reached its site through it."""
    d, r = tables.documents, tables.relays
    relayed = exists().where(r.c.document_id == d.c.id, r.c.outlet == outlet)
    return or_(d.c.outlet == outlet, relayed)


def _date_conditions(since: dt.date | None, until: dt.date | None) -> list[ColumnElement[bool]]:
    d = tables.documents
    conditions: list[ColumnElement[bool]] = []
    if since is not None:
        conditions.append(d.c.published >= since)
    if until is not None:
        conditions.append(d.c.published <= until)
    return conditions


def quotes(
    connection: Connection,
    by: str | None = None,
    about: str | None = None,
    stance: str | None = None,
    kind: str | None = None,
    outlet: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[Quote]:
    """Attributions, newest document first. `by`: said by the entity called so (any alias),
    or by an unlinked source worded so; `about`: a content piece mentions the entity. The
    outlet's own voice is left out unless `kind="own_voice"` or `about` is given. `since` and
    `until` bound the publication date (inclusive)."""
    by_ids = corpus_ids(connection, by) if by else None
    about_ids = corpus_ids(connection, about) if about else None
    if about_ids is not None and not about_ids:
        return []
    return _quotes(
        connection,
        by_ids=by_ids,
        by_text=by,
        about_ids=about_ids,
        stance=stance,
        kind=kind,
        outlet=outlet,
        since=since,
        until=until,
        limit=limit,
        offset=offset,
    )


def _quotes(
    connection: Connection,
    by_ids: Sequence[int] | None = None,
    by_text: str | None = None,
    about_ids: Sequence[int] | None = None,
    stance: str | None = None,
    kind: str | None = None,
    outlet: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[Quote]:
    filters = _Filters(stance, kind, outlet, since, until, own_voice=about_ids is not None)
    if by_ids is None and about_ids is None:
        rows = _listed_rows(connection, filters, offset + limit)[offset:]
    else:
        keys = _statement_keys(connection, by_ids, by_text, about_ids, filters, offset + limit)
        rows = _rows_of(connection, keys[offset:])
    return _complete(connection, rows[:limit])


@dataclass(frozen=True)
class _Filters:
    """What a quotes query keeps, besides whom: own_voice says whether the outlet's own voice
    counts when no kind is asked for."""

    stance: str | None
    kind: str | None
    outlet: str | None
    since: dt.date | None
    until: dt.date | None
    own_voice: bool

    def on(
        self, published: Any, document: Any, kind: Any, stance: Any, outlet: Any
    ) -> list[ColumnElement[bool]]:
        """The conditions on rows with these columns (of any table)."""
        return [*self.on_attribution(kind, stance), *self.on_document(published, document, outlet)]

    def on_attribution(self, kind: Any, stance: Any) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = []
        if self.stance:
            conditions.append(stance == self.stance)
        if self.kind:
            conditions.append(kind == self.kind)
        elif not self.own_voice:
            conditions.append(kind != OWN_VOICE)
        return conditions

    def on_document(self, published: Any, document: Any, outlet: Any) -> list[ColumnElement[bool]]:
        r = tables.relays
        conditions: list[ColumnElement[bool]] = []
        if self.since is not None:
            conditions.append(published >= self.since)
        if self.until is not None:
            conditions.append(published <= self.until)
        if self.outlet:
            relayed = exists().where(r.c.document_id == document, r.c.outlet == self.outlet)
            conditions.append(or_(outlet == self.outlet, relayed))
        return conditions


# (published, document key, attribution ordinal): the order of every quotes answer.
_Key = tuple[dt.date | None, int, int]


def _order(key: _Key) -> tuple[bool, int, int, int]:
    """Newest document first, undated ones last, then in text order."""
    published, document, ordinal = key
    return published is None, -(published.toordinal() if published else 0), -document, ordinal


def _statement_keys(
    connection: Connection,
    by_ids: Sequence[int] | None,
    by_text: str | None,
    about_ids: Sequence[int] | None,
    filters: _Filters,
    wanted: int,
) -> list[_Key]:
    """The first `wanted` attributions said by (or about) the entities, from the statement
    index: one range of its page index per entity, read in order and stopped at `wanted`."""
    s = entity_statements
    if by_ids is not None:
        role, ids = SAID, by_ids
    else:
        assert about_ids is not None
        role, ids = ABOUT, about_ids
    found: set[_Key] = set()
    if ids:
        linked = (
            select(s.c.published, s.c.document_id, s.c.attribution_ordinal)
            .where(
                s.c.corpus_entity_id.in_(list(ids)),
                s.c.role == role,
                *filters.on(s.c.published, s.c.document_id, s.c.kind, s.c.stance, s.c.outlet),
            )
            .order_by(*_statement_order(connection, s.c.published))
            .limit(wanted)
        )
        if by_ids is not None and about_ids is not None:
            linked = linked.where(_also_about(about_ids, s.c.document_id, s.c.attribution_ordinal))
        # An entity with several corpus ids (or "about" several) may list one attribution
        # twice; the set keeps it once.
        found.update((row[0], row[1], row[2]) for row in connection.execute(linked))
    if by_ids is not None and by_text:
        found.update(_unnamed_keys(connection, by_text, about_ids, filters, wanted))
    return sorted(found, key=_order)[:wanted]


def _statement_order(connection: Connection, published: Any) -> tuple[Any, ...]:
    s = entity_statements
    if connection.dialect.name == "sqlite":
        return published.desc(), s.c.document_id.desc(), s.c.attribution_ordinal
    return published.desc().nulls_last(), s.c.document_id.desc(), s.c.attribution_ordinal


def _also_about(ids: Sequence[int], document: Any, ordinal: Any) -> ColumnElement[bool]:
    """The attribution is also about one of the entities (a primary-key look-up)."""
    about = entity_statements.alias("about")
    return exists().where(
        about.c.document_id == document,
        about.c.attribution_ordinal == ordinal,
        about.c.role == ABOUT,
        about.c.corpus_entity_id.in_(list(ids)),
    )


def _unnamed_keys(
    connection: Connection,
    source_text: str,
    about_ids: Sequence[int] | None,
    filters: _Filters,
    wanted: int,
) -> list[_Key]:
    """Attributions whose source is linked to no entity and worded `source_text` (the
    lower(source_text) index of revision 0002)."""
    a, d = tables.attributions, tables.documents
    query = (
        select(d.c.published, a.c.document_id, a.c.ordinal)
        .join(d, d.c.id == a.c.document_id)
        .where(
            a.c.source_entity.is_(None),
            func.lower(a.c.source_text) == source_text.lower(),
            *filters.on(d.c.published, d.c.id, a.c.kind, a.c.stance, d.c.outlet),
        )
        .order_by(*_newest_first(connection), a.c.ordinal)
        .limit(wanted)
    )
    if about_ids is not None:
        if not about_ids:
            return []
        query = query.where(_also_about(about_ids, a.c.document_id, a.c.ordinal))
    return [(row[0], row[1], row[2]) for row in connection.execute(query)]


def _rows_of(connection: Connection, keys: Sequence[_Key]) -> list[dict[str, Any]]:
    """The attribution rows of these keys, with their document's fields, in their order."""
    if not keys:
        return []
    a = tables.attributions
    pairs = [(document, ordinal) for _published, document, ordinal in keys]
    wanted = _wanted(connection, set(pairs), Integer)
    query = select(a).join(
        wanted, and_(a.c.document_id == wanted.c.document, a.c.ordinal == wanted.c.item)
    )
    found = {
        (row["document_id"], row["ordinal"]): dict(row)
        for row in connection.execute(query).mappings()
    }
    _add_document_fields(connection, found.values())
    return [found[pair] for pair in pairs if pair in found]


def _wanted(
    connection: Connection, pairs: Iterable[tuple[int, Any]], item: type[Integer] | type[String]
) -> Any:
    """(document key, item) pairs as a table to join, (document, item): one primary-key
    look-up per pair on both databases. Two IN lists would read their cross product,
    thousands of rows when a page comes from many documents, and SQLite walks no index for a
    row-value IN. The pairs travel as one JSON parameter, so the statement is the same for any
    number of them and compiled once (SQLAlchemy's values() takes milliseconds to compile a
    few hundred rows, more than the query itself)."""
    if connection.dialect.name == "postgresql":
        item_of = "(value->>1)::integer" if item is Integer else "value->>1"
        sql = (
            f"SELECT (value->>0)::integer AS document, {item_of} AS item "
            "FROM jsonb_array_elements(CAST(:pairs AS jsonb))"
        )
    else:
        sql = (
            "SELECT json_extract(value, '$[0]') AS document, "
            "json_extract(value, '$[1]') AS item FROM json_each(:pairs)"
        )
    return (
        text(sql)
        .bindparams(pairs=json.dumps(sorted(pairs)))
        .columns(column("document", Integer), column("item", item))
        .subquery("wanted")
    )


def _add_document_fields(connection: Connection, rows: Iterable[dict[str, Any]]) -> None:
    """Document fields once per document, not once per attribution."""
    d = tables.documents
    rows = list(rows)
    keys = sorted({row["document_id"] for row in rows})
    shown = {
        row.id: row
        for row in connection.execute(
            select(d.c.id, d.c.doc_id, d.c.published, d.c.outlet).where(d.c.id.in_(keys))
        )
    }
    for row in rows:
        document = shown[row["document_id"]]
        row.update(
            doc_id=document.doc_id, published=document.published, document_outlet=document.outlet
        )


# Without a name, documents are read newest first in chunks of growing size until the page is
# full, so that a page costs the few articles it comes from, not a sort of every quote.
FIRST_CHUNK, LARGEST_CHUNK = 32, 2048


def _listed_rows(connection: Connection, filters: _Filters, wanted: int) -> list[dict[str, Any]]:
    """The first `wanted` attributions of any source, newest document first."""
    d, a = tables.documents, tables.attributions
    candidates = (
        select(d.c.id)
        .where(*filters.on_document(d.c.published, d.c.id, d.c.outlet))
        .order_by(*_newest_first(connection))
    )
    rows: list[dict[str, Any]] = []
    done, chunk = 0, FIRST_CHUNK
    while len(rows) < wanted:
        keys = list(connection.execute(candidates.limit(chunk).offset(done)).scalars())
        if not keys:
            break
        query = select(a).where(
            a.c.document_id.in_(keys), *filters.on_attribution(a.c.kind, a.c.stance)
        )
        found = [dict(row) for row in connection.execute(query).mappings()]
        place = {key: position for position, key in enumerate(keys)}
        found.sort(key=lambda row: (place[row["document_id"]], row["ordinal"]))
        _add_document_fields(connection, found)
        rows += found
        done += len(keys)
        chunk = min(2 * chunk, LARGEST_CHUNK)
    return rows


def _complete(connection: Connection, rows: list[dict[str, Any]]) -> list[Quote]:
    """Quotes from attribution rows: their contents, linked entities, timexes and relays are
    read for the documents of this page only."""
    if not rows:
        return []
    keys = sorted({row["document_id"] for row in rows})
    # Only what the page's attributions point at: a long article has thousands of entities,
    # timexes and content pieces, and a page shows a few of them.
    contents = _contents(connection, {(row["document_id"], row["ordinal"]) for row in rows})
    linked = _linked_names(connection, {(row["document_id"], row["source_entity"]) for row in rows})
    timexes = _timex_values(connection, {(row["document_id"], row["timex"]) for row in rows})
    via = _relays(connection, keys)
    found = []
    for row in rows:
        key = row["document_id"]
        pieces = tuple(contents.get((key, row["ordinal"]), ()))
        entity = linked.get((key, row["source_entity"])) if row["source_entity"] else None
        value = timexes.get((key, row["timex"])) if row["timex"] else None
        published = row["published"]
        date, date_from = (
            (value, "timex")
            if value
            else (published.isoformat(), "published")
            if published
            else (None, None)
        )
        starts = [p.start for p in pieces] + [
            s for s in (row["source_start"], row["cue_start"]) if s is not None
        ]
        ends = [p.end for p in pieces] + [
            e for e in (row["source_end"], row["cue_end"]) if e is not None
        ]
        found.append(
            Quote(
                document_id=row["doc_id"],
                attribution_id=row["local_id"],
                kind=row["kind"],
                stance=row["stance"],
                source=row["source_text"],
                source_start=row["source_start"],
                source_end=row["source_end"],
                source_entity=entity[0] if entity else None,
                source_entity_key=entity[1] if entity else None,
                source_description=row["source_description"],
                cue=row["cue_text"],
                cue_start=row["cue_start"],
                cue_end=row["cue_end"],
                content=pieces,
                channel=row["channel_text"],
                date=date,
                date_from=date_from,
                published=published,
                outlet=row["document_outlet"],
                via=via.get(key, ()),
                parent=row["parent"],
                start=min(starts, default=0),
                end=max(ends, default=0),
            )
        )
    return found


def _contents(
    connection: Connection, pairs: Iterable[tuple[int, int]]
) -> dict[tuple[int, int], list[ContentPiece]]:
    """(document key, attribution ordinal) -> its content pieces, in order."""
    c = tables.attribution_contents
    wanted = _wanted(connection, pairs, Integer)
    rows = connection.execute(
        select(c.c.document_id, c.c.attribution_ordinal, c.c.start, c.c.end, c.c.text)
        .join(
            wanted,
            and_(c.c.document_id == wanted.c.document, c.c.attribution_ordinal == wanted.c.item),
        )
        .order_by(c.c.document_id, c.c.attribution_ordinal, c.c.position)
    )
    pieces: dict[tuple[int, int], list[ContentPiece]] = defaultdict(list)
    for key, ordinal, start, end, piece in rows:
        pieces[(key, ordinal)].append(ContentPiece(start=start, end=end, text=piece))
    return pieces


def _linked_names(
    connection: Connection, pairs: Iterable[tuple[int, str | None]]
) -> dict[tuple[int, str], tuple[str, str]]:
    """(document key, entity local id) -> (corpus entity name, key)."""
    e, links, corpus = tables.entities, tables.entity_links, tables.corpus_entities
    named = sorted((key, local_id) for key, local_id in pairs if local_id is not None)
    if not named:
        return {}
    wanted = _wanted(connection, named, String)
    rows = connection.execute(
        select(e.c.document_id, e.c.local_id, corpus.c.name, corpus.c.key)
        .join(wanted, and_(e.c.document_id == wanted.c.document, e.c.local_id == wanted.c.item))
        .join(
            links,
            and_(links.c.document_id == e.c.document_id, links.c.entity_ordinal == e.c.ordinal),
        )
        .join(corpus, corpus.c.id == links.c.corpus_entity_id)
    )
    return {(key, local_id): (name, corpus_key) for key, local_id, name, corpus_key in rows}


def _timex_values(
    connection: Connection, pairs: Iterable[tuple[int, str | None]]
) -> dict[tuple[int, str], str]:
    t = tables.timexes
    named = sorted((key, local_id) for key, local_id in pairs if local_id is not None)
    if not named:
        return {}
    wanted = _wanted(connection, named, String)
    rows = connection.execute(
        select(t.c.document_id, t.c.local_id, t.c.value)
        .join(wanted, and_(t.c.document_id == wanted.c.document, t.c.local_id == wanted.c.item))
        .where(t.c.value.is_not(None))
    )
    return {(key, local_id): value for key, local_id, value in rows}


def _relays(connection: Connection, keys: Iterable[int]) -> dict[int, tuple[str, ...]]:
    r = tables.relays
    rows = connection.execute(
        select(r.c.document_id, r.c.outlet)
        .where(r.c.document_id.in_(list(keys)))
        .order_by(r.c.document_id, r.c.position)
    )
    chains: dict[int, list[str]] = defaultdict(list)
    for key, outlet in rows:
        chains[key].append(outlet)
    return {key: tuple(chain) for key, chain in chains.items()}


def entity(connection: Connection, name: str, limit: int = 10) -> list[EntityReport]:
    """Every corpus entity called `name` by some article, with what it said and what was said
    about it (at most `limit` of each, and of its documents).

    A busy name belongs to many corpus entities ("Trump": the man under several spellings, his
    wife, his company, ...), so each part of the report is read for all of them at once: a
    fixed number of queries, however many entities share the name."""
    ids = corpus_ids(connection, name)
    if not ids:
        return []
    corpus = tables.corpus_entities
    rows = {
        int(row["id"]): row
        for row in connection.execute(select(corpus).where(corpus.c.id.in_(ids))).mappings()
    }
    names = _aliases(connection, ids)
    counts = _document_counts(connection, ids)
    appears = _newest_documents(connection, ids, sum(counts.values()), limit)
    said = _statements_of(connection, ids, SAID, limit)
    said_about = _statements_of(connection, ids, ABOUT, limit)
    return [
        EntityReport(
            id=corpus_id,
            key=rows[corpus_id]["key"],
            name=rows[corpus_id]["name"],
            kind=rows[corpus_id]["kind"],
            latitude=rows[corpus_id]["latitude"],
            longitude=rows[corpus_id]["longitude"],
            country_code=rows[corpus_id]["country_code"],
            aliases=tuple(sorted(names.get(corpus_id, ()), key=lambda alias: (fold(alias), alias))),
            document_count=counts.get(corpus_id, 0),
            documents=appears.get(corpus_id, ()),
            said=said.get(corpus_id, ()),
            said_about=said_about.get(corpus_id, ()),
        )
        for corpus_id in ids
        if corpus_id in rows
    ]


def _aliases(connection: Connection, ids: Sequence[int]) -> dict[int, set[str]]:
    """Every alias a document gave its entity linked to one of these corpus entities."""
    links, aliases = tables.entity_links, tables.entity_aliases
    found: dict[int, set[str]] = defaultdict(set)
    rows = connection.execute(
        select(links.c.corpus_entity_id, aliases.c.alias)
        .distinct()
        .join(
            links,
            and_(
                links.c.document_id == aliases.c.document_id,
                links.c.entity_ordinal == aliases.c.entity_ordinal,
            ),
        )
        .where(links.c.corpus_entity_id.in_(list(ids)))
    )
    for corpus_id, alias in rows:
        found[int(corpus_id)].add(alias)
    return found


def _document_counts(connection: Connection, ids: Sequence[int]) -> dict[int, int]:
    links = tables.entity_links
    rows = connection.execute(
        select(links.c.corpus_entity_id, func.count(distinct(links.c.document_id)))
        .where(links.c.corpus_entity_id.in_(list(ids)))
        .group_by(links.c.corpus_entity_id)
    )
    return {int(corpus_id): int(count) for corpus_id, count in rows}


# Below this many (entity, document) pairs the documents are read by key and sorted by date;
# above, SQLite walks the whole date index once and keeps the linked documents (reading a
# document row to learn its date means reading past its text).
_FEW_DOCUMENTS = 200


def _newest_documents(
    connection: Connection, ids: Sequence[int], pairs: int, limit: int
) -> dict[int, tuple[str, ...]]:
    """The doc ids of the newest `limit` documents that name each corpus entity (`pairs`
    entity-document pairs in all), newest first: one statement, an arm per entity."""
    d, links = tables.documents, tables.entity_links
    # "id + 0" stops SQLite from looking each document up by key, so that it walks the date
    # index (published, id) and stops once `limit` linked documents are met; PostgreSQL
    # plans either well.
    document_key = d.c.id + 0 if pairs > _FEW_DOCUMENTS else d.c.id
    arms = [
        select(literal(corpus_id).label("corpus_entity_id"), d.c.published, d.c.id, d.c.doc_id)
        .where(
            document_key.in_(
                select(links.c.document_id).where(links.c.corpus_entity_id == corpus_id)
            )
        )
        .order_by(*_newest_first(connection))
        .limit(limit)
        .subquery()
        .select()
        for corpus_id in ids
    ]
    found: dict[int, list[tuple[dt.date | None, int, str]]] = defaultdict(list)
    for corpus_id, published, key, doc_id in _union(connection, arms):
        found[int(corpus_id)].append((published, key, doc_id))
    # A UNION ALL promises no order: each entity's documents are put back newest first.
    return {
        corpus_id: tuple(
            doc_id for _p, _k, doc_id in sorted(docs, key=lambda t: _order((*t[:2], 0)))
        )
        for corpus_id, docs in found.items()
    }


# SQLite's limit on the arms of one compound SELECT is 500.
_ARMS = 400


def _union(connection: Connection, arms: Sequence[Any]) -> list[Any]:
    """The rows of every arm, in as few UNION ALL statements as SQLite allows."""
    rows: list[Any] = []
    for first in range(0, len(arms), _ARMS):
        chunk = arms[first : first + _ARMS]
        # Typed as Any: mypy cannot expand the row type of a union of arbitrary arms.
        query: Any = chunk[0] if len(chunk) == 1 else union_all(*chunk)
        rows.extend(connection.execute(query).all())
    return rows


def _statements_of(
    connection: Connection, ids: Sequence[int], role: str, limit: int
) -> dict[int, tuple[Quote, ...]]:
    """The newest `limit` attributions each corpus entity said (role "said", the outlet's own
    voice left out) or is spoken of in (role "about"), as `quotes --by/--about` gives them for
    that entity alone: one statement for the keys of all of them, then their rows read and
    completed together."""
    s = entity_statements
    filters = _Filters(None, None, None, None, None, own_voice=role == ABOUT)
    # One statement, an arm per entity: each arm walks its entity's range of the statement
    # index newest first and stops after `limit` rows (a ranking over all of them would read
    # every statement of a busy entity).
    arms = [
        select(s.c.corpus_entity_id, s.c.published, s.c.document_id, s.c.attribution_ordinal)
        .where(
            s.c.corpus_entity_id == corpus_id,
            s.c.role == role,
            *filters.on_attribution(s.c.kind, s.c.stance),
        )
        .order_by(*_statement_order(connection, s.c.published))
        .limit(limit)
        .subquery()
        .select()
        for corpus_id in ids
    ]
    keys: dict[int, list[_Key]] = defaultdict(list)
    for corpus_id, published, document, ordinal in _union(connection, arms):
        keys[int(corpus_id)].append((published, document, ordinal))
    every = sorted({key for found in keys.values() for key in found}, key=_order)
    rows = _rows_of(connection, every)
    # _complete keeps the order of its rows: each quote is known by its row's key.
    quoted = dict(
        zip(
            [(row["document_id"], row["ordinal"]) for row in rows],
            _complete(connection, rows),
            strict=True,
        )
    )
    return {
        corpus_id: tuple(
            quoted[(document, ordinal)]
            for _published, document, ordinal in sorted(found, key=_order)
            if (document, ordinal) in quoted
        )
        for corpus_id, found in keys.items()
    }


def search(
    connection: Connection, text: str, limit: int = 20, within: Within = "documents"
) -> list[SearchMatch]:
    """Full-text search (see newsgraph.store.fulltext): the matching spans of the best
    `limit` documents, or content pieces with within="contents"."""
    return fulltext_search(connection, text, limit=limit, within=within)


def documents(
    connection: Connection,
    outlet: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[DocumentSummary]:
    """Stored documents, newest first, with the number of items in each layer."""
    d = tables.documents
    counts = {
        name: select(func.count())
        .select_from(tables.metadata.tables[name])
        .where(tables.metadata.tables[name].c.document_id == d.c.id)
        .scalar_subquery()
        .label(name)
        for name in ("sentences", "mentions", "entities", "timexes", "attributions", "events")
    }
    conditions = _date_conditions(since, until)
    if outlet:
        conditions.append(_outlet_condition(outlet))
    # The page first, from the date index; counting is done for its rows only.
    keys = (
        connection.execute(
            select(d.c.id)
            .where(*conditions)
            .order_by(*_newest_first(connection))
            .limit(limit)
            .offset(offset)
        )
        .scalars()
        .all()
    )
    if not keys:
        return []
    page = [
        dict(row)
        for row in connection.execute(
            select(
                d.c.id,
                d.c.doc_id,
                d.c.published,
                d.c.outlet,
                d.c.title,
                func.length(d.c.text).label("length"),
                *counts.values(),
            )
            .where(d.c.id.in_(keys))
            .order_by(*_newest_first(connection))
        ).mappings()
    ]
    via = _relays(connection, [row["id"] for row in page])
    return [
        DocumentSummary(
            document_id=row["doc_id"],
            published=row["published"],
            outlet=row["outlet"],
            via=via.get(row["id"], ()),
            title=row["title"],
            length=int(row["length"]),
            **{name: int(row[name]) for name in counts},
        )
        for row in page
    ]
