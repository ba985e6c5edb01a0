"""`newsgraph stories`: the stories of the store, each with its label and its articles.

The stories step runs with `newsgraph corpus update` (and at the end of `newsgraph ingest`);
this command only lists what it found. Only argparse is imported at start-up.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from newsgraph.commands.arguments import open_existing_store, whole_number

COMMAND = "stories"
EXIT_OK, EXIT_FAILED = 0, 1
HELP = "stories: stored articles grouped by the happening they report"
DESCRIPTION = """\
Stories: the stored articles about the same real-world happening, grouped as they arrived (each
new article joins the story it fits best or starts one). Each story is shown with its label (its
main entities and the dates its articles span) and its articles, oldest first."""


def register(commands: Any) -> None:
    parser = commands.add_parser(COMMAND, help=HELP, description=DESCRIPTION)
    parser.add_argument(
        "--db", metavar="URL", help="the store (default: $NEWSGRAPH_DB, else ./newsgraph.db)"
    )
    parser.add_argument("--json", action="store_true", help="a JSON array, one object per story")
    parser.add_argument(
        "--min-documents",
        type=whole_number(1),
        default=1,
        metavar="N",
        help="only stories of at least N articles (default 1)",
    )
    parser.add_argument("--limit", type=whole_number(1), metavar="N", help="at most N stories")


def run(args: argparse.Namespace) -> int:
    from newsgraph.corpus.stories.report import read_stories
    from newsgraph.store.engine import StoreError

    try:
        engine = open_existing_store(args.db)
        try:
            with engine.connect() as connection:
                found = read_stories(connection, args.min_documents, args.limit)
        finally:
            engine.dispose()
    except StoreError as error:
        print(f"newsgraph: {error}", file=sys.stderr)
        return EXIT_FAILED
    if args.json:
        json.dump([story.to_json() for story in found], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return EXIT_OK
    if not found:
        print("no stories found (run `newsgraph corpus update` after ingesting)")
        return EXIT_OK
    show(found)
    return EXIT_OK


def show(found: Sequence[Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title_justify="left")
    for name in ("story", "label", "articles", "documents"):
        table.add_column(name, overflow="fold")
    for story in found:
        ids = [member.document_id for member in story.documents]
        shown = ", ".join(ids[:8]) + (f", +{len(ids) - 8} more" if len(ids) > 8 else "")
        table.add_row(str(story.id), story.label, str(len(ids)), shown)
    Console(width=None if sys.stdout.isatty() else 160).print(table)
