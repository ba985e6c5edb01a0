"""Time and peak memory of the whole pipeline against article length.

    python benchmarks/length.py [--sizes 50000,200000,1000000,2000000] [--json FILE]

Each long article is made by concatenating the paragraphs of the bundled example articles
(examples/articles/*.txt, crawl headers left out) until it has the wanted number of
characters, and is analysed in a fresh subprocess, so that the peak memory (ru_maxrss) is that
of one size alone. Cost linear in length shows as a flat time per character: the table gives
each size's time per 1,000 characters and its ratio to the smallest size's.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
ARTICLES = REPO / "examples" / "articles"
DEFAULT_SIZES = (50_000, 200_000, 1_000_000, 2_000_000)


def example_paragraphs() -> list[str]:
    """The paragraphs of the example articles, in file order, without their crawl headers."""
    from newsgraph.ingest import Document, read_inputs

    paragraphs: list[str] = []
    for result in read_inputs([str(path) for path in sorted(ARTICLES.glob("*.txt"))]):
        if isinstance(result, Document):
            paragraphs.extend(p.strip() for p in result.text.split("\n\n") if p.strip())
    return paragraphs


def long_article(characters: int) -> str:
    """Example paragraphs, cycled, joined by blank lines, cut at a paragraph end once the
    article has at least `characters` characters."""
    paragraphs = example_paragraphs()
    parts: list[str] = []
    length = 0
    index = 0
    while length < characters:
        paragraph = paragraphs[index % len(paragraphs)]
        parts.append(paragraph)
        length += len(paragraph) + 2
        index += 1
    return "\n\n".join(parts)


def measure_one(characters: int) -> dict[str, Any]:
    """Analyse one article of about `characters` characters in this process (run it in a fresh
    one): seconds for the whole pipeline, model loading excluded, and the peak memory."""
    from newsgraph.ingest.document import make_document
    from newsgraph.model import SourceInfo
    from newsgraph.pipeline import Pipeline

    text = long_article(characters)
    document = make_document(
        doc_id=f"long-{characters}",
        text=text,
        source=SourceInfo(path="benchmarks/length.py", format="text"),
    )
    pipeline = Pipeline()
    pipeline.analyze(make_document(doc_id="warm", text=text[:2000], source=document.meta.source))
    pipeline.timings = dict.fromkeys(pipeline.timings, 0.0)
    started, cpu_started = time.perf_counter(), _cpu_seconds()
    analysis = pipeline.analyze(document)
    seconds = time.perf_counter() - started
    return {
        "characters": len(text),
        "seconds": seconds,
        "cpu_seconds": _cpu_seconds() - cpu_started,
        "stage_seconds": dict(pipeline.timings),
        "sentences": len(analysis.sentences),
        "attributions": len(analysis.attributions),
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _cpu_seconds() -> float:
    """CPU time of this process, all its threads: on a machine shared with other work it
    varies much less with the load than the wall-clock time does."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_in_subprocess(characters: int) -> dict[str, Any]:
    completed = subprocess.run(
        [sys.executable, __file__, "--one", str(characters)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def print_table(rows: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="newsgraph analyze against article length (one article per process)")
    columns = (
        "characters", "seconds", "s per 1k chars", "vs smallest",
        "CPU s", "CPU s per 1k chars", "CPU vs smallest", "peak MiB",
    )  # fmt: skip
    for column in columns:
        table.add_column(column, justify="right")
    base = rows[0]["seconds"] / rows[0]["characters"]
    cpu_base = rows[0]["cpu_seconds"] / rows[0]["characters"]
    for row in rows:
        per_char = row["seconds"] / row["characters"]
        cpu_per_char = row["cpu_seconds"] / row["characters"]
        table.add_row(
            f"{row['characters']:,}",
            f"{row['seconds']:.1f}",
            f"{per_char * 1000:.3f}",
            f"{per_char / base:.2f}",
            f"{row['cpu_seconds']:.1f}",
            f"{cpu_per_char * 1000:.3f}",
            f"{cpu_per_char / cpu_base:.2f}",
            f"{row['peak_rss_mib']:.0f}",
        )
    Console().print(table)
    stages = Table(title="seconds per stage")
    names = list(rows[0]["stage_seconds"])
    stages.add_column("characters", justify="right")
    for name in names:
        stages.add_column(name, justify="right")
    for row in rows:
        stages.add_row(f"{row['characters']:,}", *(f"{row['stage_seconds'][n]:.1f}" for n in names))
    Console().print(stages)


def write_results(rows: list[dict[str, Any]], path: Path) -> None:
    base = rows[0]["seconds"] / rows[0]["characters"]
    cpu_base = rows[0]["cpu_seconds"] / rows[0]["characters"]
    result = {
        "rows": [
            {
                **row,
                "time_per_char_ratio": row["seconds"] / row["characters"] / base,
                "cpu_per_char_ratio": row["cpu_seconds"] / row["characters"] / cpu_base,
            }
            for row in rows
        ],
        "load_average_after": os.getloadavg(),
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes",
        default=",".join(str(size) for size in DEFAULT_SIZES),
        help="comma-separated article lengths in characters (default: 50k, 200k, 1M, 2M)",
    )
    parser.add_argument(
        "--json", type=Path, default=REPO / "benchmarks" / "results" / "length.json"
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the subprocess's part
    args = parser.parse_args(argv)
    if args.one is not None:
        print(json.dumps(measure_one(args.one)))
        return 0
    sizes = [int(size) for size in args.sizes.split(",")]
    rows: list[dict[str, Any]] = []
    for size in sizes:
        rows.append(run_in_subprocess(size))
        row = rows[-1]
        print(
            f"{row['characters']:,} characters: {row['seconds']:.1f}s, "
            f"{row['cpu_seconds']:.1f}s CPU, {row['peak_rss_mib']:.0f} MiB",
            flush=True,
        )
        write_results(rows, args.json)  # after every size: a long run stopped keeps the rest
    print_table(rows)
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
