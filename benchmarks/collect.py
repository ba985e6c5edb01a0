"""Speed of `newsgraph collect` against the local fixture server, with every politeness delay
set to 0, beside a bare httpx loop over the same pages in the same run; and where the time
goes: fetching, writing the WARC, reading it back (trafilatura) and analysing it.

    python benchmarks/collect.py [--pages 200] [--stages sentences] [--json FILE]

The server is in this process's threads on 127.0.0.1, so absolute numbers say more about
Python than about the network; the ratio to the bare loop is the overhead of collecting
(robots.txt, filtering, state, WARC), the shares say what a crawl's time is made of.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console
from rich.table import Table

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # for the fixture server in tests/collect

from tests.collect.site_server import SiteServer  # noqa: E402

from newsgraph.collect.config import CollectConfig  # noqa: E402
from newsgraph.collect.crawler import Seeds, collect  # noqa: E402
from newsgraph.ingest import Document, read_inputs  # noqa: E402
from newsgraph.pipeline import Pipeline  # noqa: E402


def bare_fetch(urls: list[str]) -> float:
    """Seconds for a plain sequential GET of every URL: the floor for any crawler."""
    started = time.perf_counter()
    with httpx.Client(trust_env=False) as client:
        for url in urls:
            client.get(url).read()
    return time.perf_counter() - started


def measure(pages: int, stages: list[str] | None) -> dict[str, Any]:
    with SiteServer() as site, tempfile.TemporaryDirectory() as folder:
        site.state.bench_pages = pages
        urls = [site.url(f"/bench/article-{n}.html") for n in range(pages)]
        bare_fetch(urls[:10])  # warm-up
        bare = bare_fetch(urls)
        warc = Path(folder) / "bench.warc.gz"
        config = CollectConfig(delay=0.0, max_crawl_delay=0.0, contact="benchmark@localhost")
        summary = collect(Seeds(sitemaps=[site.url("/bench/sitemap.xml")]), warc, config)
        assert summary.fetched == pages, summary

        started = time.perf_counter()
        documents = [d for d in read_inputs([str(warc)]) if isinstance(d, Document)]
        read_seconds = time.perf_counter() - started
        assert len(documents) == pages
        pipeline = Pipeline(stages)
        list(pipeline.analyze_many(documents[:5]))  # warm-up: the model loads here
        started = time.perf_counter()
        analysed = list(pipeline.analyze_many(documents))
        analyse_seconds = time.perf_counter() - started
        warc_bytes = warc.stat().st_size

    other = summary.seconds - summary.fetch_seconds - summary.write_seconds - summary.state_seconds
    total = summary.seconds + read_seconds + analyse_seconds
    return {
        "pages": pages,
        "stages": stages or "all",
        "analysed": len(analysed),
        "bare_httpx_pages_per_s": pages / bare,
        "collect_pages_per_s": pages / summary.seconds,
        "collect_vs_bare": (pages / summary.seconds) / (pages / bare),
        "seconds": {
            "collect": summary.seconds,
            "fetch": summary.fetch_seconds,
            "write_warc": summary.write_seconds,
            "state": summary.state_seconds,
            "collect_other": other,
            "read_warc": read_seconds,
            "analyse": analyse_seconds,
        },
        "share_of_total": {
            "fetch": summary.fetch_seconds / total,
            "write_warc": summary.write_seconds / total,
            "state": summary.state_seconds / total,
            "collect_other": other / total,
            "read_warc": read_seconds / total,
            "analyse": analyse_seconds / total,
        },
        "warc_bytes": warc_bytes,
        "python": platform.python_version(),
        "machine": platform.machine(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--stages", default="sentences", help="A,B or 'all' (default sentences)")
    parser.add_argument("--json", type=Path, default=REPO / "benchmarks/results/collect.json")
    args = parser.parse_args()
    stages = None if args.stages == "all" else [s for s in args.stages.split(",") if s]
    result = measure(args.pages, stages)

    console = Console()
    table = Table(title=f"newsgraph collect: {args.pages} local pages, delays 0")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("bare httpx GET loop, pages/s", f"{result['bare_httpx_pages_per_s']:.1f}")
    table.add_row("collect, pages/s", f"{result['collect_pages_per_s']:.1f}")
    table.add_row("collect / bare", f"{result['collect_vs_bare']:.2f}")
    for part, share in result["share_of_total"].items():
        seconds = result["seconds"][part]
        table.add_row(f"time: {part}", f"{seconds:.2f}s  {share:.0%}")
    table.add_row("WARC size", f"{result['warc_bytes'] / 1024:.0f} KiB")
    console.print(table)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    console.print(f"written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
