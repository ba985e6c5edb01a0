"""statement and name indexes: who said, or is spoken of in, which attribution
(entity_statements); which corpus entities are called by a name (entity_names)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 10:40:00

See newsgraph.store.statement_tables. The rows of the documents already stored are computed
here in SQL, with the same rules as linking.link_document: "said" when the attribution's
source entity is linked to the corpus entity, "about" when a content piece holds a mention of
an entity linked to it; a name row for each folded alias and folded name of a linked entity
(the names are folded in Python, as newsgraph.store.convert.fold does it at ingest).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from newsgraph.store.convert import fold

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
    _names_upgrade()


def _names_upgrade() -> None:
    op.create_table(
        "entity_names",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("entity_ordinal", sa.Integer(), nullable=False),
        sa.Column("folded", sa.String(length=300), nullable=False),
        sa.Column("corpus_entity_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["corpus_entity_id"],
            ["corpus_entities.id"],
            name=op.f("fk_entity_names_corpus_entity_id_corpus_entities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_id", "entity_ordinal"],
            ["entities.document_id", "entities.ordinal"],
            name=op.f("fk_entity_names_document_id_entities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "document_id", "entity_ordinal", "folded", name=op.f("pk_entity_names")
        ),
    )
    op.create_index(
        "ix_entity_names_folded_corpus_entity", "entity_names", ["folded", "corpus_entity_id"]
    )
    bind = op.get_bind()
    found: set[tuple[int, int, str, int]] = set()
    for document, ordinal, folded, corpus in bind.execute(
        sa.text(
            "SELECT l.document_id, l.entity_ordinal, a.folded, l.corpus_entity_id "
            "FROM entity_aliases a JOIN entity_links l "
            "ON l.document_id = a.document_id AND l.entity_ordinal = a.entity_ordinal"
        )
    ):
        if folded:
            found.add((document, ordinal, folded, corpus))
    for document, ordinal, name, corpus in bind.execute(
        sa.text(
            "SELECT l.document_id, l.entity_ordinal, e.name, l.corpus_entity_id "
            "FROM entities e JOIN entity_links l "
            "ON l.document_id = e.document_id AND l.entity_ordinal = e.ordinal"
        )
    ):
        if fold(name):
            found.add((document, ordinal, fold(name)[:300], corpus))
    rows = [
        {"document_id": d, "entity_ordinal": o, "folded": f, "corpus_entity_id": c}
        for d, o, f, c in sorted(found)
    ]
    insert = sa.text(
        "INSERT INTO entity_names (document_id, entity_ordinal, folded, corpus_entity_id) "
        "VALUES (:document_id, :entity_ordinal, :folded, :corpus_entity_id)"
    )
    for first in range(0, len(rows), 5000):
        bind.execute(insert, rows[first : first + 5000])


def downgrade() -> None:
    op.drop_index("ix_entity_names_folded_corpus_entity", table_name="entity_names")
    op.drop_table("entity_names")
    op.execute("DROP INDEX ix_entity_statements_page")
    op.drop_table("entity_statements")
