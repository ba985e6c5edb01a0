"""/api/claims: statements that different articles report of the same source, grouped into
claims, each with its propagation timeline (outlet, date, source as named there, cue, stance,
attributed or the outlet's own voice) and the laundering and hardening flags."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query

from newsgraph.api.deps import Reading
from newsgraph.api.schemas import MAX_ROW_ID, Limit, Offset, Page, Problem, Text
from newsgraph.corpus.claims.report import Claim, UnknownNameError, list_claims

router = APIRouter(tags=["claims"])

NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": Problem, "description": "no claim with this id"}
}


@router.get("/claims", response_model=Page[Claim])
def get_claims(
    connection: Reading,
    by: Annotated[Text | None, Query(description="a source of the claim: any of its names")] = None,
    about: Annotated[
        Text | None, Query(description="an entity named in the claim: any of its names")
    ] = None,
    document_id: Annotated[
        Text | None, Query(description="claims appearing in this document")
    ] = None,
    flagged: Annotated[
        bool, Query(description="only claims flagged for laundering or hardening")
    ] = False,
    min_documents: Annotated[
        int, Query(ge=1, le=MAX_ROW_ID, description="claims reported in at least this many")
    ] = 2,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Page[Claim]:
    """Claims, the most widely reported first. Each appearance of the timeline has its
    document id and the offsets (`start`, `end`) of its content there. An unknown name gives
    an empty page."""
    try:
        rows = list_claims(
            connection,
            by=by,
            about=about,
            document=document_id,
            flagged=flagged,
            min_documents=min_documents,
            limit=limit,
            offset=offset,
        )
    except UnknownNameError:
        rows = []
    return Page.of(rows, limit, offset)


@router.get("/claims/{claim_id}", response_model=Claim, responses=NOT_FOUND)
def get_claim(connection: Reading, claim_id: Annotated[int, Path(ge=1, le=MAX_ROW_ID)]) -> Claim:
    """One claim with its whole timeline, first appearance first."""
    found = list_claims(connection, claim_id=claim_id, min_documents=1, limit=1)
    if not found:
        raise HTTPException(status_code=404, detail=f"no claim {claim_id}")
    return found[0]
