"""`newsgraph collect`: the command line around `newsgraph.collect.collect`."""

from __future__ import annotations

import argparse
import datetime as dt
import signal
import sys
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Engine

from newsgraph.collect.config import DEFAULT_DELAY_S, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_S

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

EPILOG = """\
examples:
  newsgraph collect --feed https://example.org/rss.xml -o crawl.warc.gz --contact me@example.org
  newsgraph collect --sitemap https://example.org/sitemap.xml --since 2025-01-01 -o crawl.warc.gz
  newsgraph collect --urls urls.txt -o crawl.warc.gz --ingest --db sqlite:///news.db
  newsgraph analyze crawl.warc.gz -o crawl.jsonl

Run the same command again to go on after an interruption, or later to fetch only what is new
or changed (the state file remembers ETag and Last-Modified).

exit status: 0 every page collected or skipped for a stated reason; 1 some failed (each
reported on stderr); 2 bad command line; 130 interrupted (what was written is kept)."""


def add_collect_parser(commands: Any) -> None:
    """Register `collect` on the `newsgraph` subcommands."""
    parser = commands.add_parser(
        "collect",
        help="fetch articles from the web into a WARC archive",
        description="Fetch article pages named by URL, RSS/Atom feed or sitemap into a WARC "
        "file, politely (robots.txt, a delay between requests to a host) and resumably.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("urls", nargs="*", metavar="URL", help="article pages to fetch")
    parser.add_argument(
        "--feed", action="append", default=[], metavar="URL", nargs="+", help="RSS or Atom feeds"
    )
    parser.add_argument(
        "--sitemap",
        action="append",
        default=[],
        metavar="URL",
        nargs="+",
        help="sitemaps, sitemap indexes or news sitemaps",
    )
    parser.add_argument(
        "--urls",
        dest="url_file",
        type=Path,
        metavar="FILE",
        help="a file of article URLs, one a line (# starts a comment)",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="CRAWL.warc.gz",
        help="the WARC file to write (appended to when it exists)",
    )
    parser.add_argument(
        "--state", type=Path, metavar="FILE", help="state file (default: CRAWL.warc.gz.state)"
    )
    parser.add_argument(
        "--ingest",
        action="store_true",
        help="afterwards, analyse the pages and store them as `newsgraph ingest`",
    )
    parser.add_argument("--db", metavar="URL", help="database URL for --ingest")
    parser.add_argument(
        "--since",
        type=_date,
        metavar="YYYY-MM-DD",
        help="leave out entries a feed or sitemap dates before this day",
    )
    parser.add_argument(
        "--max-pages",
        type=_positive_int,
        metavar="N",
        help="ask for at most N article pages in this run",
    )
    parser.add_argument(
        "--delay",
        type=_seconds,
        default=DEFAULT_DELAY_S,
        metavar="S",
        help=f"seconds between requests to one host (default {DEFAULT_DELAY_S:g}; "
        "a longer robots.txt Crawl-delay wins)",
    )
    parser.add_argument("--user-agent", metavar="UA", help="replace the User-Agent header")
    parser.add_argument(
        "--contact",
        metavar="EMAIL_OR_URL",
        help="how site owners can reach you; put in the User-Agent",
    )
    parser.add_argument(
        "--allow-offsite",
        action="store_true",
        help="keep links to other sites than the feed's or sitemap's own",
    )
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=DEFAULT_TIMEOUT_S,
        metavar="S",
        help=f"per request (default {DEFAULT_TIMEOUT_S:g})",
    )
    parser.add_argument(
        "--max-bytes",
        type=_positive_int,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"largest response body kept (default {DEFAULT_MAX_BYTES})",
    )
    parser.add_argument(
        "--retries",
        type=_count,
        default=3,
        metavar="N",
        help="further attempts after a timeout, 429 or 5xx (default 3)",
    )
    parser.add_argument("--backoff", type=_seconds, default=2.0, help=argparse.SUPPRESS)
    parser.add_argument(
        "--max-retry-wait",
        type=_seconds,
        default=120.0,
        metavar="S",
        help="longest wait before a retry, Retry-After included (default 120)",
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: when stderr is a terminal)",
    )


def run_collect(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from newsgraph.collect.config import CollectConfig
    from newsgraph.collect.crawler import Seeds, collect
    from newsgraph.collect.report import CollectReporter

    feeds = [url for group in args.feed for url in group]
    sitemaps = [url for group in args.sitemap for url in group]
    urls = list(args.urls)
    if args.url_file is not None:
        urls += _read_url_file(args.url_file, parser)
    if not (feeds or sitemaps or urls):
        parser.error("collect: name something to fetch: URL..., --urls FILE, --feed or --sitemap")
    for url in [*feeds, *sitemaps, *urls]:
        if not url.lower().startswith(("http://", "https://")):
            parser.error(f"collect: {url!r} is not an http(s) URL")
    if args.db and not args.ingest:
        parser.error("collect: --db is only used with --ingest")
    store = None
    if args.ingest:
        from newsgraph.collect.store_adapter import open_store
        from newsgraph.store.engine import StoreError

        try:
            store = open_store(args.db)
        except StoreError as error:
            print(f"newsgraph: collect --ingest: {error}", file=sys.stderr)
            return EXIT_FAILED
    if not args.output.parent.exists():
        parser.error(f"collect: {args.output.parent}: no such folder for the output")
    config = CollectConfig(
        delay=args.delay,
        timeout=args.timeout,
        max_bytes=args.max_bytes,
        retries=args.retries,
        backoff=args.backoff,
        max_retry_wait=args.max_retry_wait,
        max_pages=args.max_pages,
        since=args.since,
        allow_offsite=args.allow_offsite,
        user_agent=args.user_agent,
        contact=args.contact,
    )
    if not (args.contact or args.user_agent):
        print(
            "newsgraph: note: no --contact given; site owners cannot tell whom to ask about "
            "this crawl",
            file=sys.stderr,
        )
    show_progress = sys.stderr.isatty() if args.progress is None else args.progress
    seeds = Seeds(feeds=feeds, sitemaps=sitemaps, urls=urls)
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        with CollectReporter(show_progress) as reporter:
            summary = collect(seeds, args.output, config, state=args.state, reporter=reporter)
    finally:
        signal.signal(signal.SIGTERM, previous)
    print(f"newsgraph: {_summary_line(summary)}", file=sys.stderr)
    if summary.interrupted:
        print(
            "newsgraph: interrupted; every page written so far is kept. Run the same command "
            "again to go on.",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    if store is not None:
        code = _ingest(args.output, store)
        if code != EXIT_OK:
            return code
    return EXIT_FAILED if summary.problems else EXIT_OK


def _summary_line(summary: Any) -> str:
    parts = [
        f"{summary.fetched} collected",
        f"{summary.not_modified} not modified",
        f"{summary.skipped} skipped",
        f"{summary.failed} failed",
    ]
    if summary.already_done:
        parts.append(f"{summary.already_done} done before the interruption")
    line = f"{summary.listed} page(s): {', '.join(parts)}"
    if summary.listing_failures:
        line += f"; {summary.listing_failures} feed(s) or sitemap(s) unreadable"
    if summary.filtered:
        reasons = ", ".join(f"{n} {why}" for why, n in sorted(summary.filter_reasons.items()))
        line += f"; {summary.filtered} URL(s) left out ({reasons})"
    return f"{line}; {summary.seconds:.1f}s -> {summary.warc}"


def _ingest(warc: Path, store: Engine) -> int:
    from newsgraph.collect.store_adapter import ingest_warc, store_name
    from newsgraph.pipeline import Pipeline
    from newsgraph.store.engine import StoreError

    try:
        counts = ingest_warc(warc, store, Pipeline)
    except StoreError as error:
        print(f"newsgraph: collect --ingest: {error}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        store.dispose()
    done = ", ".join(f"{counts[s]} {s}" for s in ("stored", "unchanged", "replaced", "failed"))
    print(f"newsgraph: ingest of {warc}: {done} -> {store_name(store)}", file=sys.stderr)
    return EXIT_FAILED if counts["failed"] else EXIT_OK


def _read_url_file(path: Path, parser: argparse.ArgumentParser) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        parser.error(f"collect: {path}: cannot read the URL file ({error})")
    urls = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
        if not line:
            continue
        if not line.lower().startswith(("http://", "https://")):
            parser.error(f"collect: {path}:line {number}: {line!r} is not an http(s) URL")
        urls.append(line)
    return urls


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date in YYYY-MM-DD form") from None


def _seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"{value!r}: must not be negative")
    return number


def _positive_int(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return int(value)


def _count(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number")
    return int(value)
