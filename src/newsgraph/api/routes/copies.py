"""/api/copies: exact copies, near-copies and partial reuse between stored articles, with
the passages they share (character spans in both), what changed and the credit given; and
the relay chains they make (who published first, who copied whom)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query

from newsgraph.api.deps import Reading
from newsgraph.api.schemas import Limit, Offset, Page, Problem, Text
from newsgraph.corpus.copies.report import CopyPair, Link, read_pairs, relay_chains

router = APIRouter(tags=["copies"])

Relation = Literal["exact", "near", "partial"]
# Chains are built from every pair of the documents asked about; more than this many pairs
# would make one answer slow, so a bigger request is narrowed by document.
CHAIN_PAIRS = 5_000
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": Problem, "description": "the two documents are no copy pair"}
}


@router.get("/copies", response_model=Page[CopyPair])
def list_copies(
    connection: Reading,
    relation: Annotated[Relation | None, Query(description="exact, near or partial")] = None,
    document_id: Annotated[Text | None, Query(description="pairs holding this document")] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Page[CopyPair]:
    """Pairs, earliest first publication first. `first` is the earlier article when
    `earlier` is set; `spans` give the shared passages as [start, end) in `first` and in
    `second`; `changes` what the later one changed."""
    rows = read_pairs(connection, relation, document_id, limit, offset=offset)
    return Page.of(rows, limit, offset)


@router.get("/copies/pair", response_model=CopyPair, responses=NOT_FOUND)
def get_pair(
    connection: Reading,
    first: Annotated[Text, Query(description="one document id of the pair")],
    second: Annotated[Text, Query(description="the other document id")],
) -> CopyPair:
    """The pair of two documents, in either order."""
    found = read_pairs(connection, document=first, other=second, limit=1)
    if not found or {found[0].first, found[0].second} != {first, second}:
        raise HTTPException(status_code=404, detail=f"{first!r} and {second!r} are no copy pair")
    return found[0]


@router.get("/copies/chains", response_model=list[list[Link]])
def list_chains(
    connection: Reading,
    document_id: Annotated[
        Text | None, Query(description="the chain holding this document")
    ] = None,
) -> list[list[Link]]:
    """Relay chains: the articles linked by copy relations, in order of publication, each
    after the first naming the earlier article it copied (`copied_from`) and whether it
    credits it."""
    pairs = read_pairs(connection, limit=CHAIN_PAIRS)
    chains = relay_chains(connection, pairs)
    if document_id is not None:
        chains = [c for c in chains if any(link.document == document_id for link in c)]
    return chains
