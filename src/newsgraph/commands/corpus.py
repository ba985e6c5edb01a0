"""`newsgraph corpus update` (run the corpus steps over what is new in the store) and
`newsgraph copies` (the copies, rewrites and reused passages found)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

COMMANDS = ("corpus", "copies")
EXIT_OK, EXIT_FAILED = 0, 1
DB_HELP = "the store: a file path or URL (default: $NEWSGRAPH_DB, else ./newsgraph.db)"
RELATIONS = ("exact", "near", "partial")


def register(commands: Any) -> None:
    corpus = commands.add_parser(
        "corpus",
        help="run the corpus layer (copies, stories) over the store",
        description="Link the stored articles to each other: copies and rewrites, stories and the "
        "other corpus steps. Each step processes only the documents it has not seen yet.",
    )
    actions = corpus.add_subparsers(dest="corpus_command", metavar="ACTION", required=True)
    update = actions.add_parser(
        "update",
        help="process the documents stored since the last update",
        description="Run every corpus step over the documents it has not processed; "
        "documents deleted since the last update are forgotten first.",
    )
    update.add_argument("--db", metavar="URL", help=DB_HELP)
    update.add_argument(
        "--rebuild", action="store_true", help="drop every step's results and start over"
    )
    copies = commands.add_parser(
        "copies",
        help="copies, rewrites and reused passages between stored articles",
        description="List the pairs of stored articles the copies step found: exact copies, "
        "near-copies (updates, rewrites, reposts) and partial reuse (shared passages), with "
        "which came first, the shared spans in both texts, what changed and the credit given.",
    )
    copies.add_argument("--db", metavar="URL", help=DB_HELP)
    copies.add_argument("--relation", choices=RELATIONS, help="only this relation")
    copies.add_argument("--document", metavar="ID", help="only pairs with this document")
    copies.add_argument("--limit", type=int, metavar="N", help="at most N pairs")
    shape = copies.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="a JSON array, one object per pair")
    shape.add_argument(
        "--chains", action="store_true", help="the relay chain of each story instead of pairs"
    )


def run(args: argparse.Namespace) -> int:
    from newsgraph.store.engine import StoreError

    try:
        if args.command == "corpus":
            return _update(args.db, args.rebuild)
        return _copies(args)
    except StoreError as error:
        print(f"newsgraph: {error}", file=sys.stderr)
        return EXIT_FAILED


def update_after_ingest(url: str | None) -> int:
    """The corpus update `newsgraph ingest` runs at its end (unless --no-corpus)."""
    from newsgraph.store.engine import StoreError

    try:
        return _update(url, rebuild=False)
    except StoreError as error:
        print(f"newsgraph: corpus update: {error}", file=sys.stderr)
        return EXIT_FAILED


def _update(url: str | None, rebuild: bool) -> int:
    from newsgraph.corpus.update import update_corpus
    from newsgraph.store.engine import check_revision, connect, describe

    engine = connect(url)
    try:
        check_revision(engine)
        reports = update_corpus(engine, rebuild=rebuild)
    finally:
        engine.dispose()
    for report in reports:
        for note in report.notes:
            print(f"newsgraph: {note}", file=sys.stderr)
        print(
            f"newsgraph: corpus {report.step}: {report.processed} new document(s) processed, "
            f"{report.forgotten} forgotten, {report.skipped} skipped, in {report.seconds:.1f}s "
            f"-> {describe(str(engine.url))}",
            file=sys.stderr,
        )
    return EXIT_OK


def _copies(args: argparse.Namespace) -> int:
    from newsgraph.corpus.copies.report import read_pairs, relay_chains
    from newsgraph.store.engine import check_revision, connect

    engine = connect(args.db)
    try:
        check_revision(engine)
        with engine.connect() as connection:
            pairs = read_pairs(connection, args.relation, args.document, args.limit)
            chains = relay_chains(connection, pairs) if args.chains else []
    finally:
        engine.dispose()
    if args.json:
        json.dump([pair.to_json() for pair in pairs], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return EXIT_OK
    if not pairs:
        print("no copies found (run `newsgraph corpus update` after ingesting)")
        return EXIT_OK
    if args.chains:
        _print_chains(chains)
    else:
        _print_pairs(pairs)
    return EXIT_OK


def _print_pairs(pairs: Sequence[Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title_justify="left")
    columns = ("earlier", "later", "relation", "similarity", "shared spans", "changes", "credit")
    for name in columns:
        table.add_column(name, overflow="fold")
    for pair in pairs:
        reused = [s for s in pair.spans if s.discounted is None]
        spans = "; ".join(
            f"{s.first[0]}-{s.first[1]} = {s.second[0]}-{s.second[1]}" for s in reused[:3]
        )
        if len(reused) > 3:
            spans += f"; +{len(reused) - 3} more"
        kinds: dict[str, int] = {}
        for change in pair.changes:
            kinds[change.kind] = kinds.get(change.kind, 0) + 1
        changes = ", ".join(f"{k} x{n}" if n > 1 else k for k, n in kinds.items())
        first = pair.first + ("" if pair.earlier else " (?)")
        table.add_row(
            first,
            pair.second,
            pair.relation,
            f"{pair.similarity:.2f}",
            spans,
            changes or "-",
            pair.credit or "none",
        )
    Console(width=None if sys.stdout.isatty() else 160).print(table)


def _print_chains(chains: Sequence[Sequence[Any]]) -> None:
    for number, chain in enumerate(chains, 1):
        print(f"story {number}:")
        for link in chain:
            when = f"{link.published or '?'} {link.outlet or ''}".strip()
            if link.copied_from is None:
                print(f"  {link.document} ({when}): first published")
            else:
                credit = "credited" if link.credited else "not credited"
                print(
                    f"  {link.document} ({when}): {link.relation} copy of {link.copied_from}, "
                    f"{credit}"
                )
