"""The job's Parquet tables: written per file set on an executor, read back as Analyses.

Files hold exactly the columns and Arrow types of `newsgraph.export.schemas` (the `documents`
files leave out `published_month`, which is their partition folder), written by pyarrow as
`newsgraph export` writes its own. Two tables are the job's own: `errors` (every input the
job could not analyse, with its reason) and `copies` (written by `copies.py`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import ValidationError

from newsgraph.export.schemas import schema
from newsgraph.ingest import IngestError
from newsgraph.model import Analysis
from newsgraph.spark.layout import NULL_PARTITION, month_folder, read_marker
from newsgraph.spark.rows import EXPORT_TABLES, Row, analysis_from_export

ERRORS = "errors"
COPIES = "copies"
PARTITION = "published_month"

ERRORS_SCHEMA = pa.schema(
    [
        pa.field("path", pa.string(), nullable=False),  # the input file
        pa.field("record", pa.string()),  # line, row or WARC record in it
        pa.field("doc_id", pa.string()),  # when the document was read
        pa.field("content_sha1", pa.string()),
        pa.field("problem", pa.string(), nullable=False),
        pa.field("message", pa.string(), nullable=False),  # as printed: path:record: problem
    ]
)

COPIES_SCHEMA = pa.schema(
    [
        pa.field("doc_id", pa.string(), nullable=False),  # the later document
        pa.field("copy_of", pa.string(), nullable=False),  # the earlier one it copies
        pa.field("kind", pa.string(), nullable=False),  # exact: same text; near: similar
        pa.field("similarity", pa.float64(), nullable=False),  # Jaccard of word shingles
    ]
)


@cache
def file_schema(table: str) -> pa.Schema:
    """The columns a file of this table holds: the export's, less the partition column."""
    full = schema(table)
    if PARTITION in full.names:
        return full.remove(full.get_field_index(PARTITION))
    return full


@dataclass
class FileSetWriter:
    """Writes one task's rows into file sets under `root` (the run's staging folder): a set
    per month is written once it holds `docs_per_file` documents, and the rest at `close`.
    `written` lists every file, relative to `root`, for the commit."""

    root: Path
    prefix: str  # unique per task attempt
    run_id: str
    docs_per_file: int = 200
    written: list[str] = field(default_factory=list)
    documents: int = 0
    failed: int = 0
    _buffers: dict[str | None, dict[str, list[Row]]] = field(default_factory=dict)
    _errors: list[Row] = field(default_factory=list)
    _sequence: int = 0

    def add(self, rows: dict[str, list[Row]]) -> None:
        month = rows["documents"][0][PARTITION]
        buffer = self._buffers.setdefault(month, defaultdict(list))
        for table in EXPORT_TABLES:
            buffer[table].extend(rows.get(table, []))
        self.documents += 1
        if len(buffer["documents"]) >= self.docs_per_file:
            self._flush(month)

    def error(self, error: IngestError, doc_id: str | None, content_sha1: str | None) -> None:
        self.failed += 1
        self._errors.append(
            {
                "path": error.path,
                "record": error.where,
                "doc_id": doc_id,
                "content_sha1": content_sha1,
                "problem": error.problem,
                "message": str(error),
            }
        )

    def close(self) -> None:
        for month in list(self._buffers):
            self._flush(month)
        if self._errors:
            relative = f"{ERRORS}/run={self.run_id}/{self.prefix}.parquet"
            self._write(relative, pa.Table.from_pylist(self._errors, schema=ERRORS_SCHEMA))
            self._errors = []

    def _flush(self, month: str | None) -> None:
        buffer = self._buffers.pop(month)
        name = f"{self.prefix}-{self._sequence:04d}.parquet"
        self._sequence += 1
        for table in EXPORT_TABLES:
            if buffer[table]:
                relative = f"{table}/{month_folder(month)}/{name}"
                self._write(
                    relative, pa.Table.from_pylist(buffer[table], schema=file_schema(table))
                )

    def _write(self, relative: str, table: pa.Table) -> None:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, path, compression="zstd")
        self.written.append(relative)


def read_analyses(folder: Path) -> Iterator[Analysis | IngestError]:
    """Every document of an output folder of `newsgraph spark analyze` (one file set in memory
    at a time), or of a `newsgraph export --format parquet` folder (read whole), as Analyses;
    a document whose rows do not make a valid Analysis comes out as an IngestError.
    OutputFolderError when the folder is neither, or a run's commit there is unfinished."""
    if (folder / "documents.parquet").is_file():
        yield from _read_set(folder, {t: folder / f"{t}.parquet" for t in EXPORT_TABLES}, None)
        return
    read_marker(folder)
    for documents in sorted((folder / "documents").glob("*/*.parquet")):
        month_dir, name = documents.parent.name, documents.name
        files = {table: folder / table / month_dir / name for table in EXPORT_TABLES}
        month = month_dir.partition("=")[2]
        yield from _read_set(folder, files, None if month == NULL_PARTITION else month)


def _read_set(
    folder: Path, files: dict[str, Path], month: str | None
) -> Iterator[Analysis | IngestError]:
    documents = _rows(files["documents"])
    by_doc: dict[str, dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
    for table in EXPORT_TABLES[1:]:
        for row in _rows(files[table]):
            by_doc[row["doc_id"]][table].append(row)
    for document in documents:
        doc_id = document["doc_id"]
        try:
            yield analysis_from_export({**document, PARTITION: month}, by_doc.get(doc_id, {}))
        except (ValueError, ValidationError) as error:
            first = str(error).splitlines()[0] if str(error) else type(error).__name__
            where = f"document {doc_id!r}"
            yield IngestError(str(files["documents"]), f"not a valid analysis: {first}", where)


def _rows(path: Path) -> list[Row]:
    if not path.is_file():
        return []
    rows: list[Row] = pq.read_table(path, partitioning=None).to_pylist()
    return rows
