"""Latency of the served pages at 1,000 and 10,000 articles (SQLite), alone and under load.

    .venv/bin/python benchmarks/serve.py [--sizes 1000 10000] [--repeat 40] [--clients 50]
                                         [--seconds 20]

Fills each store the way benchmarks/store_queries.py does (copies of the analysed examples
under new ids, written in bulk), starts `newsgraph serve` on it in its own process, and asks
for the article page of one document, the page of the busiest speaker and a search: first
one request at a time (`--repeat` times each, after one untimed request), then with
`--clients` concurrent clients for `--seconds`, which gives requests/s. A document's text
(one row by its id) is timed beside them as the floor any request pays on this machine.
The search is for 'ceasefire talks'. Prints p50 and p95 in milliseconds and writes
benchmarks/results/serve.json (`--keep DIR` keeps the stores there and uses them again).
The goal: p95 under 200 ms at 10,000 articles, one request at a time.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
from rich.console import Console
from rich.table import Table
from sqlalchemy import func, select

from newsgraph.api.load import Target, TargetReport, run_load, served
from newsgraph.model import Analysis
from newsgraph.store import tables
from newsgraph.store.engine import connect
from store_queries import analyse_examples, build_store, busiest_speaker_id

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "serve.json"
SEARCH = "ceasefire talks"
ARTICLES_ASKED = 20  # different documents, spread over the store


def targets(url: str) -> list[Target]:
    """What is asked of the store at `url`: the floor, then the three pages."""
    engine = connect(url)
    with engine.connect() as connection:
        d = tables.documents
        count = connection.execute(select(func.count()).select_from(d)).scalar_one()
        step = max(1, count // ARTICLES_ASKED)
        ids = [
            quote(str(doc_id))
            for doc_id in connection.execute(
                select(d.c.doc_id).where(d.c.id % step == 0).order_by(d.c.id)
            ).scalars()
        ][:ARTICLES_ASKED]
        speaker = busiest_speaker_id(connection)
    engine.dispose()
    return [
        Target("floor: text by id (API)", tuple(f"/api/documents/{i}/text" for i in ids)),
        Target("article page", tuple(f"/documents/{i}" for i in ids)),
        Target("speaker page", (f"/entities/{speaker}",)),
        Target("search page", (f"/search?q={quote(SEARCH)}",)),
        Target("search API", (f"/api/search?q={quote(SEARCH)}",)),
    ]


def one_at_a_time(base: str, target: Target, repeat: int) -> TargetReport:
    report = TargetReport(target.name)
    with httpx.Client(base_url=base, timeout=60) as client:
        for number in range(repeat + 1):
            path = target.paths[number % len(target.paths)]
            started = time.perf_counter()
            status = client.get(path).status_code
            elapsed = (time.perf_counter() - started) * 1000
            if not 200 <= status < 300:
                raise RuntimeError(f"{path}: answered {status}")
            if number:  # the first request warms the caches
                report.latencies.append(elapsed)
    return report


def _timing(report: TargetReport) -> dict[str, float]:
    return {
        "p50_ms": round(report.percentile(0.5), 1),
        "p95_ms": round(report.percentile(0.95), 1),
        "requests": report.requests,
    }


def measure(url: str, repeat: int, clients: int, seconds: float) -> dict[str, Any]:
    asked = targets(url)
    with served(url) as base:
        alone = {t.name: _timing(one_at_a_time(base, t, repeat)) for t in asked}
        # Under load, the floor is left out: only the pages compete.
        load = run_load(base, asked[1:], clients=clients, seconds=seconds)
    return {
        "alone": alone,
        "load": {
            "clients": clients,
            "seconds": round(load.seconds, 1),
            "requests_per_s": round(load.per_second, 1),
            "not_2xx": {str(status): n for status, n in load.failures.items()},
            "pages": {t.name: _timing(t) for t in load.targets},
        },
    }


def _table(report: dict[str, Any], sizes: Sequence[int]) -> Table:
    table = Table(title="served pages on SQLite (ms; one request at a time, then under load)")
    table.add_column("request")
    for size in sizes:
        table.add_column(f"p50 @{size}", justify="right")
        table.add_column(f"p95 @{size}", justify="right")
        table.add_column(f"loaded p95 @{size}", justify="right")
    first = report["articles"][str(sizes[0])]
    for name in first["alone"]:
        cells = []
        for size in sizes:
            measured = report["articles"][str(size)]
            alone = measured["alone"][name]
            loaded = measured["load"]["pages"].get(name)
            cells += [
                f"{alone['p50_ms']:.0f}",
                f"{alone['p95_ms']:.0f}",
                f"{loaded['p95_ms']:.0f}" if loaded else "",
            ]
        table.add_row(name, *cells)
    cells = []
    for size in sizes:
        load = report["articles"][str(size)]["load"]
        cells += ["", "", f"{load['requests_per_s']:.0f}/s"]
    table.add_row(f"requests/s with {first['load']['clients']} clients", *cells)
    return table


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument(
        "--analyses", type=Path, metavar="JSONL", help="use these analyses instead of analysing"
    )
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build the stores here, keep them")
    args = parser.parse_args(argv)
    console = Console(width=120)
    started = time.perf_counter()
    analyses: list[Analysis]
    if args.analyses:
        lines = args.analyses.read_text(encoding="utf-8").splitlines()
        analyses = [Analysis.model_validate_json(line) for line in lines if line.strip()]
    else:
        analyses = analyse_examples()
    console.print(f"analysed {len(analyses)} examples in {time.perf_counter() - started:.0f}s")
    report: dict[str, Any] = {"articles": {}, "distinct_texts": len(analyses)}
    report["load_average_before"] = list(os.getloadavg())
    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for size in args.sizes:
            path = folder / f"store-{size}.db"
            url = f"sqlite:///{path}"
            started = time.perf_counter()
            built: float | None = None
            if args.keep and path.exists():
                console.print(f"{size} articles: the store kept in {folder} is used again")
            else:
                build_store(url, analyses, size)
                built = round(time.perf_counter() - started, 1)
                console.print(f"{size} articles stored in {built:.0f}s")
            measured = measure(url, args.repeat, args.clients, args.seconds)
            report["articles"][str(size)] = {"build_s": built, **measured}
            if measured["load"]["not_2xx"]:
                console.print(f"[red]not 2xx under load: {measured['load']['not_2xx']}[/red]")
    console.print(_table(report, args.sizes))
    report["load_average_after"] = list(os.getloadavg())
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    console.print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
