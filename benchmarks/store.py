"""Ingest throughput into the store beside a bare spaCy parse of the same texts, in one run.

    python benchmarks/store.py [--limit 1000] [--workers 1,2] [--databases sqlite,postgresql]

Texts: PolNeAR train and dev articles when ../shared/data/polnear is present (topped up with
copies under new ids when --limit asks for more), else the bundled examples repeated under new
ids. Every configuration (database x workers) runs in a fresh process of its own, so that its
peak memory is its own: it parses the texts with bare spaCy, then ingests them into an empty
store with `ingest_documents`, the function behind `newsgraph ingest`. Reported per
configuration: documents/s, its ratio to the bare parse, the share of the time spent writing
to the store (against the time spent analysing), database size per article and peak memory of
the process (and of its worker processes). PostgreSQL runs on a throwaway local server
(newsgraph.store.testserver). Prints a table and writes benchmarks/results/store.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from process_tree import descendants_peak_rss_mib, process_tree_cpu_seconds
from store_queries import query_latencies

REPO = Path(__file__).resolve().parents[1]
# ../shared beside the checkout, or beside the folder of worktrees that holds it.
POLNEAR_CANDIDATES = (
    REPO.parent / "shared" / "data" / "polnear",
    REPO.parents[1] / "shared" / "data" / "polnear",
)
RESULTS = REPO / "benchmarks" / "results" / "store.json"
MIB = 1024 * 1024


def write_feed(path: Path, limit: int, splits: tuple[str, ...] = ("train", "dev")) -> str:
    """A JSONL feed of `limit` articles of these PolNeAR splits; returns which corpus they
    come from."""
    records: list[dict[str, Any]] = []
    corpus = "examples"
    polnear = next((p for p in POLNEAR_CANDIDATES if p.is_dir()), None)
    if polnear is not None:
        corpus = f"PolNeAR {'+'.join(splits)}"
        for split in splits:
            with (polnear / f"{split}.jsonl").open(encoding="utf-8") as handle:
                for line in handle:
                    record = json.loads(line)
                    records.append(
                        {
                            "id": record["id"],
                            "text": record["text"],
                            "published": record.get("publication_date"),
                            "outlet": record.get("publisher"),
                        }
                    )
    else:
        from newsgraph.ingest import Document, read_inputs

        for item in read_inputs([str(REPO / "examples")]):
            if isinstance(item, Document):
                published = item.meta.published
                records.append(
                    {
                        "id": item.id,
                        "text": item.text,
                        "published": published.isoformat() if published else None,
                    }
                )
    chosen = [
        {**records[n % len(records)], "id": f"{records[n % len(records)]['id']}-{n}"}
        for n in range(limit)
    ]
    with path.open("w", encoding="utf-8") as handle:
        for record in chosen:
            handle.write(json.dumps(record) + "\n")
    return corpus


def database_bytes(url: str) -> int:
    """Size of the store on disk: the SQLite file and its journal, or the PostgreSQL database."""
    from sqlalchemy import text

    from newsgraph.store.engine import connect

    engine = connect(url)
    try:
        if engine.dialect.name == "sqlite":
            with engine.connect() as connection:
                connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
            database = engine.url.database or ""
            return sum(p.stat().st_size for p in Path(database).parent.glob("store.db*"))
        with engine.connect() as connection:
            size: int = connection.execute(
                text("SELECT pg_database_size(current_database())")
            ).scalar_one()
            return size
    finally:
        engine.dispose()


def run_one(
    feed: Path, url: str, workers: int, stages: list[str] | None, parse_limit: int
) -> dict[str, Any]:
    """One configuration, in this process: bare parse, then ingest into an empty store."""
    from newsgraph.ingest import read_inputs
    from newsgraph.nlp import load_nlp
    from newsgraph.pipeline import Pipeline
    from newsgraph.store.engine import check_revision, connect
    from newsgraph.store.ingest import ingest_documents

    texts = [json.loads(line)["text"] for line in feed.open(encoding="utf-8")]
    # The baseline's rate settles after a few hundred articles; parsing all of them again in
    # every configuration would double the run for no better figure.
    parsed = texts[:parse_limit] if parse_limit else texts
    nlp = load_nlp()
    list(nlp.pipe(parsed[:5]))  # warm-up: first calls allocate
    started = time.perf_counter()
    for _ in nlp.pipe(parsed, batch_size=16, n_process=workers):
        pass
    bare_seconds = time.perf_counter() - started

    engine = connect(url)
    check_revision(engine, create=True)
    empty_bytes = database_bytes(url)
    pipeline = Pipeline(stages, n_process=workers)
    counts: dict[str, int] = {}
    store_seconds = 0.0
    cpu_before = process_tree_cpu_seconds()
    cpu_after: float | None = None
    worker_peak_mib: float | None = None
    started = time.perf_counter()
    outcomes = ingest_documents(engine, read_inputs([str(feed)]), pipeline)
    for seen, outcome in enumerate(outcomes, start=1):
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
        store_seconds += outcome.store_seconds
        if seen == len(texts):
            # Before the pool shuts down: its workers' CPU time and memory go with them.
            cpu_after = process_tree_cpu_seconds()
            worker_peak_mib = descendants_peak_rss_mib()
    ingest_seconds = time.perf_counter() - started
    engine.dispose()
    stored = counts.get("stored", 0)
    analysis_seconds = ingest_seconds - store_seconds
    cpu_seconds = None if cpu_before is None or cpu_after is None else cpu_after - cpu_before
    bare_rate = len(parsed) / bare_seconds
    return {
        "workers": workers,
        "documents": len(texts),
        "outcomes": counts,
        "bare_parse_documents": len(parsed),
        "bare_parse_seconds": bare_seconds,
        "bare_parse_docs_per_s": bare_rate,
        "ingest_seconds": ingest_seconds,
        "ingest_docs_per_s": stored / ingest_seconds,
        "ratio_to_bare_parse": stored / ingest_seconds / bare_rate,
        "store_seconds": store_seconds,
        # With one worker, writing and analysing take turns: the share is what writing costs.
        # With several, the main process writes while the workers analyse; what matters is
        # how busy that writer is (near 100%, it would hold the workers back).
        "store_share_of_analysis": store_seconds / analysis_seconds,
        "writer_busy_share": store_seconds / ingest_seconds,
        "cpu_seconds_per_doc": None if cpu_seconds is None else cpu_seconds / max(stored, 1),
        "cores_busy": None if cpu_seconds is None else cpu_seconds / ingest_seconds,
        "bytes_per_document": (database_bytes(url) - empty_bytes) / max(stored, 1),
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        # With one worker the pipeline runs in this process; the bare parse's spaCy children
        # are gone by now, so this is the pipeline's worker processes only.
        "peak_rss_worker_mib": worker_peak_mib if workers > 1 else None,
        "query_latencies": query_latencies(url),
    }


def measure(
    limit: int, workers: list[int], databases: list[str], stages: str | None, parse_limit: int
) -> Any:
    from newsgraph.store.testserver import fresh_database, postgres_server

    runs: list[dict[str, Any]] = []
    server_context: AbstractContextManager[str] = (
        postgres_server() if "postgresql" in databases else nullcontext("")
    )
    with (
        tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as scratch,
        server_context as server,
    ):
        folder = Path(scratch)
        feed = folder / "feed.jsonl"
        corpus = write_feed(feed, limit)
        for database in databases:
            for count in workers:
                if database == "sqlite":
                    target = folder / f"sqlite-{count}"
                    target.mkdir()
                    url = f"sqlite:///{target / 'store.db'}"
                else:
                    url = fresh_database(server)
                command = [sys.executable, __file__, "--one", str(feed), url, str(count)]
                command += ["--parse-limit", str(parse_limit)]
                if stages:
                    command += ["--stages", stages]
                done = subprocess.run(command, check=True, capture_output=True, text=True)
                runs.append({"database": database, **json.loads(done.stdout)})
    return {
        "corpus": corpus,
        "documents": limit,
        "stages": stages or "all",
        "runs": runs,
        "python": platform.python_version(),
        "machine": platform.machine(),
    }


def store_share(run: dict[str, Any]) -> str:
    """Writing's share of the analysis time (one worker), or how busy the writer was."""
    if run["workers"] == 1:
        return f"{run['store_share_of_analysis']:.1%}"
    return f"writer {run['store_seconds'] / run['ingest_seconds']:.0%} busy"


def peak_memory(run: dict[str, Any]) -> str:
    """The process's peak, and its largest worker's in parentheses when it had workers."""
    workers = run["peak_rss_worker_mib"]
    return f"{run['peak_rss_mib']:.0f}" + ("" if workers is None else f" ({workers:.0f})")


def print_table(result: dict[str, Any]) -> None:
    table = Table(
        title=f"newsgraph ingest of {result['documents']} {result['corpus']} articles "
        f"(stages: {result['stages']})"
    )
    columns = (
        "store",
        "workers",
        "docs/s",
        "vs bare parse",
        "store share",
        "cores busy",
        "CPU s/doc",
        "KiB/article",
        "peak MiB (workers)",
    )
    for column in columns:
        table.add_column(column, justify="left" if column == "store" else "right")
    for run in result["runs"]:
        table.add_row(
            run["database"],
            str(run["workers"]),
            f"{run['ingest_docs_per_s']:.2f}",
            f"{run['ratio_to_bare_parse']:.2f}",
            store_share(run),
            "-" if run["cores_busy"] is None else f"{run['cores_busy']:.2f}",
            "-" if run["cpu_seconds_per_doc"] is None else f"{run['cpu_seconds_per_doc']:.2f}",
            f"{run['bytes_per_document'] / 1024:.1f}",
            f"{run['peak_rss_mib']:.0f}"
            + (
                "" if run["peak_rss_worker_mib"] is None else f" ({run['peak_rss_worker_mib']:.0f})"
            ),
        )
    # Piped output gets a wide page rather than rich's 80-column default.
    (Console() if sys.stdout.isatty() else Console(width=120)).print(table)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--one"]:
        one = argparse.ArgumentParser()
        one.add_argument("--one", nargs=3, metavar=("FEED", "URL", "WORKERS"))
        one.add_argument("--stages")
        one.add_argument("--parse-limit", type=int, default=0)
        parsed = one.parse_args(argv)
        feed, url, workers = parsed.one
        stages = parsed.stages.split(",") if parsed.stages else None
        print(json.dumps(run_one(Path(feed), url, int(workers), stages, parsed.parse_limit)))
        return 0
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=1000, help="articles (default 1000)")
    parser.add_argument("--workers", default="1,2", help="worker counts to run (default 1,2)")
    parser.add_argument("--databases", default="sqlite,postgresql", help="default both")
    parser.add_argument("--stages", help="comma-separated stages (default: all)")
    parser.add_argument(
        "--parse-limit",
        type=int,
        default=300,
        help="articles the bare-parse baseline parses (default 300; 0: all of them)",
    )
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    # A plain kill stops the run through the context managers: the server and files go too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    workers = [int(n) for n in args.workers.split(",")]
    result = measure(args.limit, workers, args.databases.split(","), args.stages, args.parse_limit)
    print_table(result)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
