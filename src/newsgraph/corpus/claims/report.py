"""Claims read back from the store, each with its propagation timeline.

`--by NAME` and `--about NAME` take any name an article gave a corpus entity, resolved as the
query commands resolve it (store.queries.corpus_ids): a claim is *by* the entity when one of
its appearances has it as source, *about* it when one of its contents mentions it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, select

from newsgraph.corpus.claims.flags import certainty
from newsgraph.corpus.claims.update import timeline_order
from newsgraph.store import claims_tables, tables
from newsgraph.store.queries import corpus_ids

CERTAINTY_NAMES = ("distancing", "reported", "fact")


@dataclass(frozen=True)
class ClaimAppearance:
    """One place a claim was reported. `source` is the source as named in that article
    (None for the outlet's own voice); `certainty` is distancing, reported or fact."""

    document_id: str
    attribution_id: str
    published: dt.date | None
    outlet: str | None
    kind: str
    stance: str
    attributed: bool
    certainty: str
    source: str | None
    source_name: str | None
    cue: str | None
    content: str
    start: int
    end: int
    score: float


@dataclass(frozen=True)
class Claim:
    id: int
    source: str | None
    content: str
    first_document_id: str | None
    first_published: dt.date | None
    document_count: int
    outlet_count: int
    laundering: bool
    hardening: bool
    version: str
    timeline: tuple[ClaimAppearance, ...]


class UnknownNameError(LookupError):
    """No corpus entity was ever called this name."""


def list_claims(
    connection: Connection,
    *,
    by: str | None = None,
    about: str | None = None,
    min_documents: int = 2,
    flagged: bool = False,
    limit: int | None = None,
    offset: int = 0,
    claim_id: int | None = None,
    document: str | None = None,
) -> list[Claim]:
    """Claims reported in at least `min_documents` documents, the most widely reported first
    (then the earliest); `claim_id` picks one claim, `document` those appearing in that
    document id. Raises UnknownNameError when `by` or `about` names no entity."""
    c, a = claims_tables.claims, claims_tables.claim_appearances
    query = select(c).where(c.c.document_count >= min_documents)
    if claim_id is not None:
        query = query.where(c.c.id == claim_id)
    if document is not None:
        query = query.where(c.c.id.in_(select(a.c.claim_id).where(a.c.doc_id == document)))
    if flagged:
        query = query.where(c.c.laundering | c.c.hardening)
    if by is not None:
        ids = _entity_ids(connection, by)
        keys = select(tables.corpus_entities.c.key).where(tables.corpus_entities.c.id.in_(ids))
        query = query.where(
            c.c.id.in_(select(a.c.claim_id).where(a.c.attributed, a.c.source_key.in_(keys)))
        )
    if about is not None:
        query = query.where(c.c.id.in_(_mentioning(_entity_ids(connection, about))))
    query = query.order_by(c.c.document_count.desc(), c.c.first_published, c.c.id).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    claims = list(connection.execute(query).mappings())
    timelines: dict[int, list[ClaimAppearance]] = {row["id"]: [] for row in claims}
    ids = list(timelines)
    for start in range(0, len(ids), 500):
        rows = connection.execute(
            select(a).where(a.c.claim_id.in_(ids[start : start + 500]))
        ).mappings()
        for row in sorted(rows, key=timeline_order):
            timelines[row["claim_id"]].append(_appearance(row))
    return [
        Claim(
            id=row["id"],
            source=row["source"],
            content=row["content"],
            first_document_id=row["first_doc_id"],
            first_published=row["first_published"],
            document_count=row["document_count"],
            outlet_count=row["outlet_count"],
            laundering=bool(row["laundering"]),
            hardening=bool(row["hardening"]),
            version=row["version"],
            timeline=tuple(timelines[row["id"]]),
        )
        for row in claims
    ]


def _appearance(row: Any) -> ClaimAppearance:
    get = row.__getitem__
    attributed = bool(get("attributed"))
    return ClaimAppearance(
        document_id=get("doc_id"),
        attribution_id=get("attribution_id"),
        published=get("published"),
        outlet=get("outlet"),
        kind=get("kind"),
        stance=get("stance"),
        attributed=attributed,
        certainty=CERTAINTY_NAMES[certainty(attributed, get("stance"))],
        source=get("source"),
        source_name=get("source_name"),
        cue=get("cue"),
        content=get("content"),
        start=get("content_start"),
        end=get("content_end"),
        score=get("score"),
    )


def _entity_ids(connection: Connection, name: str) -> list[int]:
    ids = corpus_ids(connection, name)
    if not ids:
        raise UnknownNameError(f"no entity called {name!r} in the store")
    return ids


def _mentioning(ids: list[int]) -> Any:
    """Claim ids with a content that holds a mention of one of the corpus entities."""
    m, e, links = tables.mentions, tables.entities, tables.entity_links
    a = claims_tables.claim_appearances
    return (
        select(a.c.claim_id)
        .join(m, m.c.document_id == a.c.document_id)
        .join(e, and_(e.c.document_id == m.c.document_id, e.c.local_id == m.c.entity))
        .join(
            links,
            and_(links.c.document_id == e.c.document_id, links.c.entity_ordinal == e.c.ordinal),
        )
        .where(
            links.c.corpus_entity_id.in_(ids),
            a.c.content_start <= m.c.start,
            m.c.end <= a.c.content_end,
        )
        .distinct()
    )
