"""full-text search over article text and attribution contents; indexes for the queries

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 06:00:00

SQLite gets two FTS5 tables (see newsgraph.store.fulltext for why each is built as it is);
PostgreSQL gets GIN indexes over to_tsvector('english', ...), which it keeps up to date itself.
Both get the plain indexes that the query commands need.
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# (name, table, columns or expressions): the look-ups of newsgraph.store.queries.
INDEXES = (
    # Unnamed sources are matched by their words ("--by 'a trader'").
    ("ix_attributions_source_lower", "attributions", "lower(source_text)"),
    # An entity's own name is not always among its aliases.
    ("ix_entities_name_lower", "entities", "lower(name)"),
    # Listing and paging by date without sorting the whole table.
    ("ix_documents_published_id", "documents", "published, id"),
    ("ix_entity_aliases_entity", "entity_aliases", "document_id, entity_ordinal"),
    # Which content piece holds a mention: a range over the pieces of one document, from the
    # index alone.
    (
        "ix_attribution_contents_span",
        "attribution_contents",
        'document_id, start, "end", attribution_ordinal',
    ),
    # Covering indexes for name -> corpus entity -> documents: a busy entity has an alias row
    # and a link row in every article that names it, and each would otherwise cost a table
    # look-up.
    ("ix_entity_aliases_folded_entity", "entity_aliases", "folded, document_id, entity_ordinal"),
    (
        "ix_entity_links_corpus_document",
        "entity_links",
        "corpus_entity_id, document_id, entity_ordinal",
    ),
    (
        "ix_entity_links_entity_corpus",
        "entity_links",
        "document_id, entity_ordinal, corpus_entity_id",
    ),
    ("ix_timexes_local_id", "timexes", "document_id, local_id"),
)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for name, table, columns in INDEXES:
        op.execute(f"CREATE INDEX {name} ON {table} ({columns})")
    if dialect == "sqlite":
        _sqlite_upgrade()
    elif dialect == "postgresql":
        op.execute(
            "CREATE INDEX ix_documents_text_fts ON documents "
            "USING gin (to_tsvector('english', text))"
        )
        op.execute(
            "CREATE INDEX ix_attribution_contents_text_fts ON attribution_contents "
            "USING gin (to_tsvector('english', text))"
        )


def _sqlite_upgrade() -> None:
    # Porter stemming over unicode61 without diacritics comes closest to PostgreSQL's
    # 'english' configuration, so that the same words match on both databases.
    tokenize = "tokenize = 'porter unicode61 remove_diacritics 2'"
    op.execute(
        "CREATE VIRTUAL TABLE documents_fts USING fts5("
        f"text, content = 'documents', content_rowid = 'id', {tokenize})"
    )
    op.execute(
        "CREATE VIRTUAL TABLE attribution_contents_fts USING fts5("
        "text, document_id UNINDEXED, attribution_ordinal UNINDEXED, position UNINDEXED, "
        f"start UNINDEXED, {tokenize})"
    )
    # Documents stored before this revision are indexed now.
    op.execute("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")
    op.execute(
        "INSERT INTO attribution_contents_fts"
        "(rowid, text, document_id, attribution_ordinal, position, start) "
        "SELECT document_id * 1048576 + ROW_NUMBER() OVER ("
        "PARTITION BY document_id ORDER BY attribution_ordinal, position) - 1, "
        "text, document_id, attribution_ordinal, position, start FROM attribution_contents"
    )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE attribution_contents_fts")
        op.execute("DROP TABLE documents_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX ix_attribution_contents_text_fts")
        op.execute("DROP INDEX ix_documents_text_fts")
    for name, _table, _columns in INDEXES:
        op.execute(f"DROP INDEX {name}")
