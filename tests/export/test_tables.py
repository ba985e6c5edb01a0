"""Parquet and CSV exports: every table, with its fixed columns and the store's rows."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from newsgraph.export import export_store
from newsgraph.export.schemas import DOCUMENT_TABLES, schema, schemas, table_names
from tests.export.conftest import StoreFacts

# Exported tables and the store tables whose rows they are.
STORE_TABLE = {name: name for name in table_names()}


def test_every_store_layer_has_an_exported_table() -> None:
    from newsgraph.store.convert import LAYER_TABLES

    assert set(LAYER_TABLES) | {"documents", "corpus_entities", "entity_links"} == set(
        table_names()
    )
    assert list(schemas()) == list(table_names())
    assert "corpus_entities" not in DOCUMENT_TABLES


def test_parquet_tables_have_their_schema_and_the_store_rows(
    facts: StoreFacts, filled_store: str, tmp_path: Path
) -> None:
    out = tmp_path / "tables"
    # A batch smaller than the store: rows of later batches must be written too.
    counts = export_store(filled_store, "parquet", out, batch_size=2)
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{n}.parquet" for n in table_names())
    for name in table_names():
        table = pq.read_table(out / f"{name}.parquet")
        assert table.schema.remove_metadata() == schema(name), name
        assert b"pandas" not in (table.schema.metadata or {})  # plain files for any reader
        assert table.num_rows == facts.count(STORE_TABLE[name]) == counts[name], name
        frame = pd.read_parquet(out / f"{name}.parquet")
        assert list(frame.columns) == schema(name).names
        assert len(frame) == table.num_rows
    assert counts["attributions"] > 100 and counts["events"] >= 1


def test_parquet_rows_point_at_the_documents_text(filled_store: str, tmp_path: Path) -> None:
    out = tmp_path / "tables"
    export_store(filled_store, "parquet", out)
    documents = pd.read_parquet(out / "documents.parquet")
    texts = dict(zip(documents["doc_id"], documents["text"], strict=True))
    for row in documents.itertuples():
        assert row.published_month == row.published.isoformat()[:7]
        assert json.loads(row.meta)["content_sha1"] == row.content_sha1
    for name in ("sentences", "mentions", "timexes", "attribution_contents", "event_mentions"):
        frame = pd.read_parquet(out / f"{name}.parquet")
        assert set(frame["doc_id"]) <= set(texts)
        for row in frame.itertuples():
            assert texts[row.doc_id][row.start : row.end] == row.text, name
    attributions = pd.read_parquet(out / "attributions.parquet")
    contents = pd.read_parquet(out / "attribution_contents.parquet")
    ids = set(zip(attributions["doc_id"], attributions["local_id"], strict=True))
    assert set(zip(contents["doc_id"], contents["attribution"], strict=True)) <= ids
    nested = attributions[attributions["parent"].notna()]
    assert set(zip(nested["doc_id"], nested["parent"], strict=True)) <= ids
    links = pd.read_parquet(out / "entity_links.parquet")
    corpus = pd.read_parquet(out / "corpus_entities.parquet")
    entities = pd.read_parquet(out / "entities.parquet")
    assert set(links["corpus_entity_id"]) == set(corpus["corpus_entity_id"])
    assert set(zip(links["doc_id"], links["entity"], strict=True)) == set(
        zip(entities["doc_id"], entities["local_id"], strict=True)
    )
    kesh = entities[entities["key"] == "place:kesh"].iloc[0]
    assert (kesh["geonames_id"], kesh["country_code"]) == (1, "AR")
    participants = pd.read_parquet(out / "event_participants.parquet")
    handmade = participants[participants["doc_id"] == "handmade/1"]
    assert sorted(handmade["role"]) == ["actor", "target"]
    assert list(handmade["event"]) == ["v1", "v1"]


def test_csv_tables_have_a_header_and_the_store_rows(
    facts: StoreFacts, filled_store: str, tmp_path: Path
) -> None:
    out = tmp_path / "csv"
    export_store(filled_store, "csv", out)
    for name in table_names():
        frame = pd.read_csv(out / f"{name}.csv", keep_default_na=False, dtype=str)
        assert list(frame.columns) == schema(name).names, name
        assert len(frame) == facts.count(STORE_TABLE[name]), name
    sentences = pd.read_csv(out / "sentences.csv", keep_default_na=False)
    texts = facts.texts()
    for row in sentences.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.text
    documents = pd.read_csv(out / "documents.csv", keep_default_na=False)
    handmade = documents[documents["doc_id"] == "handmade/1"].iloc[0]
    assert json.loads(handmade["byline"]) == ["A. Writer"]
    assert handmade["published_month"] == "2025-11"


@pytest.mark.parametrize("format", ["parquet", "csv"])
def test_an_empty_store_exports_empty_tables(empty_store: str, tmp_path: Path, format: str) -> None:
    out = tmp_path / "empty"
    counts = export_store(empty_store, format, out)  # type: ignore[arg-type]
    assert set(counts.values()) == {0}
    for name in table_names():
        if format == "parquet":
            table = pq.read_table(out / f"{name}.parquet")
            assert table.num_rows == 0 and table.schema.remove_metadata() == schema(name)
        else:
            frame = pd.read_csv(out / f"{name}.csv")
            assert frame.empty and list(frame.columns) == schema(name).names
