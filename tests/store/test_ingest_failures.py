"""Ingest when things go wrong: a kill -9, a corrupt or read-only database, a full disk, an
older schema. Whatever happens, the store holds whole documents only and a rerun completes."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, func, select, text

from newsgraph.cli import main
from newsgraph.ingest import read_inputs
from newsgraph.model import Analysis
from newsgraph.pipeline import Pipeline
from newsgraph.store import engine as store_engine
from newsgraph.store import tables
from newsgraph.store.documents import read_analysis
from newsgraph.store.engine import connect, head_revision
from tests.store.articles import QUICK_STAGES, write_feed
from tests.store.test_ingest import counts, ingest

REPO = Path(__file__).resolve().parents[2]


TOTAL = 100


@pytest.fixture(scope="module")
def feed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_feed(tmp_path_factory.mktemp("feed") / "feed.jsonl", TOTAL)


@pytest.fixture(scope="module")
def expected(feed: Path) -> dict[str, Analysis]:
    """What a complete analysis of every document of the feed is."""
    pipeline = Pipeline(QUICK_STAGES.split(","))
    results = pipeline.analyze_many(read_inputs([str(feed)]))
    return {a.id: a for a in results if isinstance(a, Analysis)}


def assert_whole(url: str, expected: dict[str, Analysis]) -> int:
    """Every stored document reads back exactly as analysed; returns how many are stored."""
    engine = connect(url)
    try:
        with engine.connect() as connection:
            ids = connection.execute(select(tables.documents.c.doc_id)).scalars().all()
            for doc_id in ids:
                stored = read_analysis(connection, doc_id)
                assert stored is not None
                assert stored.model_dump() == expected[doc_id].model_dump(), doc_id
            for name in ("sentences", "mentions", "stage_runs"):
                orphans = connection.execute(
                    text(
                        f"SELECT count(*) FROM {name} WHERE document_id NOT IN "
                        "(SELECT id FROM documents)"
                    )
                ).scalar_one()
                assert orphans == 0, name
    finally:
        engine.dispose()
    return len(ids)


def stored_count(url: str) -> int:
    engine = connect(url)
    try:
        with engine.connect() as connection:
            count: int = connection.execute(
                select(func.count()).select_from(tables.documents)
            ).scalar_one()
            return count
    except Exception:  # the store is being created by the ingest: not there yet
        return 0
    finally:
        engine.dispose()


def test_kill_9_mid_batch_leaves_whole_documents_and_a_rerun_completes(
    store_url: str, feed: Path, expected: dict[str, Analysis], capsys: pytest.CaptureFixture[str]
) -> None:
    total = TOTAL
    command = [sys.executable, "-m", "newsgraph.cli", "ingest", str(feed), "--db", store_url]
    child = subprocess.Popen(
        [*command, "--stages", QUICK_STAGES, "--no-progress"],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 180
    while stored_count(store_url) < 1:
        assert child.poll() is None, child.stderr.read() if child.stderr else ""
        assert time.monotonic() < deadline, "no document was stored in time"
        time.sleep(0.05)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    kept = assert_whole(store_url, expected)
    assert 1 <= kept < total, "the ingest must be killed mid-batch"

    assert ingest(store_url, str(feed), "--stages", QUICK_STAGES) == 0
    assert f"{total - kept} stored, 0 replaced, {kept} unchanged, 0 failed" in (
        capsys.readouterr().err
    )
    assert assert_whole(store_url, expected) == total


def sha1(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()


def test_a_corrupt_database_file_is_refused_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "junk.db"
    database.write_bytes(bytes(range(256)) * 40)
    before = sha1(database)
    feed = write_feed(tmp_path / "feed.jsonl", 1)
    assert ingest(f"sqlite:///{database}", str(feed)) == 1
    error = capsys.readouterr().err.strip()
    assert error.count("\n") == 0
    assert str(database) in error and "file is not a database" in error
    assert sha1(database) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["feed.jsonl", "junk.db"]


def _filled_store(tmp_path: Path) -> tuple[Path, Path]:
    database = tmp_path / "store.db"
    old = write_feed(tmp_path / "old.jsonl", 2)
    assert ingest(f"sqlite:///{database}", str(old), "--stages", QUICK_STAGES) == 0
    return database, write_feed(tmp_path / "new.jsonl", 2, first=10)


def test_a_read_only_database_is_refused_with_nothing_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Opened read-only by SQLite itself (mode=ro), which holds for root too."""
    database, feed = _filled_store(tmp_path)
    before = sha1(database)
    capsys.readouterr()
    url = f"sqlite:///file:{database}?mode=ro&uri=true"
    assert ingest(url, str(feed), "--stages", QUICK_STAGES) == 1
    error = capsys.readouterr().err
    assert "cannot store document 'doc-10'" in error and "readonly database" in error
    assert "refuses writes; the 0 document(s) stored before are kept" in error
    assert sha1(database) == before
    assert counts(f"sqlite:///{database}")["documents"] == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="file modes do not stop root (see the mode=ro test)")
def test_a_database_file_without_write_permission_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database, feed = _filled_store(tmp_path)
    database.chmod(0o444)
    before = sha1(database)
    capsys.readouterr()
    assert ingest(f"sqlite:///{database}", str(feed), "--stages", QUICK_STAGES) == 1
    assert "readonly database" in capsys.readouterr().err
    assert sha1(database) == before


def test_a_full_disk_keeps_what_was_written_and_reports_the_failing_document(
    tmp_path: Path,
    feed: Path,
    expected: dict[str, Analysis],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    database = tmp_path / "store.db"
    url = f"sqlite:///{database}"
    assert main(["db", "upgrade", "--db", url]) == 0
    engine = connect(url)
    with engine.connect() as connection:
        pages = connection.execute(text("PRAGMA page_count")).scalar_one()
    engine.dispose()

    def capped(given: str | None = None) -> Engine:
        # SQLite's own cap on the file size stands in for a full disk.
        made = real_connect(given)

        @event.listens_for(made, "connect")
        def _cap(connection: Any, _record: Any) -> None:
            connection.execute(f"PRAGMA max_page_count = {pages + 12}")

        return made

    real_connect = store_engine.connect
    monkeypatch.setattr(store_engine, "connect", capped)
    capsys.readouterr()
    assert ingest(url, str(feed), "--stages", QUICK_STAGES) == 1
    error = capsys.readouterr().err
    monkeypatch.undo()

    failing = [line for line in error.splitlines() if line.startswith("error:")]
    assert len(failing) == 1
    assert failing[0].startswith(f"error: {feed}:line ")
    assert "database or disk is full" in failing[0]
    assert "refuses writes" in error
    stored = assert_whole(url, expected)
    assert 0 < stored < TOTAL
    assert f"the {stored} document(s) stored before are kept" in error
    # Room again: the rerun stores the rest.
    assert ingest(url, str(feed), "--stages", QUICK_STAGES) == 0
    assert assert_whole(url, expected) == TOTAL


@pytest.mark.skipif(head_revision() == "0001", reason="needs a second migration to upgrade to")
def test_a_store_of_an_older_schema_is_refused_until_upgraded(
    store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from alembic import command

    engine = connect(store_url)
    command.upgrade(store_engine._alembic_config(engine), "0001")
    engine.dispose()
    feed = str(write_feed(tmp_path / "feed.jsonl", 1))
    assert ingest(store_url, feed, "--stages", QUICK_STAGES) == 1
    error = capsys.readouterr().err
    assert "schema revision 0001" in error and "newsgraph db upgrade" in error
    assert main(["db", "upgrade", "--db", store_url]) == 0
    assert f"from revision 0001 to {head_revision()}" in capsys.readouterr().out
    assert ingest(store_url, feed, "--stages", QUICK_STAGES) == 0
    assert counts(store_url)["documents"] == 1
