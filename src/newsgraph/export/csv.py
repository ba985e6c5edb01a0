"""CSV: the tables of the Parquet export as one CSV file each (UTF-8, a header row).

Columns and their order are those of `schemas.py`. A null is an empty field; a list (byline,
warnings, mention ids) is written as a JSON array; dates and times in ISO 8601.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from newsgraph.export.reader import Row, StoreReader
from newsgraph.export.schemas import DOCUMENT_TABLES, schema, table_names

SUFFIX = ".csv"


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def write_csv(reader: StoreReader, folder: Path) -> dict[str, int]:
    """Write every table into `folder`; returns the number of rows of each."""
    counts = dict.fromkeys(table_names(), 0)
    with ExitStack() as files:
        writers = {}
        for name in table_names():
            handle = files.enter_context(
                open(folder / f"{name}{SUFFIX}", "w", encoding="utf-8", newline="")
            )
            writer = csv.writer(handle)
            writer.writerow(schema(name).names)
            writers[name] = writer

        def write(name: str, rows: list[Row]) -> None:
            writers[name].writerows([_cell(v) for v in row.values()] for row in rows)
            counts[name] += len(rows)

        for batch in reader.batches():
            for name in DOCUMENT_TABLES:
                write(name, batch.table(name))
        for chunk in reader.corpus_entities():
            write("corpus_entities", chunk)
    return counts
