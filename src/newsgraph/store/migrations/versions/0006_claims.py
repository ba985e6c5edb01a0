"""claims: attributions of the same claim across articles, their terms and flags

Revision ID: 0006
Revises: 0002
Create Date: 2026-12-02 10:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("first_doc_id", sa.String(length=500), nullable=True),
        sa.Column("first_published", sa.Date(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("source_key", sa.String(length=300), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("appearance_count", sa.Integer(), nullable=False),
        sa.Column("document_count", sa.Integer(), nullable=False),
        sa.Column("outlet_count", sa.Integer(), nullable=False),
        sa.Column("laundering", sa.Boolean(), nullable=False),
        sa.Column("hardening", sa.Boolean(), nullable=False),
        sa.Column("version", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claims")),
    )
    op.create_index(op.f("ix_claims_first_published"), "claims", ["first_published"])
    op.create_index(op.f("ix_claims_source_key"), "claims", ["source_key"])
    op.create_table(
        "claim_appearances",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("attribution_ordinal", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("doc_id", sa.String(length=500), nullable=False),
        sa.Column("attribution_id", sa.String(length=40), nullable=False),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("outlet", sa.String(length=300), nullable=True),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("stance", sa.String(length=40), nullable=False),
        sa.Column("attributed", sa.Boolean(), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("source_name", sa.Text(), nullable=True),
        sa.Column("source_key", sa.String(length=300), nullable=True),
        sa.Column("cue", sa.Text(), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("content_start", sa.Integer(), nullable=False),
        sa.Column("content_end", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("embedding", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
            name=op.f("fk_claim_appearances_claim_id_claims"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_id", "attribution_ordinal"],
            ["attributions.document_id", "attributions.ordinal"],
            name=op.f("fk_claim_appearances_document_id_attributions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "document_id", "attribution_ordinal", name=op.f("pk_claim_appearances")
        ),
    )
    op.create_index(op.f("ix_claim_appearances_claim_id"), "claim_appearances", ["claim_id"])
    op.create_index(op.f("ix_claim_appearances_source_key"), "claim_appearances", ["source_key"])
    op.create_table(
        "claim_terms",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("attribution_ordinal", sa.Integer(), nullable=False),
        sa.Column("term", sa.String(length=60), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id", "attribution_ordinal"],
            ["claim_appearances.document_id", "claim_appearances.attribution_ordinal"],
            name=op.f("fk_claim_terms_document_id_claim_appearances"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "document_id", "attribution_ordinal", "term", name=op.f("pk_claim_terms")
        ),
    )
    op.create_index("ix_claim_terms_term_claim", "claim_terms", ["term", "claim_id"])


def downgrade() -> None:
    op.drop_index("ix_claim_terms_term_claim", table_name="claim_terms")
    op.drop_table("claim_terms")
    op.drop_index(op.f("ix_claim_appearances_source_key"), table_name="claim_appearances")
    op.drop_index(op.f("ix_claim_appearances_claim_id"), table_name="claim_appearances")
    op.drop_table("claim_appearances")
    op.drop_index(op.f("ix_claims_source_key"), table_name="claims")
    op.drop_index(op.f("ix_claims_first_published"), table_name="claims")
    op.drop_table("claims")
