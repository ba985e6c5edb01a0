"""Corpus tables of claims: attributions in different articles that report the same claim.

`claims` holds one row per claim with what the timeline says about it (first appearance,
counts, the laundering and hardening flags); `claim_appearances` one row per attribution, the
claim it belongs to and a copy of what the timeline shows (outlet, date, source as named, cue,
stance, content), so that a claim is listed without reading every layer again;
`claim_terms` the content words of each appearance, which is how a new attribution finds the
claims it may belong to. An appearance goes with its attribution (ON DELETE CASCADE), and a
claim left with none is removed by the next update (newsgraph.corpus.claims).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
)

from newsgraph.store.tables import metadata

claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # The earliest appearance, as the timeline orders them.
    Column("first_doc_id", String(500)),
    Column("first_published", Date, index=True),
    Column("source", Text),
    Column("source_key", String(300), index=True),
    Column("content", Text, nullable=False),
    Column("appearance_count", Integer, nullable=False),
    Column("document_count", Integer, nullable=False),
    Column("outlet_count", Integer, nullable=False),
    Column("laundering", Boolean, nullable=False),
    Column("hardening", Boolean, nullable=False),
    Column("version", String(100), nullable=False),
)

claim_appearances = Table(
    "claim_appearances",
    metadata,
    Column("document_id", Integer, primary_key=True),
    Column("attribution_ordinal", Integer, primary_key=True),
    Column(
        "claim_id",
        Integer,
        ForeignKey("claims.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("doc_id", String(500), nullable=False),
    Column("attribution_id", String(40), nullable=False),
    Column("published", Date),
    Column("outlet", String(300)),
    Column("kind", String(40), nullable=False),
    Column("stance", String(40), nullable=False),
    # False for the outlet's own voice: nobody else is named for it.
    Column("attributed", Boolean, nullable=False),
    Column("source", Text),
    # The name the source entity has in that document ("He" names Vasile Cebotari).
    Column("source_name", Text),
    # The corpus entity key of the source (store.linking.corpus_key), when it is linked.
    Column("source_key", String(300), index=True),
    Column("cue", Text),
    Column("content", Text, nullable=False),
    Column("content_start", Integer, nullable=False),
    Column("content_end", Integer, nullable=False),
    # How it joined its claim: its similarity to the closest appearance (1.0 for the first).
    Column("score", Float, nullable=False),
    # The content's sentence embedding (float32, little-endian), when one was computed.
    Column("embedding", LargeBinary),
    ForeignKeyConstraint(
        ["document_id", "attribution_ordinal"],
        ["attributions.document_id", "attributions.ordinal"],
        ondelete="CASCADE",
    ),
)

claim_terms = Table(
    "claim_terms",
    metadata,
    Column("document_id", Integer, primary_key=True),
    Column("attribution_ordinal", Integer, primary_key=True),
    Column("term", String(60), primary_key=True),
    Column("claim_id", Integer, nullable=False),
    ForeignKeyConstraint(
        ["document_id", "attribution_ordinal"],
        ["claim_appearances.document_id", "claim_appearances.attribution_ordinal"],
        ondelete="CASCADE",
    ),
)

Index("ix_claim_terms_term_claim", claim_terms.c.term, claim_terms.c.claim_id)
