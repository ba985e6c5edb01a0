"""statement index: who said, or is spoken of in, which attribution (entity_statements)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 10:40:00

See newsgraph.store.statement_tables. The rows of the documents already stored are computed
here in SQL, with the same rules as linking.link_document: "said" when the attribution's
source entity is linked to the corpus entity, "about" when a content piece holds a mention of
an entity linked to it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_COLUMNS = (
    "document_id, attribution_ordinal, role, corpus_entity_id, published, outlet, kind, stance"
)


def upgrade() -> None:
    op.create_table(
        "entity_statements",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("attribution_ordinal", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("corpus_entity_id", sa.Integer(), nullable=False),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("outlet", sa.String(length=300), nullable=True),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("stance", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["corpus_entity_id"],
            ["corpus_entities.id"],
            name=op.f("fk_entity_statements_corpus_entity_id_corpus_entities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_id", "attribution_ordinal"],
            ["attributions.document_id", "attributions.ordinal"],
            name=op.f("fk_entity_statements_document_id_attributions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "document_id",
            "attribution_ordinal",
            "role",
            "corpus_entity_id",
            name=op.f("pk_entity_statements"),
        ),
    )
    # One entity's statements of one role, newest document first, then in text order: the
    # order of every named quotes query, so a page is the first rows of one range. The
    # filters' columns ride along (covering), so no table row is read to reject one.
    # PostgreSQL puts NULLs first in a DESC index unless told; SQLite always sorts them last.
    nulls = " NULLS LAST" if op.get_bind().dialect.name == "postgresql" else ""
    op.execute(
        "CREATE INDEX ix_entity_statements_page ON entity_statements (corpus_entity_id, role, "
        f"published DESC{nulls}, document_id DESC, attribution_ordinal, kind, stance, outlet)"
    )
    op.execute(
        f"INSERT INTO entity_statements ({_COLUMNS}) "
        "SELECT a.document_id, a.ordinal, 'said', l.corpus_entity_id, d.published, d.outlet, "
        "a.kind, a.stance FROM attributions a "
        "JOIN entities e ON e.document_id = a.document_id AND e.local_id = a.source_entity "
        "JOIN entity_links l ON l.document_id = e.document_id AND l.entity_ordinal = e.ordinal "
        "JOIN documents d ON d.id = a.document_id"
    )
    op.execute(
        f"INSERT INTO entity_statements ({_COLUMNS}) "
        "SELECT DISTINCT c.document_id, c.attribution_ordinal, 'about', l.corpus_entity_id, "
        "d.published, d.outlet, a.kind, a.stance FROM attribution_contents c "
        "JOIN mentions m ON m.document_id = c.document_id "
        'AND c.start <= m.start AND m."end" <= c."end" '
        "JOIN entities e ON e.document_id = m.document_id AND e.local_id = m.entity "
        "JOIN entity_links l ON l.document_id = e.document_id AND l.entity_ordinal = e.ordinal "
        "JOIN attributions a ON a.document_id = c.document_id "
        "AND a.ordinal = c.attribution_ordinal "
        "JOIN documents d ON d.id = c.document_id"
    )


def downgrade() -> None:
    op.execute("DROP INDEX ix_entity_statements_page")
    op.drop_table("entity_statements")
