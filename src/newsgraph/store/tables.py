"""The store's tables: one per layer of the output schema (model.py), plus the corpus tables.

Every row of a document layer keeps its character offsets into `documents.text`, its text (so
that a query row can be shown without re-slicing) and the provenance of the item. Within a
document an item is known by its position in its layer (`ordinal`) and by the id the analysis
gave it (`local_id`, e.g. "m3"); links between layers use those ids, exactly as in the JSON
output, so an Analysis read back from the store equals the one that was written.

Corpus tables link document items across articles. `entity_links` is a table of its own so
that the corpus-wide matching can be recomputed without touching any document layer.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

# Constraint names are fixed so that migrations can refer to them on every database.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _document_key() -> Column[int]:
    return Column(
        "document_id",
        Integer,
        ForeignKey("documents.id", ondelete="CASCADE"),
        primary_key=True,
    )


def _span(prefix: str, nullable: bool = True) -> list[Column[object]]:
    """start, end and text of one span-valued field."""
    return [
        Column(f"{prefix}start", Integer, nullable=nullable),
        Column(f"{prefix}end", Integer, nullable=nullable),
        Column(f"{prefix}text", Text, nullable=nullable),
    ]


def _provenance() -> list[Column[object]]:
    return [
        Column("component", String(100), nullable=False),
        Column("version", String(200), nullable=False),
        Column("confidence", Float),
    ]


def _layer(name: str, *columns: Column[object] | Index | UniqueConstraint) -> Table:
    """A per-document layer: ordered by `ordinal`, its items known by `local_id`."""
    return Table(
        name,
        metadata,
        _document_key(),
        Column("ordinal", Integer, primary_key=True),
        Column("local_id", String(40), nullable=False),
        *columns,
        UniqueConstraint("document_id", "local_id"),
    )


def _parts(name: str, parent: str, parent_table: str, *columns: Column[object]) -> Table:
    """Ordered sub-items of a layer item (entity aliases, attribution contents, ...)."""
    return Table(
        name,
        metadata,
        Column("document_id", Integer, primary_key=True),
        Column(f"{parent}_ordinal", Integer, primary_key=True),
        Column("position", Integer, primary_key=True),
        *columns,
        ForeignKeyConstraint(
            ["document_id", f"{parent}_ordinal"],
            [f"{parent_table}.document_id", f"{parent_table}.ordinal"],
            ondelete="CASCADE",
        ),
    )


documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(500), nullable=False, unique=True),
    Column("content_sha1", String(40), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("published", Date, index=True),
    Column("outlet", String(300), index=True),
    Column("url", Text),
    Column("title", Text),
    Column("language", String(20)),
    # The whole DocumentMeta as written: fields without a column of their own (byline, source)
    # and any added by a later minor schema version survive the round trip.
    Column("meta", JSON, nullable=False),
    Column("warnings", JSON, nullable=False),
    Column("schema_version", String(20), nullable=False),
    # Stage names and versions joined: a document is reanalysed when this differs.
    Column("pipeline_version", Text, nullable=False),
    Column("stored_at", DateTime(timezone=True), nullable=False),
)

# The relay chain, nearest first (DocumentMeta.via), one row per outlet so it can be queried.
relays = Table(
    "relays",
    metadata,
    _document_key(),
    Column("position", Integer, primary_key=True),
    Column("outlet", String(300), nullable=False, index=True),
)

stage_runs = Table(
    "stage_runs",
    metadata,
    _document_key(),
    Column("position", Integer, primary_key=True),
    Column("name", String(100), nullable=False),
    Column("version", String(200), nullable=False),
)

sentences = _layer("sentences", *_span("", nullable=False))

mentions = _layer(
    "mentions",
    *_span("", nullable=False),
    Column("label", String(40), nullable=False),
    Column("form", String(40)),
    Column("entity", String(40)),
    *_provenance(),
)

entities = _layer(
    "entities",
    Column("key", String(300), index=True),
    Column("name", Text, nullable=False),
    Column("kind", String(40), nullable=False),
    # Entity.mentions in the order the stage gave them.
    Column("mention_ids", JSON, nullable=False),
    Column("geo", JSON),
    Column("latitude", Float),
    Column("longitude", Float),
    *_provenance(),
)

# Entity.aliases, one row each, with a folded form (lower case, no diacritics) for look-ups by
# any name ("--by Jolani").
entity_aliases = _parts(
    "entity_aliases",
    "entity",
    "entities",
    Column("alias", Text, nullable=False),
    Column("folded", String(300), nullable=False, index=True),
)

timexes = _layer(
    "timexes",
    *_span("", nullable=False),
    Column("type", String(20), nullable=False),
    Column("value", String(100)),
    Column("anchor", String(40)),
    *_provenance(),
)

attributions = _layer(
    "attributions",
    Column("kind", String(40), nullable=False, index=True),
    *_span("source_"),
    Column("source_entity", String(40)),
    Column("source_description", Text),
    *_span("cue_"),
    Column("cue_lemma", String(100)),
    Column("stance", String(40), nullable=False, index=True),
    *_span("channel_"),
    *_span("channel_antecedent_"),
    Column("timex", String(40)),
    Column("parent", String(40)),
    *_provenance(),
)

attribution_contents = _parts(
    "attribution_contents", "attribution", "attributions", *_span("", nullable=False)
)

events = _layer(
    "events",
    Column("type", String(40), nullable=False, index=True),
    Column("mode", String(60)),
    Column("quad_class", String(60)),
    *_span("trigger_", nullable=False),
    Column("sentence", String(40)),
    Column("when", String(40)),
    Column("when_source", String(40)),
    Column("date", String(100)),
    Column("where", String(40)),
    Column("asserted_by", String(40)),
    Column("factuality", String(40), nullable=False),
    *_provenance(),
)

event_mentions = _parts("event_mentions", "event", "events", *_span("", nullable=False))

# Actors and targets: role is "actor" or "target"; position counts within the role.
event_participants = _parts(
    "event_participants",
    "event",
    "events",
    Column("role", String(10), primary_key=True),
    *_span("", nullable=False),
    Column("entity", String(40)),
    Column("country", String(3)),
    Column("sector", String(60)),
)

corpus_entities = Table(
    "corpus_entities",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(300), nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("country_code", String(3)),
)

# Which corpus entity each document entity belongs to, and by which matching method.
entity_links = Table(
    "entity_links",
    metadata,
    Column("document_id", Integer, primary_key=True),
    Column("entity_ordinal", Integer, primary_key=True),
    Column(
        "corpus_entity_id",
        Integer,
        ForeignKey("corpus_entities.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("method", String(40), nullable=False),
    ForeignKeyConstraint(
        ["document_id", "entity_ordinal"],
        ["entities.document_id", "entities.ordinal"],
        ondelete="CASCADE",
    ),
)

Index("ix_attributions_source_entity", attributions.c.document_id, attributions.c.source_entity)
Index("ix_mentions_entity", mentions.c.document_id, mentions.c.entity)

# Tables of their own modules, built on this metadata (imported last: they refer to the above).
from newsgraph.store import (  # noqa: E402, F401  (corpus tables)
    claims_tables,
    copies_tables,
    corpus_tables,
    stories_tables,
)
from newsgraph.store import jobs_tables as _jobs_tables  # noqa: E402,F401  (analysis_jobs)
from newsgraph.store import statement_tables as statement_tables  # noqa: E402
