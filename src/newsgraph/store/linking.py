"""Corpus entities: one corpus-wide id for the document entities of the same real-world thing.

The first matching is the entities stage's `Entity.key` (the same key in every article that
names the thing); an entity without a key is matched by its kind and folded name. The links
live in `entity_links`, apart from the document layers, so that a better matching can drop and
recompute them (`relink_all`) without touching any analysis. The name and statement indexes
(`statement_tables`) are derived from the links and are written and dropped with them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from newsgraph.store import tables
from newsgraph.store.convert import fold
from newsgraph.store.statement_tables import (
    entity_names,
    entity_statements,
    name_rows,
    statement_rows,
)

KEY_METHOD = "key"
NAME_METHOD = "name"


def corpus_key(entity: Any) -> tuple[str, str]:
    """The corpus key of a document entity row, and the method that chose it."""
    if entity["key"]:
        return entity["key"], KEY_METHOD
    return f"{entity['kind']}:{fold(entity['name'])}"[:300], NAME_METHOD


def link_document(connection: Connection, document_key: int) -> int:
    """Link every entity of one stored document to its corpus entity (made when new) and
    index its statements by corpus entity; returns how many links were written. Safe when two
    writers make the same corpus entity at once."""
    entities = tables.entities
    rows = (
        connection.execute(select(entities).where(entities.c.document_id == document_key))
        .mappings()
        .all()
    )
    links = []
    corpus_of_entity: dict[str, int] = {}
    # In key order: two writers creating the same corpus entities take their locks in one
    # order, so PostgreSQL never has to break a deadlock between them.
    for entity in sorted(rows, key=lambda row: corpus_key(row)[0]):
        key, method = corpus_key(entity)
        corpus_id = _corpus_entity(connection, key, entity)
        corpus_of_entity[entity["local_id"]] = corpus_id
        links.append(
            {
                "document_id": document_key,
                "entity_ordinal": entity["ordinal"],
                "corpus_entity_id": corpus_id,
                "method": method,
            }
        )
    if links:
        connection.execute(tables.entity_links.insert(), links)
        _index_names(connection, document_key, rows, links)
        _index_statements(connection, document_key, corpus_of_entity)
    return len(links)


def _index_names(
    connection: Connection, document_key: int, entities: Any, links: list[dict[str, Any]]
) -> None:
    aliases = tables.entity_aliases
    folded = connection.execute(
        select(aliases.c.entity_ordinal, aliases.c.folded).where(
            aliases.c.document_id == document_key
        )
    ).mappings()
    corpus_of_ordinal = {link["entity_ordinal"]: link["corpus_entity_id"] for link in links}
    names = name_rows(document_key, entities, folded, corpus_of_ordinal)
    if names:
        connection.execute(entity_names.insert(), names)


def _index_statements(
    connection: Connection, document_key: int, corpus_of_entity: dict[str, int]
) -> None:
    """The document's rows of the statement index, from its stored layers."""
    d, a = tables.documents, tables.attributions
    c, m = tables.attribution_contents, tables.mentions
    document = (
        connection.execute(select(d.c.published, d.c.outlet).where(d.c.id == document_key))
        .mappings()
        .one()
    )
    attributions = (
        connection.execute(
            select(a.c.ordinal, a.c.kind, a.c.stance, a.c.source_entity).where(
                a.c.document_id == document_key
            )
        )
        .mappings()
        .all()
    )
    if not attributions:
        return
    contents = connection.execute(
        select(c.c.attribution_ordinal, c.c.start, c.c.end).where(c.c.document_id == document_key)
    ).mappings()
    mentions = connection.execute(
        select(m.c.start, m.c.end, m.c.entity).where(
            m.c.document_id == document_key, m.c.entity.is_not(None)
        )
    ).mappings()
    rows = statement_rows(
        document_key, document, attributions, contents, mentions, corpus_of_entity
    )
    if rows:
        connection.execute(entity_statements.insert(), rows)


def _corpus_entity(connection: Connection, key: str, entity: Any) -> int:
    table = tables.corpus_entities
    found = connection.execute(select(table.c.id).where(table.c.key == key)).scalar()
    if found is not None:
        return int(found)
    geo = entity["geo"] or {}
    values = {
        "key": key,
        "name": entity["name"],
        "kind": entity["kind"],
        "latitude": geo.get("latitude"),
        "longitude": geo.get("longitude"),
        "country_code": geo.get("country_code"),
    }
    # Another ingest may create the same key between the look-up and the insert: let the
    # unique key decide and read back whichever row won.
    dialect = connection.dialect.name
    make = postgresql_insert if dialect == "postgresql" else sqlite_insert
    connection.execute(make(table).values(values).on_conflict_do_nothing(index_elements=["key"]))
    return int(connection.execute(select(table.c.id).where(table.c.key == key)).scalar_one())


def relink_all(connection: Connection) -> int:
    """Recompute every link (and the name and statement indexes) from scratch; corpus
    entities left without a link are removed."""
    connection.execute(delete(entity_statements))
    connection.execute(delete(entity_names))
    connection.execute(delete(tables.entity_links))
    connection.execute(delete(tables.corpus_entities))
    total = 0
    for key in connection.execute(select(tables.documents.c.id)).scalars().all():
        total += link_document(connection, key)
    return total
