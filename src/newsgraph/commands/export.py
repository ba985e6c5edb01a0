"""`newsgraph export`: the store as Parquet or CSV tables, a GraphML graph or PROV-O JSON-LD."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

EPILOG = """\
formats:
  parquet  a folder OUT with one .parquet file per table (pandas, DuckDB, Spark)
  csv      a folder OUT with one .csv file per table, with a header row
  graphml  one file OUT: entities, documents, outlets and statements (networkx, Gephi)
  jsonld   one file OUT: statements, sources and documents in W3C PROV-O terms (rdflib)

The export is written to OUT.partial and renamed to OUT when complete. docs/export.md lists
every table's columns and the graph's nodes and edges.

exit status: 0 exported; 1 the store or OUT cannot be used (one line on stderr);
130 interrupted (OUT left as it was, the unfinished export in OUT.partial)."""


def register(commands: Any) -> None:
    """Add the `export` subcommand to the CLI's subparsers."""
    from newsgraph.export import FORMATS

    parser = commands.add_parser(
        "export",
        help="export the store as Parquet, CSV, GraphML or JSON-LD",
        description="Export the store's tables and graph in formats other tools load.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--db", metavar="URL", help="the store (default: NEWSGRAPH_DB, else ./newsgraph.db)"
    )
    parser.add_argument("--format", required=True, choices=FORMATS, help="what to write")
    parser.add_argument("out", type=Path, metavar="OUT", help="folder (parquet, csv) or file")
    parser.add_argument("--batch-size", type=int, default=50, metavar="N", help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    from newsgraph.export import OutputError, export_store
    from newsgraph.store.engine import StoreError

    if args.batch_size < 1:
        print("newsgraph: export: --batch-size must be at least 1", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        counts = export_store(args.db, args.format, args.out, batch_size=args.batch_size)
    except (OutputError, StoreError) as error:
        print(f"newsgraph: export: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # a full disk, a folder that cannot be written
        print(f"newsgraph: export: {args.out}: cannot write: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"newsgraph: export: interrupted; {args.out} left as it was", file=sys.stderr)
        return 130
    elapsed = time.perf_counter() - started
    summary = ", ".join(f"{count} {name}" for name, count in counts.items())
    print(f"newsgraph: exported {summary} in {elapsed:.1f}s -> {args.out}", file=sys.stderr)
    return 0
