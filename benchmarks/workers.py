"""Documents per second with one worker and with several, on the same texts, in one command.

    python benchmarks/workers.py [--limit 40] [--workers 2] [--polnear DIR] [--json FILE]

Texts: PolNeAR dev and train articles when the folder is there (../shared/data/polnear by
default), else the bundled examples repeated. Both runs go through `Pipeline.analyze_many`,
as `newsgraph analyze --workers N` does; the N-worker run includes starting its workers (each
loads the model and the stages), and the steady rate leaves out the time to the first results.
On a machine shared with other work the absolute speeds are noisy; the ratio is what to read.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from newsgraph.ingest import Document
from newsgraph.model import Analysis
from newsgraph.pipeline import Pipeline
from process_tree import process_tree_cpu_seconds
from throughput import load_texts

REPO = Path(__file__).resolve().parents[1]


def run(documents: list[Document], workers: int) -> dict[str, Any]:
    """Analyse the documents with `workers` processes; wall time, when each result came, and
    the CPU time of the whole process tree (to tell idle cores from busy ones)."""
    cpu_before = process_tree_cpu_seconds()
    started = time.perf_counter()
    pipeline = Pipeline(n_process=workers)
    arrivals: list[float] = []
    cpu_after: float | None = None
    for result in pipeline.analyze_many(documents):
        if not isinstance(result, Analysis):
            raise RuntimeError(f"benchmark document failed: {result}")
        arrivals.append(time.perf_counter())
        if len(arrivals) == len(documents):
            # Read before the pool shuts down: its workers' CPU time goes with them.
            cpu_after = process_tree_cpu_seconds()
    seconds = arrivals[-1] - started
    cpu_seconds = None if cpu_before is None or cpu_after is None else cpu_after - cpu_before
    # Steady rate: from the first `workers` results (the pool has started and loaded) on.
    first = min(workers, len(arrivals) - 1)
    steady = (len(arrivals) - 1 - first) / (arrivals[-1] - arrivals[first])
    return {
        "workers": workers,
        "seconds": seconds,
        "docs_per_s": len(documents) / seconds,
        "steady_docs_per_s": steady,
        "cpu_seconds": cpu_seconds,
        # Cores kept busy on average: one process alone can exceed 1 (ONNX Runtime threads).
        "cores_busy": None if cpu_seconds is None else cpu_seconds / seconds,
        "cpu_seconds_per_doc": None if cpu_seconds is None else cpu_seconds / len(documents),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=40, help="number of articles (default 40)")
    parser.add_argument("--workers", type=int, default=2, help="workers to compare with one")
    parser.add_argument("--polnear", type=Path, default=REPO.parent / "shared" / "data" / "polnear")
    parser.add_argument(
        "--json", type=Path, default=REPO / "benchmarks" / "results" / "workers.json"
    )
    args = parser.parse_args(argv)
    corpus, documents = load_texts(args.limit, args.polnear, repeat=True)
    one = run(documents, 1)
    many = run(documents, args.workers)
    result = {
        "corpus": corpus,
        "documents": len(documents),
        "characters": sum(len(d.text) for d in documents),
        "one": one,
        "many": many,
        "ratio": many["docs_per_s"] / one["docs_per_s"],
        "steady_ratio": many["steady_docs_per_s"] / one["steady_docs_per_s"],
        "cpu_count": os.cpu_count(),
        "load_average": os.getloadavg(),
        "python": platform.python_version(),
    }
    table = Table(title=f"newsgraph analyze on {len(documents)} {corpus} articles")
    for column in ("workers", "seconds", "docs/s", "steady docs/s", "cores busy", "CPU s/doc"):
        table.add_column(column, justify="right")
    for row in (one, many):
        table.add_row(
            str(row["workers"]),
            f"{row['seconds']:.1f}",
            f"{row['docs_per_s']:.2f}",
            f"{row['steady_docs_per_s']:.2f}",
            "-" if row["cores_busy"] is None else f"{row['cores_busy']:.2f}",
            "-" if row["cpu_seconds_per_doc"] is None else f"{row['cpu_seconds_per_doc']:.2f}",
        )
    console = Console()
    console.print(table)
    console.print(
        f"{args.workers} workers / 1: {result['ratio']:.2f}x overall, "
        f"{result['steady_ratio']:.2f}x steady; load average {result['load_average'][0]:.1f} "
        f"on {result['cpu_count']} cores"
    )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
