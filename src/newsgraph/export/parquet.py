"""Parquet: one file per table in the folder OUT, with the fixed schemas of `schemas.py`.

Each table has one writer open for the whole export; every document batch becomes a row group
of each table, so memory stays bounded by the batch. The files are plain Parquet (no pandas
metadata): pandas, DuckDB, Polars and Spark read them as they are.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from newsgraph.export.reader import Row, StoreReader
from newsgraph.export.schemas import DOCUMENT_TABLES, schema, table_names

SUFFIX = ".parquet"


def _write(writer: pq.ParquetWriter, name: str, rows: list[Row]) -> None:
    if rows:
        writer.write_table(pa.Table.from_pylist(rows, schema=schema(name)))


def write_parquet(reader: StoreReader, folder: Path) -> dict[str, int]:
    """Write every table into `folder`; returns the number of rows of each."""
    writers = {
        name: pq.ParquetWriter(folder / f"{name}{SUFFIX}", schema(name), compression="zstd")
        for name in table_names()
    }
    counts = dict.fromkeys(table_names(), 0)
    try:
        for batch in reader.batches():
            for name in DOCUMENT_TABLES:
                rows = batch.table(name)
                _write(writers[name], name, rows)
                counts[name] += len(rows)
        for chunk in reader.corpus_entities():
            _write(writers["corpus_entities"], "corpus_entities", chunk)
            counts["corpus_entities"] += len(chunk)
    finally:
        for writer in writers.values():
            writer.close()
    return counts
