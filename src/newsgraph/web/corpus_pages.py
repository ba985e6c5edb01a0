"""The cross-article pages: stories, claims (a claim's path from outlet to outlet, with its
stance at each step) and copies (the passages two articles share, and what changed).

They read the corpus layer's results through the same report functions as `newsgraph
stories`, `newsgraph claims` and `newsgraph copies`, so the pages and the command line always
agree.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi import Path as PathParameter
from fastapi.responses import HTMLResponse
from sqlalchemy import Connection, select

from newsgraph.api.schemas import MAX_ROW_ID, Text
from newsgraph.corpus.claims.report import list_claims
from newsgraph.corpus.copies.report import read_pairs, relay_chains
from newsgraph.corpus.stories.report import read_stories
from newsgraph.store import tables
from newsgraph.web.copies import pair_view
from newsgraph.web.pages import Reading, not_found, render_page

router = APIRouter(include_in_schema=False)

LIST_SIZE = 50
Page = Annotated[int, Query(ge=1, le=100_000)]


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request, connection: Reading, page: Page = 1) -> HTMLResponse:
    rows = read_stories(connection, limit=LIST_SIZE + 1, offset=(page - 1) * LIST_SIZE)
    return render_page(
        request,
        "stories.html",
        title="Stories",
        rows=rows[:LIST_SIZE],
        page=page,
        has_next=len(rows) > LIST_SIZE,
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(
    request: Request,
    connection: Reading,
    story_id: Annotated[int, PathParameter(ge=1, le=MAX_ROW_ID)],
) -> HTMLResponse:
    found = read_stories(connection, story_id=story_id, limit=1)
    if not found:
        return not_found(request, f"No story {story_id} in this store.")
    story = found[0]
    members = {member.document_id for member in story.documents}
    # Pairs and claims of the story's own articles: those of one of its articles, kept when
    # they stay inside the story.
    pairs = [
        pair
        for doc in sorted(members)
        for pair in read_pairs(connection, document=doc)
        if pair.first == doc and pair.second in members
    ]
    chains = relay_chains(connection, pairs)
    claims = {
        claim.id: claim
        for doc in sorted(members)
        for claim in list_claims(connection, document=doc)
        if all(step.document_id in members for step in claim.timeline)
    }
    return render_page(
        request,
        "story.html",
        title=story.label,
        story=story,
        pairs=pairs,
        chains=chains,
        titles=_titles(connection, members),
        claims=sorted(claims.values(), key=lambda c: (-c.document_count, c.id)),
    )


@router.get("/claims", response_class=HTMLResponse)
def claims_page(
    request: Request,
    connection: Reading,
    page: Page = 1,
    flagged: Annotated[bool, Query()] = False,
) -> HTMLResponse:
    rows = list_claims(
        connection, flagged=flagged, limit=LIST_SIZE + 1, offset=(page - 1) * LIST_SIZE
    )
    return render_page(
        request,
        "claims.html",
        title="Claims",
        rows=rows[:LIST_SIZE],
        page=page,
        has_next=len(rows) > LIST_SIZE,
        flagged=flagged,
    )


@router.get("/claims/{claim_id}", response_class=HTMLResponse)
def claim_page(
    request: Request,
    connection: Reading,
    claim_id: Annotated[int, PathParameter(ge=1, le=MAX_ROW_ID)],
) -> HTMLResponse:
    found = list_claims(connection, claim_id=claim_id, min_documents=1, limit=1)
    if not found:
        return not_found(request, f"No claim {claim_id} in this store.")
    claim = found[0]
    documents = {step.document_id for step in claim.timeline}
    stories = read_stories(connection, document=claim.timeline[0].document_id, limit=1)
    return render_page(
        request,
        "claim.html",
        title=f"Claim {claim.id}",
        claim=claim,
        titles=_titles(connection, documents),
        story=stories[0] if stories else None,
    )


@router.get("/copies", response_class=HTMLResponse)
def copies_page(
    request: Request,
    connection: Reading,
    page: Page = 1,
    document: Annotated[Text | None, Query()] = None,
) -> HTMLResponse:
    rows = read_pairs(
        connection, document=document or None, limit=LIST_SIZE + 1, offset=(page - 1) * LIST_SIZE
    )
    shown = rows[:LIST_SIZE]
    return render_page(
        request,
        "copies.html",
        title="Copies",
        rows=shown,
        page=page,
        has_next=len(rows) > LIST_SIZE,
        document=document or "",
        titles=_titles(connection, {d for p in shown for d in (p.first, p.second)}),
    )


@router.get("/copies/pair", response_class=HTMLResponse)
def pair_page(
    request: Request,
    connection: Reading,
    first: Annotated[Text, Query()],
    second: Annotated[Text, Query()],
) -> HTMLResponse:
    found = read_pairs(connection, document=first, other=second, limit=1)
    if not found or {found[0].first, found[0].second} != {first, second}:
        return not_found(request, f"{first!r} and {second!r} are no copy pair in this store.")
    pair = found[0]
    d = tables.documents
    rows = connection.execute(
        select(d.c.doc_id, d.c.text).where(d.c.doc_id.in_([pair.first, pair.second]))
    )
    texts = {row.doc_id: row.text for row in rows}
    return render_page(
        request,
        "pair.html",
        title="Copy pair",
        pair=pair,
        view=pair_view(pair, texts[pair.first], texts[pair.second]),
        titles=_titles(connection, {pair.first, pair.second}),
    )


def _titles(connection: Connection, doc_ids: set[str]) -> dict[str, str]:
    """Document id -> its title (the id where it has none)."""
    if not doc_ids:
        return {}
    d = tables.documents
    rows = connection.execute(select(d.c.doc_id, d.c.title).where(d.c.doc_id.in_(list(doc_ids))))
    return {row.doc_id: row.title or row.doc_id for row in rows}
