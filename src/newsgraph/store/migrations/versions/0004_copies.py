"""corpus runner progress and the copies step's tables

Revision ID: 0004
Revises: 0002
Create Date: 2026-12-02 10:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _document(name: str) -> sa.Column[int]:
    return sa.Column(
        name,
        sa.Integer(),
        sa.ForeignKey("documents.id", name=f"fk_copy_pairs_{name}_documents", ondelete="CASCADE"),
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "corpus_progress",
        sa.Column("step", sa.String(60), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("doc_id", sa.String(500), nullable=False),
        sa.Column("content_sha1", sa.String(40), nullable=False),
        sa.Column("version", sa.String(40), nullable=False),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("step", "document_id", name="pk_corpus_progress"),
    )
    op.create_table(
        "copy_bands",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("band", sa.Integer(), nullable=False),
        sa.Column("bucket", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("document_id", "band", name="pk_copy_bands"),
    )
    op.create_index("ix_copy_bands_bucket", "copy_bands", ["bucket"])
    op.create_table(
        "copy_fingerprints",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("hash", sa.BigInteger(), nullable=False),
        sa.Column("outlet", sa.String(300), nullable=True),
        sa.PrimaryKeyConstraint("document_id", "hash", name="pk_copy_fingerprints"),
    )
    op.create_index("ix_copy_fingerprints_hash_outlet", "copy_fingerprints", ["hash", "outlet"])
    op.create_table(
        "copy_fingerprint_counts",
        sa.Column("hash", sa.BigInteger(), nullable=False),
        sa.Column("documents", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("hash", name="pk_copy_fingerprint_counts"),
    )
    op.create_table(
        "copy_pairs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        _document("first_id"),
        _document("second_id"),
        sa.Column("relation", sa.String(20), nullable=False),
        sa.Column("similarity", sa.Float(), nullable=False),
        sa.Column("containment", sa.Float(), nullable=False),
        sa.Column("earlier", sa.Boolean(), nullable=False),
        sa.Column("earlier_by", sa.String(20), nullable=True),
        sa.Column("credited", sa.Boolean(), nullable=False),
        sa.Column("credit", sa.Text(), nullable=True),
        sa.Column("component", sa.String(100), nullable=False),
        sa.Column("version", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_copy_pairs"),
        sa.UniqueConstraint("first_id", "second_id", name="uq_copy_pairs_first_id_second_id"),
    )
    op.create_index("ix_copy_pairs_first_id", "copy_pairs", ["first_id"])
    op.create_index("ix_copy_pairs_second_id", "copy_pairs", ["second_id"])
    op.create_index("ix_copy_pairs_relation", "copy_pairs", ["relation"])
    for name, columns in (
        ("copy_spans", _span_columns()),
        ("copy_changes", _change_columns()),
    ):
        op.create_table(
            name,
            sa.Column(
                "pair_id",
                sa.Integer(),
                sa.ForeignKey(
                    "copy_pairs.id", name=f"fk_{name}_pair_id_copy_pairs", ondelete="CASCADE"
                ),
                nullable=False,
            ),
            sa.Column("position", sa.Integer(), nullable=False),
            *columns,
            sa.PrimaryKeyConstraint("pair_id", "position", name=f"pk_{name}"),
        )


def _span_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("first_start", sa.Integer(), nullable=False),
        sa.Column("first_end", sa.Integer(), nullable=False),
        sa.Column("second_start", sa.Integer(), nullable=False),
        sa.Column("second_end", sa.Integer(), nullable=False),
        sa.Column("words", sa.Integer(), nullable=False),
        sa.Column("discounted", sa.String(20), nullable=True),
    ]


def _change_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("first_start", sa.Integer(), nullable=True),
        sa.Column("first_end", sa.Integer(), nullable=True),
        sa.Column("first_text", sa.Text(), nullable=True),
        sa.Column("second_start", sa.Integer(), nullable=True),
        sa.Column("second_end", sa.Integer(), nullable=True),
        sa.Column("second_text", sa.Text(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
    ]


def downgrade() -> None:
    for name in ("copy_changes", "copy_spans", "copy_pairs"):
        op.drop_table(name)
    op.drop_index("ix_copy_fingerprints_hash_outlet", table_name="copy_fingerprints")
    op.drop_table("copy_fingerprint_counts")
    op.drop_table("copy_fingerprints")
    op.drop_index("ix_copy_bands_bucket", table_name="copy_bands")
    op.drop_table("copy_bands")
    op.drop_table("corpus_progress")
