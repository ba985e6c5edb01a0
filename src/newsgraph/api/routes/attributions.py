"""/api/attributions: who said what (quotes, reported speech, "according to", the outlet's own
voice), filtered by speaker, subject, stance, kind, outlet and publication date."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from newsgraph.api.deps import Reading
from newsgraph.api.schemas import Day, Limit, Offset, Page, Text
from newsgraph.model import AttributionKind, Stance
from newsgraph.store import queries
from newsgraph.store.queries import Quote

router = APIRouter(tags=["attributions"])


@router.get("/attributions", response_model=Page[Quote])
def list_attributions(
    connection: Reading,
    by: Annotated[
        Text | None,
        Query(description="said by the entity called so (any alias), or a source worded so"),
    ] = None,
    about: Annotated[Text | None, Query(description="the content mentions this entity")] = None,
    stance: Annotated[Stance | None, Query(description="the cue's stance")] = None,
    kind: Annotated[
        AttributionKind | None,
        Query(description="direct, indirect, ...; own_voice: the outlet's own statements"),
    ] = None,
    outlet: Annotated[Text | None, Query(description="published or relayed by")] = None,
    since: Annotated[Day | None, Query(description="published on or after")] = None,
    until: Annotated[Day | None, Query(description="published on or before")] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Page[Quote]:
    """Attributions, newest document first. Each names its document and the offsets of its
    source, cue and content pieces; `date` is its timex's value or the publication date."""
    rows = queries.quotes(
        connection,
        by=by,
        about=about,
        stance=stance,
        kind=kind,
        outlet=outlet,
        since=since,
        until=until,
        limit=limit,
        offset=offset,
    )
    return Page.of(rows, limit, offset)
