"""The query commands: `newsgraph quotes`, `entity`, `search`, `documents`.

Each prints a readable table (rich), or every field with --json (an array) or --csv (one row a
result; list-valued fields as JSON). They read a store made by `newsgraph ingest` and never
change it: an empty store or one at another schema revision is refused in one line (exit 1);
no results is a one-line "no ..." and exit 0. Every list is bounded by --limit (default 20;
10 quotes of each kind and documents for `entity`); when more rows match than were shown, a
note on stderr says so and how to see the next page, so that --json and --csv stay clean. Only
argparse is imported here at start-up: the store and rich load when a command runs.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import datetime as dt
import json
import sys
from collections.abc import Sequence
from typing import Any

from newsgraph.commands.arguments import open_existing_store, whole_number

COMMANDS = ("quotes", "entity", "search", "documents")
EXIT_OK, EXIT_FAILED = 0, 1

KINDS = ("direct", "indirect", "mixed", "according_to", "embedded_post", "own_voice")
STANCES = ("neutral", "assertive", "distancing", "question", "other")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date in YYYY-MM-DD form") from None


def _common(parser: argparse.ArgumentParser, paged: bool = True) -> None:
    parser.add_argument(
        "--db", metavar="URL", help="the store (default: $NEWSGRAPH_DB, else ./newsgraph.db)"
    )
    shape = parser.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print a JSON array of every field")
    shape.add_argument("--csv", action="store_true", help="print CSV, one row a result")
    if paged:
        parser.add_argument("--limit", type=whole_number(0), default=20, metavar="N")
        parser.add_argument("--offset", type=whole_number(0), default=0, metavar="N")


def _dates(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--outlet", metavar="O", help="published by or relayed through O")
    parser.add_argument("--since", type=_date, metavar="YYYY-MM-DD", help="published on or after")
    parser.add_argument("--until", type=_date, metavar="YYYY-MM-DD", help="published on or before")


def register(commands: Any) -> None:
    """Add the query subcommands to the `newsgraph` parser's subparsers."""
    quotes = commands.add_parser(
        "quotes",
        help="who said what (from the store)",
        description="Attributions in the store, newest first. NAME is any name an article "
        "gave the entity; the outlet's own voice is shown only with --kind own_voice or --about.",
    )
    quotes.add_argument("--by", metavar="NAME", help="said by this entity (any alias) or source")
    quotes.add_argument("--about", metavar="NAME", help="what was said mentions this entity")
    quotes.add_argument("--stance", choices=STANCES)
    quotes.add_argument("--kind", choices=KINDS)
    _dates(quotes)
    _common(quotes)

    entity = commands.add_parser(
        "entity",
        help="an entity: names, places, documents, what it said and was said about it",
        description="Every corpus entity some article called NAME.",
    )
    entity.add_argument("name", metavar="NAME")
    entity.add_argument(
        "--limit", type=whole_number(0), default=10, metavar="N", help="quotes and documents shown"
    )
    _common(entity, paged=False)

    search = commands.add_parser(
        "search",
        help="full-text search with the matching spans",
        description="Documents holding every word of TEXT (stemmed), best first, with the "
        "offsets of each match and the attribution whose content holds it.",
    )
    search.add_argument("text", metavar="TEXT")
    search.add_argument(
        "--contents", action="store_true", help="search only what sources are reported to say"
    )
    search.add_argument("--limit", type=whole_number(0), default=20, metavar="N", help="documents")
    _common(search, paged=False)

    documents = commands.add_parser(
        "documents",
        help="stored documents with counts of each layer",
        description="Stored documents, newest first.",
    )
    _dates(documents)
    _common(documents)


def main(args: argparse.Namespace) -> int:
    """Run one query command; the exit status."""
    from newsgraph.store.engine import StoreError

    try:
        engine = open_existing_store(args.db)
        with engine.connect() as connection:
            results, empty, cut = _run(connection, args)
    except StoreError as error:
        print(f"newsgraph: {error}", file=sys.stderr)
        return EXIT_FAILED
    if cut:
        print(f"newsgraph: {cut}", file=sys.stderr)
    if not results:
        print(empty)
    elif args.json:
        json.dump([as_dict(r) for r in results], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif args.csv:
        write_csv(results, sys.stdout)
    else:
        _show(args.command, results)
    return EXIT_OK


def _run(connection: Any, args: argparse.Namespace) -> tuple[Sequence[Any], str, str | None]:
    """The results, the line for no results, and the note for a page cut short (or None).
    One row more than the page is asked for, to know whether there are more."""
    from newsgraph.store import queries

    if args.command == "quotes":
        found: Sequence[Any] = queries.quotes(
            connection,
            by=args.by,
            about=args.about,
            stance=args.stance,
            kind=args.kind,
            outlet=args.outlet,
            since=args.since,
            until=args.until,
            limit=args.limit + 1,
            offset=args.offset,
        )
        return _paged(found, args, "no quotes match", "quotes")
    if args.command == "entity":
        reports = queries.entity(connection, args.name, limit=args.limit)
        full = any(len(r.said) == args.limit or len(r.said_about) == args.limit for r in reports)
        note = (
            f"at most {args.limit} statements by and about each entity are shown; "
            "--limit N shows more, `newsgraph quotes --by/--about NAME` pages through them"
            if full and args.limit
            else None
        )
        return reports, f"no entity called {args.name!r} in the store", note
    if args.command == "search":
        units = "documents" if not args.contents else "content pieces"
        matches = queries.search(
            connection,
            args.text,
            limit=args.limit + 1,
            within="contents" if args.contents else "documents",
        )
        kept, cut = _best(matches, args.limit, by_attribution=args.contents)
        note = f"only the best {args.limit} {units} are shown (--limit N)" if cut else None
        return kept, f"no matches for {args.text!r}", note
    found = queries.documents(
        connection,
        outlet=args.outlet,
        since=args.since,
        until=args.until,
        limit=args.limit + 1,
        offset=args.offset,
    )
    return _paged(found, args, "no documents match", "documents")


def _paged(
    found: Sequence[Any], args: argparse.Namespace, empty: str, what: str
) -> tuple[Sequence[Any], str, str | None]:
    if len(found) <= args.limit:
        return found, empty, None
    shown = f"{what} {args.offset + 1}-{args.offset + args.limit}"
    return (
        found[: args.limit],
        empty,
        f"{shown} are shown and more match; --offset {args.offset + args.limit} shows the next",
    )


def _best(matches: Sequence[Any], limit: int, by_attribution: bool) -> tuple[list[Any], bool]:
    """The matches of the first `limit` documents (or attributions) of `matches`, and
    whether any were left out."""
    seen: list[Any] = []
    kept: list[Any] = []
    for match in matches:
        unit = (match.document_id, match.attribution_id) if by_attribution else match.document_id
        if unit not in seen:
            seen.append(unit)
        if len(seen) > limit:
            return kept, True
        kept.append(match)
    return kept, False


def as_dict(result: Any) -> dict[str, Any]:
    """A result as JSON-ready values (dates as ISO strings)."""
    return json.loads(json.dumps(dataclasses.asdict(result), default=_iso))  # type: ignore[no-any-return]


def _iso(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def flat_row(result: Any) -> dict[str, Any]:
    """One CSV row: scalars as they are, lists and nested results as JSON text."""
    row = {}
    for name, value in as_dict(result).items():
        nested = isinstance(value, list | dict)
        row[name] = json.dumps(value, ensure_ascii=False) if nested else value
    return row


def write_csv(results: Sequence[Any], stream: Any) -> None:
    rows = [flat_row(r) for r in results]
    writer = csv.DictWriter(stream, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def _show(command: str, results: Sequence[Any]) -> None:
    from rich.console import Console

    from newsgraph.commands import views

    console = Console() if sys.stdout.isatty() else Console(width=160)
    views.show(command, results, console)
