"""`newsgraph export` on the command line: bad stores and bad OUT paths are refused up front,
and an export that fails midway never leaves a complete-looking OUT."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from newsgraph.cli import main
from newsgraph.export import OutputError, export_store
from newsgraph.store.engine import StoreError, connect


def _error_line(capsys: pytest.CaptureFixture[str]) -> str:
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_the_command_writes_each_format(
    filled_store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for format, name in (("parquet", "t"), ("csv", "c"), ("graphml", "g.graphml")):
        out = tmp_path / name
        assert main(["export", "--db", filled_store, "--format", format, str(out)]) == 0
        assert out.exists() and not (tmp_path / f"{name}.partial").exists()
    assert "-> " in capsys.readouterr().err


def test_a_missing_store_is_one_line_and_is_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "none.db"
    code = main(["export", "--db", str(missing), "--format", "parquet", str(tmp_path / "o")])
    assert code == 1
    line = _error_line(capsys)
    assert "none.db" in line and "no store" in line
    assert not missing.exists() and not (tmp_path / "o").exists()


def test_an_old_schema_is_refused_with_the_upgrade_command(
    empty_store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = connect(empty_store)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0000'"))
    engine.dispose()
    out = tmp_path / "g.jsonld"
    assert main(["export", "--db", empty_store, "--format", "jsonld", str(out)]) == 1
    line = _error_line(capsys)
    assert "0000" in line and "db upgrade" in line
    assert not out.exists() and not Path(f"{out}.partial").exists()


def test_out_of_the_wrong_kind_is_refused_before_the_store_is_opened(tmp_path: Path) -> None:
    a_file, a_folder = tmp_path / "file.txt", tmp_path / "folder"
    a_file.write_text("keep me")
    a_folder.mkdir()
    (a_folder / "notes.md").write_text("keep me too")
    missing_store = str(tmp_path / "none.db")
    for format, out, why in (
        ("parquet", a_file, "is a file"),
        ("csv", a_file, "is a file"),
        ("graphml", a_folder, "is a folder"),
        ("jsonld", a_folder, "is a folder"),
        ("parquet", a_folder, "other things"),
        ("graphml", tmp_path / "no" / "g.graphml", "does not exist"),
    ):
        with pytest.raises(OutputError, match=why):
            export_store(missing_store, format, out)  # type: ignore[arg-type]
    assert a_file.read_text() == "keep me" and (a_folder / "notes.md").exists()


def test_an_export_that_fails_midway_leaves_only_the_partial(
    filled_store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsgraph.export.graph as graph
    from newsgraph.export.reader import Batch

    out = tmp_path / "g.graphml"
    export_store(filled_store, "graphml", out)
    before = out.read_text(encoding="utf-8")
    calls = 0
    real = graph.documents

    def failing(batch: Batch) -> Iterator[graph.DocumentView]:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise StoreError("the connection dropped")
        yield from real(batch)

    monkeypatch.setattr("newsgraph.export.graphml.documents", failing)
    with pytest.raises(StoreError):
        export_store(filled_store, "graphml", out, batch_size=2)
    assert out.read_text(encoding="utf-8") == before  # the earlier export is untouched
    partial = Path(f"{out}.partial")
    assert partial.exists() and "</graphml>" not in partial.read_text(encoding="utf-8")


def test_an_earlier_export_folder_is_replaced(filled_store: str, tmp_path: Path) -> None:
    out = tmp_path / "tables"
    export_store(filled_store, "parquet", out)
    (out / "stale.parquet").write_bytes(b"")
    export_store(filled_store, "parquet", out)
    assert not (out / "stale.parquet").exists() and (out / "documents.parquet").exists()


def test_documents_stored_during_an_export_are_not_half_in_it(
    filled_store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import networkx as nx

    import newsgraph.export.graph as graph
    from newsgraph.export.reader import Batch
    from tests.export.conftest import fill, handmade

    real = graph.documents
    stored = False

    def ingest_meanwhile(batch: Batch) -> Iterator[graph.DocumentView]:
        nonlocal stored
        if not stored:  # another process stores a document with a new corpus entity
            stored = True
            late = handmade()
            late.id = "late/1"
            late.entities[0].key = "org:a-late-one"
            fill(filled_store, [late])
        yield from real(batch)

    monkeypatch.setattr("newsgraph.export.graphml.documents", ingest_meanwhile)
    out = tmp_path / "g.graphml"
    export_store(filled_store, "graphml", out, batch_size=2)
    assert stored
    exported = nx.read_graphml(out)
    assert "document:late/1" not in exported
    assert all(data for _, data in exported.nodes(data=True))  # no edge to an unwritten node
