"""Score the entities stage: mention detection (P/R/F1) and clustering (MUC, B3, CEAF-e, CoNLL).

Gold is JSONL, one document a line (data/gold/README.md):

    {"id": "...", "text": "...", "mentions": [{"start": 0, "end": 6, "text": "Sharaa",
     "cluster": "p.sharaa", "kind": "person"}, ...]}

`--format ecbplus` reads the ECB+ conversion instead (entity mentions in validated sentences,
clusters made document-local). Two settings are scored:

* predicted mentions: the stage's own entity mentions against the gold ones (end to end);
* gold mentions: each gold mention is mapped to an entity with `entity_at`, so only the
  clustering is judged (a gold mention no entity covers is a singleton).

Usage: newsgraph evaluate entities GOLD.jsonl [--format ecbplus] [--json OUT] [--details]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsgraph.entities.aliasbook import ALIASES_ENV
from newsgraph.entities.lookup import entity_at
from newsgraph.evaluate.coref import Cluster, CorefScores, empty_scores, score_document
from newsgraph.evaluate.spans import Score, score_spans
from newsgraph.ingest.document import make_document
from newsgraph.model import Analysis, SourceInfo

Offsets = tuple[int, int]


@dataclass
class GoldDocument:
    id: str
    text: str
    mentions: list[tuple[int, int, str]]  # start, end, cluster
    kinds: dict[str, str] | None = None  # cluster -> kind, where the gold has kinds
    # Character ranges the annotation covers (ECB+'s validated sentences); None: everything.
    scope: list[tuple[int, int]] | None = None


def read_gold(path: Path, format_name: str) -> Iterator[GoldDocument]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            if format_name == "ecbplus":
                yield _ecbplus_document(record)
            else:
                mentions = [(m["start"], m["end"], str(m["cluster"])) for m in record["mentions"]]
                kinds = {str(m["cluster"]): str(m["kind"]) for m in record["mentions"]}
                yield GoldDocument(str(record["id"]), record["text"], mentions, kinds)


def _ecbplus_document(record: dict[str, object]) -> GoldDocument:
    """Entity mentions inside validated sentences, as the corpus authors advise."""
    ranges = [(int(r[0]), int(r[1])) for r in record.get("validated_sentences", [])]  # type: ignore[attr-defined]
    mentions = []
    for mention in record["mentions"]:  # type: ignore[attr-defined]
        if mention["kind"] != "entity":
            continue
        start, end = mention["start"], mention["end"]
        if any(s <= start and end <= e for s, e in ranges):
            mentions.append((start, end, str(mention["cluster"])))
    return GoldDocument(str(record["id"]), str(record["text"]), mentions, scope=ranges)


def detect_format(path: Path) -> str:
    with path.open(encoding="utf-8") as handle:
        first = json.loads(handle.readline())
    return "ecbplus" if "validated_sentences" in first else "newsgraph"


def clusters_of(items: Iterable[tuple[Offsets, Hashable]]) -> list[Cluster]:
    groups: dict[Hashable, set[Hashable]] = defaultdict(set)
    for offsets, cluster in items:
        groups[cluster].add(offsets)
    return [frozenset(group) for group in groups.values()]


def system_mentions(analysis: Analysis) -> list[tuple[Offsets, str]]:
    """Entity mentions the stage produced, leaving out 'other' things (works, laws, products)."""
    kinds = {entity.id: entity.kind for entity in analysis.entities}
    return [
        ((m.start, m.end), m.entity)
        for m in analysis.mentions
        if m.entity is not None and kinds.get(m.entity) != "other"
    ]


@dataclass
class DocumentResult:
    id: str
    detection: Score
    predicted: CorefScores
    on_gold: CorefScores
    missed: list[str]
    spurious: list[str]
    kinds_right: int = 0
    kinds_total: int = 0


def evaluate_document(gold: GoldDocument, analysis: Analysis) -> DocumentResult:
    gold_items = [((s, e), c) for s, e, c in gold.mentions]
    gold_offsets = list(dict.fromkeys(offsets for offsets, _ in gold_items))
    predicted = system_mentions(analysis)
    if gold.scope is not None:
        scope = gold.scope
        predicted = [p for p in predicted if any(s <= p[0][0] and p[0][1] <= e for s, e in scope)]
    predicted_offsets = [offsets for offsets, _ in predicted]
    detection = score_spans(gold_offsets, predicted_offsets, strict=True)
    key = clusters_of(gold_items)
    end_to_end = score_document(key, clusters_of(predicted))
    mapped: list[tuple[Offsets, Hashable]] = []
    for offsets in gold_offsets:
        entity = entity_at(analysis, *offsets)
        mapped.append((offsets, entity if entity is not None else ("alone", offsets)))
    on_gold = score_document(key, clusters_of(mapped))
    gold_set, predicted_set = set(gold_offsets), set(predicted_offsets)
    text = gold.text
    missed = [text[s:e] for s, e in gold_offsets if (s, e) not in predicted_set]
    spurious = [text[s:e] for s, e in predicted_offsets if (s, e) not in gold_set]
    right, total = _kind_agreement(gold, analysis)
    return DocumentResult(gold.id, detection, end_to_end, on_gold, missed, spurious, right, total)


def _kind_agreement(gold: GoldDocument, analysis: Analysis) -> tuple[int, int]:
    """Gold clusters whose main system entity (most of their mentions) has the gold kind."""
    if not gold.kinds:
        return 0, 0
    kinds = {entity.id: entity.kind for entity in analysis.entities}
    votes: dict[str, list[str]] = defaultdict(list)
    for start, end, cluster in gold.mentions:
        entity = entity_at(analysis, start, end)
        if entity is not None:
            votes[cluster].append(entity)
    right = 0
    for cluster, entities in votes.items():
        main = max(set(entities), key=entities.count)
        right += kinds.get(main) == gold.kinds.get(cluster)
    return right, len(gold.kinds)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsgraph evaluate entities",
        description="Score entity mentions and clusters against gold JSONL.",
    )
    parser.add_argument("gold", type=Path, help="gold JSONL (newsgraph or ECB+ format)")
    parser.add_argument(
        "--format", choices=("auto", "newsgraph", "ecbplus"), default="auto",
        help="gold format (default: detected from the first line)",
    )  # fmt: skip
    parser.add_argument("--aliases", type=Path, help=f"alias CSV (default: ${ALIASES_ENV})")
    parser.add_argument("--limit", type=int, help="score only the first N documents")
    parser.add_argument("--json", type=Path, help="also write the scores to this file")
    parser.add_argument(
        "--details", action="store_true", help="list missed and spurious mentions per document"
    )
    return parser


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if args.aliases is not None:
        os.environ[ALIASES_ENV] = str(args.aliases)
    format_name = detect_format(args.gold) if args.format == "auto" else args.format
    documents = list(read_gold(args.gold, format_name))
    if args.limit is not None:
        documents = documents[: args.limit]

    from newsgraph.pipeline import PARSE, Pipeline

    pipeline = Pipeline(["entities"])
    inputs = [
        make_document(doc_id=d.id, text=d.text, source=SourceInfo(path=str(args.gold)))
        for d in documents
    ]
    started = time.perf_counter()
    analyses = list(pipeline.analyze_many(inputs))
    elapsed = time.perf_counter() - started
    results = []
    for gold, analysis in zip(documents, analyses, strict=True):
        if not isinstance(analysis, Analysis):
            print(f"{gold.id}: {analysis}", file=sys.stderr)
            return 1
        results.append(evaluate_document(gold, analysis))

    detection = sum((r.detection for r in results), Score())
    predicted = sum((r.predicted for r in results), empty_scores())
    on_gold = sum((r.on_gold for r in results), empty_scores())
    report = {
        "gold": str(args.gold),
        "format": format_name,
        "documents": len(results),
        "gold_mentions": detection.gold,
        "mention_detection": detection.as_dict(),
        "predicted_mentions": predicted.as_dict(),
        "gold_mentions_setting": on_gold.as_dict(),
        "kind_accuracy": round(
            sum(r.kinds_right for r in results) / max(1, sum(r.kinds_total for r in results)), 4
        ),
        "seconds": {
            "total": round(elapsed, 2),
            "parse": round(pipeline.timings[PARSE], 2),
            "entities": round(pipeline.timings["entities"], 2),
        },
    }
    _print(report)
    if args.details:
        for result in results:
            print(f"\n{result.id}: F1 {result.detection.f1:.3f}")
            print("  missed:  ", "; ".join(result.missed))
            print("  spurious:", "; ".join(result.spurious))
    if args.json is not None:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


def _print(report: dict[str, object]) -> None:
    print(f"{report['gold']} ({report['format']}): {report['documents']} documents, "
          f"{report['gold_mentions']} gold mentions")  # fmt: skip
    detection = report["mention_detection"]
    assert isinstance(detection, dict)
    print(f"mention detection  P {detection['precision']:.4f}  R {detection['recall']:.4f}  "
          f"F1 {detection['f1']:.4f}")  # fmt: skip
    for label, name in (("predicted_mentions", "predicted"), ("gold_mentions_setting", "gold")):
        scores = report[label]
        assert isinstance(scores, dict)
        parts = [f"{metric} {scores[metric]['f1']:.4f}" for metric in ("muc", "b_cubed", "ceaf_e")]
        print(f"clustering, {name} mentions: {'  '.join(parts)}  CoNLL {scores['conll_f1']:.4f}")
    if report["format"] == "newsgraph":
        print(f"entity kind accuracy (gold clusters): {report['kind_accuracy']:.4f}")
    print(f"seconds: {report['seconds']}")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
