"""The Arrow schemas of the exported tables: one place for every writer of them.

`newsgraph export --format parquet` writes these tables from the store; a Spark job that
analyses a corpus writes the same tables, with the same column names and types, so that a
reader never needs to know which of the two made a file. Every table keys its rows by the
document's id as the analysis gave it (`doc_id`, a string), never by a store's internal key,
and items of a layer by their id within the document (`local_id`, e.g. "m3"); the sub-item
tables (aliases, contents, mentions and participants of events) name their parent by that id.

Types are fixed here, not inferred from the data, so an empty table has the same columns and
types as a full one. Integers are 64-bit (Spark's LongType), offsets are Python string indices
into `documents.text`.
"""

from __future__ import annotations

import datetime as dt

import pyarrow as pa

_STRING = pa.string()
_INT = pa.int64()
_FLOAT = pa.float64()
_STRINGS = pa.list_(pa.field("item", pa.string()))


def _field(name: str, kind: pa.DataType, nullable: bool = True) -> pa.Field:
    return pa.field(name, kind, nullable=nullable)


def _span(prefix: str, nullable: bool = True) -> list[pa.Field]:
    return [
        _field(f"{prefix}start", _INT, nullable),
        _field(f"{prefix}end", _INT, nullable),
        _field(f"{prefix}text", _STRING, nullable),
    ]


def _provenance() -> list[pa.Field]:
    return [
        _field("component", _STRING, False),
        _field("version", _STRING, False),
        _field("confidence", _FLOAT),
    ]


def _layer(*fields: pa.Field) -> pa.Schema:
    """A per-document layer: doc_id, position in the layer, id within the document."""
    return pa.schema(
        [
            _field("doc_id", _STRING, False),
            _field("ordinal", _INT, False),
            _field("local_id", _STRING, False),
            *fields,
        ]
    )


def _parts(parent: str, *fields: pa.Field) -> pa.Schema:
    """Ordered sub-items of a layer item, named by the parent's local id."""
    return pa.schema(
        [
            _field("doc_id", _STRING, False),
            _field(parent, _STRING, False),
            _field("position", _INT, False),
            *fields,
        ]
    )


_SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema(
        [
            _field("doc_id", _STRING, False),
            _field("content_sha1", _STRING, False),
            _field("text", _STRING, False),
            _field("published", pa.date32()),
            _field("published_month", _STRING),
            _field("outlet", _STRING),
            _field("url", _STRING),
            _field("title", _STRING),
            _field("language", _STRING),
            _field("byline", _STRINGS, False),
            _field("source_path", _STRING),
            _field("source_format", _STRING),
            _field("text_offset", _INT),
            _field("warnings", _STRINGS, False),
            _field("schema_version", _STRING, False),
            _field("pipeline_version", _STRING, False),
            _field("meta", _STRING, False),
            _field("stored_at", pa.timestamp("us", tz="UTC")),
        ]
    ),
    "relays": pa.schema(
        [
            _field("doc_id", _STRING, False),
            _field("position", _INT, False),
            _field("outlet", _STRING, False),
        ]
    ),
    "stage_runs": pa.schema(
        [
            _field("doc_id", _STRING, False),
            _field("position", _INT, False),
            _field("name", _STRING, False),
            _field("version", _STRING, False),
        ]
    ),
    "sentences": _layer(*_span("", False)),
    "mentions": _layer(
        *_span("", False),
        _field("label", _STRING, False),
        _field("form", _STRING),
        _field("entity", _STRING),
        *_provenance(),
    ),
    "entities": _layer(
        _field("key", _STRING),
        _field("name", _STRING, False),
        _field("kind", _STRING, False),
        _field("mention_ids", _STRINGS, False),
        _field("geonames_id", _INT),
        _field("latitude", _FLOAT),
        _field("longitude", _FLOAT),
        _field("country_code", _STRING),
        *_provenance(),
    ),
    "entity_aliases": _parts(
        "entity", _field("alias", _STRING, False), _field("folded", _STRING, False)
    ),
    "timexes": _layer(
        *_span("", False),
        _field("type", _STRING, False),
        _field("value", _STRING),
        _field("anchor", _STRING),
        *_provenance(),
    ),
    "attributions": _layer(
        _field("kind", _STRING, False),
        *_span("source_"),
        _field("source_entity", _STRING),
        _field("source_description", _STRING),
        *_span("cue_"),
        _field("cue_lemma", _STRING),
        _field("stance", _STRING, False),
        *_span("channel_"),
        *_span("channel_antecedent_"),
        _field("timex", _STRING),
        _field("parent", _STRING),
        *_provenance(),
    ),
    "attribution_contents": _parts("attribution", *_span("", False)),
    "events": _layer(
        _field("type", _STRING, False),
        _field("mode", _STRING),
        _field("quad_class", _STRING),
        *_span("trigger_", False),
        _field("sentence", _STRING),
        _field("when", _STRING),
        _field("when_source", _STRING),
        _field("date", _STRING),
        _field("where", _STRING),
        _field("asserted_by", _STRING),
        _field("factuality", _STRING, False),
        *_provenance(),
    ),
    "event_participants": pa.schema(
        [
            _field("doc_id", _STRING, False),
            _field("event", _STRING, False),
            _field("role", _STRING, False),
            _field("position", _INT, False),
            *_span("", False),
            _field("entity", _STRING),
            _field("country", _STRING),
            _field("sector", _STRING),
        ]
    ),
    "event_mentions": _parts("event", *_span("", False)),
    "corpus_entities": pa.schema(
        [
            _field("corpus_entity_id", _INT, False),
            _field("key", _STRING, False),
            _field("name", _STRING, False),
            _field("kind", _STRING, False),
            _field("latitude", _FLOAT),
            _field("longitude", _FLOAT),
            _field("country_code", _STRING),
        ]
    ),
    "entity_links": pa.schema(
        [
            _field("doc_id", _STRING, False),
            _field("entity", _STRING, False),
            _field("corpus_entity_id", _INT, False),
            _field("method", _STRING, False),
        ]
    ),
}

# Tables in the order they are written: documents first, the corpus tables last.
TABLE_NAMES: tuple[str, ...] = (
    "documents",
    "relays",
    "stage_runs",
    "sentences",
    "mentions",
    "entities",
    "entity_aliases",
    "timexes",
    "attributions",
    "attribution_contents",
    "events",
    "event_participants",
    "event_mentions",
    "corpus_entities",
    "entity_links",
)

# Tables with one or more rows per document (all but the corpus entities themselves).
DOCUMENT_TABLES: tuple[str, ...] = tuple(name for name in TABLE_NAMES if name != "corpus_entities")


def table_names() -> tuple[str, ...]:
    """Every exported table, in the order they are written."""
    return TABLE_NAMES


def schema(table: str) -> pa.Schema:
    """The Arrow schema of one exported table; KeyError for an unknown name."""
    return _SCHEMAS[table]


def schemas() -> dict[str, pa.Schema]:
    """Every exported table's schema, by table name, in the order they are written."""
    return {name: _SCHEMAS[name] for name in TABLE_NAMES}


def published_month(published: dt.date | None) -> str | None:
    """The partition value of a document: its publication month as YYYY-MM, or None."""
    return None if published is None else f"{published.year:04d}-{published.month:02d}"
