"""`newsgraph evaluate copies GOLD.jsonl`: precision and recall of the copies step, per relation
and for the call of which article came first.

The gold file (as `scripts/build_copies_gold.py` writes it) holds `document` records (`id`,
`text`, `published`, `outlet`, `via`, `crawled`, `split`) and `pair` records (`a`, `b`,
`relation`: exact, near or partial, `earlier`: the id of the earlier one or null, `split`).
Every two documents not given as a pair are no copies. The documents are stored, text and
metadata only, in a throwaway SQLite store, in two runs of the corpus update (the earlier half
by publication date, then the rest), so that the incremental path is what is measured.

A pair counts as found when the step gives it the gold relation. The earlier-one call is
right when the step names as earlier the document the gold names; a call on a pair whose gold
says the dates do not tell is a wrong call.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

RELATIONS = ("exact", "near", "partial")
SPLITS = ("dev", "test", "all")


@dataclass(frozen=True)
class GoldDocument:
    id: str
    text: str
    published: dt.date | None
    outlet: str | None
    via: list[str]
    crawled: str | None
    split: str


@dataclass(frozen=True)
class GoldPair:
    a: str
    b: str
    relation: str
    earlier: str | None
    split: str


@dataclass(frozen=True)
class Found:
    """A pair the step reported: `first` is the earlier one when `earlier` is true."""

    first: str
    second: str
    relation: str
    earlier: bool


@dataclass
class Score:
    predicted: int = 0
    gold: int = 0
    correct: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    def as_dict(self) -> dict[str, float | int]:
        return {**asdict(self), "precision": self.precision, "recall": self.recall}


@dataclass
class SplitScores:
    split: str
    documents: int
    relations: dict[str, Score] = field(default_factory=dict)
    overall: Score = field(default_factory=Score)
    earlier: Score = field(default_factory=Score)
    errors: list[dict[str, Any]] = field(default_factory=list)


class GoldError(Exception):
    pass


def read_gold(path: Path) -> tuple[list[GoldDocument], list[GoldPair]]:
    documents: list[GoldDocument] = []
    pairs: list[GoldPair] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise GoldError(f"{path}: cannot read: {error.strerror or error}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if record["kind"] == "document":
                published = record.get("published")
                documents.append(
                    GoldDocument(
                        str(record["id"]),
                        str(record["text"]),
                        dt.date.fromisoformat(published) if published else None,
                        record.get("outlet"),
                        list(record.get("via") or []),
                        record.get("crawled"),
                        str(record.get("split", "dev")),
                    )
                )
            elif record["kind"] == "pair":
                if record["relation"] not in RELATIONS:
                    raise ValueError(f"unknown relation {record['relation']!r}")
                pairs.append(
                    GoldPair(
                        str(record["a"]),
                        str(record["b"]),
                        str(record["relation"]),
                        record.get("earlier"),
                        str(record.get("split", "dev")),
                    )
                )
            else:
                raise ValueError(f"unknown kind {record['kind']!r}")
        except (ValueError, KeyError, TypeError) as error:
            raise GoldError(f"{path}:line {number}: {error}") from None
    known = {d.id for d in documents}
    for pair in pairs:
        for doc_id in (pair.a, pair.b):
            if doc_id not in known:
                raise GoldError(f"{path}: pair {pair.a} / {pair.b} names no document {doc_id!r}")
    return documents, pairs


def run_step(documents: list[GoldDocument], url: str) -> tuple[list[Found], float]:
    """Store the documents (in two runs of the update) and return the pairs found and the
    seconds the corpus update took."""
    from sqlalchemy import select

    from newsgraph.corpus.copies.step import CopiesStep
    from newsgraph.corpus.update import update_corpus
    from newsgraph.store import tables
    from newsgraph.store.copies_tables import copy_pairs
    from newsgraph.store.engine import check_revision, connect
    from newsgraph.store.plain import insert_text

    engine = connect(url)
    check_revision(engine, create=True)
    ordered = sorted(documents, key=lambda d: (d.published or dt.date.max, d.id))
    half = len(ordered) // 2
    seconds = 0.0
    for part in (ordered[:half], ordered[half:]):
        with engine.begin() as connection:
            for doc in part:
                insert_text(
                    connection, doc.id, doc.text, doc.published, doc.outlet, doc.via, doc.crawled
                )
        started = time.perf_counter()
        update_corpus(engine, steps=[CopiesStep()])
        seconds += time.perf_counter() - started
    documents_table = tables.documents
    with engine.connect() as connection:
        names = dict(
            connection.execute(select(documents_table.c.id, documents_table.c.doc_id)).all()
        )
        rows = connection.execute(
            select(
                copy_pairs.c.first_id,
                copy_pairs.c.second_id,
                copy_pairs.c.relation,
                copy_pairs.c.earlier,
            )
        ).all()
    engine.dispose()
    found = [Found(names[a], names[b], relation, bool(earlier)) for a, b, relation, earlier in rows]
    return found, seconds


def score(
    documents: list[GoldDocument], pairs: list[GoldPair], found: Iterable[Found]
) -> list[SplitScores]:
    splits = {d.id: d.split for d in documents}
    gold = {frozenset((p.a, p.b)): p for p in pairs}
    found = list(found)
    results = []
    for split in SPLITS:
        members = {d for d, s in splits.items() if split == "all" or s == split}
        scores = SplitScores(split, len(members), {r: Score() for r in RELATIONS})
        for pair in gold.values():
            if pair.a in members and pair.b in members:
                scores.relations[pair.relation].gold += 1
                scores.overall.gold += 1
                scores.earlier.gold += pair.earlier is not None
        seen: set[frozenset[str]] = set()
        for item in found:
            if item.first not in members or item.second not in members:
                continue
            key = frozenset((item.first, item.second))
            seen.add(key)
            truth = gold.get(key)
            scores.relations[item.relation].predicted += 1
            scores.overall.predicted += 1
            right = truth is not None and truth.relation == item.relation
            if right:
                scores.relations[item.relation].correct += 1
                scores.overall.correct += 1
            else:
                scores.errors.append(
                    {
                        "a": item.first,
                        "b": item.second,
                        "found": item.relation,
                        "gold": truth.relation if truth else None,
                    }
                )
            if item.earlier and truth is not None:
                scores.earlier.predicted += 1
                scores.earlier.correct += truth.earlier == item.first
        for key, pair in gold.items():
            if key not in seen and pair.a in members and pair.b in members:
                scores.errors.append(
                    {"a": pair.a, "b": pair.b, "found": None, "gold": pair.relation}
                )
        results.append(scores)
    return results


def format_table(results: list[SplitScores]) -> str:
    lines = [
        f"{'split':<6} {'what':<9} {'gold':>5} {'found':>6} {'right':>6} {'P':>7} {'R':>7}",
    ]
    for scores in results:
        rows: list[tuple[str, Score]] = [(r, scores.relations[r]) for r in RELATIONS]
        rows += [("all pairs", scores.overall), ("earlier", scores.earlier)]
        for name, item in rows:
            lines.append(
                f"{scores.split:<6} {name:<9} {item.gold:>5} {item.predicted:>6} "
                f"{item.correct:>6} {item.precision:>7.3f} {item.recall:>7.3f}"
            )
    return "\n".join(lines)


def report(results: list[SplitScores], seconds: float, documents: int) -> dict[str, Any]:
    return {
        "documents": documents,
        "corpus_seconds": round(seconds, 3),
        "splits": {
            s.split: {
                "documents": s.documents,
                "relations": {r: v.as_dict() for r, v in s.relations.items()},
                "all_pairs": s.overall.as_dict(),
                "earlier": s.earlier.as_dict(),
                "errors": s.errors,
            }
            for s in results
        },
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="newsgraph evaluate copies",
        description="Score the copies step against gold pairs (scripts/build_copies_gold.py "
        "builds the set from PolNeAR): precision and recall per relation, over all pairs and "
        "for the earlier-one call, on the dev and test splits.",
    )
    parser.add_argument("gold", type=Path, metavar="GOLD.jsonl")
    parser.add_argument("--json", type=Path, metavar="REPORT", help="also write a JSON report")
    parser.add_argument(
        "--errors", action="store_true", help="list every wrong or missed pair after the table"
    )
    args = parser.parse_args(argv)
    try:
        documents, pairs = read_gold(args.gold)
    except GoldError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if not documents:
        print(f"error: {args.gold}: no documents", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="newsgraph-copies-") as folder:
        found, seconds = run_step(documents, f"sqlite:///{Path(folder) / 'gold.db'}")
    results = score(documents, pairs, found)
    print(format_table(results))
    print(f"{len(documents)} documents, {len(pairs)} gold pairs; corpus update {seconds:.1f}s")
    if args.errors:
        for scores in results[:2]:
            for wrong in scores.errors:
                print(f"{scores.split}: {wrong}")
    if args.json:
        payload = report(results, seconds, len(documents))
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0
