"""`newsgraph spark analyze`: read, analyse and write a corpus with Spark, then commit it.

The driver plans the inputs (`inputs.py`); executors read them with newsgraph's own readers;
ids are made unique across the batch as `newsgraph analyze` makes them; documents already in
OUT with the same id and text are skipped; the rest are analysed in `mapPartitions` by one
Pipeline per executor process (loaded at its first document and kept while Spark reuses the
process), and each task writes its documents' rows as Parquet file sets into the run's staging
folder (`tables.py`). The copies step then sees every document, old and new, and the driver
commits the run (`layout.py`).
"""

from __future__ import annotations

import datetime as dt
import math
import os
import pickle
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsgraph.ingest import Document, IngestError, InputFormat, ReadOptions
from newsgraph.model import Analysis
from newsgraph.spark import layout
from newsgraph.spark.inputs import DOC, ERROR, pack, plan_inputs, read_task
from newsgraph.spark.rows import export_rows
from newsgraph.spark.tables import FileSetWriter

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, Row, SparkSession

    from newsgraph.pipeline import Pipeline

SKIPPED, CONFLICT = "skipped", "conflict"
# Documents a task analyses, by default: small enough that a lost task costs little, large
# enough that a task's start is nothing beside its work (a document takes about a second).
DOCS_PER_PARTITION = 50
# Error lines a task sends back to be printed; the errors table holds them all.
_MESSAGES_PER_TASK = 200

_PIPELINES: dict[tuple[str, ...] | None, Pipeline] = {}


@dataclass
class RunSummary:
    run_id: str
    analysed: int = 0
    failed: int = 0
    skipped: int = 0
    partitions: int = 0
    files: int = 0
    copies: int | None = None
    seconds: float = 0.0
    messages: list[str] = field(default_factory=list)
    finished_earlier_commit: bool = False

    def as_record(self) -> dict[str, Any]:
        return {
            "analysed": self.analysed,
            "failed": self.failed,
            "skipped": self.skipped,
            "partitions": self.partitions,
            "copies": self.copies,
            "seconds": round(self.seconds, 3),
        }


def executor_pipeline(stages: tuple[str, ...] | None, cpus: int = 1) -> Pipeline:
    """The Pipeline of this process for these stages, loaded on first use and then kept:
    Spark reuses its Python workers between tasks, so each loads the model once. Its tagger
    runs on the `cpus` cores Spark gave the task (spark.task.cpus), unless the user chose."""
    if stages not in _PIPELINES:
        from newsgraph.parallel import THREADS_VARIABLE
        from newsgraph.pipeline import Pipeline

        # Left to itself ONNX Runtime takes every core of the machine in each task, and the
        # executor's tasks then fight over them: as many threads as the task has cores.
        os.environ.setdefault(THREADS_VARIABLE, str(max(1, cpus)))
        _PIPELINES[stages] = Pipeline(list(stages) if stages else None)
    return _PIPELINES[stages]


def analyse_partition(
    rows: Iterable[Row],
    *,
    staging: str,
    run_id: str,
    stages: tuple[str, ...] | None,
    stored_at: dt.datetime,
    docs_per_file: int,
    out: str,
) -> Iterator[dict[str, Any]]:
    """One task: analyse its documents, write their rows and the errors; yield one report."""
    from pyspark import TaskContext

    context = TaskContext.get()
    tag = (
        f"{context.stageId()}-{context.partitionId():05d}-{context.attemptNumber()}"
        if context is not None
        else "0-00000-0"
    )
    writer = FileSetWriter(Path(staging), f"part-{run_id}-{tag}", run_id, docs_per_file)
    messages: list[str] = []
    skipped = 0

    def failed(error: IngestError, doc_id: str | None, sha1: str | None) -> None:
        writer.error(error, doc_id, sha1)
        if len(messages) < _MESSAGES_PER_TASK:
            messages.append(str(error))

    def documents() -> Iterator[Document]:
        nonlocal skipped
        for row in rows:
            if row.kind == SKIPPED:
                skipped += 1
            elif row.kind == ERROR:
                failed(pickle.loads(row.payload), None, None)
            elif row.kind == CONFLICT:
                document: Document = pickle.loads(row.payload)
                source = document.meta.source
                problem = (
                    f"document id {row.doc_id!r} is already in {out} with a different text; "
                    "give this document another id, or write to another folder"
                )
                failed(IngestError(source.path or row.doc_id, problem, source.record), *_ids(row))
            else:
                document = pickle.loads(row.payload)
                document.id = row.doc_id
                yield document

    pending = documents()
    first = next(pending, None)
    if first is not None:
        pipeline = executor_pipeline(stages, context.cpus() if context is not None else 1)
        for result in pipeline.analyze_many(chain([first], pending)):
            if isinstance(result, Analysis):
                writer.add(export_rows(result, stored_at))
            else:
                failed(result, None, None)
    writer.close()
    yield {
        "files": writer.written,
        "analysed": writer.documents,
        "failed": writer.failed,
        "skipped": skipped,
        "messages": messages,
    }


def _ids(row: Row) -> tuple[str | None, str | None]:
    return row.doc_id, row.content_sha1


def _read_schema() -> Any:
    from pyspark.sql.types import BinaryType, LongType, StringType, StructField, StructType

    return StructType(
        [
            StructField("order", LongType(), False),
            StructField("record", LongType(), False),
            StructField("kind", StringType(), False),
            StructField("doc_id", StringType(), True),
            StructField("content_sha1", StringType(), True),
            StructField("payload", BinaryType(), True),
        ]
    )


def written_documents(spark: SparkSession, folder: Path) -> DataFrame | None:
    """The `documents` table under `folder`, or None where it has no file yet."""
    table = folder / "documents"
    if not any(table.glob("*/*.parquet")):
        return None
    return spark.read.parquet(str(table))


def run_analyze(
    spark: SparkSession,
    inputs: Sequence[str],
    out: Path,
    *,
    options: ReadOptions | None = None,
    forced: InputFormat | None = None,
    stages: Sequence[str] | None = None,
    partitions: int | None = None,
    docs_per_file: int = 200,
    copies: Callable[[SparkSession, DataFrame, Path], int] | None = None,
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
) -> RunSummary:
    """Analyse `inputs` into the output folder `out` and commit; returns what was done.
    `copies`, when given, runs the corpus step over every document and writes its table."""
    from pyspark.sql import Window
    from pyspark.sql import functions as fn

    started = now()
    layout.check_output_folder(out)
    out.mkdir(exist_ok=True)
    summary = RunSummary(layout.new_run_id(started))
    summary.finished_earlier_commit = layout.finish_commit(out)
    layout.clear_stale_staging(out)
    staged = layout.staging_folder(out, summary.run_id)
    staged.mkdir(parents=True)
    options = options or ReadOptions()
    chosen = tuple(stages) if stages else None

    sc = spark.sparkContext
    tasks, plan_errors = plan_inputs(inputs)
    slices = max(1, min(len(tasks), sc.defaultParallelism * 8))
    read = sc.parallelize(tasks, slices).flatMap(lambda task: read_task(task, options, forced))
    if plan_errors:
        packed = [pack(-1, n, error) for n, error in enumerate(plan_errors)]
        read = read.union(sc.parallelize(packed, 1))
    items = spark.createDataFrame(read, _read_schema()).persist()
    try:
        total = items.count()
        docs = items.filter(fn.col("kind") == DOC)
        # The n-th document read with an id gets "ID-n" (from the second on), as in
        # `newsgraph analyze`: input order is the order of the files, then of their records.
        rank = fn.row_number().over(Window.partitionBy("doc_id").orderBy("order", "record"))
        docs = docs.withColumn("n", rank).withColumn(
            "doc_id",
            fn.when(fn.col("n") == 1, fn.col("doc_id")).otherwise(
                fn.concat(fn.col("doc_id"), fn.lit("-"), fn.col("n").cast("string"))
            ),
        )
        existing = written_documents(spark, out)
        if existing is not None:
            written = existing.select("doc_id", fn.col("content_sha1").alias("written_sha1"))
            docs = docs.join(written, "doc_id", "left").withColumn(
                "kind",
                fn.when(fn.col("written_sha1").isNull(), fn.lit(DOC))
                .when(fn.col("written_sha1") == fn.col("content_sha1"), fn.lit(SKIPPED))
                .otherwise(fn.lit(CONFLICT)),
            )
        columns = ["kind", "doc_id", "content_sha1", "payload"]
        work = docs.select(*columns).unionByName(
            items.filter(fn.col("kind") == ERROR).select(*columns)
        )
        # A skipped document's text need not travel to the task that counts it.
        work = work.withColumn(
            "payload", fn.when(fn.col("kind") == SKIPPED, fn.lit(None)).otherwise(fn.col("payload"))
        )
        summary.partitions = partitions or max(
            sc.defaultParallelism * 2, math.ceil(total / DOCS_PER_PARTITION)
        )
        stored_at = started.replace(microsecond=0)
        staging, run_id, out_name = str(staged), summary.run_id, str(out)

        def analyse(rows: Iterable[Row]) -> Iterator[dict[str, Any]]:
            return analyse_partition(
                rows,
                staging=staging,
                run_id=run_id,
                stages=chosen,
                stored_at=stored_at,
                docs_per_file=docs_per_file,
                out=out_name,
            )

        reports = work.repartition(summary.partitions).rdd.mapPartitions(analyse).collect()
    finally:
        items.unpersist()
    moves: list[tuple[str, str]] = []
    for report in reports:
        moves.extend((name, name) for name in report["files"])
        summary.analysed += report["analysed"]
        summary.failed += report["failed"]
        summary.skipped += report["skipped"]
        summary.messages.extend(report["messages"])
    summary.files = len(moves)
    replaced: list[str] = []
    if copies is not None:
        frames = [
            frame
            for frame in (written_documents(spark, out), written_documents(spark, staged))
            if frame is not None
        ]
        if frames:
            documents = frames[0] if len(frames) == 1 else frames[0].unionByName(frames[1])
            summary.copies = copies(spark, documents, staged / "copies")
            replaced.append("copies")
    summary.seconds = (now() - started).total_seconds()
    layout.commit(out, layout.Commit(summary.run_id, moves, replaced, summary.as_record()))
    return summary


def print_messages(summary: RunSummary) -> None:
    for message in summary.messages:
        print(f"error: {message}", file=sys.stderr)
    shown = len(summary.messages)
    if summary.failed > shown:
        print(
            f"newsgraph: {summary.failed - shown} more error(s) in the errors table",
            file=sys.stderr,
        )
