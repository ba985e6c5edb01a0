"""/api/entities: corpus entities, and one with its aliases, mentions, what it said and what
was said about it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query

from newsgraph.api import reads
from newsgraph.api.deps import Reading
from newsgraph.api.reads import EntityMention, EntitySummary
from newsgraph.api.schemas import MAX_LIMIT, MAX_ROW_ID, Limit, Offset, Page, Problem, Text
from newsgraph.store import queries
from newsgraph.store.queries import Quote

router = APIRouter(tags=["entities"])

NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": Problem, "description": "no corpus entity with this id"}
}
EntityId = Annotated[int, Path(ge=1, le=MAX_ROW_ID, description="the corpus entity's id")]


@dataclass(frozen=True)
class EntityDetail:
    """One corpus entity: its names across articles, where it is named, what it said and what
    was said about it (each list newest document first, at most `limit` long)."""

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
    mentions: tuple[EntityMention, ...]
    said: tuple[Quote, ...]
    said_about: tuple[Quote, ...]


@router.get("/entities", response_model=Page[EntitySummary])
def list_entities(
    connection: Reading,
    name: Annotated[Text | None, Query(description="called so in some article (any alias)")] = None,
    kind: Annotated[Text | None, Query(description="person, organization, place, ...")] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Page[EntitySummary]:
    """Corpus entities (one per real-world thing across all articles), by id."""
    rows = reads.entity_summaries(connection, name=name, kind=kind, limit=limit, offset=offset)
    return Page.of(rows, limit, offset)


@router.get("/entities/{entity_id}", response_model=EntityDetail, responses=NOT_FOUND)
def get_entity(
    connection: Reading,
    entity_id: EntityId,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items of each list")] = 20,
) -> EntityDetail:
    """One corpus entity with its aliases, its mentions, its statements and the statements
    about it. Longer lists: /api/entities/{id}/mentions and /api/attributions?by=NAME."""
    row = reads.entity_row(connection, entity_id)
    if row is None:
        raise HTTPException(status_code=404, detail=f"no corpus entity {entity_id}")
    report = _report(connection, entity_id, row["name"], limit)
    mentions = reads.entity_mentions(connection, entity_id, limit=limit)
    if report is None:  # linked to no document any more: only its own row is left
        return EntityDetail(
            **{k: row[k] for k in ("id", "key", "name", "kind", "latitude", "longitude")},
            country_code=row["country_code"],
            aliases=(),
            document_count=0,
            documents=(),
            mentions=tuple(mentions),
            said=(),
            said_about=(),
        )
    return EntityDetail(
        id=report.id,
        key=report.key,
        name=report.name,
        kind=report.kind,
        latitude=report.latitude,
        longitude=report.longitude,
        country_code=report.country_code,
        aliases=report.aliases,
        document_count=report.document_count,
        documents=report.documents,
        mentions=tuple(mentions),
        said=report.said,
        said_about=report.said_about,
    )


def _report(connection: Any, entity_id: int, name: str, limit: int) -> queries.EntityReport | None:
    """The store's entity report for this id: looked up by its name, as every query is."""
    for report in queries.entity(connection, name, limit=limit):
        if report.id == entity_id:
            return report
    return None


@router.get(
    "/entities/{entity_id}/mentions", response_model=Page[EntityMention], responses=NOT_FOUND
)
def list_mentions(
    connection: Reading, entity_id: EntityId, limit: Limit = 20, offset: Offset = 0
) -> Page[EntityMention]:
    """Every place an article names the entity, newest document first."""
    if reads.entity_row(connection, entity_id) is None:
        raise HTTPException(status_code=404, detail=f"no corpus entity {entity_id}")
    rows = reads.entity_mentions(connection, entity_id, limit=limit, offset=offset)
    return Page.of(rows, limit, offset)
