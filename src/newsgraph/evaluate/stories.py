"""`newsgraph evaluate stories GOLD.jsonl --format ecbplus`: how well the stories step groups
articles by happening, against the ECB+ subtopics.

Each ECB+ topic holds two similar happenings (its `ecb` and `ecbplus` subtopics, e.g. two
Oscars hosts announced in different years); a gold story is a (topic, subtopic) pair. The
system is given the texts only, no topic. They carry no publication date, and the file lists
them topic by topic, so they are stored in an order shuffled with --seed (the runner places
undated articles in storage order), in a throwaway SQLite store, in two corpus updates (the
first half, then the rest) so that the incremental path is what is measured; one update over
everything is scored too.

Scores: B-cubed precision, recall and F1 (newsgraph.evaluate.coref) and the adjusted Rand
index, at the subtopic level (the target) and the topic level. The baseline in the same run is
plain tf-idf k-means (k-means++ seeded with --seed, best of 10 starts) handed the true number
of stories, which the step is not.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newsgraph.evaluate.coref import b_cubed

FORMATS = ("ecbplus",)
KMEANS_STARTS = 10
KMEANS_ROUNDS = 100


@dataclass(frozen=True)
class GoldDocument:
    id: str
    text: str
    topic: str
    subtopic: str


class GoldError(Exception):
    pass


@dataclass
class Scores:
    system: str
    level: str
    stories: int
    precision: float
    recall: float
    f1: float
    ari: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "system": self.system,
            "level": self.level,
            "stories": self.stories,
            "b_cubed": {
                "precision": round(self.precision, 4),
                "recall": round(self.recall, 4),
                "f1": round(self.f1, 4),
            },
            "adjusted_rand": round(self.ari, 4),
        }


def read_ecbplus(path: Path) -> list[GoldDocument]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise GoldError(f"{path}: cannot read: {error.strerror or error}") from None
    documents = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            documents.append(
                GoldDocument(
                    str(record["id"]),
                    str(record["text"]),
                    str(record["topic"]),
                    str(record["subtopic"]),
                )
            )
        except (ValueError, KeyError, TypeError) as error:
            raise GoldError(f"{path}:line {number}: {error}") from None
    if not documents:
        raise GoldError(f"{path}: no documents")
    return documents


def run_step(
    documents: Sequence[GoldDocument],
    url: str,
    updates: int,
    join: float | None = None,
    merge: float | None = None,
) -> dict[str, int]:
    """Store the documents in `updates` parts, a corpus update after each; a story number for
    each document id. `join` and `merge` replace the step's thresholds when given."""
    from sqlalchemy import select

    from newsgraph.corpus.stories.step import StoriesStep
    from newsgraph.corpus.update import update_corpus
    from newsgraph.store import tables
    from newsgraph.store.engine import check_revision, connect
    from newsgraph.store.plain import insert_text
    from newsgraph.store.stories_tables import story_documents

    engine = connect(url)
    check_revision(engine, create=True)
    size = math.ceil(len(documents) / updates)
    for start in range(0, len(documents), size):
        with engine.begin() as connection:
            for doc in documents[start : start + size]:
                insert_text(connection, doc.id, doc.text)
        update_corpus(engine, steps=[StoriesStep(join, merge)])
    documents_table = tables.documents
    with engine.connect() as connection:
        rows = connection.execute(
            select(documents_table.c.doc_id, story_documents.c.story_id).join(
                story_documents, story_documents.c.document_id == documents_table.c.id
            )
        ).all()
    engine.dispose()
    return {doc_id: story for doc_id, story in rows}


def plain_tfidf(texts: Sequence[str]) -> npt.NDArray[np.float64]:
    """Rows of unit-length tf-idf vectors over lower-cased words (no stop words, no names
    weighted): the baseline's features."""
    from spacy.lang.en.stop_words import STOP_WORDS

    counts = [
        Counter(
            word
            for word in re.findall(r"[^\W_][\w'-]*", text.casefold())
            if word not in STOP_WORDS and len(word) > 1
        )
        for text in texts
    ]
    frequencies: Counter[str] = Counter()
    for row in counts:
        frequencies.update(row.keys())
    columns = {word: index for index, word in enumerate(sorted(frequencies))}
    matrix = np.zeros((len(texts), len(columns)))
    n = len(texts)
    for index, row in enumerate(counts):
        for word, count in row.items():
            idf = math.log((1 + n) / (1 + frequencies[word])) + 1.0
            matrix[index, columns[word]] = count * idf
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    result: npt.NDArray[np.float64] = matrix / np.where(norms == 0, 1.0, norms)
    return result


def kmeans(
    points: npt.NDArray[np.float64], k: int, seed: int, starts: int = KMEANS_STARTS
) -> list[int]:
    """Lloyd's k-means from k-means++ seeds; the start of least inertia wins."""
    generator = np.random.default_rng(seed)
    squared = (points * points).sum(axis=1)
    best: tuple[float, npt.NDArray[np.int64]] | None = None
    for _start in range(starts):
        chosen = [int(generator.integers(len(points)))]
        nearest = _distances(points, squared, points[chosen]).min(axis=1)
        while len(chosen) < k:
            total = nearest.sum()
            pick = (
                int(generator.choice(len(points), p=nearest / total))
                if total > 0
                else int(generator.integers(len(points)))
            )
            chosen.append(pick)
            nearest = np.minimum(nearest, _distances(points, squared, points[[pick]])[:, 0])
        centres = points[chosen].copy()
        labels = np.zeros(len(points), dtype=np.int64)
        for _round in range(KMEANS_ROUNDS):
            distances = _distances(points, squared, centres)
            labels = distances.argmin(axis=1)
            moved = np.array(
                [
                    points[labels == j].mean(axis=0) if (labels == j).any() else centres[j]
                    for j in range(k)
                ]
            )
            if np.allclose(moved, centres):
                break
            centres = moved
        inertia = float(_distances(points, squared, centres).min(axis=1).sum())
        if best is None or inertia < best[0]:
            best = (inertia, labels)
    assert best is not None
    return [int(label) for label in best[1]]


def _distances(
    points: npt.NDArray[np.float64],
    squared: npt.NDArray[np.float64],
    centres: npt.NDArray[np.float64],
) -> npt.NDArray[np.float64]:
    result: npt.NDArray[np.float64] = np.maximum(
        squared[:, None] - 2 * points @ centres.T + (centres * centres).sum(axis=1)[None, :], 0
    )
    return result


def adjusted_rand(gold: Sequence[Hashable], found: Sequence[Hashable]) -> float:
    """The adjusted Rand index (Hubert and Arabie 1985) of two labellings of the same items."""
    from scipy.special import comb  # type: ignore[import-untyped]

    pairs = Counter(zip(gold, found, strict=True))
    by_gold = Counter(gold)
    by_found = Counter(found)
    index = sum(comb(n, 2) for n in pairs.values())
    gold_pairs = sum(comb(n, 2) for n in by_gold.values())
    found_pairs = sum(comb(n, 2) for n in by_found.values())
    expected = gold_pairs * found_pairs / comb(len(gold), 2) if len(gold) > 1 else 0.0
    largest = (gold_pairs + found_pairs) / 2
    if largest == expected:
        return 1.0
    return float((index - expected) / (largest - expected))


def score(system: str, level: str, gold: Sequence[Hashable], found: Sequence[Hashable]) -> Scores:
    key: dict[Hashable, set[int]] = defaultdict(set)
    response: dict[Hashable, set[int]] = defaultdict(set)
    for index, (truth, label) in enumerate(zip(gold, found, strict=True)):
        key[truth].add(index)
        response[label].add(index)
    ratio = b_cubed([frozenset(v) for v in key.values()], [frozenset(v) for v in response.values()])
    return Scores(
        system,
        level,
        len(response),
        ratio.precision,
        ratio.recall,
        ratio.f1,
        adjusted_rand(gold, found),
    )


def format_table(results: Sequence[Scores]) -> str:
    lines = [
        f"{'level':<9} {'system':<40} {'stories':>7} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} "
        f"{'ARI':>6}"
    ]
    for item in results:
        lines.append(
            f"{item.level:<9} {item.system:<40} {item.stories:>7} {item.precision:>6.3f} "
            f"{item.recall:>6.3f} {item.f1:>6.3f} {item.ari:>6.3f}"
        )
    return "\n".join(lines)


def evaluate(
    documents: Sequence[GoldDocument],
    seed: int,
    join: float | None = None,
    merge: float | None = None,
) -> tuple[list[Scores], float]:
    """Every system's scores at both levels, and the seconds the two-update run took."""
    from newsgraph.corpus.stories.cluster import JOIN, MERGE

    join = JOIN if join is None else join
    merge = MERGE if merge is None else merge
    arrival = list(documents)
    random.Random(seed).shuffle(arrival)
    subtopics = [(d.topic, d.subtopic) for d in arrival]
    topics = [d.topic for d in arrival]
    systems: list[tuple[str, list[Hashable]]] = []
    seconds = 0.0
    for updates in (2, 1):
        with tempfile.TemporaryDirectory(prefix="newsgraph-stories-") as folder:
            started = time.perf_counter()
            found = run_step(arrival, f"sqlite:///{Path(folder) / 'gold.db'}", updates, join, merge)
            if updates == 2:
                seconds = time.perf_counter() - started
        name = f"stories step, {updates} update{'s' if updates > 1 else ''}"
        systems.append((f"{name} (J={join}, M={merge})", [found[d.id] for d in arrival]))
    k = len(set(subtopics))
    baseline = kmeans(plain_tfidf([d.text for d in arrival]), k, seed)
    systems.append((f"tf-idf k-means, true k={k}", list(baseline)))
    results = [score(name, "subtopic", subtopics, labels) for name, labels in systems]
    results += [score(name, "topic", topics, labels) for name, labels in systems]
    return results, seconds


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="newsgraph evaluate stories",
        description="Score the stories step against ECB+ (each subtopic one gold story; no "
        "topics given to the system): B-cubed and adjusted Rand, with a tf-idf k-means "
        "baseline handed the true number of stories in the same run.",
    )
    parser.add_argument("gold", type=Path, metavar="GOLD.jsonl")
    parser.add_argument("--format", choices=FORMATS, required=True, help="the gold's format")
    parser.add_argument(
        "--seed", type=int, default=0, help="arrival order and k-means seeds (default 0)"
    )
    parser.add_argument(
        "--join", type=float, metavar="S", help="the join threshold (default: the step's)"
    )
    parser.add_argument(
        "--merge", type=float, metavar="S", help="the merge threshold (default: the step's)"
    )
    parser.add_argument("--json", type=Path, metavar="REPORT", help="also write a JSON report")
    args = parser.parse_args(argv)
    try:
        documents = read_ecbplus(args.gold)
    except GoldError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    results, seconds = evaluate(documents, args.seed, args.join, args.merge)
    tuned = (
        "stories thresholds chosen on the ECB+ train split"
        if args.join is None and args.merge is None
        else "stories thresholds given on the command line"
    )
    print(format_table(results))
    print(
        f"{len(documents)} documents, {len({(d.topic, d.subtopic) for d in documents})} gold "
        f"stories, {len({d.topic for d in documents})} topics; arrival order shuffled with "
        f"seed {args.seed}; {tuned}; "
        f"two-update run {seconds:.1f}s"
    )
    if args.json:
        payload = {
            "gold": str(args.gold),
            "documents": len(documents),
            "seed": args.seed,
            "seconds": round(seconds, 3),
            "results": [item.as_dict() for item in results],
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0
