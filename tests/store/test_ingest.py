"""`newsgraph ingest` and `newsgraph db` on SQLite and PostgreSQL: counts, reruns, duplicates,
--reanalyze, the library call."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from newsgraph.cli import main
from newsgraph.ingest import read_inputs
from newsgraph.pipeline import Pipeline
from newsgraph.store import tables
from newsgraph.store.documents import read_analysis
from newsgraph.store.engine import connect
from newsgraph.store.ingest import ingest_documents
from tests.conftest import EXAMPLES
from tests.store.articles import QUICK_STAGES, write_feed


def counts(url: str) -> dict[str, int]:
    """Rows in every table of the store."""
    engine = connect(url)
    try:
        with engine.connect() as connection:
            return {
                name: connection.execute(select(func.count()).select_from(table)).scalar_one()
                for name, table in tables.metadata.tables.items()
            }
    finally:
        engine.dispose()


def ingest(url: str, *args: str) -> int:
    return main(["ingest", *args, "--db", url, "--no-progress"])


def test_ingest_twice_gives_the_same_store(
    store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = str(write_feed(tmp_path / "feed.jsonl", 5))
    assert ingest(store_url, feed, "--stages", QUICK_STAGES) == 0
    first = counts(store_url)
    assert first["documents"] == 5
    assert first["mentions"] > 0
    assert "5 stored" in capsys.readouterr().err

    assert ingest(store_url, feed, "--stages", QUICK_STAGES) == 0
    assert counts(store_url) == first
    assert "0 stored, 0 replaced, 5 unchanged, 0 failed" in capsys.readouterr().err


def test_a_second_identical_ingest_analyses_nothing(store_url: str, tmp_path: Path) -> None:
    feed = str(write_feed(tmp_path / "feed.jsonl", 3))
    engine = connect(store_url)
    try:
        assert ingest(store_url, feed, "--stages", QUICK_STAGES) == 0

        def no_pipeline() -> Pipeline:
            raise AssertionError("a stored document was analysed again")

        outcomes = list(ingest_documents(engine, read_inputs([feed]), no_pipeline))
    finally:
        engine.dispose()
    assert [o.status for o in outcomes] == ["unchanged"] * 3


def test_same_id_with_other_text_is_an_error_unless_reanalyze(
    store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", 2)
    assert ingest(store_url, str(feed), "--stages", QUICK_STAGES) == 0
    capsys.readouterr()
    edited = tmp_path / "edited.jsonl"
    edited.write_text(
        json.dumps({"id": "doc-1", "text": "The ministry in Gao changed its statement."}) + "\n"
    )
    assert ingest(store_url, str(edited), "--stages", QUICK_STAGES) == 1
    error = capsys.readouterr().err
    assert f"error: {edited}:line 1: document id 'doc-1' is already stored" in error
    assert "--reanalyze" in error

    assert ingest(store_url, str(edited), "--stages", QUICK_STAGES, "--reanalyze") == 0
    assert "1 replaced" in capsys.readouterr().err
    engine = connect(store_url)
    try:
        with engine.connect() as connection:
            replaced = read_analysis(connection, "doc-1")
            kept = read_analysis(connection, "doc-0")
    finally:
        engine.dispose()
    assert replaced is not None and replaced.text.startswith("The ministry in Gao")
    assert kept is not None and "report number 0" in kept.text
    assert counts(store_url)["documents"] == 2


def test_reanalyze_replaces_documents_of_another_pipeline_version(
    store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = str(write_feed(tmp_path / "feed.jsonl", 2))
    assert ingest(store_url, feed, "--stages", "sentences") == 0
    assert counts(store_url)["mentions"] == 0
    # Without --reanalyze the stored analyses stand, whatever the stages asked for now.
    assert ingest(store_url, feed, "--stages", QUICK_STAGES) == 0
    assert counts(store_url)["mentions"] == 0
    capsys.readouterr()

    assert ingest(store_url, feed, "--stages", QUICK_STAGES, "--reanalyze") == 0
    assert "2 replaced" in capsys.readouterr().err
    after = counts(store_url)
    assert after["documents"] == 2 and after["mentions"] > 0
    engine = connect(store_url)
    try:
        with engine.connect() as connection:
            stored = read_analysis(connection, "doc-0")
            versions = connection.execute(select(tables.documents.c.pipeline_version)).scalars()
            assert all("mentions" in version for version in versions)
    finally:
        engine.dispose()
    assert stored is not None and [run.name for run in stored.stages][-1] == "mentions"

    # The same pipeline again: nothing to replace.
    assert ingest(store_url, feed, "--stages", QUICK_STAGES, "--reanalyze") == 0
    assert "2 unchanged" in capsys.readouterr().err


def test_bad_input_is_reported_and_the_rest_stored(
    store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", 2)
    with feed.open("a") as handle:
        handle.write("{not json\n")
    assert ingest(store_url, str(feed), "--stages", QUICK_STAGES) == 1
    error = capsys.readouterr().err
    assert f"error: {feed}:line 3: malformed JSON" in error
    assert "2 stored, 0 replaced, 0 unchanged, 1 failed" in error
    assert counts(store_url)["documents"] == 2


def test_bad_command_lines_exit_2_before_the_store_is_made(tmp_path: Path) -> None:
    feed = str(write_feed(tmp_path / "feed.jsonl", 1))
    database = tmp_path / "store.db"
    for bad in (["--stages", "nonsense"], ["--workers", "0"]):
        with pytest.raises(SystemExit) as stopped:
            ingest(f"sqlite:///{database}", feed, *bad)
        assert stopped.value.code == 2
    assert not database.exists()


def test_db_upgrade_and_status(store_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "status", "--db", store_url]) == 1
    assert "the store is empty" in capsys.readouterr().err
    assert main(["db", "upgrade", "--db", store_url]) == 0
    assert "upgraded from revision (empty) to 0" in capsys.readouterr().out
    assert main(["db", "upgrade", "--db", store_url]) == 0
    assert "already at schema revision" in capsys.readouterr().out
    assert main(["db", "status", "--db", store_url]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.split() == ["documents", "0"] for line in lines)


def test_full_pipeline_on_the_examples(tmp_path: Path) -> None:
    """Every stage's layers reach the store, and each document reads back whole."""
    url = f"sqlite:///{tmp_path / 'examples.db'}"
    assert ingest(url, str(EXAMPLES)) == 0
    stored = counts(url)
    for layer in ("sentences", "mentions", "timexes", "entities", "attributions"):
        assert stored[layer] > 0, layer
    assert stored["entity_links"] == stored["entities"]
    engine = connect(url)
    try:
        with engine.connect() as connection:
            ids = connection.execute(select(tables.documents.c.doc_id)).scalars().all()
            for doc_id in ids:
                analysis = read_analysis(connection, doc_id)
                assert analysis is not None
                for attribution in analysis.attributions:
                    for span in attribution.content:
                        assert analysis.text[span.start : span.end] == span.text
    finally:
        engine.dispose()
    assert len(ids) == stored["documents"] >= 4


def test_a_document_stored_meanwhile_by_another_writer_counts_as_unchanged(
    store_url: str, tmp_path: Path
) -> None:
    """The race two ingests run: each checks before analysing, both analyse, one stores."""
    from newsgraph.store.documents import insert_analysis
    from newsgraph.store.engine import check_revision

    class RivalPipeline(Pipeline):
        """Analyses, and lets a rival writer store each document just before we do."""

        def analyze_many(self, items):  # type: ignore[no-untyped-def]
            for result in super().analyze_many(items):
                with engine.begin() as connection:
                    insert_analysis(connection, result)  # type: ignore[arg-type]
                yield result

    feed = str(write_feed(tmp_path / "feed.jsonl", 3))
    engine = connect(store_url)
    try:
        check_revision(engine, create=True)
        pipeline = RivalPipeline(["sentences"])
        outcomes = list(ingest_documents(engine, read_inputs([feed]), pipeline))
    finally:
        engine.dispose()
    assert [o.status for o in outcomes] == ["unchanged"] * 3
    assert counts(store_url)["documents"] == 3
