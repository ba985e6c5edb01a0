"""The output folder without Spark: commits, refusals, and the rows of one analysis."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from newsgraph.model import Analysis
from newsgraph.spark import layout
from newsgraph.spark.rows import analysis_from_export, export_rows
from newsgraph.spark.tables import FileSetWriter, read_analyses
from tests.export.conftest import handmade

STORED_AT = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


def test_rows_of_an_analysis_read_back_as_it() -> None:
    analysis = handmade()
    rows = export_rows(analysis, STORED_AT)
    assert rows["documents"][0]["published_month"] == "2025-11"
    assert rows["entity_aliases"][0]["entity"] == "e2"
    assert rows["attribution_contents"][1]["attribution"] == "a2"
    assert rows["entities"][2]["geonames_id"] == 1
    assert analysis_from_export(rows["documents"][0], rows) == analysis


def test_rows_naming_a_missing_parent_are_refused() -> None:
    rows = export_rows(handmade(), STORED_AT)
    rows["entity_aliases"][0]["entity"] = "e9"
    with pytest.raises(ValueError, match="'e9'"):
        analysis_from_export(rows["documents"][0], rows)


def _staged_run(out: Path, run_id: str) -> list[str]:
    writer = FileSetWriter(layout.staging_folder(out, run_id), f"part-{run_id}", run_id)
    writer.add(export_rows(handmade(), STORED_AT))
    writer.close()
    return writer.written


def test_an_interrupted_commit_is_refused_by_readers_and_finished_by_the_next_run(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    written = _staged_run(out, "r1")
    plan = layout.Commit("r1", [(n, n) for n in written], [], {"analysed": 1})
    # The commit is written down, then the process dies before moving anything.
    (out / layout.JOURNAL).write_text(
        json.dumps({"run_id": "r1", "moves": plan.moves, "replaced": [], "summary": {}})
    )
    with pytest.raises(layout.OutputFolderError, match="interrupted"):
        list(read_analyses(out))
    assert layout.finish_commit(out)
    assert [a.id for a in read_analyses(out) if isinstance(a, Analysis)] == ["handmade/1"]
    assert not (out / layout.STAGING).exists()


def test_a_run_that_died_before_its_commit_leaves_no_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    _staged_run(out, "r1")
    with pytest.raises(layout.OutputFolderError, match=r"no _newsgraph\.json"):
        list(read_analyses(out))
    layout.check_output_folder(out)  # a new run may start there
    layout.clear_stale_staging(out)
    assert list(out.iterdir()) == []


def test_a_folder_of_other_things_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(layout.OutputFolderError, match="other things"):
        layout.check_output_folder(tmp_path)
    with pytest.raises(layout.OutputFolderError, match="is a file"):
        layout.check_output_folder(tmp_path / "notes.txt")
    with pytest.raises(layout.OutputFolderError, match="does not exist"):
        layout.check_output_folder(tmp_path / "missing" / "out")
