"""`newsgraph evaluate events GOLD.jsonl`: how well the events stage codes gold PLOVER records.

GOLD.jsonl holds one record a line: `id`, `text` (one sentence), `actor` and `target` (their
words in the text: a string, or a list of objects with `text` as in PLOVER's gold standard
records), and `action` (a PLOVER type; YIELD stands for CONCEDE or RETREAT; a record that has
`action_plover2023` is read by that). A sentence may have several records, one per pair.

Each distinct sentence is analysed alone (no publication date). A record is *found* when an
event of its sentence has the gold type and an actor and a target overlapping the gold words.
Reported:

- type accuracy: for each record, the event of its sentence whose actor and target overlap the
  gold words most (the most confident one when none does) has the gold type; a record of a
  sentence with no event counts as wrong. Macro F1 over the gold types, on the same choice;
- actor and target F1: an emitted event is right when its actor (target) overlaps the gold one
  of a record of its sentence; a record is recalled when some event's actor (target) does;
- full-triple recall: share of records found;
- unexplained: share of emitted events no record of their sentence explains (same type and an
  overlapping actor or target).

`--split heldout` keeps the fixed fifth of sentences chosen by `is_heldout` (SHA-1 of the text),
`--split train` the rest (the only part any rule or threshold may be tuned on).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgraph.evaluate.spans import Score
from newsgraph.events.plover import TYPES
from newsgraph.model import Event, SourceInfo

SPLITS = ("heldout", "train", "all")
# PLOVER's older YIELD covers what the current codebook splits into CONCEDE and RETREAT.
_ALIASES = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}
_OLD_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE"}
_OLD_TYPES["FIGHT"] = "ASSAULT"
Offsets = tuple[int, int]


class GoldError(ValueError):
    """A gold record that cannot be read; the message names the file and line."""


def is_heldout(text: str) -> bool:
    """The held-out fifth: sentences whose SHA-1 is 0 modulo 5. Never tune on them."""
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16) % 5 == 0


@dataclass(frozen=True)
class GoldRecord:
    id: str
    text: str
    type: str
    actors: tuple[Offsets, ...]
    targets: tuple[Offsets, ...]


def _words(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, list):
        return [str(item["text"]) for item in value if isinstance(item, dict) and item.get("text")]
    raise TypeError(f"expected a string or a list of {{text}} objects, not {type(value).__name__}")


def _locate(text: str, words: Iterable[str]) -> tuple[Offsets, ...]:
    """Every place the words occur in the text (the gold gives words, not offsets)."""
    found = []
    for word in words:
        word = word.strip()
        start = text.find(word)
        while word and start >= 0:
            found.append((start, start + len(word)))
            start = text.find(word, start + 1)
    return tuple(found)


def normalise_type(value: str) -> str:
    upper = value.strip().upper()
    upper = _OLD_TYPES.get(upper, upper)
    return _ALIASES.get(upper, upper)


def read_gold(path: Path) -> list[GoldRecord]:
    records = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                text = str(raw["text"])
                action = raw.get("action_plover2023") or raw["action"]
                actors = _locate(text, _words(raw.get("actor")))
                targets = _locate(text, _words(raw.get("target")))
            except (json.JSONDecodeError, KeyError, TypeError) as error:
                raise GoldError(f"{path}:line {number}: bad gold record: {error}") from None
            kind = normalise_type(str(action))
            if kind not in TYPES and kind != "YIELD":
                raise GoldError(f"{path}:line {number}: unknown PLOVER type {action!r}")
            records.append(GoldRecord(str(raw.get("id", number)), text, kind, actors, targets))
    return records


def select_split(records: Iterable[GoldRecord], split: str) -> list[GoldRecord]:
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; choose from {', '.join(SPLITS)}")
    if split == "all":
        return list(records)
    wanted = split == "heldout"
    return [record for record in records if is_heldout(record.text) == wanted]


def _overlaps(spans: Sequence[Offsets], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _touches(side: Sequence[Offsets], participants: Sequence[Any]) -> bool:
    return any(_overlaps(side, p.span.start, p.span.end) for p in participants)


def _fit(record: GoldRecord, event: Event) -> int:
    return int(_touches(record.actors, event.actors)) + int(_touches(record.targets, event.targets))


def event_type(event: Event) -> str:
    return _ALIASES.get(event.type, event.type)


def found(record: GoldRecord, event: Event) -> bool:
    target_ok = _touches(record.targets, event.targets) if record.targets else True
    return event_type(event) == record.type and _touches(record.actors, event.actors) and target_ok


def explains(record: GoldRecord, event: Event) -> bool:
    return event_type(event) == record.type and _fit(record, event) > 0


@dataclass
class RoleScore:
    """Precision over emitted events, recall over gold records: they count different things."""

    right_events: int = 0
    events: int = 0
    recalled: int = 0
    records: int = 0

    @property
    def precision(self) -> float:
        return self.right_events / self.events if self.events else 0.0

    @property
    def recall(self) -> float:
        return self.recalled / self.records if self.records else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "events": self.events,
            "records": self.records,
        }


@dataclass
class Report:
    records: int
    sentences: int
    events: int
    type_accuracy: float
    type_accuracy_when_coded: float
    macro_f1: float
    per_type: dict[str, dict[str, float | int]]
    actor: RoleScore
    target: RoleScore
    triple_recall: float
    unexplained: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "sentences": self.sentences,
            "events": self.events,
            "type_accuracy": round(self.type_accuracy, 4),
            "type_accuracy_when_coded": round(self.type_accuracy_when_coded, 4),
            "macro_f1": round(self.macro_f1, 4),
            "per_type": self.per_type,
            "actor": self.actor.as_dict(),
            "target": self.target.as_dict(),
            "triple_recall": round(self.triple_recall, 4),
            "unexplained": round(self.unexplained, 4),
        }


def _chosen(record: GoldRecord, events: Sequence[Event]) -> Event | None:
    """The event that reads the record's pair: most overlap, then most confident."""
    if not events:
        return None
    return max(events, key=lambda e: (_fit(record, e), e.provenance.confidence or 0.0))


def score(records: Sequence[GoldRecord], events_of: dict[str, list[Event]]) -> Report:
    predicted: list[str] = []
    coded = coded_right = found_count = 0
    actor, target = RoleScore(), RoleScore()
    for record in records:
        events = events_of.get(record.text, [])
        chosen = _chosen(record, events)
        predicted.append(event_type(chosen) if chosen is not None else "NONE")
        if chosen is not None:
            coded += 1
            coded_right += event_type(chosen) == record.type
        found_count += any(found(record, e) for e in events)
        actor.records += 1
        actor.recalled += any(_touches(record.actors, e.actors) for e in events)
        if record.targets:
            target.records += 1
            target.recalled += any(_touches(record.targets, e.targets) for e in events)
    unexplained = total_events = 0
    by_text: dict[str, list[GoldRecord]] = {}
    for record in records:
        by_text.setdefault(record.text, []).append(record)
    for text, group in by_text.items():
        for event in events_of.get(text, []):
            total_events += 1
            unexplained += not any(explains(r, event) for r in group)
            if event.actors:
                actor.events += 1
                actor.right_events += any(_touches(r.actors, event.actors) for r in group)
            if event.targets:
                target.events += 1
                target.right_events += any(_touches(r.targets, event.targets) for r in group)
    gold_types = [r.type for r in records]
    per_type = _per_type(gold_types, predicted)
    macro = sum(v["f1"] for v in per_type.values()) / len(per_type) if per_type else 0.0
    right = sum(g == p for g, p in zip(gold_types, predicted, strict=True))
    return Report(
        records=len(records),
        sentences=len(by_text),
        events=total_events,
        type_accuracy=right / len(records) if records else 0.0,
        type_accuracy_when_coded=coded_right / coded if coded else 0.0,
        macro_f1=macro,
        per_type=per_type,
        actor=actor,
        target=target,
        triple_recall=found_count / len(records) if records else 0.0,
        unexplained=unexplained / total_events if total_events else 0.0,
    )


def _per_type(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, dict[str, float | int]]:
    table: dict[str, dict[str, float | int]] = {}
    gold_counts, predicted_counts = Counter(gold), Counter(predicted)
    right = Counter(g for g, p in zip(gold, predicted, strict=True) if g == p)
    for kind in sorted(gold_counts):
        s = Score(right[kind], predicted_counts[kind], gold_counts[kind])
        table[kind] = {"precision": round(s.precision, 4), "recall": round(s.recall, 4),
                       "f1": round(s.f1, 4), "gold": gold_counts[kind]}  # fmt: skip
    return table


def analyze_sentences(texts: Sequence[str]) -> tuple[dict[str, list[Event]], dict[str, float]]:
    """Run the events stage (and what it needs) over each sentence alone."""
    from newsgraph.ingest.document import make_document
    from newsgraph.pipeline import Pipeline

    pipeline = Pipeline(["events"])
    inputs = [
        make_document(
            doc_id=hashlib.sha1(text.encode("utf-8")).hexdigest()[:12],
            text=text,
            source=SourceInfo(),
        )
        for text in texts
    ]
    events: dict[str, list[Event]] = {}
    for text, analysis in zip(texts, pipeline.analyze_many(inputs), strict=True):
        if isinstance(analysis, Exception):
            raise analysis
        events[text] = analysis.events
    return events, dict(pipeline.timings)


def format_report(report: Report) -> str:
    lines = [
        f"{report.records} records, {report.sentences} sentences, {report.events} events",
        f"type accuracy {report.type_accuracy:.4f} "
        f"(on records given an event: {report.type_accuracy_when_coded:.4f}), "
        f"macro F1 {report.macro_f1:.4f}",
        f"actor  P {report.actor.precision:.4f} R {report.actor.recall:.4f} "
        f"F1 {report.actor.f1:.4f}",
        f"target P {report.target.precision:.4f} R {report.target.recall:.4f} "
        f"F1 {report.target.f1:.4f}",
        f"full-triple recall {report.triple_recall:.4f}; "
        f"unexplained events {report.unexplained:.4f}",
        f"{'type':<10} {'P':>7} {'R':>7} {'F1':>7} {'gold':>5}",
    ]
    for kind, row in report.per_type.items():
        lines.append(
            f"{kind:<10} {row['precision']:>7.4f} {row['recall']:>7.4f} {row['f1']:>7.4f} "
            f"{row['gold']:>5}"
        )
    return "\n".join(lines)


def misses(
    records: Sequence[GoldRecord], events_of: dict[str, list[Event]]
) -> list[dict[str, str]]:
    """Records not found, with what the stage coded for their sentence, for reading errors."""
    out = []
    for record in records:
        events = events_of.get(record.text, [])
        if any(found(record, e) for e in events):
            continue
        coded = "; ".join(
            f"{e.type} {e.trigger.text!r} {[a.span.text for a in e.actors]}->"
            f"{[t.span.text for t in e.targets]}"
            for e in events
        )
        out.append({"id": record.id, "gold": record.type, "text": record.text, "coded": coded})
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="newsgraph evaluate events",
        description="Score the events stage against PLOVER-coded sentences (JSONL).",
    )
    parser.add_argument("gold", type=Path, help="gold JSONL: id, text, actor, action, target")
    parser.add_argument(
        "--split",
        choices=SPLITS,
        default="all",
        help="heldout: the fixed fifth of sentences chosen by SHA-1 of the text; train: the "
        "rest; all (default)",
    )
    parser.add_argument("--json", type=Path, metavar="REPORT", help="write a JSON report here")
    parser.add_argument(
        "--errors", type=int, default=0, metavar="N", help="print the first N records missed"
    )
    args = parser.parse_args(argv)
    try:
        records = select_split(read_gold(args.gold), args.split)
    except (OSError, GoldError) as error:
        print(f"newsgraph: {error}", file=sys.stderr)
        return 1
    if not records:
        print(f"newsgraph: {args.gold}: no records in split {args.split}", file=sys.stderr)
        return 1
    texts = list(dict.fromkeys(record.text for record in records))
    events_of, timings = analyze_sentences(texts)
    report = score(records, events_of)
    print(f"split {args.split}")
    print(format_report(report))
    print(f"time: spaCy parse {timings['parse']:.2f}s, events stage {timings['events']:.2f}s")
    errors = misses(records, events_of)
    for miss in errors[: args.errors]:
        print(f"missed {miss['id']} {miss['gold']}: {miss['text'][:120]!r} | {miss['coded']}")
    if args.json:
        payload = {
            "gold": str(args.gold),
            "split": args.split,
            **report.as_dict(),
            "seconds": {name: round(value, 3) for name, value in timings.items()},
            "missed": errors,
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
