"""/api/timeline: dated statements and events, the latest date first."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import StringConstraints

from newsgraph.api import reads
from newsgraph.api.deps import Reading
from newsgraph.api.reads import TimelineItem
from newsgraph.api.schemas import Limit, Offset, Page, Text

router = APIRouter(tags=["timeline"])

# A calendar value or its prefix: 2025, 2025-11, 2025-11-03.
IsoPrefix = Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]


@router.get("/timeline", response_model=Page[TimelineItem])
def timeline(
    connection: Reading,
    entity: Annotated[
        Text | None, Query(description="statements said by, and events with, the entity called so")
    ] = None,
    since: Annotated[
        IsoPrefix | None, Query(description="dated on or after (2025, 2025-11, 2025-11-03)")
    ] = None,
    until: Annotated[IsoPrefix | None, Query(description="dated on or before")] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Page[TimelineItem]:
    """Statements dated by a time expression, and events with a date, by that date (the
    latest first). Each item names its document and the offsets of its content or trigger."""
    rows = reads.timeline(
        connection, entity=entity, since=since, until=until, limit=limit, offset=offset
    )
    return Page.of(rows, limit, offset)
