"""The annotated development set and the evaluator that scores against it."""

from __future__ import annotations

import json
from pathlib import Path

from newsgraph.evaluate.entities import main

REPO = Path(__file__).resolve().parents[2]
GOLD = REPO / "data" / "gold" / "entities-dev.jsonl"
HELD_OUT = REPO / "data" / "gold" / "entities-heldout.jsonl"
KINDS = {"person", "organization", "country", "place", "group", "event", "other"}


def test_gold_offsets_match_their_text() -> None:
    records = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    assert len(records) >= 15
    records += [json.loads(line) for line in HELD_OUT.read_text(encoding="utf-8").splitlines()]
    for record in records:
        text = record["text"]
        for mention in record["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"], record["id"]
            assert mention["kind"] in KINDS


def test_evaluator_scores_the_development_set(tmp_path: Path) -> None:
    out = tmp_path / "scores.json"
    assert main([str(GOLD), "--json", str(out), "--limit", "4"]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["documents"] == 4
    assert report["mention_detection"]["f1"] > 0.85
    assert report["predicted_mentions"]["conll_f1"] > 0.80
    assert report["gold_mentions_setting"]["conll_f1"] > 0.80


def test_evaluator_reads_ecbplus_records(tmp_path: Path) -> None:
    text = "Lindsay Lohan checked into rehab .\nShe arrived in Malibu ."
    record = {
        "id": "1_1ecb", "topic": "1", "subtopic": "ecb", "text": text,
        "validated_sentences": [[0, 34]],
        "mentions": [
            {"start": 0, "end": 13, "text": "Lindsay Lohan", "kind": "entity",
             "type": "HUMAN_PART_PER", "cluster": "HUM1", "m_id": "1"},
            {"start": 14, "end": 26, "text": "checked into", "kind": "event",
             "type": "ACTION_OCCURRENCE", "cluster": "ACT1", "m_id": "2"},
            {"start": 35, "end": 38, "text": "She", "kind": "entity",
             "type": "HUMAN_PART_PER", "cluster": "HUM1", "m_id": "3"},
        ],
    }  # fmt: skip
    gold = tmp_path / "ecb.jsonl"
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    out = tmp_path / "scores.json"
    assert main([str(gold), "--json", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["format"] == "ecbplus"
    # Only the validated first sentence counts: one entity mention, found exactly.
    assert report["gold_mentions"] == 1
    assert report["mention_detection"]["f1"] == 1.0
