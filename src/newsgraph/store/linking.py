"""Corpus entities: one corpus-wide id for the document entities of the same real-world thing.

The first matching is the entities stage's `Entity.key` (the same key in every article that
names the thing); an entity without a key is matched by its kind and folded name. The links
live in `entity_links`, apart from the document layers, so that a better matching can drop and
recompute them (`relink_all`) without touching any analysis. The name and statement indexes
(`statement_tables`) are derived from the links and are written and dropped with them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, delete, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from newsgraph.store import tables
from newsgraph.store.chunks import chunks
from newsgraph.store.convert import fold
from newsgraph.store.documents import Written
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


def link_document(connection: Connection, document_key: int, written: Written | None = None) -> int:
    """Link every entity of one stored document to its corpus entity (made when new) and
    index its statements by corpus entity; returns how many links were written. Safe when two
    writers make the same corpus entity at once. `written`: the document as its writer just
    wrote it, read from memory instead of from the store (on a server, six round trips)."""
    layers = written.layers if written is not None else _stored_layers(connection, document_key)
    rows = layers.get("entities", [])
    links = []
    corpus_of_entity: dict[str, int] = {}
    keyed = [(entity, *corpus_key(entity)) for entity in rows]
    corpus_ids = _corpus_entities(connection, {key: entity for entity, key, _ in keyed})
    for entity, key, method in keyed:
        corpus_id = corpus_ids[key]
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
        corpus_of_ordinal = {link["entity_ordinal"]: link["corpus_entity_id"] for link in links}
        names = name_rows(document_key, rows, layers.get("entity_aliases", []), corpus_of_ordinal)
        if names:
            connection.execute(entity_names.insert(), names)
        document = (
            written.document if written is not None else _stored_document(connection, document_key)
        )
        statements = statement_rows(
            document_key,
            document,
            layers.get("attributions", []),
            layers.get("attribution_contents", []),
            layers.get("mentions", []),
            corpus_of_entity,
        )
        if statements:
            connection.execute(entity_statements.insert(), statements)
    return len(links)


def _stored_layers(connection: Connection, document_key: int) -> dict[str, list[Any]]:
    """The columns of a stored document's layers that linking reads."""
    e, aliases, a = tables.entities, tables.entity_aliases, tables.attributions
    c, m = tables.attribution_contents, tables.mentions
    queries = {
        "entities": select(e).where(e.c.document_id == document_key).order_by(e.c.ordinal),
        "entity_aliases": select(aliases.c.entity_ordinal, aliases.c.folded).where(
            aliases.c.document_id == document_key
        ),
        "attributions": select(a.c.ordinal, a.c.kind, a.c.stance, a.c.source_entity).where(
            a.c.document_id == document_key
        ),
        "attribution_contents": select(c.c.attribution_ordinal, c.c.start, c.c.end).where(
            c.c.document_id == document_key
        ),
        "mentions": select(m.c.start, m.c.end, m.c.entity).where(
            m.c.document_id == document_key, m.c.entity.is_not(None)
        ),
    }
    return {
        name: list(connection.execute(query).mappings().all()) for name, query in queries.items()
    }


def _stored_document(connection: Connection, document_key: int) -> Any:
    d = tables.documents
    return (
        connection.execute(select(d.c.published, d.c.outlet).where(d.c.id == document_key))
        .mappings()
        .one()
    )


def _corpus_entities(connection: Connection, wanted: dict[str, Any]) -> dict[str, int]:
    """The corpus entity id of each key, making those that are new from the entity given for
    it. A few statements per document whatever its number of entities: on a server each one
    is a round trip."""
    table = tables.corpus_entities
    found = _ids_of(connection, wanted)
    missing = sorted(key for key in wanted if key not in found)
    if not missing:
        return found
    rows = [corpus_entity_row(key, wanted[key]) for key in missing]
    # Another ingest may create the same keys between the look-up and the insert: let the
    # unique key decide and read back whichever rows won. The rows go in key order, so two
    # writers take their locks in one order and PostgreSQL never has to break a deadlock.
    make = postgresql_insert if connection.dialect.name == "postgresql" else sqlite_insert
    for chunk in chunks(rows):
        made = connection.execute(
            make(table)
            .values(chunk)
            .on_conflict_do_nothing(index_elements=["key"])
            .returning(table.c.key, table.c.id)
        )
        found.update({key: int(id_) for key, id_ in made})
    # RETURNING names the rows this insert made; those another writer made meanwhile are read.
    lost = [key for key in missing if key not in found]
    if lost:
        found.update(_ids_of(connection, lost))
    return found


def corpus_entity_row(key: str, entity: Any) -> dict[str, Any]:
    """The `corpus_entities` row made for `key` from the first document entity that has it."""
    geo = entity["geo"] or {}
    return {
        "key": key,
        "name": entity["name"],
        "kind": entity["kind"],
        "latitude": geo.get("latitude"),
        "longitude": geo.get("longitude"),
        "country_code": geo.get("country_code"),
    }


def _ids_of(connection: Connection, keys: Iterable[str]) -> dict[str, int]:
    table = tables.corpus_entities
    ids: dict[str, int] = {}
    for chunk in chunks(list(keys)):
        query = select(table.c.key, table.c.id).where(table.c.key.in_(chunk))
        ids.update({key: int(id_) for key, id_ in connection.execute(query)})
    return ids


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
