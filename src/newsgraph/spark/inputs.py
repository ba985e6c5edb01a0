"""What the job reads: input files planned on the driver, read on the executors.

Files that `newsgraph analyze` reads (text, HTML, JSONL, WARC) are read by the same readers,
one task element per file. Parquet files, the common shape of large news dumps, are read one
row group per element, each row read as a JSONL record is (the same fields, the same checks:
`text`, and optionally `id`, `published`, `outlet`, `via`, `url`, `title`, `byline`); their
source format is recorded as `jsonl`, with the record `row N`. Document ids are those
`newsgraph analyze` gives, made unique across the batch in the same way (`job.py`).
"""

from __future__ import annotations

import datetime as dt
import json
import pickle
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from newsgraph.ingest import Document, IngestError, InputFormat, ReadOptions
from newsgraph.ingest.jsonl import _jsonl_document
from newsgraph.ingest.sources import _stem, expand, read_path

PARQUET_SUFFIX = ".parquet"
DOC, ERROR = "doc", "error"


@dataclass(frozen=True)
class InputTask:
    """One unit of reading: a whole file, or one row group of a Parquet file."""

    order: int  # position of the file among the inputs
    path: str
    row_group: int | None = None  # Parquet only
    first_row: int = 1  # row number (from 1) of the row group's first row


# A read item: (order, record, kind, doc_id, content_sha1, pickled Document or IngestError).
ReadItem = tuple[int, int, str, str | None, str | None, bytes]


def plan_inputs(specs: Iterable[str]) -> tuple[list[InputTask], list[IngestError]]:
    """The reading tasks for these paths (files, folders, globs; Parquet files and folders
    holding them included), in the stable order `newsgraph analyze` reads them, and the
    errors of paths that name nothing readable."""
    files: list[str] = []
    errors: list[IngestError] = []
    for spec in specs:
        path = Path(spec)
        parquet = _parquet_files(path)
        for item in expand([spec]) if not parquet or path.is_dir() else []:
            if isinstance(item, IngestError):
                if not parquet:
                    errors.append(item)
            elif item == "-":
                errors.append(IngestError("-", "standard input cannot be read by a Spark job"))
            else:
                files.append(item)
        files.extend(parquet)
    tasks: list[InputTask] = []
    for order, name in enumerate(files):
        if not name.lower().endswith(PARQUET_SUFFIX):
            tasks.append(InputTask(order, name))
            continue
        try:
            metadata = pq.ParquetFile(name).metadata
        except Exception as error:  # pyarrow raises several kinds for a damaged file
            errors.append(IngestError(name, f"not a readable Parquet file: {error}"))
            continue
        first = 1
        for group in range(metadata.num_row_groups):
            tasks.append(InputTask(order, name, group, first))
            first += metadata.row_group(group).num_rows
    return tasks, errors


def _parquet_files(path: Path) -> list[str]:
    if path.is_file():
        return [str(path)] if path.name.lower().endswith(PARQUET_SUFFIX) else []
    if path.is_dir():
        return sorted(
            str(p)
            for p in path.rglob(f"*{PARQUET_SUFFIX}")
            if p.is_file()
            and not any(part.startswith((".", "_")) for part in p.relative_to(path).parts)
        )
    return []


def read_task(
    task: InputTask, options: ReadOptions, forced: InputFormat | None
) -> Iterator[ReadItem]:
    """The documents of one task, each bad record as an error, in the order they are read."""
    results = (
        read_path(task.path, options, forced)
        if task.row_group is None
        else _parquet_rows(task, options)
    )
    for record, result in enumerate(results):
        yield pack(task.order, record, result)


def pack(order: int, record: int, result: Document | IngestError) -> ReadItem:
    if isinstance(result, Document):
        payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        return (order, record, DOC, result.id, result.meta.content_sha1, payload)
    return (order, record, ERROR, None, None, pickle.dumps(result))


def _parquet_rows(task: InputTask, options: ReadOptions) -> Iterator[Document | IngestError]:
    try:
        table = pq.ParquetFile(task.path).read_row_group(task.row_group or 0)
    except Exception as error:  # a damaged row group costs its rows, not the job
        yield IngestError(task.path, f"row group {task.row_group}: unreadable: {error}")
        return
    stem = _stem(Path(task.path))
    for offset, row in enumerate(table.to_pylist()):
        number = task.first_row + offset
        where = f"row {number}"
        try:
            line = json.dumps(row, default=_json_value, ensure_ascii=False)
            yield _jsonl_document(line, task.path, where, f"{stem}-{number}", "utf-8", [], options)
        except IngestError as error:
            yield error
        except (TypeError, ValueError) as error:
            yield IngestError(task.path, f"unreadable row: {error}", where)


def _json_value(value: Any) -> Any:
    """Parquet values JSON lacks: dates and times as ISO text, bytes as UTF-8 text."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8")
    raise TypeError(f"a {type(value).__name__} value cannot be read as an article field")
