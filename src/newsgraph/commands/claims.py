"""`newsgraph claims`: the claims of the store, each with how it travelled from outlet to outlet.

With --update it first matches the documents not yet matched (newsgraph.corpus.claims); it
then lists claims reported in at least two documents (--min-documents), the most widely reported
first, as readable timelines or, with --json, every field. Only argparse is imported at start-up.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
from collections.abc import Sequence
from typing import Any

from newsgraph.commands.arguments import open_existing_store, whole_number

COMMAND = "claims"
EXIT_OK, EXIT_FAILED = 0, 1
HELP = "claims reported by several articles: timelines, laundering and hardening"
DESCRIPTION = """\
Claims: attributions in different articles that report the same source saying the same thing,
and the outlet's own sentences that state it without a source. Each claim is shown with its
timeline: every appearance with its date, outlet, the source as named there, the cue, the stance
and whether it is still attributed. Flags: "laundering" (an outlet states it in its own voice
after others attributed it) and "hardening" (alleged -> said -> stated as fact). NAME is any name
an article gave the entity."""


def register(commands: Any) -> None:
    parser = commands.add_parser(COMMAND, help=HELP, description=DESCRIPTION)
    parser.add_argument(
        "--db", metavar="URL", help="the store (default: $NEWSGRAPH_DB, else ./newsgraph.db)"
    )
    parser.add_argument("--json", action="store_true", help="print a JSON array of every field")
    parser.add_argument("--by", metavar="NAME", help="claims this entity is a source of")
    parser.add_argument("--about", metavar="NAME", help="claims whose content mentions it")
    parser.add_argument(
        "--update", action="store_true", help="first match the documents not yet matched"
    )
    parser.add_argument(
        "--flagged", action="store_true", help="only claims flagged laundering or hardening"
    )
    parser.add_argument(
        "--min-documents",
        type=whole_number(1),
        default=2,
        metavar="N",
        help="claims reported in at least N documents (default 2)",
    )
    parser.add_argument(
        "--limit", type=whole_number(1), default=20, metavar="N", help="claims shown"
    )


def run(args: argparse.Namespace) -> int:
    from sqlalchemy import func, select

    from newsgraph.corpus.claims import ClaimsError, UnknownNameError, list_claims, update_claims
    from newsgraph.store import claims_tables
    from newsgraph.store.engine import StoreError

    status = EXIT_OK
    try:
        engine = open_existing_store(args.db)
        if args.update:
            report = update_claims(engine)
            for problem in report.problems:
                print(f"newsgraph: {problem}", file=sys.stderr)
                status = EXIT_FAILED
            print(
                f"newsgraph: claims: {report.documents} document(s) matched "
                f"({report.statements} statements: {report.joined} joined a claim, "
                f"{report.new_claims} new), {report.unchanged} already matched",
                file=sys.stderr,
            )
        with engine.connect() as connection:
            any_claim = connection.execute(select(func.count(claims_tables.claims.c.id))).scalar()
            if not any_claim:
                print(
                    "newsgraph: no claims in the store yet; run `newsgraph claims --update` "
                    "to match its documents",
                    file=sys.stderr,
                )
                return EXIT_FAILED
            found = list_claims(
                connection,
                by=args.by,
                about=args.about,
                min_documents=args.min_documents,
                flagged=args.flagged,
                limit=args.limit,
            )
    except (StoreError, ClaimsError, UnknownNameError) as error:
        message = error.args[0] if isinstance(error, UnknownNameError) else str(error)
        print(f"newsgraph: {message}", file=sys.stderr)
        return EXIT_FAILED
    if not found:
        print(f"no claims reported in {args.min_documents} or more documents match")
    elif args.json:
        json.dump([_as_dict(claim) for claim in found], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        show(found)
    return status


def _as_dict(value: Any) -> Any:
    def plain(item: Any) -> Any:
        if isinstance(item, dt.date):
            return item.isoformat()
        if isinstance(item, (list, tuple)):
            return [plain(x) for x in item]
        if isinstance(item, dict):
            return {k: plain(v) for k, v in item.items()}
        return item

    return plain(dataclasses.asdict(value))


def _short(text: str | None, width: int) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def show(found: Sequence[Any]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(width=max(Console().width, 150))
    for claim in found:
        marks = [name for name in ("laundering", "hardening") if getattr(claim, name)]
        flags = f"  [bold red]{', '.join(marks)}[/]" if marks else ""
        console.print(
            f"[bold]claim {claim.id}[/]: {claim.document_count} documents, "
            f"{claim.outlet_count} outlets{flags}\n  source: {claim.source or '(none named)'}\n"
            f"  {_short(claim.content, 130)}",
            highlight=False,
        )
        table = Table(show_edge=False, pad_edge=False, box=None, padding=(0, 1))
        for name in ("date", "outlet", "source as named", "cue", "stance"):
            table.add_column(name, overflow="fold", no_wrap=name == "date")
        table.add_column("content (document start-end)", overflow="fold", ratio=1)
        for item in claim.timeline:
            named = item.source or "—"
            if item.source_name and item.source_name != item.source:
                named = f"{named} [{item.source_name}]"
            where = Text(f"\n{item.document_id} {item.start}-{item.end}", style="dim")
            table.add_row(
                item.published.isoformat() if item.published else "",
                _short(item.outlet, 24),
                _short(named, 40) if item.attributed else "(own voice)",
                _short(item.cue, 16),
                item.stance if item.attributed else "as fact",
                Text(_short(item.content, 90)) + where,
            )
        console.print(table)
        console.print()
