"""`newsgraph evaluate claims GOLD.json`: how well the claims layer groups and flags claims.

GOLD is a claims gold file (data/gold/claims-src/README.md): documents with their text, date,
outlet and relay chain, and claims whose appearances are character spans of those documents,
each claim with a laundering and a hardening flag. The documents are analysed by the whole
pipeline into a fresh store (a temporary SQLite file, or --db), the claims layer matches them,
and then:

- each gold appearance is given the system appearance of its document whose content overlaps it
  most (none: it counts as a claim of its own, which costs recall);
- claim clustering: B-cubed precision, recall and F1 over the gold appearances (the system's
  clusters restricted to them);
- flags: each gold claim is read as the system claim most of its appearances went to; its
  laundering (hardening) flag is right when that claim's flag equals the gold one. Precision,
  recall and F1 of each flag over the gold claims.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.evaluate.spans import Score

FORMAT = "newsgraph-claims-gold"
FLAGS = ("laundering", "hardening")


class GoldError(ValueError):
    """A gold file that cannot be read; the message names the file and the record."""


@dataclass(frozen=True)
class GoldDocument:
    id: str
    text: str
    published: dt.date | None
    outlet: str | None
    via: tuple[str, ...]


@dataclass(frozen=True)
class GoldAppearance:
    document: str
    start: int
    end: int


@dataclass(frozen=True)
class GoldClaim:
    id: str
    laundering: bool
    hardening: bool
    appearances: tuple[GoldAppearance, ...]


@dataclass(frozen=True)
class Gold:
    split: str
    documents: tuple[GoldDocument, ...]
    claims: tuple[GoldClaim, ...]


def read_gold(path: Path) -> Gold:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise GoldError(f"{path}: malformed JSON: {error}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise GoldError(f'{path}: not a claims gold file (expected "format": "{FORMAT}")')
    documents: dict[str, GoldDocument] = {}
    for number, record in enumerate(data.get("documents") or [], start=1):
        where = f"{path}: documents[{number}]"
        try:
            published = record.get("published")
            document = GoldDocument(
                id=str(record["id"]),
                text=str(record["text"]),
                published=dt.date.fromisoformat(published) if published else None,
                outlet=record.get("outlet"),
                via=tuple(record.get("via") or ()),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise GoldError(f"{where}: bad document record ({error})") from None
        documents[document.id] = document
    claims = []
    for number, record in enumerate(data.get("claims") or [], start=1):
        where = f"{path}: claims[{number}]"
        try:
            appearances = []
            for item in record["appearances"]:
                holder = documents.get(item["document"])
                if holder is None:
                    raise GoldError(f"{where}: unknown document {item['document']!r}")
                start, end = int(item["start"]), int(item["end"])
                if holder.text[start:end] != item["text"]:
                    raise GoldError(f"{where}: text of {item['document']} {start}-{end} differs")
                appearances.append(GoldAppearance(holder.id, start, end))
            claims.append(
                GoldClaim(
                    str(record["id"]),
                    bool(record["laundering"]),
                    bool(record["hardening"]),
                    tuple(appearances),
                )
            )
        except (KeyError, TypeError, ValueError) as error:
            if isinstance(error, GoldError):
                raise
            raise GoldError(f"{where}: bad claim record ({error})") from None
    if not documents or not claims:
        raise GoldError(f"{path}: no documents or no claims in it")
    return Gold(str(data.get("split") or path.stem), tuple(documents.values()), tuple(claims))


@dataclass(frozen=True)
class SystemAppearance:
    document: str
    start: int
    end: int
    claim: int


@dataclass
class SystemOutput:
    appearances: list[SystemAppearance]
    flags: dict[int, dict[str, bool]]
    seconds: dict[str, float] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def run_system(gold: Gold, url: str, embeddings: bool = True) -> SystemOutput:
    """Analyse the gold documents into the store at `url`, match claims, read them back."""
    from sqlalchemy import select

    from newsgraph.corpus.claims import update_claims
    from newsgraph.ingest.document import make_document
    from newsgraph.model import SourceInfo
    from newsgraph.pipeline import Pipeline
    from newsgraph.store import claims_tables
    from newsgraph.store.engine import check_revision, connect
    from newsgraph.store.ingest import ingest_documents

    engine = connect(url)
    check_revision(engine, create=True)
    documents = [
        make_document(
            doc_id=d.id,
            text=d.text,
            source=SourceInfo(path=d.id, format="jsonl"),
            published=d.published,
            outlet=d.outlet,
            via=list(d.via),
        )
        for d in gold.documents
    ]
    started = time.perf_counter()
    problems = [
        f"{outcome.doc_id}: {outcome.error}"
        for outcome in ingest_documents(engine, documents, Pipeline)
        if outcome.status == "failed"
    ]
    analysed = time.perf_counter()
    report = update_claims(engine, embeddings=embeddings)
    matched = time.perf_counter()
    a, c = claims_tables.claim_appearances, claims_tables.claims
    with engine.connect() as connection:
        appearances = [
            SystemAppearance(row.doc_id, row.content_start, row.content_end, row.claim_id)
            for row in connection.execute(
                select(a.c.doc_id, a.c.content_start, a.c.content_end, a.c.claim_id)
            )
        ]
        flags = {
            row.id: {"laundering": bool(row.laundering), "hardening": bool(row.hardening)}
            for row in connection.execute(select(c.c.id, c.c.laundering, c.c.hardening))
        }
    engine.dispose()
    return SystemOutput(
        appearances,
        flags,
        {"analyse": analysed - started, "claims": matched - analysed},
        problems + report.problems,
    )


def align(gold: Gold, system: SystemOutput) -> dict[GoldAppearance, int | None]:
    """Each gold appearance -> the system claim of the appearance overlapping it most."""
    by_document: dict[str, list[SystemAppearance]] = {}
    for appearance in system.appearances:
        by_document.setdefault(appearance.document, []).append(appearance)
    result: dict[GoldAppearance, int | None] = {}
    for claim in gold.claims:
        for item in claim.appearances:
            best, best_overlap = None, 0
            for candidate in by_document.get(item.document, []):
                overlap = min(item.end, candidate.end) - max(item.start, candidate.start)
                if overlap > best_overlap:
                    best, best_overlap = candidate.claim, overlap
            result[item] = best
    return result


@dataclass
class ClaimsScore:
    precision: float
    recall: float
    f1: float
    appearances: int
    aligned: int
    claims: int
    flags: dict[str, Score]
    wrong_flags: list[dict[str, Any]]

    def as_dict(self) -> dict[str, Any]:
        return {
            "b_cubed": {"precision": self.precision, "recall": self.recall, "f1": self.f1},
            "appearances": self.appearances,
            "aligned": self.aligned,
            "claims": self.claims,
            "flags": {name: score.as_dict() for name, score in self.flags.items()},
            "wrong_flags": self.wrong_flags,
        }


def score(gold: Gold, system: SystemOutput) -> ClaimsScore:
    aligned = align(gold, system)
    # Gold appearances that no system appearance covers are system clusters of their own.
    system_of: dict[tuple[str, int, int, str], Any] = {}
    gold_of: dict[tuple[str, int, int, str], str] = {}
    for claim in gold.claims:
        for item in claim.appearances:
            key = (item.document, item.start, item.end, claim.id)
            gold_of[key] = claim.id
            found = aligned[item]
            system_of[key] = found if found is not None else ("unaligned", key)
    precision = recall = 0.0
    keys = list(gold_of)
    for key in keys:
        same_gold = {k for k in keys if gold_of[k] == gold_of[key]}
        same_system = {k for k in keys if system_of[k] == system_of[key]}
        shared = len(same_gold & same_system)
        precision += shared / len(same_system)
        recall += shared / len(same_gold)
    precision /= len(keys)
    recall /= len(keys)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    flag_scores = {name: Score() for name in FLAGS}
    wrong: list[dict[str, Any]] = []
    for claim in gold.claims:
        votes = Counter(aligned[item] for item in claim.appearances if aligned[item] is not None)
        chosen = votes.most_common(1)[0][0] if votes else None
        predicted = system.flags.get(chosen, {}) if chosen is not None else {}
        for name in FLAGS:
            expected = bool(getattr(claim, name))
            said = bool(predicted.get(name, False))
            flag_scores[name] += Score(int(expected and said), int(said), int(expected))
            if expected != said:
                wrong.append({"claim": claim.id, "flag": name, "gold": expected, "system": said})
    return ClaimsScore(
        precision,
        recall,
        f1,
        len(keys),
        sum(found is not None for found in aligned.values()),
        len(gold.claims),
        flag_scores,
        wrong,
    )


def format_report(result: ClaimsScore, split: str) -> str:
    lines = [
        f"split {split}: {result.claims} gold claims, {result.appearances} appearances "
        f"({result.aligned} found by the attribution layer)",
        f"{'':24}{'P':>7}{'R':>7}{'F1':>7}{'tp':>5}{'sys':>5}{'gold':>5}",
        f"{'claims (B-cubed)':24}{result.precision:7.3f}{result.recall:7.3f}{result.f1:7.3f}",
    ]
    for name, flag in result.flags.items():
        lines.append(
            f"{name + ' flag':24}{flag.precision:7.3f}{flag.recall:7.3f}{flag.f1:7.3f}"
            f"{flag.correct:5d}{flag.system:5d}{flag.gold:5d}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="newsgraph evaluate claims",
        description="Score claim grouping (B-cubed) and the laundering and hardening flags "
        "against a claims gold file.",
    )
    parser.add_argument("gold", type=Path, help="claims gold JSON (data/gold/claims-*.json)")
    parser.add_argument("--json", type=Path, metavar="REPORT", help="write a JSON report here")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="analyse into this (new, empty) store and keep it; default: a temporary SQLite file",
    )
    parser.add_argument(
        "--words-only", action="store_true", help="match by words and numbers, no embeddings"
    )
    parser.add_argument(
        "--details", action="store_true", help="print every gold claim whose flag is wrong"
    )
    args = parser.parse_args(list(argv))
    from newsgraph.store.engine import StoreError

    try:
        gold = read_gold(args.gold)
    except (OSError, GoldError) as error:
        print(f"newsgraph: {error}", file=sys.stderr)
        return 1
    try:
        if args.db:
            system = run_system(gold, args.db, embeddings=not args.words_only)
        else:
            with tempfile.TemporaryDirectory() as folder:
                url = f"sqlite:///{Path(folder) / 'claims-eval.db'}"
                system = run_system(gold, url, embeddings=not args.words_only)
    except StoreError as error:
        print(f"newsgraph: {error}", file=sys.stderr)
        return 1
    for problem in system.problems:
        print(f"newsgraph: {problem}", file=sys.stderr)
    result = score(gold, system)
    print(format_report(result, gold.split))
    print(
        f"time: analysis {system.seconds['analyse']:.1f}s, claims {system.seconds['claims']:.1f}s"
    )
    if args.details:
        for wrong in result.wrong_flags:
            flag, said = wrong["flag"], wrong["system"]
            print(f"  {wrong['claim']}: {flag} gold {wrong['gold']}, system {said}")
    if args.json:
        payload = {
            "gold": str(args.gold),
            "split": gold.split,
            "embeddings": not args.words_only,
            **result.as_dict(),
            "seconds": {name: round(value, 3) for name, value in system.seconds.items()},
        }
        args.json.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
