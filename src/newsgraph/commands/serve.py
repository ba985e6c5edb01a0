"""`newsgraph serve`: the HTTP API (and the web pages) over a store, served by uvicorn."""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_FAILED = 0, 1

EPILOG = """\
The API is under /api/ (JSON, paginated); its OpenAPI description is at /openapi.json and
browsable at /docs. Writes (submitting an article) need the key in NEWSGRAPH_API_KEY, sent as
the X-API-Key header, when that variable is set.

examples:
  newsgraph serve --demo                 the bundled examples in a temporary store
  newsgraph serve --db news.db --port 8080
  NEWSGRAPH_API_KEY=secret newsgraph serve --db postgresql://newsgraph@localhost/news"""


def register(commands: Any) -> None:
    """Add `serve` to the subcommands of `newsgraph`."""
    parser = commands.add_parser(
        "serve",
        help="serve the store over HTTP (JSON API and web pages)",
        description="Serve the store's API and pages with uvicorn.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--db", metavar="URL", help="the store (default: $NEWSGRAPH_DB, else ./newsgraph.db)"
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (8000)")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="ingest the bundled examples into a temporary store first, and serve that",
    )
    parser.add_argument(
        "--upload-limit",
        type=_size,
        default=None,
        metavar="BYTES",
        help="largest request body accepted, e.g. 5000000 or 5MB (default 5MB)",
    )
    parser.add_argument(
        "--analysis-workers",
        type=int,
        default=1,
        metavar="N",
        help="processes analysing submitted articles (default 1)",
    )


def _size(value: str) -> int:
    units = {"kb": 1000, "mb": 1000**2, "kib": 1024, "mib": 1024**2, "b": 1}
    lowered = value.strip().lower()
    for suffix, factor in sorted(units.items(), key=lambda item: -len(item[0])):
        if lowered.endswith(suffix):
            number, scale = lowered.removesuffix(suffix).strip(), factor
            break
    else:
        number, scale = lowered, 1
    try:
        size = int(float(number) * scale)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {value!r}") from None
    if size < 1:
        raise argparse.ArgumentTypeError("must be at least 1 byte")
    return size


def examples_folder() -> Path | None:
    """The bundled examples: ./examples, else the one beside the source checkout."""
    for candidate in (Path.cwd() / "examples", Path(__file__).resolve().parents[3] / "examples"):
        if (candidate / "articles").is_dir():
            return candidate
    return None


def ingest_examples(url: str) -> int:
    """Analyse the bundled examples into the store at `url` and run the cross-article layer
    over them (copies, stories, claims), so that every page has something to show; returns
    how many examples failed."""
    from newsgraph.corpus.claims import update_claims
    from newsgraph.corpus.update import update_corpus
    from newsgraph.notebook import Corpus
    from newsgraph.store.engine import connect

    folder = examples_folder()
    if folder is None:
        raise FileNotFoundError("the bundled examples/ folder is not here")
    corpus = Corpus(url)
    paths = [str(folder / name) for name in ("articles", "story", "feed.jsonl")]
    counts = corpus.ingest([path for path in paths if Path(path).exists()])
    engine = connect(url)
    try:
        update_corpus(engine)
        update_claims(engine)
    finally:
        engine.dispose()
    return counts["failed"]


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from newsgraph.api.app import create_app
    from newsgraph.api.settings import DEFAULT_UPLOAD_LIMIT, ServeSettings
    from newsgraph.store.engine import StoreError

    if not 0 < args.port < 65536:
        print(f"newsgraph: serve: --port {args.port} is not a port number", file=sys.stderr)
        return 2
    if args.analysis_workers < 1:
        print("newsgraph: serve: --analysis-workers must be at least 1", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="newsgraph-demo-") as folder:
        url = args.db
        if args.demo:
            url = args.db or f"sqlite:///{Path(folder) / 'demo.db'}"
            print("newsgraph: serve: analysing the bundled examples...", file=sys.stderr)
            try:
                failed = ingest_examples(url)
            except (FileNotFoundError, StoreError) as error:
                print(f"newsgraph: serve: {error}", file=sys.stderr)
                return EXIT_FAILED
            if failed:
                print(f"newsgraph: serve: {failed} example(s) failed", file=sys.stderr)
        settings = ServeSettings.from_environment(
            url,
            upload_limit=args.upload_limit or DEFAULT_UPLOAD_LIMIT,
            demo=args.demo,
            analysis_workers=args.analysis_workers,
        )
        try:
            app = create_app(settings)
        except StoreError as error:
            print(f"newsgraph: serve: {error}", file=sys.stderr)
            return EXIT_FAILED
        print(
            f"newsgraph: serving on http://{args.host}:{args.port}/ (API under /api/, "
            f"description at /docs); Ctrl-C stops",
            file=sys.stderr,
        )
        with contextlib.suppress(KeyboardInterrupt):
            uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return EXIT_OK
