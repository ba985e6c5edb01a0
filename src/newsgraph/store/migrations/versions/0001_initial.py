"""initial schema: documents, layers, corpus entities

Revision ID: 0001
Revises:
Create Date: 2026-12-02 05:43:47.288807
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "corpus_entities",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("country_code", sa.String(length=3), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corpus_entities")),
        sa.UniqueConstraint("key", name=op.f("uq_corpus_entities_key")),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("doc_id", sa.String(length=500), nullable=False),
        sa.Column("content_sha1", sa.String(length=40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("outlet", sa.String(length=300), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("language", sa.String(length=20), nullable=True),
        sa.Column("meta", sa.JSON(), nullable=False),
        sa.Column("warnings", sa.JSON(), nullable=False),
        sa.Column("schema_version", sa.String(length=20), nullable=False),
        sa.Column("pipeline_version", sa.Text(), nullable=False),
        sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.UniqueConstraint("doc_id", name=op.f("uq_documents_doc_id")),
    )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_documents_content_sha1"), ["content_sha1"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_documents_outlet"), ["outlet"], unique=False)
        batch_op.create_index(batch_op.f("ix_documents_published"), ["published"], unique=False)

    op.create_table(
        "attributions",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("source_start", sa.Integer(), nullable=True),
        sa.Column("source_end", sa.Integer(), nullable=True),
        sa.Column("source_text", sa.Text(), nullable=True),
        sa.Column("source_entity", sa.String(length=40), nullable=True),
        sa.Column("source_description", sa.Text(), nullable=True),
        sa.Column("cue_start", sa.Integer(), nullable=True),
        sa.Column("cue_end", sa.Integer(), nullable=True),
        sa.Column("cue_text", sa.Text(), nullable=True),
        sa.Column("cue_lemma", sa.String(length=100), nullable=True),
        sa.Column("stance", sa.String(length=40), nullable=False),
        sa.Column("channel_start", sa.Integer(), nullable=True),
        sa.Column("channel_end", sa.Integer(), nullable=True),
        sa.Column("channel_text", sa.Text(), nullable=True),
        sa.Column("channel_antecedent_start", sa.Integer(), nullable=True),
        sa.Column("channel_antecedent_end", sa.Integer(), nullable=True),
        sa.Column("channel_antecedent_text", sa.Text(), nullable=True),
        sa.Column("timex", sa.String(length=40), nullable=True),
        sa.Column("parent", sa.String(length=40), nullable=True),
        sa.Column("component", sa.String(length=100), nullable=False),
        sa.Column("version", sa.String(length=200), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_attributions_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "ordinal", name=op.f("pk_attributions")),
        sa.UniqueConstraint(
            "document_id", "local_id", name=op.f("uq_attributions_document_id_local_id")
        ),
    )
    with op.batch_alter_table("attributions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attributions_kind"), ["kind"], unique=False)
        batch_op.create_index(
            "ix_attributions_source_entity", ["document_id", "source_entity"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_attributions_stance"), ["stance"], unique=False)

    op.create_table(
        "entities",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(length=40), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("mention_ids", sa.JSON(), nullable=False),
        sa.Column("geo", sa.JSON(), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("component", sa.String(length=100), nullable=False),
        sa.Column("version", sa.String(length=200), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_entities_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "ordinal", name=op.f("pk_entities")),
        sa.UniqueConstraint(
            "document_id", "local_id", name=op.f("uq_entities_document_id_local_id")
        ),
    )
    with op.batch_alter_table("entities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entities_key"), ["key"], unique=False)

    op.create_table(
        "events",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(length=40), nullable=False),
        sa.Column("type", sa.String(length=40), nullable=False),
        sa.Column("mode", sa.String(length=60), nullable=True),
        sa.Column("quad_class", sa.String(length=60), nullable=True),
        sa.Column("trigger_start", sa.Integer(), nullable=False),
        sa.Column("trigger_end", sa.Integer(), nullable=False),
        sa.Column("trigger_text", sa.Text(), nullable=False),
        sa.Column("sentence", sa.String(length=40), nullable=True),
        sa.Column("when", sa.String(length=40), nullable=True),
        sa.Column("when_source", sa.String(length=40), nullable=True),
        sa.Column("date", sa.String(length=100), nullable=True),
        sa.Column("where", sa.String(length=40), nullable=True),
        sa.Column("asserted_by", sa.String(length=40), nullable=True),
        sa.Column("factuality", sa.String(length=40), nullable=False),
        sa.Column("component", sa.String(length=100), nullable=False),
        sa.Column("version", sa.String(length=200), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_events_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "ordinal", name=op.f("pk_events")),
        sa.UniqueConstraint("document_id", "local_id", name=op.f("uq_events_document_id_local_id")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_type"), ["type"], unique=False)

    op.create_table(
        "mentions",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(length=40), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("label", sa.String(length=40), nullable=False),
        sa.Column("form", sa.String(length=40), nullable=True),
        sa.Column("entity", sa.String(length=40), nullable=True),
        sa.Column("component", sa.String(length=100), nullable=False),
        sa.Column("version", sa.String(length=200), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_mentions_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "ordinal", name=op.f("pk_mentions")),
        sa.UniqueConstraint(
            "document_id", "local_id", name=op.f("uq_mentions_document_id_local_id")
        ),
    )
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.create_index("ix_mentions_entity", ["document_id", "entity"], unique=False)

    op.create_table(
        "relays",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("outlet", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_relays_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "position", name=op.f("pk_relays")),
    )
    with op.batch_alter_table("relays", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_relays_outlet"), ["outlet"], unique=False)

    op.create_table(
        "sentences",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(length=40), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_sentences_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "ordinal", name=op.f("pk_sentences")),
        sa.UniqueConstraint(
            "document_id", "local_id", name=op.f("uq_sentences_document_id_local_id")
        ),
    )
    op.create_table(
        "stage_runs",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("version", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_stage_runs_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "position", name=op.f("pk_stage_runs")),
    )
    op.create_table(
        "timexes",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(length=40), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("value", sa.String(length=100), nullable=True),
        sa.Column("anchor", sa.String(length=40), nullable=True),
        sa.Column("component", sa.String(length=100), nullable=False),
        sa.Column("version", sa.String(length=200), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_timexes_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "ordinal", name=op.f("pk_timexes")),
        sa.UniqueConstraint(
            "document_id", "local_id", name=op.f("uq_timexes_document_id_local_id")
        ),
    )
    op.create_table(
        "attribution_contents",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("attribution_ordinal", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id", "attribution_ordinal"],
            ["attributions.document_id", "attributions.ordinal"],
            name=op.f("fk_attribution_contents_document_id_attributions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "document_id", "attribution_ordinal", "position", name=op.f("pk_attribution_contents")
        ),
    )
    op.create_table(
        "entity_aliases",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("entity_ordinal", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("alias", sa.Text(), nullable=False),
        sa.Column("folded", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id", "entity_ordinal"],
            ["entities.document_id", "entities.ordinal"],
            name=op.f("fk_entity_aliases_document_id_entities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "document_id", "entity_ordinal", "position", name=op.f("pk_entity_aliases")
        ),
    )
    with op.batch_alter_table("entity_aliases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entity_aliases_folded"), ["folded"], unique=False)

    op.create_table(
        "entity_links",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("entity_ordinal", sa.Integer(), nullable=False),
        sa.Column("corpus_entity_id", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["corpus_entity_id"],
            ["corpus_entities.id"],
            name=op.f("fk_entity_links_corpus_entity_id_corpus_entities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_id", "entity_ordinal"],
            ["entities.document_id", "entities.ordinal"],
            name=op.f("fk_entity_links_document_id_entities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "entity_ordinal", name=op.f("pk_entity_links")),
    )
    with op.batch_alter_table("entity_links", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_entity_links_corpus_entity_id"), ["corpus_entity_id"], unique=False
        )

    op.create_table(
        "event_mentions",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("event_ordinal", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id", "event_ordinal"],
            ["events.document_id", "events.ordinal"],
            name=op.f("fk_event_mentions_document_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "document_id", "event_ordinal", "position", name=op.f("pk_event_mentions")
        ),
    )
    op.create_table(
        "event_participants",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("event_ordinal", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=True),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("sector", sa.String(length=60), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id", "event_ordinal"],
            ["events.document_id", "events.ordinal"],
            name=op.f("fk_event_participants_document_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "document_id", "event_ordinal", "position", "role", name=op.f("pk_event_participants")
        ),
    )


def downgrade() -> None:

    op.drop_table("event_participants")
    op.drop_table("event_mentions")
    with op.batch_alter_table("entity_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entity_links_corpus_entity_id"))

    op.drop_table("entity_links")
    with op.batch_alter_table("entity_aliases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entity_aliases_folded"))

    op.drop_table("entity_aliases")
    op.drop_table("attribution_contents")
    op.drop_table("timexes")
    op.drop_table("stage_runs")
    op.drop_table("sentences")
    with op.batch_alter_table("relays", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_relays_outlet"))

    op.drop_table("relays")
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.drop_index("ix_mentions_entity")

    op.drop_table("mentions")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_type"))

    op.drop_table("events")
    with op.batch_alter_table("entities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entities_key"))

    op.drop_table("entities")
    with op.batch_alter_table("attributions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attributions_stance"))
        batch_op.drop_index("ix_attributions_source_entity")
        batch_op.drop_index(batch_op.f("ix_attributions_kind"))

    op.drop_table("attributions")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_documents_published"))
        batch_op.drop_index(batch_op.f("ix_documents_outlet"))
        batch_op.drop_index(batch_op.f("ix_documents_content_sha1"))

    op.drop_table("documents")
    op.drop_table("corpus_entities")
