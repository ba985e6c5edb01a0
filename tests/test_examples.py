"""The bundled examples and, where present, the seed article go through the whole pipeline."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from newsgraph.ingest import Document, read_inputs
from newsgraph.model import Analysis, json_schema
from newsgraph.pipeline import Pipeline
from tests.conftest import EXAMPLES

HEADER_DATES = {
    "2023-02-21-kartli-pipeline-dispute": dt.date(2023, 2, 21),
    "2023-11-20-sahel-menaka-ceasefire": dt.date(2023, 11, 20),
    "2024-06-11-tadjourah-port-concession": dt.date(2024, 6, 11),
    "2025-04-08-niksic-disputed-runoff": dt.date(2025, 4, 8),
    "2025-05-19-varna-strait-seizure": dt.date(2025, 5, 19),
}


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def analyse(pipeline: Pipeline, paths: list[str]) -> list[Analysis]:
    results = list(pipeline.analyze_many(read_inputs(paths)))
    assert all(isinstance(r, Analysis) for r in results), [str(r) for r in results]
    return [r for r in results if isinstance(r, Analysis)]


def test_every_example_is_read_with_its_metadata() -> None:
    documents = [r for r in read_inputs([str(EXAMPLES)]) if isinstance(r, Document)]
    by_id = {d.id: d for d in documents}
    text_files = sorted(EXAMPLES.rglob("*.txt"))
    html_files = sorted(EXAMPLES.rglob("*.html"))
    feed_records = sum(
        1 for path in EXAMPLES.rglob("*.jsonl") for line in path.open() if line.strip()
    )
    assert len(documents) == len(text_files) + len(html_files) + feed_records
    for doc_id, published in HEADER_DATES.items():
        meta = by_id[doc_id].meta
        assert meta.published == published
        assert len(meta.via) == 1
    # Every text example starts with a crawl header whose date names the file.
    for path in text_files:
        meta = by_id[path.stem].meta
        assert meta.published == dt.date.fromisoformat(path.stem[:10]), path.name
        assert meta.via, path.name
    page = by_id["page"].meta
    assert page.published is not None and page.title and page.outlet
    assert sum(d.meta.source.format == "jsonl" for d in documents) == 3


def test_examples_through_all_stages_are_schema_valid(pipeline: Pipeline) -> None:
    schema = json_schema()
    for analysis in analyse(pipeline, [str(EXAMPLES)]):
        assert analysis.check_spans() == []
        jsonschema.validate(json.loads(analysis.model_dump_json()), schema)
        assert analysis.sentences and analysis.mentions


def test_seed_article(pipeline: Pipeline, shared_dir: Path) -> None:
    [analysis] = analyse(pipeline, [str(shared_dir / "seeds" / "article-2025-09-15.txt")])
    assert analysis.document.published == dt.date(2025, 9, 15)
    assert analysis.document.via == ["The Cradle"]
    assert analysis.check_spans() == []
    jsonschema.validate(json.loads(analysis.model_dump_json()), json_schema())
