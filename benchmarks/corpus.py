"""Time per article of the corpus layer as the store grows, beside the analysis time per article.

    python benchmarks/corpus.py [--real 200] [--sizes 1000,10000,100000] [--batch 200]

Real articles: the first `--real` PolNeAR train and dev articles when ../shared/data/polnear is
present, else the bundled examples. They are analysed once with the default pipeline in this
run, which gives the analysis time per article the corpus layer is set against.

Synthetic store of each size: copies of those analyses, round robin, written in bulk
(store_queries.build_store, no pipeline), each under a new id and content hash, published
PER_DAY articles a day from START on (so 100,000 articles span about three years and every
real article comes back every `--real / PER_DAY` days), every second copy with its first
paragraph repeated at its end, and from the CLUSTER-th round over the real articles on, one
word in two (names too) with its letters shifted, the same words the same way for CLUSTER
rounds (edited_text): so each real article has CLUSTER near copies at any store size, as a
wire story has a handful of reprints, rather than one per round. Edits keep every offset, so
the stored layers still point at the right characters (their own text fields keep the original
words). The corpus layer (`update_corpus`, every step) then runs over the whole store: that
fill is timed too, but it is not the measurement. The measurement: `--batch` new articles, the
next day's copies made the same way and stored through `store_analyses` (as `newsgraph ingest`
stores them), then one `update_corpus`; time per new article, each step's share, and the peak
memory of the process that did it. Each size runs in a fresh process of its own (SQLite in a
temporary folder), so its peak memory is its own.

Goals: time per article at the largest size at most 1.5 times that at the smallest, peak memory
under 2 GiB, corpus layer under a quarter of the analysis time per article. Prints a table and
writes benchmarks/results/corpus.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from process_tree import descendants_peak_rss_mib
from store import write_feed
from store_queries import _copy, build_store

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results" / "corpus.json"
START = dt.date(2016, 1, 1)
PER_DAY = 100  # synthetic articles published a day


CLUSTER = 5  # copies of one real article that stay near copies of one another
_WORD = re.compile(r"[A-Za-z]{4,}")


def edited_text(text: str, number: int, templates: int) -> str:
    """Copy `number` of a real article, as stored: every second copy has its first paragraph
    repeated at its end; every CLUSTER consecutive rounds over the real articles share a seed,
    and one word in two (names included) has its letters shifted by that seed, keeping its
    length, so copies of one seed are near copies and those of different seeds are not, and
    the stored layers' offsets stay right."""
    seed = number // (templates * CLUSTER)
    if seed:

        def shifted(match: re.Match[str]) -> str:
            word = match.group()
            if hash((seed, match.start())) & 1:
                return word
            shift = (seed + match.start()) % 25 + 1
            return "".join(
                chr((ord(c) - base + shift) % 26 + base)
                for c in word
                for base in [65 if c.isupper() else 97]
            )

        text = _WORD.sub(shifted, text)
    if number % 2 == 0:
        return text
    first = next((part for part in text.split("\n\n") if part.strip()), text)
    return f"{text}\n\n{first}"


def day_of(number: int) -> dt.date:
    return START + dt.timedelta(days=number // PER_DAY)


def synthetic_row(row: dict[str, Any], key: int, number: int, templates: int) -> dict[str, Any]:
    copied = _copy(row, key, number)
    text = edited_text(row["text"], number, templates)
    published = day_of(number)
    copied.update(
        text=text,
        published=published,
        content_sha1=hashlib.sha1(text.encode("utf-8")).hexdigest(),
        meta={**copied["meta"], "published": published.isoformat()},
    )
    return copied


def analyse(real: int, folder: Path) -> tuple[Path, str, float]:
    """Analyse the real articles once; (JSONL of their analyses, corpus, seconds/article)."""
    from newsgraph.ingest import IngestError, read_inputs
    from newsgraph.pipeline import Pipeline

    feed = folder / "feed.jsonl"
    corpus = write_feed(feed, real)
    documents = list(read_inputs([str(feed)]))
    pipeline = Pipeline()
    started = time.perf_counter()
    analyses = [a for a in pipeline.analyze_many(documents) if not isinstance(a, IngestError)]
    seconds = time.perf_counter() - started
    out = folder / "analyses.jsonl"
    with out.open("w", encoding="utf-8") as handle:
        for analysis in analyses:
            handle.write(analysis.model_dump_json() + "\n")
    return out, corpus, seconds / len(analyses)


def run_size(analyses_path: Path, size: int, batch: int, folder: Path) -> dict[str, Any]:
    """In this (child) process: fill a store of `size`, then time the corpus layer on `batch`."""
    from newsgraph.corpus.update import update_corpus
    from newsgraph.model import Analysis
    from newsgraph.store.engine import connect
    from newsgraph.store.ingest import store_analyses

    with analyses_path.open(encoding="utf-8") as handle:
        analyses = [Analysis.model_validate_json(line) for line in handle]
    url = f"sqlite:///{folder / 'store.db'}"
    started = time.perf_counter()
    build_store(url, analyses, size, partial(synthetic_row, templates=len(analyses)))
    filled = time.perf_counter() - started
    engine = connect(url)
    started = time.perf_counter()
    update_corpus(engine)
    fill_corpus = time.perf_counter() - started
    new = []
    for offset in range(batch):
        number = size + offset
        template = analyses[number % len(analyses)]
        text = edited_text(template.text, number, len(analyses))
        document = template.document.model_copy(
            update={
                "published": day_of(number),
                "content_sha1": hashlib.sha1(text.encode("utf-8")).hexdigest(),
            }
        )
        new.append(
            template.model_copy(
                update={"id": f"{template.id}~new{number}", "text": text, "document": document}
            )
        )
    stored = [outcome.status for outcome in store_analyses(engine, new)]
    started = time.perf_counter()
    reports = update_corpus(engine)
    seconds = time.perf_counter() - started
    engine.dispose()
    return {
        "size": size,
        "batch": batch,
        "stored": {status: stored.count(status) for status in sorted(set(stored))},
        "fill_store_s": round(filled, 1),
        "fill_corpus_s": round(fill_corpus, 1),
        "corpus_s": round(seconds, 3),
        "ms_per_article": round(1000 * seconds / batch, 2),
        "steps_ms_per_article": {r.step: round(1000 * r.seconds / batch, 2) for r in reports},
        "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def measure_size(analyses_path: Path, size: int, batch: int) -> dict[str, Any]:
    """Run one size in a fresh process, watching its memory from here as well."""
    with tempfile.TemporaryDirectory(prefix="newsgraph-corpus-") as folder:
        child = subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--child",
                str(analyses_path),
                str(size),
                str(batch),
                folder,
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        watched = 0.0
        while child.poll() is None:
            watched = max(watched, descendants_peak_rss_mib() or 0.0)
            time.sleep(0.5)
        output = child.stdout.read() if child.stdout else ""
        if child.returncode != 0:
            raise SystemExit(f"the run at {size} articles failed (exit {child.returncode})")
    result: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    result["peak_mib"] = max(result["peak_mib"], round(watched, 1))
    return result


def print_table(result: dict[str, Any]) -> None:
    analysis_ms = result["analysis_ms_per_article"]
    table = Table(
        title=f"Corpus layer per new article ({result['corpus']}, batch {result['batch']})"
    )
    for column in (
        "stored articles",
        "ms/article",
        "copies",
        "stories",
        "vs smallest",
        "vs analysis",
        "peak MiB",
        "fill (store, corpus) s",
    ):
        table.add_column(column, justify="right")
    first = result["runs"][0]["ms_per_article"]
    for run in result["runs"]:
        steps = run["steps_ms_per_article"]
        table.add_row(
            f"{run['size']:,}",
            f"{run['ms_per_article']:.1f}",
            f"{steps.get('copies', 0):.1f}",
            f"{steps.get('stories', 0):.1f}",
            f"{run['ms_per_article'] / first:.2f}x",
            f"{run['ms_per_article'] / analysis_ms:.1%}",
            f"{run['peak_mib']:.0f}",
            f"{run['fill_store_s']:.0f}, {run['fill_corpus_s']:.0f}",
        )
    Console().print(table)
    print(f"analysis: {analysis_ms:.0f} ms per article ({result['real']} real articles)")


def main(argv: Sequence[str]) -> int:
    if argv[:1] == ["--child"]:
        path, size_text, batch_text, folder = argv[1:5]
        print(json.dumps(run_size(Path(path), int(size_text), int(batch_text), Path(folder))))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", type=int, default=200, help="real articles analysed")
    parser.add_argument("--sizes", default="1000,10000,100000", help="store sizes, comma-separated")
    parser.add_argument("--batch", type=int, default=200, help="new articles timed at each size")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    sizes = [int(part) for part in args.sizes.split(",") if part.strip()]
    with tempfile.TemporaryDirectory(prefix="newsgraph-analyses-") as folder:
        analyses_path, corpus, analysis_s = analyse(args.real, Path(folder))
        result: dict[str, Any] = {
            "corpus": corpus,
            "real": args.real,
            "batch": args.batch,
            "per_day": PER_DAY,
            "analysis_ms_per_article": round(1000 * analysis_s, 1),
            "machine": f"{platform.machine()}, Python {platform.python_version()}",
            "runs": [],
        }
        for size in sizes:
            result["runs"].append(measure_size(analyses_path, size, args.batch))
            print(json.dumps(result["runs"][-1]), flush=True)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print_table(result)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
