"""/api/search: full-text search over article text or statement contents, with the spans."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from newsgraph.api.deps import Reading
from newsgraph.api.schemas import MAX_LIMIT, Page, Text
from newsgraph.store import queries
from newsgraph.store.queries import SearchMatch

router = APIRouter(tags=["search"])

# Each page of offset N asks the index for N + limit documents: bounded so a page stays cheap.
MAX_SEARCH_OFFSET = 1000


@router.get("/search", response_model=Page[SearchMatch])
def search(
    connection: Reading,
    q: Annotated[Text, Query(min_length=1, description="words that must all occur")],
    within: Annotated[
        Literal["documents", "contents"],
        Query(description="documents: article text; contents: what statements say"),
    ] = "documents",
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description="documents (or contents) per page")
    ] = 20,
    offset: Annotated[int, Query(ge=0, le=MAX_SEARCH_OFFSET, description="documents to skip")] = 0,
) -> Page[SearchMatch]:
    """The matching spans of the best documents, best first, in text order within one. The
    page counts documents (or content pieces with within=contents): each may have several
    matching spans."""
    found = queries.search(connection, q, limit=offset + limit, within=within)
    groups: list[list[SearchMatch]] = []
    for match in found:
        key = _group_key(match, within)
        if not groups or _group_key(groups[-1][0], within) != key:
            groups.append([])
        groups[-1].append(match)
    page = groups[offset : offset + limit]
    return Page.of(
        [m for group in page for m in group], limit, offset, more=len(groups) >= offset + limit
    )


def _group_key(match: SearchMatch, within: str) -> tuple[str, str | None]:
    return (match.document_id, match.attribution_id if within == "contents" else None)
