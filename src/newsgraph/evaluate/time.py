"""`newsgraph evaluate time GOLD.jsonl`: TempEval-3 scores of the temporal stage.

GOLD.jsonl holds one document a line: `id`, `dct` (the publication date), `text` and `timexes`
(`start`, `end`, `text`, `type`, `value`), as in TimeBank converted to JSONL. Each text is
analysed with its dct as publication date, and the found timexes are scored the TempEval-3 way:

- extraction precision, recall and F1 under strict (identical offsets) and relaxed (overlapping)
  one-to-one matching;
- value and type F1 over the relaxed matches: an attribute counts as correct when a relaxed
  match agrees on it; precision divides by the system's timexes, recall by the gold ones.

`--split heldout` keeps the fixed tenth of documents chosen by `is_heldout`, `--split train` the
other nine tenths (the only part any rule may be tuned on), `--split all` everything.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from newsgraph.evaluate.spans import Score, match_spans, score_spans
from newsgraph.model import SourceInfo, Timex

SPLITS = ("heldout", "train", "all")


def is_heldout(doc_id: str) -> bool:
    """The held-out tenth: documents whose SHA-1 of the id is 0 modulo 10. Never tune on them."""
    return int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % 10 == 0


def select_split(documents: Iterable[GoldDocument], split: str) -> list[GoldDocument]:
    """The documents of one split; the same rule serves evaluation and any tuning script."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; choose from {', '.join(SPLITS)}")
    if split == "all":
        return list(documents)
    wanted = split == "heldout"
    return [document for document in documents if is_heldout(document.id) == wanted]


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class GoldDocument:
    id: str
    dct: str
    text: str
    timexes: tuple[GoldTimex, ...]


def read_gold(path: Path) -> list[GoldDocument]:
    """Read a TimeBank-style JSONL file."""
    documents = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            record = json.loads(line)
            timexes = tuple(
                GoldTimex(t["start"], t["end"], t["text"], t["type"], t["value"])
                for t in record["timexes"]
            )
            documents.append(GoldDocument(record["id"], record["dct"], record["text"], timexes))
    return documents


def publication_date(dct: str) -> dt.date | None:
    """The date part of a dct value such as 1998-01-08 or 1998-01-08T10:00; None if unreadable."""
    try:
        return dt.date.fromisoformat(dct[:10])
    except ValueError:
        return None


class TimexLike(Protocol):
    """What scoring reads of a timex: the stage's `Timex`, or one read from a prediction file."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def value(self) -> str | None: ...


def read_predictions(path: Path) -> dict[str, list[GoldTimex]]:
    """Another system's output, one document a line: `id` and `timexes` as in the gold file."""
    found: dict[str, list[GoldTimex]] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                record = json.loads(line)
                found[record["id"]] = [
                    GoldTimex(t["start"], t["end"], t.get("text", ""), t["type"], t["value"])
                    for t in record["timexes"]
                ]
    return found


@dataclass
class Scores:
    """The five TempEval-3 measures, as pooled counts."""

    strict: Score = field(default_factory=Score)
    relaxed: Score = field(default_factory=Score)
    value: Score = field(default_factory=Score)
    type: Score = field(default_factory=Score)

    def add(self, other: Scores) -> None:
        self.strict += other.strict
        self.relaxed += other.relaxed
        self.value += other.value
        self.type += other.type

    def as_dict(self) -> dict[str, dict[str, float | int]]:
        return {
            "strict": self.strict.as_dict(),
            "relaxed": self.relaxed.as_dict(),
            "value": self.value.as_dict(),
            "type": self.type.as_dict(),
        }


def score_document(gold: Sequence[GoldTimex], system: Sequence[TimexLike]) -> Scores:
    """TempEval-3 counts for one document."""
    gold_offsets = [(t.start, t.end) for t in gold]
    system_offsets = [(t.start, t.end) for t in system]
    pairs = match_spans(gold_offsets, system_offsets, strict=False)
    value_correct = sum(1 for g, s in pairs if gold[g].value == system[s].value)
    type_correct = sum(1 for g, s in pairs if gold[g].type == system[s].type)
    return Scores(
        strict=score_spans(gold_offsets, system_offsets, strict=True),
        relaxed=Score(len(pairs), len(system), len(gold)),
        value=Score(value_correct, len(system), len(gold)),
        type=Score(type_correct, len(system), len(gold)),
    )


def differences(
    document: GoldDocument, system: Sequence[TimexLike]
) -> Iterator[dict[str, str | None]]:
    """Every disagreement in one document, for reading errors: missed, spurious or mislabelled."""
    gold_offsets = [(t.start, t.end) for t in document.timexes]
    pairs = match_spans(gold_offsets, [(t.start, t.end) for t in system], strict=False)
    matched_gold = {g for g, _ in pairs}
    matched_system = {s for _, s in pairs}
    for g, s in pairs:
        gold, found = document.timexes[g], system[s]
        if (gold.start, gold.end, gold.value, gold.type) != (
            found.start,
            found.end,
            found.value,
            found.type,
        ):
            yield {
                "kind": "differs",
                "doc": document.id,
                "gold": f"{gold.text!r} {gold.type} {gold.value}",
                "system": f"{found.text!r} {found.type} {found.value}",
            }
    for g, gold in enumerate(document.timexes):
        if g not in matched_gold:
            yield {
                "kind": "missed",
                "doc": document.id,
                "gold": f"{gold.text!r} {gold.type} {gold.value}",
                "system": None,
            }
    for s, found in enumerate(system):
        if s not in matched_system:
            yield {
                "kind": "spurious",
                "doc": document.id,
                "gold": None,
                "system": f"{found.text!r} {found.type} {found.value}",
            }


def analyze_documents(documents: Sequence[GoldDocument]) -> tuple[list[list[Timex]], Any]:
    """Run the parse and the temporal stage over the gold texts; return timexes and timings."""
    from newsgraph.ingest.document import make_document
    from newsgraph.pipeline import Pipeline

    pipeline = Pipeline(["temporal"])
    inputs = [
        make_document(
            doc_id=document.id,
            text=document.text,
            source=SourceInfo(),
            published=publication_date(document.dct),
        )
        for document in documents
    ]
    found: list[list[Timex]] = []
    for analysis in pipeline.analyze_many(inputs):
        if isinstance(analysis, Exception):
            raise analysis
        found.append(analysis.timexes)
    return found, pipeline.timings


def report(
    documents: Sequence[GoldDocument], found: Sequence[Sequence[TimexLike]]
) -> tuple[Scores, list[dict[str, str | None]]]:
    total = Scores()
    errors: list[dict[str, str | None]] = []
    for document, timexes in zip(documents, found, strict=True):
        total.add(score_document(document.timexes, timexes))
        errors.extend(differences(document, timexes))
    return total, errors


def format_table(scores: Scores) -> str:
    rows = [f"{'measure':<10} {'P':>7} {'R':>7} {'F1':>7}"]
    for name, score in (
        ("strict", scores.strict),
        ("relaxed", scores.relaxed),
        ("value", scores.value),
        ("type", scores.type),
    ):
        rows.append(f"{name:<10} {score.precision:>7.4f} {score.recall:>7.4f} {score.f1:>7.4f}")
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="newsgraph evaluate time",
        description="Score the temporal stage against TimeBank-style JSONL (TempEval-3 measures).",
    )
    parser.add_argument("gold", type=Path, help="gold JSONL: id, dct, text, timexes")
    parser.add_argument(
        "--split",
        choices=SPLITS,
        default="all",
        help="heldout: the fixed tenth chosen by SHA-1 of the id; train: the rest; all (default)",
    )
    parser.add_argument("--json", type=Path, metavar="REPORT", help="write a JSON report here")
    parser.add_argument(
        "--system",
        type=Path,
        metavar="PRED.jsonl",
        help="score this file of another system's timexes (id, timexes) instead of running "
        "the temporal stage; documents it lacks count as finding nothing",
    )
    parser.add_argument(
        "--errors", type=int, default=0, metavar="N", help="print the first N disagreements"
    )
    args = parser.parse_args(argv)
    documents = select_split(read_gold(args.gold), args.split)
    if not documents:
        print("no documents in this split", file=sys.stderr)
        return 1
    found: Sequence[Sequence[TimexLike]]
    if args.system is not None:
        predictions = read_predictions(args.system)
        found = [predictions.get(document.id, []) for document in documents]
        timings = None
    else:
        found, timings = analyze_documents(documents)
    scores, errors = report(documents, found)
    gold_count = sum(len(document.timexes) for document in documents)
    print(f"{len(documents)} documents, {gold_count} gold timexes, split {args.split}")
    print(format_table(scores))
    seconds: dict[str, float] = {}
    if timings is not None:
        seconds = {"parse": round(timings["parse"], 3), "temporal": round(timings["temporal"], 3)}
        print(
            f"time: spaCy parse {seconds['parse']:.2f}s, temporal stage {seconds['temporal']:.2f}s"
        )
    for error in errors[: args.errors]:
        print(f"{error['kind']:<9} {error['doc']}: gold {error['gold']} | system {error['system']}")
    if args.json:
        payload = {
            "gold": str(args.gold),
            "split": args.split,
            "documents": len(documents),
            "gold_timexes": gold_count,
            "scores": scores.as_dict(),
            "system": str(args.system) if args.system else "newsgraph temporal stage",
            "seconds": seconds,
            "errors": errors,
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
