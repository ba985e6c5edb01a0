"""Reading the copies step's results back: pairs with their spans and changes, and the relay
chain of each story (who published first, who copied whom, credited or not)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import Connection, or_, select

from newsgraph.store import tables
from newsgraph.store.copies_tables import copy_changes, copy_pairs, copy_spans


@dataclass(frozen=True)
class SharedSpan:
    first: tuple[int, int]
    second: tuple[int, int]
    words: int
    discounted: str | None  # boilerplate | quotation: shared, but no reuse


@dataclass(frozen=True)
class PairChange:
    kind: str
    first: tuple[int, int] | None
    first_text: str | None
    second: tuple[int, int] | None
    second_text: str | None
    detail: str | None


@dataclass(frozen=True)
class CopyPair:
    first: str  # document id; the earlier one when `earlier` is set
    second: str
    relation: str
    similarity: float
    containment: float
    earlier: str | None  # the document published first, None when the dates do not tell
    earlier_by: str | None  # published | crawled
    credited: bool
    credit: str | None
    spans: list[SharedSpan] = field(default_factory=list)
    changes: list[PairChange] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Link:
    document: str
    published: str | None
    outlet: str | None
    copied_from: str | None  # None for the first publication
    relation: str | None
    credited: bool


def read_pairs(
    connection: Connection,
    relation: str | None = None,
    document: str | None = None,
    limit: int | None = None,
    *,
    offset: int = 0,
    other: str | None = None,
) -> list[CopyPair]:
    """Stored pairs, earliest first publication first; only those of `relation` or of
    `document` when given (and, with `other` too, the pair of those two documents)."""
    documents = tables.documents
    first = documents.alias("first_document")
    second = documents.alias("second_document")
    query = (
        select(copy_pairs, first.c.doc_id.label("first_doc"), second.c.doc_id.label("second_doc"))
        .join(first, first.c.id == copy_pairs.c.first_id)
        .join(second, second.c.id == copy_pairs.c.second_id)
        .order_by(first.c.published, copy_pairs.c.first_id, copy_pairs.c.second_id)
    )
    if relation:
        query = query.where(copy_pairs.c.relation == relation)
    if document:
        query = query.where(or_(first.c.doc_id == document, second.c.doc_id == document))
    if document and other:
        query = query.where(or_(first.c.doc_id == other, second.c.doc_id == other))
    if offset:
        query = query.offset(offset)
    if limit:
        query = query.limit(limit)
    rows = connection.execute(query).mappings().all()
    ids = [row["id"] for row in rows]
    spans: defaultdict[int, list[SharedSpan]] = defaultdict(list)
    changes: defaultdict[int, list[PairChange]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for span in connection.execute(
            select(copy_spans)
            .where(copy_spans.c.pair_id.in_(chunk))
            .order_by(copy_spans.c.pair_id, copy_spans.c.position)
        ).mappings():
            spans[span["pair_id"]].append(
                SharedSpan(
                    (span["first_start"], span["first_end"]),
                    (span["second_start"], span["second_end"]),
                    span["words"],
                    span["discounted"],
                )
            )
        for change in connection.execute(
            select(copy_changes)
            .where(copy_changes.c.pair_id.in_(chunk))
            .order_by(copy_changes.c.pair_id, copy_changes.c.position)
        ).mappings():
            changes[change["pair_id"]].append(
                PairChange(
                    change["kind"],
                    _span(change["first_start"], change["first_end"]),
                    change["first_text"],
                    _span(change["second_start"], change["second_end"]),
                    change["second_text"],
                    change["detail"],
                )
            )
    return [
        CopyPair(
            first=row["first_doc"],
            second=row["second_doc"],
            relation=row["relation"],
            similarity=row["similarity"],
            containment=row["containment"],
            earlier=row["first_doc"] if row["earlier"] else None,
            earlier_by=row["earlier_by"],
            credited=row["credited"],
            credit=row["credit"],
            spans=spans[row["id"]],
            changes=changes[row["id"]],
        )
        for row in rows
    ]


def _span(start: int | None, end: int | None) -> tuple[int, int] | None:
    return None if start is None or end is None else (start, end)


def relay_chains(connection: Connection, pairs: list[CopyPair]) -> list[list[Link]]:
    """The stories the pairs make (articles linked by any copy relation), each in order of
    publication: every article after the first names the earlier article it is most similar
    to as its source, and whether it credits that one's outlet."""
    neighbours: defaultdict[str, list[CopyPair]] = defaultdict(list)
    for pair in pairs:
        neighbours[pair.first].append(pair)
        neighbours[pair.second].append(pair)
    documents = tables.documents
    meta = {
        row.doc_id: row
        for start in range(0, len(neighbours), 500)
        for row in connection.execute(
            select(
                documents.c.doc_id, documents.c.published, documents.c.outlet, documents.c.id
            ).where(documents.c.doc_id.in_(list(neighbours)[start : start + 500]))
        )
    }
    seen: set[str] = set()
    chains = []
    for start_doc in neighbours:
        if start_doc in seen:
            continue
        component, stack = [], [start_doc]
        seen.add(start_doc)
        while stack:
            current = stack.pop()
            component.append(current)
            for pair in neighbours[current]:
                for other in (pair.first, pair.second):
                    if other not in seen:
                        seen.add(other)
                        stack.append(other)
        order = {doc: position for position, doc in enumerate(_in_order(component, pairs))}
        links = []
        for doc in sorted(component, key=order.__getitem__):
            earlier = [
                p
                for p in neighbours[doc]
                if p.second == doc and p.earlier is not None and order[p.first] < order[doc]
            ]
            source = max(earlier, key=lambda p: p.similarity, default=None)
            row = meta.get(doc)
            links.append(
                Link(
                    document=doc,
                    published=row.published.isoformat() if row and row.published else None,
                    outlet=row.outlet if row else None,
                    copied_from=source.first if source else None,
                    relation=source.relation if source else None,
                    credited=bool(source and source.credited),
                )
            )
        chains.append(links)
    return chains


def _in_order(component: list[str], pairs: list[CopyPair]) -> list[str]:
    """The articles of a story, each after every article the pairs say is earlier."""
    inside = set(component)
    before: defaultdict[str, set[str]] = defaultdict(set)
    for pair in pairs:
        if pair.earlier is not None and pair.first in inside:
            before[pair.second].add(pair.first)
    ordered: list[str] = []
    placed: set[str] = set()
    remaining = sorted(component)
    while remaining:
        ready = [doc for doc in remaining if before[doc] <= placed] or remaining[:1]
        for doc in ready:
            ordered.append(doc)
            placed.add(doc)
        remaining = [doc for doc in remaining if doc not in placed]
    return ordered
