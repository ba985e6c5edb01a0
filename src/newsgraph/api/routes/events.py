"""/api/events: PLOVER events with their actors, targets, date, factuality and the statement
that reports them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from newsgraph.api import reads
from newsgraph.api.deps import Reading
from newsgraph.api.reads import EventItem
from newsgraph.api.schemas import Day, Limit, Offset, Page, Text
from newsgraph.model import EventFactuality

router = APIRouter(tags=["events"])


@router.get("/events", response_model=Page[EventItem])
def list_events(
    connection: Reading,
    type: Annotated[
        Text | None, Query(description="PLOVER type: AGREE, CONSULT, ASSAULT, ...")
    ] = None,
    factuality: Annotated[
        EventFactuality | None, Query(description="asserted, negated, ...")
    ] = None,
    document_id: Annotated[Text | None, Query(description="events of this document only")] = None,
    entity: Annotated[
        Text | None, Query(description="an actor or target is the entity called so")
    ] = None,
    since: Annotated[Day | None, Query(description="published on or after")] = None,
    until: Annotated[Day | None, Query(description="published on or before")] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Page[EventItem]:
    """Events, newest document first; `start`/`end` are the trigger's offsets, each
    participant has its own."""
    rows = reads.events(
        connection,
        type=type,
        factuality=factuality,
        document_id=document_id,
        entity=entity,
        since=since,
        until=until,
        limit=limit,
        offset=offset,
    )
    return Page.of(rows, limit, offset)
