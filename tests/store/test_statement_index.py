"""The name and statement indexes (entity_names, entity_statements) stay what the documents
say, on SQLite and PostgreSQL: after ingest, delete, reanalysis, relink and the migration that
fills them for a store made before them.

Every expected row is worked out from the Analysis objects themselves (entity keys, mention
and content offsets), never from the store's own tables, so a wrong rule or a row left behind
shows up.
"""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from sqlalchemy import Connection, and_, select

from newsgraph.model import Analysis
from newsgraph.store import tables
from newsgraph.store.convert import fold
from newsgraph.store.documents import delete_document, insert_analysis
from newsgraph.store.engine import _alembic_config, check_revision, connect, current_revision
from newsgraph.store.ingest import _store
from newsgraph.store.linking import link_document, relink_all
from newsgraph.store.statement_tables import entity_names, entity_statements

Statement = tuple[str, str, str, str, str, str, dt.date | None, str | None]
Name = tuple[str, str, str, str]


def _corpus_keys(analysis: Analysis) -> dict[str, str]:
    """Entity id -> the corpus key it must be linked under (its key, else kind and name)."""
    return {e.id: e.key or f"{e.kind}:{fold(e.name)}"[:300] for e in analysis.entities}


def expected_statements(analyses: list[Analysis]) -> set[Statement]:
    found: set[Statement] = set()
    for analysis in analyses:
        keys = _corpus_keys(analysis)
        meta = analysis.document
        for a in analysis.attributions:
            row = (a.kind, a.stance, meta.published, meta.outlet)
            if a.source_entity in keys:
                found.add((analysis.id, a.id, "said", keys[a.source_entity], *row))
            for piece in a.content:
                for m in analysis.mentions:
                    inside = piece.start <= m.start and m.end <= piece.end
                    if inside and m.entity in keys:
                        found.add((analysis.id, a.id, "about", keys[m.entity], *row))
    return found


def expected_names(analyses: list[Analysis]) -> set[Name]:
    found: set[Name] = set()
    for analysis in analyses:
        keys = _corpus_keys(analysis)
        for e in analysis.entities:
            for name in (e.name, *e.aliases):
                if fold(name):
                    found.add((analysis.id, e.id, fold(name)[:300], keys[e.id]))
    return found


def stored_statements(connection: Connection) -> set[Statement]:
    s, d, a = entity_statements, tables.documents, tables.attributions
    corpus = tables.corpus_entities
    rows = connection.execute(
        select(d.c.doc_id, a.c.local_id, s.c.role, corpus.c.key)
        .add_columns(s.c.kind, s.c.stance, s.c.published, s.c.outlet)
        .join(d, d.c.id == s.c.document_id)
        .join(
            a,
            and_(a.c.document_id == s.c.document_id, a.c.ordinal == s.c.attribution_ordinal),
        )
        .join(corpus, corpus.c.id == s.c.corpus_entity_id)
    ).all()
    found = {tuple(row) for row in rows}
    assert len(found) == len(rows)
    return found


def stored_names(connection: Connection) -> set[Name]:
    n, d, e, corpus = entity_names, tables.documents, tables.entities, tables.corpus_entities
    rows = connection.execute(
        select(d.c.doc_id, e.c.local_id, n.c.folded, corpus.c.key)
        .join(d, d.c.id == n.c.document_id)
        .join(e, and_(e.c.document_id == n.c.document_id, e.c.ordinal == n.c.entity_ordinal))
        .join(corpus, corpus.c.id == n.c.corpus_entity_id)
    ).all()
    return {tuple(row) for row in rows}


def _check(url: str, analyses: list[Analysis]) -> None:
    engine = connect(url)
    try:
        with engine.connect() as connection:
            assert stored_statements(connection) == expected_statements(analyses)
            assert stored_names(connection) == expected_names(analyses)
    finally:
        engine.dispose()


def _fill(url: str, analyses: list[Analysis]) -> None:
    """Write each analysis as the ingest does: the document, then its links."""
    engine = connect(url)
    check_revision(engine, create=True)
    with engine.begin() as connection:
        for analysis in analyses:
            link_document(connection, insert_analysis(connection, analysis))
    engine.dispose()


def _key(url: str, doc_id: str) -> int:
    engine = connect(url)
    try:
        with engine.connect() as connection:
            d = tables.documents
            return int(connection.execute(select(d.c.id).where(d.c.doc_id == doc_id)).scalar_one())
    finally:
        engine.dispose()


def test_the_examples_have_statements_of_both_roles(analyses: list[Analysis]) -> None:
    roles = {row[2] for row in expected_statements(analyses)}
    assert roles == {"said", "about"}


def test_ingest_writes_the_indexes(store_url: str, analyses: list[Analysis]) -> None:
    _fill(store_url, analyses)
    _check(store_url, analyses)


def test_delete_removes_a_documents_rows(store_url: str, analyses: list[Analysis]) -> None:
    _fill(store_url, analyses)
    gone = analyses[0]
    engine = connect(store_url)
    with engine.begin() as connection:
        delete_document(connection, _key(store_url, gone.id))
    engine.dispose()
    _check(store_url, analyses[1:])


def test_reanalysis_replaces_a_documents_rows(store_url: str, analyses: list[Analysis]) -> None:
    _fill(store_url, analyses)
    # The first document's id now stands for the second article's text and analysis.
    replacement = analyses[1].model_copy(update={"id": analyses[0].id})
    engine = connect(store_url)
    try:
        assert _store(engine, replacement, reanalyze=True).status == "replaced"
    finally:
        engine.dispose()
    _check(store_url, [replacement, *analyses[1:]])


def test_relink_recomputes_the_indexes(store_url: str, analyses: list[Analysis]) -> None:
    _fill(store_url, analyses)
    engine = connect(store_url)
    with engine.begin() as connection:
        # Rows of a matching that no longer holds must not survive the relink.
        connection.execute(entity_statements.delete())
        connection.execute(
            entity_statements.insert(),
            [
                {
                    "document_id": _key(store_url, analyses[0].id),
                    "attribution_ordinal": 0,
                    "role": "said",
                    "corpus_entity_id": connection.execute(
                        select(tables.corpus_entities.c.id).limit(1)
                    ).scalar_one(),
                    "published": None,
                    "outlet": "stale",
                    "kind": "direct",
                    "stance": "neutral",
                }
            ],
        )
        relink_all(connection)
    engine.dispose()
    _check(store_url, analyses)


def test_the_migration_fills_the_indexes_of_stored_documents(
    store_url: str, analyses: list[Analysis]
) -> None:
    _fill(store_url, analyses)
    engine = connect(store_url)
    try:
        config = _alembic_config(engine)
        command.downgrade(config, "0002")
        assert current_revision(engine) == "0002"
        command.upgrade(config, "head")
    finally:
        engine.dispose()
    _check(store_url, analyses)


@pytest.mark.parametrize("name", ["abu yahya", "ABU YAHYA", "Abu  Yahya"])
def test_names_are_found_folded(store_url: str, analyses: list[Analysis], name: str) -> None:
    from newsgraph.store.queries import corpus_ids

    _fill(store_url, analyses)
    wanted = {
        key for (_doc, _entity, folded, key) in expected_names(analyses) if folded == fold(name)
    }
    assert wanted, "the examples call someone Abu Yahya"
    engine = connect(store_url)
    try:
        with engine.connect() as connection:
            found = corpus_ids(connection, name)
            corpus = tables.corpus_entities
            keys = connection.execute(select(corpus.c.key).where(corpus.c.id.in_(found)))
            assert set(keys.scalars()) == wanted
    finally:
        engine.dispose()
