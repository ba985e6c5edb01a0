"""Exports: the store in the formats its users already load.

`export_store(url, format, out)` reads the store's tables (never running a stage) and writes
Parquet or CSV tables into a folder, or one GraphML or PROV-O JSON-LD file. `schemas` holds the
Arrow schemas of the tables, for any other code that writes them (the Spark job).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from newsgraph.export.output import OutputError, check_output, staged
from newsgraph.export.reader import DEFAULT_BATCH_SIZE, StoreReader, open_store, snapshot

ExportFormat = Literal["parquet", "csv", "graphml", "jsonld"]
FORMATS: tuple[ExportFormat, ...] = ("parquet", "csv", "graphml", "jsonld")


@dataclass(frozen=True)
class _Format:
    folder: bool
    suffix: str
    writer: Callable[[StoreReader, Path], dict[str, int]]


def _format(name: ExportFormat) -> _Format:
    # Each writer is imported only when chosen: pyarrow is not needed for a GraphML export.
    if name == "parquet":
        from newsgraph.export.parquet import write_parquet

        return _Format(True, ".parquet", write_parquet)
    if name == "csv":
        from newsgraph.export.csv import write_csv

        return _Format(True, ".csv", write_csv)
    if name == "graphml":
        from newsgraph.export.graphml import write_graphml

        return _Format(False, ".graphml", write_graphml)
    if name == "jsonld":
        from newsgraph.export.jsonld import write_jsonld

        return _Format(False, ".jsonld", write_jsonld)
    raise ValueError(f"unknown export format {name!r}; choose from {', '.join(FORMATS)}")


def export_store(
    url: str | None, format: ExportFormat, out: Path, batch_size: int = DEFAULT_BATCH_SIZE
) -> dict[str, int]:
    """Export the store at `url` (None: NEWSGRAPH_DB, else ./newsgraph.db) to `out`; returns
    counts (rows per table, or nodes and edges). OutputError or StoreError before any work
    when `out` or the store cannot be used."""
    chosen = _format(format)
    check_output(out, chosen.folder, chosen.suffix)
    engine = open_store(url)
    try:
        # One snapshot for the whole export: every table sees the same state of the store.
        with snapshot(engine) as connection, staged(out, chosen.folder) as target:
            return chosen.writer(StoreReader(connection, batch_size), target)
    finally:
        engine.dispose()


__all__ = ["FORMATS", "ExportFormat", "OutputError", "export_store"]
