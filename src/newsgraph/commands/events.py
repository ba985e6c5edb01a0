"""`newsgraph events PATH | --db URL`: the event table of analyses already made (an analyze
output file, or every document of a store), or of articles analysed on the spot. The pipeline
and the store are imported only when needed."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from newsgraph.commands.arguments import open_existing_store
from newsgraph.events.table import event_rows, write_csv, write_parquet
from newsgraph.model import Analysis

if TYPE_CHECKING:
    from sqlalchemy import Engine

HELP = "write the events of analyses or articles as a table (CSV or Parquet)"
DESCRIPTION = """\
Write one row per actor-target pair of every event: event id, date and its precision, actor
(name, entity, country, sector), type, mode, quad class, target (the same), place with its
coordinates, who asserts it and with which stance, whether it is told as fact, document,
sentence and the character offsets of trigger, actor and target. PATH is a JSON or JSONL file
written by `newsgraph analyze`, or articles (files, folders, globs) to analyse first; with
--db, the events of every document in that store."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="analyze output or articles")
    parser.add_argument(
        "--db", metavar="URL", help="the events of every document stored in this store"
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--csv", type=Path, metavar="OUT", help="write CSV here (default: stdout)")
    where.add_argument("--parquet", type=Path, metavar="OUT", help="write Parquet here")


def _is_analysis_file(path: Path) -> bool:
    """Whether a .json/.jsonl file holds analyses (they carry schema_version), not articles."""
    if path.suffix.lower() not in (".json", ".jsonl") or not path.is_file():
        return False
    with path.open(encoding="utf-8") as handle:
        head = handle.read(4096).lstrip().lstrip("[").lstrip()
    return head.startswith("{") and '"schema_version"' in head


def _read_analyses(path: Path, failures: list[str]) -> Iterator[Analysis]:
    text = path.read_text(encoding="utf-8")
    stripped = text.lstrip()
    if stripped.startswith("[") or path.suffix.lower() == ".json":
        try:
            loaded = json.loads(text)
        except json.JSONDecodeError as error:
            failures.append(f"{path}: malformed JSON: {error}")
            return
        for number, item in enumerate(loaded if isinstance(loaded, list) else [loaded], 1):
            try:
                yield Analysis.model_validate(item)
            except ValidationError as error:
                failures.append(
                    f"{path}: item {number}: not a newsgraph analysis ({_first(error)})"
                )
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                yield Analysis.model_validate_json(line)
            except ValidationError as error:
                failures.append(f"{path}:line {number}: not a newsgraph analysis ({_first(error)})")


def _first(error: ValidationError) -> str:
    return str(error).splitlines()[0]


def _analyses(paths: list[str], failures: list[str]) -> Iterator[Analysis]:
    articles = [p for p in paths if not _is_analysis_file(Path(p))]
    for path in paths:
        if path not in articles:
            yield from _read_analyses(Path(path), failures)
    if articles:
        from newsgraph.ingest import IngestError, ReadOptions, read_inputs
        from newsgraph.pipeline import Pipeline

        pipeline = Pipeline()
        for result in pipeline.analyze_many(read_inputs(articles, ReadOptions(), None)):
            if isinstance(result, IngestError):
                failures.append(str(result))
            else:
                yield result


def _stored_analyses(engine: Engine) -> Iterator[Analysis]:
    from sqlalchemy import select

    from newsgraph.store import tables
    from newsgraph.store.documents import read_analysis

    try:
        with engine.connect() as connection:
            ids = connection.execute(
                select(tables.documents.c.doc_id).order_by(tables.documents.c.id)
            ).scalars()
            for doc_id in list(ids):
                analysis = read_analysis(connection, doc_id)
                if analysis is not None:
                    yield analysis
    finally:
        engine.dispose()


def run(args: argparse.Namespace) -> int:
    from newsgraph.store.engine import StoreError

    if bool(args.paths) == bool(args.db):
        print("newsgraph events: name PATH... or --db URL (one of the two)", file=sys.stderr)
        return 2
    failures: list[str] = []
    try:
        store = open_existing_store(args.db) if args.db else None
    except StoreError as error:
        print(f"newsgraph: {error}", file=sys.stderr)
        return 1
    analyses = _stored_analyses(store) if store else _analyses(args.paths, failures)
    rows = (row for analysis in analyses for row in event_rows(analysis))
    try:
        if args.parquet is not None:
            count = write_parquet(rows, args.parquet)
            destination = str(args.parquet)
        elif args.csv is not None:
            count = write_csv(rows, args.csv)
            destination = str(args.csv)
        else:
            count = write_csv(rows, Path("/dev/stdout"))
            destination = "standard output"
    except OSError as error:
        print(f"newsgraph: {error}", file=sys.stderr)
        return 1
    for failure in failures:
        print(f"error: {failure}", file=sys.stderr)
    print(f"newsgraph: {count} event row(s) -> {destination}", file=sys.stderr)
    return 1 if failures else 0
