"""`newsgraph spark analyze` and `newsgraph spark copies`: the command line of the Spark job."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

COMMAND = "spark"
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

ANALYZE_EPILOG = """\
Reads what `newsgraph analyze` reads (text, HTML, JSONL, WARC), and Parquet files with a
`text` column; writes the tables of `newsgraph export --format parquet` under OUT, one folder
per table, partitioned by publication month, plus `errors` (every document that failed, with
its reason) and `copies` (exact and near copies over every document in OUT). A run is staged
and committed at its end: an interrupted run leaves OUT as it was. Running again skips the
documents already in OUT (same id, same text) and adds the rest.

examples:
  newsgraph spark analyze examples/ --out out/spark
  newsgraph spark analyze dump.parquet crawl/ --out out/news --master local[8]
  spark-submit --master yarn "$(python -m newsgraph.spark.submit)" spark analyze IN --out OUT
    (on a cluster: see docs/scaling.md)

exit status: 0 every document analysed (or already there); 1 some failed (each on stderr and
in the errors table); 2 bad command line; 130 interrupted (nothing committed)."""


def register(commands: Any) -> None:
    """Add `spark` and its actions to the subcommands of `newsgraph`."""
    from newsgraph import cli
    from newsgraph.ingest import INPUT_FORMATS
    from newsgraph.ingest.document import DEFAULT_MAX_CHARS

    spark = commands.add_parser(
        COMMAND,
        help="analyse a corpus with Apache Spark into Parquet tables",
        description="Run the pipeline and the corpus step on Apache Spark.",
    )
    actions = spark.add_subparsers(dest="spark_command", metavar="ACTION", required=True)
    analyze = actions.add_parser(
        "analyze",
        help="analyse articles into Parquet tables, one per layer",
        description="Analyse articles on Spark and write every layer as Parquet tables.",
        epilog=ANALYZE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    analyze.add_argument("paths", nargs="+", metavar="INPUT", help="files, folders or globs")
    analyze.add_argument("--out", type=Path, required=True, metavar="DIR", help="output folder")
    _add_spark_options(analyze)
    analyze.add_argument(
        "--partitions",
        type=cli._positive_int,
        metavar="N",
        help="tasks to analyse in (default: one per 50 documents, at least twice the cores)",
    )
    analyze.add_argument(
        "--stages", metavar="A,B", help="run only these stages (and what they need)"
    )
    analyze.add_argument(
        "--no-copies", action="store_true", help="leave out the copies step (and its table)"
    )
    analyze.add_argument(
        "--published",
        type=cli._date_argument,
        metavar="YYYY-MM-DD",
        help="publication date for every document, overriding dates found in the input",
    )
    analyze.add_argument(
        "--encoding", type=cli._encoding_argument, help="read text in this encoding"
    )
    analyze.add_argument(
        "--max-chars",
        type=cli._positive_int,
        default=DEFAULT_MAX_CHARS,
        metavar="N",
        help=f"refuse an article longer than N characters (default {DEFAULT_MAX_CHARS:,})",
    )
    analyze.add_argument(
        "--input-format", choices=INPUT_FORMATS, help="treat every non-Parquet input as this"
    )
    copies = actions.add_parser(
        "copies",
        help="find exact and near copies among the documents of an output folder",
        description="Recompute the copies table of an output folder of `spark analyze`.",
    )
    copies.add_argument("out", type=Path, metavar="DIR", help="output folder of spark analyze")
    _add_spark_options(copies)


def _add_spark_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--master",
        default=None,
        help="Spark master (default local[2]; under spark-submit, the one it was given)",
    )
    command.add_argument(
        "--threshold",
        type=float,
        default=0.5,
        metavar="J",
        help="least Jaccard similarity of 5-word shingles for a near copy (default 0.5)",
    )
    command.add_argument(
        "--shuffle-partitions", type=int, default=None, metavar="N", help=argparse.SUPPRESS
    )


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from newsgraph.spark.layout import OutputFolderError
    from newsgraph.spark.session import SparkUnavailableError

    if not 0.0 < args.threshold <= 1.0:
        parser.error("--threshold must be above 0 and at most 1")
    try:
        if args.spark_command == "analyze":
            return _analyze(args, parser)
        return _copies(args)
    except (SparkUnavailableError, OutputFolderError) as error:
        print(f"newsgraph: {error}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("newsgraph: interrupted; nothing of this run was committed", file=sys.stderr)
        return EXIT_INTERRUPTED


def _session(master: str | None, shuffle: int | None) -> Any:
    import os

    from newsgraph.spark.session import check_spark, start_session

    check_spark()
    # Under spark-submit (which starts the JVM and says where: PYSPARK_GATEWAY_PORT) the
    # master and the rest come from its command line; a plain run uses two local cores.
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ
    chosen = master or (None if submitted else "local[2]")
    local = chosen is not None and chosen.startswith("local")
    folder = Path(tempfile.gettempdir()) / "newsgraph-spark" if local else None
    return start_session(chosen, shuffle, folder)


def _settings(args: argparse.Namespace) -> Any:
    from newsgraph.spark.copies import CopySettings

    return CopySettings(threshold=args.threshold)


def _analyze(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from newsgraph.ingest import ReadOptions
    from newsgraph.pipeline import resolve_stages
    from newsgraph.spark.copies import write_copies
    from newsgraph.spark.job import print_messages, run_analyze
    from newsgraph.spark.layout import check_output_folder

    stages = [s.strip() for s in args.stages.split(",") if s.strip()] if args.stages else None
    try:
        resolve_stages(stages)
    except ValueError as error:
        parser.error(str(error))
    check_output_folder(args.out)
    settings = _settings(args)
    spark = _session(args.master, args.shuffle_partitions)
    try:
        summary = run_analyze(
            spark,
            args.paths,
            args.out,
            options=ReadOptions(args.encoding, args.published, args.max_chars),
            forced=args.input_format,
            stages=stages,
            partitions=args.partitions,
            copies=None
            if args.no_copies
            else lambda session, documents, target: write_copies(
                session, documents, target, settings
            ),
        )
    finally:
        spark.stop()
    print_messages(summary)
    copies = "" if summary.copies is None else f", {summary.copies} copies"
    print(
        f"newsgraph: {summary.analysed} analysed, {summary.failed} failed, {summary.skipped} "
        f"already there{copies}, in {summary.seconds:.1f}s ({summary.partitions} tasks) "
        f"-> {args.out}",
        file=sys.stderr,
    )
    return EXIT_FAILED if summary.failed else EXIT_OK


def _copies(args: argparse.Namespace) -> int:
    import datetime as dt

    from newsgraph.spark import layout
    from newsgraph.spark.copies import write_copies
    from newsgraph.spark.job import written_documents

    layout.read_marker(args.out)
    spark = _session(args.master, args.shuffle_partitions)
    try:
        run_id = layout.new_run_id(dt.datetime.now(dt.UTC))
        staged = layout.staging_folder(args.out, run_id)
        documents = written_documents(spark, args.out)
        if documents is None:
            print(f"newsgraph: {args.out}: holds no documents yet", file=sys.stderr)
            return EXIT_FAILED
        count = write_copies(spark, documents, staged / "copies", _settings(args))
        layout.commit(args.out, layout.Commit(run_id, [], ["copies"], {"copies": count}))
    finally:
        spark.stop()
    print(f"newsgraph: {count} copies -> {args.out}/copies", file=sys.stderr)
    return EXIT_OK
