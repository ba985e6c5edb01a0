"""Grouping the statements of new documents into claims, incrementally.

Each document is matched in a transaction of its own, oldest first, statement by statement:
a statement joins the claim one of whose appearances it matches best (matching.py), or starts
a claim of its own. Candidate claims come from the store, not from a scan: those with an
appearance by the same corpus entity, and those sharing the most content terms
(`claim_terms`). A document is done once its statements have appearances; a document stored
again (reanalysed) has new rows and is matched again, its old appearances having gone with its
old attributions. Claims that lost appearances (a document deleted meanwhile) are summarised
again, or removed when none is left.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sqlalchemy import Connection, Engine, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from newsgraph.corpus.claims import flags as claim_flags
from newsgraph.corpus.claims.matching import Comparable, Vector, margin, similarity
from newsgraph.corpus.claims.statements import (
    Statement,
    StoredDocument,
    has_attribution_layer,
    statements_of,
    stored_documents,
)
from newsgraph.corpus.claims.text import terms
from newsgraph.store import claims_tables, tables

VERSION = "claims 1.0"
# Candidate claims looked at per statement, from the shared terms (the most shared first).
CANDIDATES = 40
# A word held by this many appearances ("said", "people") finds candidates everywhere; it is
# left out of the search, so that a statement's search reads a bounded number of rows however
# many claims the store holds. Its weight in the similarity itself is untouched.
COMMON_TERM = 2000

Encoder = Callable[[Sequence[str]], Any]


class ClaimsError(Exception):
    """The claims cannot be updated as asked; the message says why and what to do."""


@dataclass
class ClaimsUpdate:
    """What one update did."""

    documents: int = 0
    statements: int = 0
    joined: int = 0
    new_claims: int = 0
    unchanged: int = 0
    removed_claims: int = 0
    problems: list[str] = field(default_factory=list)


def default_encoder() -> tuple[Encoder | None, str]:
    """The shared sentence embedder and the version it gives the claims; words only (and a
    version that says so) where the embedder cannot be loaded."""
    try:
        from newsgraph.nlp.embeddings import shared_embedder

        embedder = shared_embedder()
    except (ImportError, RuntimeError, OSError):
        return None, f"{VERSION}; words"
    return embedder.encode, f"{VERSION}; {embedder.version}"


def update_claims(
    engine: Engine,
    document_ids: Sequence[str] | None = None,
    *,
    embeddings: bool = True,
) -> ClaimsUpdate:
    """Match the statements of the documents named (every stored document not yet matched,
    for None) into claims. A document named but not stored, or stored without the attribution
    layer, is reported in `problems` and skipped; the others are matched. `embeddings=False`
    compares words and numbers only."""
    chosen, version = default_encoder() if embeddings else (None, f"{VERSION}; words")
    report = ClaimsUpdate()
    with engine.begin() as connection:
        report.removed_claims = clean(connection, version)
        documents = stored_documents(connection, document_ids)
        if document_ids is None and not documents:
            raise ClaimsError("the store has no documents; run `newsgraph ingest` first")
    if document_ids is not None:
        found = {document.doc_id for document in documents}
        for doc_id in dict.fromkeys(document_ids):
            if doc_id not in found:
                report.problems.append(
                    f"{doc_id}: not in the store (deleted, or never ingested); skipped"
                )
    for document in documents:
        try:
            with engine.begin() as connection:
                _match_document(connection, document, chosen, version, report)
        except IntegrityError:
            # Another update matched this document between our check and our insert.
            report.unchanged += 1
    return report


def _match_document(
    connection: Connection,
    document: StoredDocument,
    encoder: Encoder | None,
    version: str,
    report: ClaimsUpdate,
) -> None:
    appearances = claims_tables.claim_appearances
    done = connection.execute(
        select(appearances.c.claim_id).where(appearances.c.document_id == document.key).limit(1)
    ).first()
    if done is not None:
        report.unchanged += 1
        return
    if not has_attribution_layer(connection, document.key):
        report.problems.append(
            f"{document.doc_id}: stored without the attribution layer, so it has no claims; "
            "analyse it again with the attribution stage (newsgraph ingest --reanalyze)"
        )
        return
    statements = statements_of(connection, document)
    vectors: list[Vector | None] = [None] * len(statements)
    if encoder is not None and statements:
        encoded = encoder([s.content for s in statements])
        vectors = [np.asarray(row, dtype=np.float32) for row in encoded]
    touched: set[int] = set()
    for statement, vector in zip(statements, vectors, strict=True):
        comparable = _comparable(statement, vector)
        best = _best_claim(connection, comparable)
        if best is None:
            claim_id = _new_claim(connection, statement, version)
            score = 1.0
            report.new_claims += 1
        else:
            claim_id, score = best
            report.joined += 1
        _insert_appearance(connection, claim_id, statement, comparable, score)
        touched.add(claim_id)
    for claim_id in sorted(touched):
        summarise(connection, claim_id, version)
    report.documents += 1
    report.statements += len(statements)


def _comparable(statement: Statement, vector: Vector | None) -> Comparable:
    return Comparable(
        document_key=statement.document_key,
        start=statement.start,
        end=statement.end,
        attributed=statement.attributed,
        source=statement.source,
        source_key=statement.source_key,
        terms=terms(statement.content),
        embedding=vector,
    )


def _candidate_claims(connection: Connection, statement: Comparable) -> list[int]:
    t, a = claims_tables.claim_terms, claims_tables.claim_appearances
    found: list[int] = []
    words = [word for word in sorted(statement.terms.all) if not _common(connection, word)]
    if words:
        shared = func.count().label("shared")
        query = (
            select(t.c.claim_id, shared)
            .where(t.c.term.in_(words))
            .group_by(t.c.claim_id)
            .order_by(shared.desc(), t.c.claim_id)
            .limit(CANDIDATES)
        )
        found.extend(row.claim_id for row in connection.execute(query))
    if statement.source_key:
        query = (
            select(a.c.claim_id)
            .where(a.c.source_key == statement.source_key)
            .distinct()
            .limit(CANDIDATES * 5)
        )
        found.extend(connection.execute(query).scalars())
    return sorted(set(found))


def _common(connection: Connection, word: str) -> bool:
    """Whether at least COMMON_TERM appearances hold the word (reads at most that many)."""
    t = claims_tables.claim_terms
    held = select(t.c.claim_id).where(t.c.term == word).limit(COMMON_TERM).subquery()
    return bool(
        connection.execute(select(func.count()).select_from(held)).scalar_one() >= COMMON_TERM
    )


def _best_claim(connection: Connection, statement: Comparable) -> tuple[int, float] | None:
    candidates = _candidate_claims(connection, statement)
    if not candidates:
        return None
    a = claims_tables.claim_appearances
    best: dict[int, float] = {}
    barred: set[int] = set()
    scores: dict[int, float] = {}
    for start in range(0, len(candidates), 500):
        rows = connection.execute(
            select(a).where(a.c.claim_id.in_(candidates[start : start + 500]))
        ).mappings()
        for row in rows:
            old = _stored_comparable(row)
            gap = margin(statement, old)
            claim_id = row["claim_id"]
            if gap is None:
                barred.add(claim_id)
                continue
            if claim_id not in best or gap > best[claim_id]:
                best[claim_id] = gap
                scores[claim_id] = similarity(statement, old)
    eligible = [(gap, -claim_id) for claim_id, gap in best.items() if claim_id not in barred]
    if not eligible:
        return None
    gap, negative_id = max(eligible)
    if gap < 0:
        return None
    return -negative_id, round(scores[-negative_id], 4)


def _stored_comparable(row: Any) -> Comparable:
    blob = row["embedding"]
    vector = np.frombuffer(blob, dtype="<f4") if blob else None
    return Comparable(
        document_key=row["document_id"],
        start=row["content_start"],
        end=row["content_end"],
        attributed=bool(row["attributed"]),
        source=row["source"],
        source_key=row["source_key"],
        terms=terms(row["content"]),
        embedding=vector,
    )


def _new_claim(connection: Connection, statement: Statement, version: str) -> int:
    values = {
        "first_doc_id": statement.doc_id,
        "first_published": statement.published,
        "source": statement.source_name or statement.source,
        "source_key": statement.source_key,
        "content": statement.content,
        "appearance_count": 0,
        "document_count": 0,
        "outlet_count": 0,
        "laundering": False,
        "hardening": False,
        "version": version,
    }
    claims = claims_tables.claims
    claim_id: int = connection.execute(insert(claims).returning(claims.c.id), values).scalar_one()
    return claim_id


def _insert_appearance(
    connection: Connection,
    claim_id: int,
    statement: Statement,
    comparable: Comparable,
    score: float,
) -> None:
    vector = comparable.embedding
    connection.execute(
        insert(claims_tables.claim_appearances),
        {
            "document_id": statement.document_key,
            "attribution_ordinal": statement.ordinal,
            "claim_id": claim_id,
            "doc_id": statement.doc_id,
            "attribution_id": statement.attribution_id,
            "published": statement.published,
            "outlet": statement.outlet,
            "kind": statement.kind,
            "stance": statement.stance,
            "attributed": statement.attributed,
            "source": statement.source,
            "source_name": statement.source_name,
            "source_key": statement.source_key,
            "cue": statement.cue,
            "content": statement.content,
            "content_start": statement.start,
            "content_end": statement.end,
            "score": score,
            "embedding": None if vector is None else vector.astype("<f4").tobytes(),
        },
    )
    words = sorted(comparable.terms.all)
    if words:
        connection.execute(
            insert(claims_tables.claim_terms),
            [
                {
                    "document_id": statement.document_key,
                    "attribution_ordinal": statement.ordinal,
                    "term": word,
                    "claim_id": claim_id,
                }
                for word in words
            ],
        )


def timeline_order(row: Any) -> tuple[Any, ...]:
    published = row["published"]
    return (published is None, published, row["doc_id"], row["content_start"])


def summarise(connection: Connection, claim_id: int, version: str) -> None:
    """Write what the claim's appearances say about it into its `claims` row."""
    a = claims_tables.claim_appearances
    rows = sorted(
        connection.execute(select(a).where(a.c.claim_id == claim_id)).mappings(),
        key=timeline_order,
    )
    if not rows:
        connection.execute(
            delete(claims_tables.claims).where(claims_tables.claims.c.id == claim_id)
        )
        return
    first = rows[0]
    named = next((row for row in rows if row["attributed"] and row["source"]), None)
    keys = [row["source_key"] for row in rows if row["attributed"] and row["source_key"]]
    found = claim_flags.flags(
        [
            claim_flags.Appearance(
                row["document_id"], row["published"], bool(row["attributed"]), row["stance"]
            )
            for row in rows
        ]
    )
    connection.execute(
        update(claims_tables.claims)
        .where(claims_tables.claims.c.id == claim_id)
        .values(
            first_doc_id=first["doc_id"],
            first_published=first["published"],
            source=(named["source_name"] or named["source"]) if named else None,
            source_key=max(set(keys), key=keys.count) if keys else None,
            content=first["content"],
            appearance_count=len(rows),
            document_count=len({row["document_id"] for row in rows}),
            outlet_count=len({row["outlet"] or row["doc_id"] for row in rows}),
            laundering=found.laundering,
            hardening=found.hardening,
            version=version,
        )
    )


def clean(connection: Connection, version: str) -> int:
    """Drop appearances of documents no longer stored (left behind where foreign keys were
    off), then summarise again the claims whose appearances changed; returns how many claims
    were removed for having none left."""
    a, t, claims = (
        claims_tables.claim_appearances,
        claims_tables.claim_terms,
        claims_tables.claims,
    )
    stored = select(tables.documents.c.id)
    connection.execute(delete(t).where(t.c.document_id.not_in(stored)))
    connection.execute(delete(a).where(a.c.document_id.not_in(stored)))
    counts = select(a.c.claim_id, func.count().label("n")).group_by(a.c.claim_id).subquery()
    changed = (
        connection.execute(
            select(claims.c.id)
            .outerjoin(counts, counts.c.claim_id == claims.c.id)
            .where(func.coalesce(counts.c.n, 0) != claims.c.appearance_count)
        )
        .scalars()
        .all()
    )
    removed = 0
    for claim_id in changed:
        summarise(connection, claim_id, version)
        exists_now = connection.execute(select(claims.c.id).where(claims.c.id == claim_id)).first()
        removed += exists_now is None
    return removed
