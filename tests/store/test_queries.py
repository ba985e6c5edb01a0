"""Queries of a store built from the bundled examples, on SQLite and on PostgreSQL.

The pipeline analyses the examples once per session; every expected answer is worked out from
those analyses directly (never from the store), so a wrong join or filter shows up.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph.cli import main
from newsgraph.model import Analysis
from newsgraph.notebook import Corpus
from newsgraph.store import queries
from newsgraph.store.convert import fold
from newsgraph.store.documents import delete_document, insert_analysis
from newsgraph.store.engine import StoreError, check_revision, connect
from newsgraph.store.linking import link_document
from tests.conftest import EXAMPLES
from tests.store.postgres import fresh_database

# The speaker with many names in examples/articles (nom de guerre, short and mocking forms).
NICKNAME = "Yahya-Tamelit"
EVERYTHING = 10_000


def _fill(url: str, analyses: list[Analysis]) -> str:
    engine = connect(url)
    check_revision(engine, create=True)
    with engine.begin() as connection:
        for analysis in analyses:
            link_document(connection, insert_analysis(connection, analysis))
    engine.dispose()
    return url


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    analyses: list[Analysis],
) -> str:
    """The examples stored once per kind of database for the tests that only read (as the
    `store_url` fixture does per test; tests that write use `store_url` itself)."""
    if request.param == "sqlite":
        return _fill(f"sqlite:///{tmp_path_factory.mktemp('store') / 'newsgraph.db'}", analyses)
    return _fill(fresh_database(request.getfixturevalue("postgres")), analyses)


@pytest.fixture
def corpus(store: str) -> Iterator[Corpus]:
    yield Corpus(store)


def _keys_called(analyses: list[Analysis], name: str) -> set[str]:
    """Entity keys of every document entity with an alias `name` (folded)."""
    return {
        entity.key or f"{entity.kind}:{fold(entity.name)}"
        for analysis in analyses
        for entity in analysis.entities
        if fold(name) in {fold(alias) for alias in entity.aliases}
    }


def _entities_with(analysis: Analysis, keys: set[str]) -> set[str]:
    return {e.id for e in analysis.entities if (e.key or f"{e.kind}:{fold(e.name)}") in keys}


def _said_by(analyses: list[Analysis], name: str) -> set[tuple[str, str]]:
    keys = _keys_called(analyses, name)
    return {
        (analysis.id, a.id)
        for analysis in analyses
        for a in analysis.attributions
        if a.source_entity in _entities_with(analysis, keys) and a.kind != "own_voice"
    }


def _said_about(analyses: list[Analysis], name: str) -> set[tuple[str, str]]:
    keys = _keys_called(analyses, name)
    found = set()
    for analysis in analyses:
        targets = _entities_with(analysis, keys)
        spans = [(m.start, m.end) for m in analysis.mentions if m.entity in targets]
        for a in analysis.attributions:
            if any(p.start <= s and e <= p.end for p in a.content for s, e in spans):
                found.add((analysis.id, a.id))
    return found


def _ids(found: list[queries.Quote]) -> set[tuple[str, str]]:
    return {(q.document_id, q.attribution_id) for q in found}


def test_speaker_is_found_by_any_of_their_names(corpus: Corpus, analyses: list[Analysis]) -> None:
    expected = _said_by(analyses, NICKNAME)
    documents = {doc for doc, _ in expected}
    assert len(documents) >= 2, "the examples name this speaker in two articles"
    by_nickname = corpus.quotes(by=NICKNAME, limit=EVERYTHING)
    assert _ids(by_nickname) == expected
    canonical = {q.source_entity for q in by_nickname}
    assert len(canonical) == 1 and NICKNAME not in canonical
    # The canonical name and the nickname find the same statements.
    assert _ids(corpus.quotes(by=canonical.pop(), limit=EVERYTHING)) == expected


def test_quotes_carry_offsets_into_the_article(corpus: Corpus, analyses: list[Analysis]) -> None:
    texts = {a.id: a.text for a in analyses}
    found = corpus.quotes(by=NICKNAME, limit=EVERYTHING)
    for quote in found:
        text = texts[quote.document_id]
        assert quote.source_start is not None and quote.source_end is not None
        assert text[quote.source_start : quote.source_end] == quote.source
        for piece in quote.content:
            assert text[piece.start : piece.end] == piece.text
        assert quote.date is not None and quote.date_from in ("timex", "published")
    dates = [q.published or dt.date.min for q in found]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize(("field", "value"), [("stance", "distancing"), ("kind", "direct")])
def test_stance_and_kind_filters(
    corpus: Corpus, analyses: list[Analysis], field: str, value: str
) -> None:
    expected = {
        (analysis.id, a.id)
        for analysis in analyses
        for a in analysis.attributions
        if getattr(a, field) == value and a.kind != "own_voice"
    }
    assert expected
    found = (
        corpus.quotes(limit=EVERYTHING, stance=value)
        if field == "stance"
        else corpus.quotes(limit=EVERYTHING, kind=value)
    )
    assert _ids(found) == expected


def test_own_voice_only_when_asked(corpus: Corpus, analyses: list[Analysis]) -> None:
    everything = corpus.quotes(limit=EVERYTHING)
    assert everything and all(q.kind != "own_voice" for q in everything)
    own = corpus.quotes(kind="own_voice", limit=EVERYTHING)
    expected = {
        (analysis.id, a.id)
        for analysis in analyses
        for a in analysis.attributions
        if a.kind == "own_voice"
    }
    assert expected and _ids(own) == expected


def test_about_finds_contents_that_mention_the_entity(
    corpus: Corpus, analyses: list[Analysis]
) -> None:
    expected = _said_about(analyses, "Maiga")
    assert expected
    assert _ids(corpus.quotes(about="Maïga", limit=EVERYTHING)) == expected
    # by= and about= together: both must hold.
    both = corpus.quotes(by=NICKNAME, about="ESLF", limit=EVERYTHING)
    assert _ids(both) == _said_by(analyses, NICKNAME) & _said_about(analyses, "ESLF")


def test_date_range_and_outlet(corpus: Corpus, analyses: list[Analysis]) -> None:
    since, until = dt.date(2024, 1, 1), dt.date(2024, 12, 31)
    inside = {
        a.id for a in analyses if a.document.published and since <= a.document.published <= until
    }
    assert inside and len(inside) < len(analyses)
    listed = corpus.documents(since=since, until=until)
    assert {d.document_id for d in listed} == inside
    found = corpus.quotes(since=since, until=until, limit=EVERYTHING)
    assert {q.document_id for q in found} <= inside and found
    assert all(since <= q.published <= until for q in found if q.published)
    relayed = {
        a.id
        for a in analyses
        if a.document.outlet == "Sahel Monitor" or "Sahel Monitor" in a.document.via
    }
    assert len(relayed) == 2
    assert {d.document_id for d in corpus.documents(outlet="Sahel Monitor")} == relayed


def test_documents_count_layers(corpus: Corpus, analyses: list[Analysis]) -> None:
    by_id = {d.document_id: d for d in corpus.documents(limit=EVERYTHING)}
    assert set(by_id) == {a.id for a in analyses}
    for analysis in analyses:
        row = by_id[analysis.id]
        assert row.mentions == len(analysis.mentions)
        assert row.attributions == len(analysis.attributions)
        assert row.via == tuple(analysis.document.via)
    frame = corpus.documents().to_pandas()
    assert list(frame["document_id"]) == [d.document_id for d in corpus.documents()]


def test_entity_report(corpus: Corpus, analyses: list[Analysis]) -> None:
    reports = [r for r in corpus.entity("abu yahya") if NICKNAME in r.aliases]
    assert len(reports) == 1
    report = reports[0]
    assert report.name != NICKNAME and report.kind == "person"
    expected_docs = {doc for doc, _ in _said_by(analyses, NICKNAME)}
    assert set(report.documents) >= expected_docs
    assert _ids(list(report.said)) <= _said_by(analyses, NICKNAME) and report.said
    assert corpus.entity("nobody by this name") == []


def test_search_spans_point_into_the_text(corpus: Corpus, analyses: list[Analysis]) -> None:
    texts = {a.id: a for a in analyses}
    matches = corpus.search("drones")
    assert matches
    for match in matches:
        analysis = texts[match.document_id]
        assert analysis.text[match.start : match.end] == match.text
        assert match.text.lower().startswith("drone")
        holders = [
            a.id
            for a in analysis.attributions
            if any(p.start <= match.start and match.end <= p.end for p in a.content)
        ]
        assert (match.attribution_id is None) == (not holders)
    expected = {a.id for a in analyses if "drone" in a.text.lower()}
    assert {m.document_id for m in matches} == expected
    # Every word must occur in the same document (or content piece).
    both = {m.document_id for m in corpus.search("ceasefire drones")}
    assert both == {
        a.id for a in analyses if {"ceasefire", "drones"} <= set(a.text.lower().split())
    }
    within = corpus.search("drones", within="contents")
    assert within and all(m.attribution_id for m in within)
    assert corpus.search("zzzunheardofword") == []


def test_deleted_documents_leave_the_index(store_url: str, analyses: list[Analysis]) -> None:
    engine = connect(_fill(store_url, analyses))
    victim = next(a for a in analyses if "drone" in a.text.lower())
    with engine.begin() as connection:
        key = connection.exec_driver_sql(
            "SELECT id FROM documents WHERE doc_id = %s"
            if connection.dialect.name == "postgresql"
            else "SELECT id FROM documents WHERE doc_id = ?",
            (victim.id,),
        ).scalar_one()
        delete_document(connection, key)
    with engine.connect() as connection:
        for within in ("documents", "contents"):
            found = queries.search(connection, "drones", within=within)
            assert victim.id not in {m.document_id for m in found}
    engine.dispose()


def test_corpus_document_and_ingest(corpus: Corpus, analyses: list[Analysis]) -> None:
    assert corpus.document(analyses[0].id) == analyses[0]
    with pytest.raises(KeyError):
        corpus.document("not-there")
    # Every example is stored already: nothing is analysed again, nothing changes.
    assert corpus.ingest([str(EXAMPLES)]) == {"unchanged": len(analyses)}


COMMANDS = [
    ["quotes", "--by", NICKNAME],
    ["quotes", "--about", "Maiga", "--stance", "neutral"],
    ["entity", "Abu Yahya"],
    ["search", "ceasefire"],
    ["documents", "--since", "2024-01-01"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_commands_write_json_and_csv(
    store: str, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*command, "--db", store, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all("document_id" in r or "documents" in r for r in rows)
    assert main([*command, "--db", store, "--csv"]) == 0
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(table) == len(rows)
    assert set(table[0]) == set(rows[0])
    assert main([*command, "--db", store]) == 0
    assert capsys.readouterr().out.strip()


def test_no_results_and_unknown_entity(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["entity", "Nobody Atall", "--db", store]) == 0
    assert capsys.readouterr().out.strip() == "no entity called 'Nobody Atall' in the store"
    assert main(["quotes", "--by", "Nobody Atall", "--db", store]) == 0
    assert capsys.readouterr().out.strip() == "no quotes match"


def test_empty_store_is_refused(store_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    engine = connect(store_url)
    engine.connect().close()  # an SQLite file that exists, with nothing in it
    engine.dispose()
    for command in (["quotes"], ["entity", "x"], ["search", "x"], ["documents"]):
        assert main([*command, "--db", store_url]) == 1
        error = capsys.readouterr().err.strip()
        assert "the store is empty" in error and len(error.splitlines()) == 1


def test_pages_are_the_same_whatever_the_chunk_size(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    everything = corpus.quotes(limit=EVERYTHING)
    page = corpus.quotes(limit=7, offset=5)
    monkeypatch.setattr(queries, "FIRST_CHUNK", 1)
    monkeypatch.setattr(queries, "LARGEST_CHUNK", 2)
    assert corpus.quotes(limit=EVERYTHING) == everything
    assert corpus.quotes(limit=7, offset=5) == page == everything[5:12]
    assert corpus.quotes(by=NICKNAME, limit=2, offset=1) == corpus.quotes(by=NICKNAME)[1:3]


def test_missing_file_is_not_created(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "absent.db"
    assert main(["documents", "--db", str(path)]) == 1
    assert "no store here" in capsys.readouterr().err
    assert not path.exists()
    with pytest.raises(StoreError, match="no store here"):
        Corpus(str(path)).documents()
    assert not path.exists()


def test_entity_report_takes_the_same_queries_for_one_entity_or_many(store: str) -> None:
    """A name shared by several corpus entities is reported in no more statements than a
    name of one: each part of the report is read for all of them at once."""
    from sqlalchemy import distinct, event, func, select

    from newsgraph.store.statement_tables import entity_names

    engine = connect(store)
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", count)
    with engine.connect() as connection:
        n = entity_names
        shared = connection.execute(
            select(n.c.folded, func.count(distinct(n.c.corpus_entity_id)).label("ids"))
            .group_by(n.c.folded)
            .order_by(func.count(distinct(n.c.corpus_entity_id)), n.c.folded)
        ).all()
        one, many = shared[0].folded, shared[-1].folded
        names = {name: len(queries.corpus_ids(connection, name)) for name in (one, many)}
        assert names[one] == 1 and names[many] >= 2
        counts = []
        for name in (one, many):
            statements.clear()
            reports = queries.entity(connection, name)
            assert len(reports) == names[name]
            assert all(r.said or r.said_about or r.documents for r in reports)
            counts.append(len(statements))
    engine.dispose()
    # At most: the name (2), the entities, aliases, counts and documents (4), and for what
    # they said and what was said of them a ranking, the rows, their documents and four
    # completions (2 x 7). Reported one by one, two entities took twice 17 after the name.
    assert max(counts) <= 20
