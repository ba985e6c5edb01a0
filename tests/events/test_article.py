"""The events stage on a whole (fictional) article: several targets, negation, condition,
future, a source that asserts, and one occurrence told twice."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from newsgraph.cli import main
from newsgraph.ingest import ReadOptions, read_inputs
from newsgraph.model import Analysis, Event
from newsgraph.pipeline import Pipeline

ARTICLE = (
    Path(__file__).resolve().parents[2]
    / "examples"
    / "articles"
    / "2025-05-19-varna-strait-seizure.txt"
)


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    documents = list(read_inputs([str(ARTICLE)], ReadOptions(), None))
    result = Pipeline().analyze(documents[0])  # type: ignore[arg-type]
    return result


def _by_trigger(analysis: Analysis, word: str) -> Event:
    found = [e for e in analysis.events if e.trigger.text == word]
    assert len(found) == 1, [e.trigger.text for e in analysis.events]
    return found[0]


def test_spans_agree_with_the_text(analysis: Analysis) -> None:
    assert analysis.check_spans() == []
    assert analysis.events


def test_three_targets_of_one_shelling(analysis: Analysis) -> None:
    shelling = _by_trigger(analysis, "shelled")
    assert shelling.type == "ASSAULT"
    assert [t.span.text for t in shelling.targets] == ["Balchik", "Shabla", "Tyulenovo"]
    assert [a.span.text for a in shelling.actors] == ["the rebels"]
    assert shelling.actors[0].sector == "rebels"


def test_the_source_that_asserts_it(analysis: Analysis) -> None:
    shelling = _by_trigger(analysis, "shelled")
    attribution = next(a for a in analysis.attributions if a.id == shelling.asserted_by)
    assert attribution.kind != "own_voice"
    assert attribution.source is not None and "Iliev" in attribution.source.text


def test_negated_events_are_kept_and_marked(analysis: Analysis) -> None:
    assert _by_trigger(analysis, "surrender").factuality == "negated"
    attack = _by_trigger(analysis, "attacked")
    assert attack.factuality == "negated"
    assert [t.span.text for t in attack.targets] == ["civilians"]
    # Told inside a denial: the ministry says it did not happen.
    assert _by_trigger(analysis, "abandoned").factuality == "negated"


def test_condition_and_future(analysis: Analysis) -> None:
    threat = _by_trigger(analysis, "attacks")
    assert threat.factuality == "conditional"
    assert [t.span.text for t in threat.targets] == ["Varna"]
    assert _by_trigger(analysis, "impose").factuality == "future"


def test_one_capture_told_twice_is_one_event(analysis: Analysis) -> None:
    seizure = _by_trigger(analysis, "seized")
    assert seizure.type == "COERCE"
    assert [m.text for m in seizure.mentions] == ["capture"]
    assert seizure.date == "2025-05-12" and seizure.when_source == "timex"
    place = next(e for e in analysis.entities if e.id == seizure.where)
    assert place.name == "Kavarna"
    about_kavarna = [e for e in analysis.events if e.type == "COERCE" and e.where == seizure.where]
    assert about_kavarna == [seizure]


def test_actor_country_from_the_entity(analysis: Analysis) -> None:
    condemnation = _by_trigger(analysis, "condemned")
    assert condemnation.actors[0].country == "ROU"
    assert condemnation.quad_class == "verbal conflict"


def test_export_writes_one_row_per_pair(analysis: Analysis, tmp_path: Path) -> None:
    source = tmp_path / "analysis.json"
    source.write_text(analysis.model_dump_json(), encoding="utf-8")
    out = tmp_path / "events.csv"
    assert main(["events", str(source), "--csv", str(out)]) == 0
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    pairs = sum(max(len(e.actors), 1) * max(len(e.targets), 1) for e in analysis.events)
    assert len(rows) == pairs
    shelling = [r for r in rows if r["type"] == "ASSAULT" and r["mode"] == "artillery"]
    assert [r["target"] for r in shelling] == ["Balchik", "Shabla", "Tyulenovo"]
    text = analysis.text
    for row in rows:
        assert text[int(row["trigger_start"]) : int(row["trigger_end"])]
    seizure = next(r for r in rows if r["type"] == "COERCE" and r["place"] == "Kavarna")
    assert seizure["date_precision"] == "day" and seizure["is_fact"] == "True"


def test_export_from_the_store_equals_the_export_of_the_analysis(
    analysis: Analysis, tmp_path: Path
) -> None:
    from newsgraph.store.documents import insert_analysis
    from newsgraph.store.engine import check_revision, connect

    url = f"sqlite:///{tmp_path / 'news.db'}"
    engine = connect(url)
    check_revision(engine, create=True)
    with engine.begin() as connection:
        insert_analysis(connection, analysis)
    engine.dispose()
    source = tmp_path / "analysis.json"
    source.write_text(analysis.model_dump_json(), encoding="utf-8")
    from_file, from_store = tmp_path / "file.csv", tmp_path / "store.csv"
    assert main(["events", str(source), "--csv", str(from_file)]) == 0
    assert main(["events", "--db", url, "--csv", str(from_store)]) == 0
    assert from_store.read_text("utf-8") == from_file.read_text("utf-8")
    assert len(from_store.read_text("utf-8").splitlines()) > 1
    missing = tmp_path / "missing.db"
    assert main(["events", "--db", f"sqlite:///{missing}"]) == 1
    assert not missing.exists()


def test_export_parquet(analysis: Analysis, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    source = tmp_path / "analysis.jsonl"
    source.write_text(analysis.model_dump_json() + "\n", encoding="utf-8")
    out = tmp_path / "events.parquet"
    assert main(["events", str(source), "--parquet", str(out)]) == 0
    table = pq.read_table(out)
    assert table.num_rows >= len(analysis.events)
    assert "asserted_by_source" in table.schema.names


def test_export_reports_a_bad_line_and_goes_on(analysis: Analysis, tmp_path: Path) -> None:
    source = tmp_path / "mixed.jsonl"
    source.write_text('{"schema_version": "2.1.0"}\n' + analysis.model_dump_json() + "\n")
    out = tmp_path / "events.csv"
    assert main(["events", str(source), "--csv", str(out)]) == 1
    with out.open(encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) > 0
