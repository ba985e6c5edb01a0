"""`spark analyze` on the examples: the same analyses and tables as the plain path."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from sqlalchemy import func, select

from newsgraph.cli import main
from newsgraph.export import export_store
from newsgraph.export.schemas import schema
from newsgraph.ingest import read_inputs
from newsgraph.model import Analysis
from newsgraph.spark.layout import MARKER, NULL_PARTITION
from newsgraph.spark.rows import EXPORT_TABLES
from newsgraph.spark.tables import COPIES, ERRORS, file_schema, read_analyses
from newsgraph.store import tables
from newsgraph.store.engine import check_revision, connect
from newsgraph.store.ingest import store_analyses
from tests.conftest import EXAMPLES
from tests.spark.conftest import ExamplesRun

# Every example document, counted as the readers count them (articles, JSONL records, the page).
EXAMPLE_COUNT = sum(1 for _ in read_inputs([str(EXAMPLES)]))

pytestmark = pytest.mark.usefixtures("spark")


def _spark_rows(out: Path, table: str) -> list[dict[str, Any]]:
    rows = []
    for path in sorted((out / table).glob("*/*.parquet")):
        read = pq.read_table(path, partitioning=None)
        assert read.schema.equals(file_schema(table)), path
        month = path.parent.name.partition("=")[2]
        for row in read.to_pylist():
            if table == "documents":
                row["published_month"] = None if month == NULL_PARTITION else month
            rows.append(row)
    return rows


def _canonical(rows: list[dict[str, Any]]) -> list[str]:
    return sorted(
        json.dumps({k: v for k, v in row.items() if k != "stored_at"}, default=str, sort_keys=True)
        for row in rows
    )


def test_the_run_analyses_every_example(examples_run: ExamplesRun) -> None:
    summary = examples_run.summary
    assert (summary.analysed, summary.failed, summary.skipped) == (EXAMPLE_COUNT, 0, 0)
    marker = json.loads((examples_run.out / MARKER).read_text())
    assert [run["run_id"] for run in marker["runs"]] == [summary.run_id]
    assert not (examples_run.out / "_staging").exists()


def test_read_back_the_analyses_are_those_of_newsgraph_analyze(
    examples_run: ExamplesRun, reference: dict[str, Analysis]
) -> None:
    found = list(read_analyses(examples_run.out))
    assert all(isinstance(a, Analysis) for a in found)
    by_id = {a.id: a for a in found if isinstance(a, Analysis)}
    assert sorted(by_id) == sorted(reference)
    for doc_id, analysis in reference.items():
        assert by_id[doc_id] == analysis, doc_id


def test_tables_are_those_of_newsgraph_export(
    examples_run: ExamplesRun, reference: dict[str, Analysis], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    engine = connect(url)
    check_revision(engine, create=True)
    outcomes = list(store_analyses(engine, reference.values()))
    engine.dispose()
    assert {o.status for o in outcomes} == {"stored"}
    exported = tmp_path / "export"
    export_store(url, "parquet", exported)
    for table in EXPORT_TABLES:
        theirs = pq.read_table(exported / f"{table}.parquet")
        assert theirs.schema.equals(schema(table))
        ours = _spark_rows(examples_run.out, table)
        assert _canonical(ours) == _canonical(theirs.to_pylist()), table
    assert len(_spark_rows(examples_run.out, "mentions")) > 50


def test_tables_are_partitioned_by_publication_month(
    spark: Any, examples_run: ExamplesRun, reference: dict[str, Analysis]
) -> None:
    read = spark.read.parquet(str(examples_run.out / "documents"))
    months = {row.doc_id: row.published_month for row in read.collect()}
    for doc_id, analysis in reference.items():
        published = analysis.document.published
        assert months[doc_id] == (published.strftime("%Y-%m") if published else None)
    mentions = spark.read.parquet(str(examples_run.out / "mentions"))
    assert mentions.select("published_month").distinct().count() == len(set(months.values()))


def test_a_rerun_skips_what_is_written(
    spark: Any, examples_run: ExamplesRun, tmp_path: Path
) -> None:
    from newsgraph.spark.job import run_analyze

    out = tmp_path / "out"
    shutil.copytree(examples_run.out, out)
    before = sorted(p.relative_to(out) for p in (out / "documents").rglob("*.parquet"))
    summary = run_analyze(spark, [str(EXAMPLES)], out)
    assert (summary.analysed, summary.failed, summary.skipped) == (0, 0, EXAMPLE_COUNT)
    assert sorted(p.relative_to(out) for p in (out / "documents").rglob("*.parquet")) == before
    assert len(json.loads((out / MARKER).read_text())["runs"]) == 2


def test_bad_inputs_are_in_the_errors_table(spark: Any, tmp_path: Path) -> None:
    from newsgraph.spark.job import run_analyze

    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"id": "x", "text": "The minister said on Monday that talks would resume.",'
        ' "published": "2025-03-04"}\n'
        "{not json\n"
        '{"id": "x", "text": "A second record with the same id was read as well."}\n'
        '{"title": "no text"}\n',
        encoding="utf-8",
    )
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    out = tmp_path / "out"
    summary = run_analyze(
        spark,
        [str(feed), str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt")],
        out,
        stages=["sentences"],
    )
    assert (summary.analysed, summary.failed) == (2, 4)
    errors = [
        row for path in (out / ERRORS).rglob("*.parquet") for row in pq.read_table(path).to_pylist()
    ]
    messages = sorted(row["message"] for row in errors)
    assert messages == sorted(summary.messages)
    assert any(m.startswith(f"{feed}:line 2: malformed JSON") for m in messages)
    assert any(m == f'{feed}:line 4: malformed record: no "text" field' for m in messages)
    assert any(m.startswith(f"{tmp_path / 'empty.txt'}: empty article") for m in messages)
    assert any(m == f"{tmp_path / 'missing.txt'}: no such file" for m in messages)
    # Ids are made unique as `newsgraph analyze` makes them.
    assert sorted(a.id for a in read_analyses(out) if isinstance(a, Analysis)) == ["x", "x-2"]
    assert not (out / COPIES).exists()


def test_a_parquet_dump_is_read_row_by_row(spark: Any, tmp_path: Path) -> None:
    import datetime as dt

    import pyarrow as pa

    from newsgraph.spark.job import run_analyze

    dump = pa.table(
        {
            "id": ["a", None, "c"],
            "text": ["Officials said the bridge reopened.", "Police said two men were held.", None],
            "published": [dt.date(2024, 5, 1), dt.date(2024, 6, 2), None],
            "outlet": ["Kesh Wire", None, None],
        }
    )
    pq.write_table(dump, tmp_path / "dump.parquet", row_group_size=2)
    out = tmp_path / "out"
    summary = run_analyze(spark, [str(tmp_path / "dump.parquet")], out, stages=["sentences"])
    assert (summary.analysed, summary.failed) == (2, 1)
    assert summary.messages == [
        f'{tmp_path / "dump.parquet"}:row 3: malformed record: no "text" field'
    ]
    found = {a.id: a for a in read_analyses(out) if isinstance(a, Analysis)}
    assert sorted(found) == ["a", "dump-2"]
    assert found["a"].document.outlet == "Kesh Wire"
    assert found["dump-2"].document.published == dt.date(2024, 6, 2)
    assert found["dump-2"].document.source.record == "row 2"
    assert sorted(p.name for p in (out / "documents").iterdir()) == [
        "published_month=2024-05",
        "published_month=2024-06",
    ]


def test_the_same_id_with_other_text_is_an_error(spark: Any, tmp_path: Path) -> None:
    from newsgraph.spark.job import run_analyze

    article = tmp_path / "note.txt"
    article.write_text("The mayor said the market would open on Friday.", encoding="utf-8")
    out = tmp_path / "out"
    assert run_analyze(spark, [str(article)], out, stages=["sentences"]).analysed == 1
    article.write_text("The mayor said the market would stay shut.", encoding="utf-8")
    summary = run_analyze(spark, [str(article)], out, stages=["sentences"])
    assert (summary.analysed, summary.failed) == (0, 1)
    assert "'note' is already in" in summary.messages[0]
    assert summary.messages[0].startswith(str(article))


def test_ingest_from_parquet_fills_the_store(examples_run: ExamplesRun, tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    arguments = ["ingest", "--from-parquet", str(examples_run.out), "--db", str(db)]
    assert main(arguments) == 0
    assert main(arguments) == 0  # a second time: every document unchanged
    engine = connect(f"sqlite:///{db}")
    with engine.connect() as connection:
        count = connection.execute(select(func.count()).select_from(tables.documents))
        assert count.scalar_one() == EXAMPLE_COUNT
    engine.dispose()
