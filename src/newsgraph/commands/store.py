"""`newsgraph ingest` and `newsgraph db`: fill the store, upgrade it, say what is in it."""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from newsgraph.ingest import IngestError

COMMANDS = ("ingest", "db")
EXIT_OK, EXIT_FAILED, EXIT_INTERRUPTED = 0, 1, 130

DB_HELP = "the store: a file path or URL (default: $NEWSGRAPH_DB, else ./newsgraph.db)"

INGEST_EPILOG = """\
Each document is written in one transaction: an interrupted or killed run leaves only whole
documents, and running the same command again stores what is missing. A document already
stored with the same id and text is skipped without being analysed; one stored with the same id
but other text is an error unless --reanalyze, which also reanalyses documents stored by
another pipeline version (other stages or stage versions).

examples:
  newsgraph ingest examples/
  newsgraph ingest feed.jsonl --db postgresql://newsgraph@localhost/news --workers 2

exit status: 0 all documents stored (or already there); 1 some failed (each reported on
stderr, the rest stored); 2 bad command line; 130 interrupted."""


def register(commands: Any, add_reading_options: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add `ingest` and `db` to the subcommands of `newsgraph`."""
    ingest = commands.add_parser(
        "ingest",
        help="analyse articles into the store (SQLite or PostgreSQL)",
        description="Analyse articles and store every layer of each in the database.",
        epilog=INGEST_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ingest.add_argument("paths", nargs="*", metavar="PATH", help="files, folders, globs or -")
    ingest.add_argument("--db", metavar="URL", help=DB_HELP)
    ingest.add_argument(
        "--from-parquet",
        metavar="DIR",
        help="store the analyses in the Parquet tables of `newsgraph spark analyze` (or of "
        "`newsgraph export --format parquet`) instead of analysing PATHs",
    )
    ingest.add_argument(
        "--stages",
        metavar="A,B",
        help="run only these stages (and what they need); see `newsgraph stages`",
    )
    ingest.add_argument(
        "--workers", type=int, default=1, metavar="N", help="analyse with N processes (default 1)"
    )
    ingest.add_argument(
        "--reanalyze",
        action="store_true",
        help="replace stored documents whose text or pipeline version differs",
    )
    ingest.add_argument(
        "--no-corpus",
        action="store_true",
        help="do not run the corpus update (copies, ...) after storing; "
        "`newsgraph corpus update` runs it later",
    )
    add_reading_options(ingest)

    db = commands.add_parser(
        "db", help="upgrade the store or show what it holds", description="Manage the store."
    )
    actions = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    upgrade = actions.add_parser(
        "upgrade",
        help="apply the schema migrations this newsgraph has",
        description=(
            "Bring the store's schema to this newsgraph's revision (creating it when empty)."
        ),
    )
    upgrade.add_argument("--db", metavar="URL", help=DB_HELP)
    status = actions.add_parser(
        "status",
        help="schema revision and counts",
        description=(
            "Print the store's schema revision and how many documents and layer rows it holds."
        ),
    )
    status.add_argument("--db", metavar="URL", help=DB_HELP)


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from newsgraph.store.engine import StoreError

    try:
        if args.command == "ingest":
            return _ingest(args, parser)
        if args.db_command == "upgrade":
            return _upgrade(args.db)
        return _status(args.db)
    except StoreError as error:
        print(f"newsgraph: {error}", file=sys.stderr)
        return EXIT_FAILED


def _ingest(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from newsgraph.cli import read_options
    from newsgraph.ingest import read_inputs
    from newsgraph.pipeline import Pipeline, resolve_stages
    from newsgraph.progress import Reporter
    from newsgraph.spark.layout import OutputFolderError
    from newsgraph.store.engine import check_revision, connect, describe
    from newsgraph.store.ingest import StoreWriteError, ingest_documents

    if args.workers < 1:
        parser.error("--workers must be at least 1")
    if bool(args.paths) == bool(args.from_parquet):
        parser.error("give either PATHs to analyse or --from-parquet DIR")
    stages = [s.strip() for s in args.stages.split(",") if s.strip()] if args.stages else None
    try:
        resolve_stages(stages)
    except ValueError as error:
        parser.error(str(error))
    # The store is checked before the (slow) model loads: a wrong URL fails at once.
    engine = connect(args.db)
    check_revision(engine, create=True)
    where = describe(str(engine.url))
    show_progress = sys.stderr.isatty() if args.progress is None else args.progress
    reporter = Reporter(show_progress, label="ingesting")
    counts: Counter[str] = Counter()
    started = time.perf_counter()
    if args.from_parquet:
        from newsgraph.spark.tables import read_analyses
        from newsgraph.store.ingest import store_analyses

        analyses = read_analyses(Path(args.from_parquet))
        outcomes = store_analyses(engine, analyses, reanalyze=args.reanalyze)
    else:
        items = read_inputs(args.paths, read_options(args), args.input_format)
        # Made only if some document needs analysing: a rerun over stored ones loads no model.
        outcomes = ingest_documents(
            engine,
            items,
            lambda: Pipeline(stages, n_process=args.workers),
            reanalyze=args.reanalyze,
        )
    try:
        with reporter:
            for outcome in _reported(outcomes, reporter):
                counts[outcome] += 1
                if outcome == "failed" and args.strict:
                    print("newsgraph: stopped at the first failure (--strict)", file=sys.stderr)
                    return EXIT_FAILED
    except OutputFolderError as error:
        print(f"newsgraph: {error}", file=sys.stderr)
        return EXIT_FAILED
    except StoreWriteError:
        print(
            f"newsgraph: stopped: {where} refuses writes; the {_kept(counts)} document(s) "
            "stored before are kept, and a rerun stores the rest",
            file=sys.stderr,
        )
        return EXIT_FAILED
    except KeyboardInterrupt:
        print(
            f"newsgraph: interrupted; the {_kept(counts)} document(s) stored are kept "
            "(run the same command again to store the rest)",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    finally:
        engine.dispose()
    elapsed = time.perf_counter() - started
    summary = ", ".join(f"{counts[s]} {s}" for s in ("stored", "replaced", "unchanged", "failed"))
    print(f"newsgraph: {summary} document(s), in {elapsed:.1f}s -> {where}", file=sys.stderr)
    corpus_status = EXIT_OK
    if not args.no_corpus and (counts["stored"] or counts["replaced"] or counts["unchanged"]):
        from newsgraph.commands.corpus import update_after_ingest

        corpus_status = update_after_ingest(args.db)
    return EXIT_FAILED if counts["failed"] or corpus_status else EXIT_OK


def _reported(outcomes: Iterator[Any], reporter: Any) -> Iterator[str]:
    for outcome in outcomes:
        if outcome.status == "failed":
            error: IngestError = outcome.error
            reporter.failed(str(error))
        else:
            reporter.analysed()
        yield outcome.status


def _kept(counts: Counter[str]) -> int:
    return counts["stored"] + counts["replaced"]


def _upgrade(url: str | None) -> int:
    from newsgraph.store.engine import connect, describe, upgrade

    engine = connect(url)
    before, after = upgrade(engine)
    where = describe(str(engine.url))
    if before == after:
        print(f"newsgraph: {where} is already at schema revision {after}")
    else:
        print(f"newsgraph: {where} upgraded from revision {before or '(empty)'} to {after}")
    return EXIT_OK


def _status(url: str | None) -> int:
    from sqlalchemy import func, select

    from newsgraph.store import tables
    from newsgraph.store.convert import LAYER_TABLES
    from newsgraph.store.engine import (
        StoreError,
        check_revision,
        connect,
        current_revision,
        describe,
        head_revision,
    )

    engine = connect(url)
    where = describe(str(engine.url))
    current, head = current_revision(engine), head_revision()
    print(f"store     {where}")
    print(f"revision  {current or '(empty)'} (this newsgraph: {head})")
    try:
        check_revision(engine)
    except StoreError as error:
        print(f"newsgraph: {error}", file=sys.stderr)
        return EXIT_FAILED
    names = ("documents", *LAYER_TABLES, "corpus_entities", "entity_links")
    with engine.connect() as connection:
        for name in names:
            table = tables.metadata.tables[name]
            count = connection.execute(select(func.count()).select_from(table)).scalar_one()
            print(f"{name:<22}{count:>10}")
    return EXIT_OK
