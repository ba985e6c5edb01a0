"""The time evaluator: span matching, TempEval-3 scores, the held-out split and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.evaluate.spans import Score, match_spans, score_spans
from newsgraph.evaluate.time import (
    GoldDocument,
    GoldTimex,
    is_heldout,
    main,
    score_document,
    select_split,
)
from newsgraph.model import Provenance, Timex

ORIGIN = Provenance(component="temporal", version="test")


def system_timex(start: int, end: int, kind: str, value: str) -> Timex:
    return Timex(
        id=f"t{start}",
        start=start,
        end=end,
        text="x" * (end - start),
        type=kind,  # type: ignore[arg-type]
        value=value,
        provenance=ORIGIN,
    )


def test_strict_matching_needs_identical_offsets() -> None:
    assert match_spans([(0, 5), (10, 15)], [(0, 5), (10, 14)], strict=True) == [(0, 0)]


def test_relaxed_matching_is_one_to_one() -> None:
    # Two system pieces of one gold span earn one match; the better overlap is kept.
    assert match_spans([(0, 10)], [(0, 3), (3, 10)], strict=False) == [(0, 1)]
    assert score_spans([(0, 10)], [(0, 3), (3, 10)], strict=False) == Score(1, 2, 1)


def test_score_arithmetic() -> None:
    score = Score(3, 4, 6) + Score(1, 1, 0)
    assert (score.correct, score.system, score.gold) == (4, 5, 6)
    assert score.precision == pytest.approx(0.8)
    assert score.recall == pytest.approx(4 / 6)
    assert Score().f1 == 0.0


def test_tempeval_attribute_scores() -> None:
    gold = [
        GoldTimex(0, 9, "last year", "DATE", "2024"),
        GoldTimex(20, 31, "three years", "DURATION", "P3Y"),
        GoldTimex(40, 45, "today", "DATE", "2025-09-15"),
    ]
    system = [
        system_timex(0, 9, "DATE", "2024"),  # strict, value and type right
        system_timex(20, 25, "DURATION", "P5Y"),  # relaxed only, value wrong
        system_timex(50, 55, "DATE", "2020"),  # spurious
    ]
    scores = score_document(gold, system)
    assert (scores.strict.correct, scores.relaxed.correct) == (1, 2)
    assert (scores.value.correct, scores.type.correct) == (1, 2)
    assert scores.value.precision == pytest.approx(1 / 3)
    assert scores.value.recall == pytest.approx(1 / 3)


def test_heldout_split_is_fixed_and_about_a_tenth() -> None:
    ids = [f"doc{i}" for i in range(2000)]
    held = [doc_id for doc_id in ids if is_heldout(doc_id)]
    assert 150 < len(held) < 250
    assert held == [doc_id for doc_id in ids if is_heldout(doc_id)]
    documents = [GoldDocument(doc_id, "2025-01-01", "", ()) for doc_id in ids]
    heldout, train = select_split(documents, "heldout"), select_split(documents, "train")
    assert len(heldout) + len(train) == len(ids)
    assert not {d.id for d in heldout} & {d.id for d in train}


def test_main_scores_a_gold_file_and_writes_a_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "The talks began last year and lasted three years. They resume today."
    record = {
        "id": "example",
        "dct": "2025-09-15",
        "text": text,
        "timexes": [
            {"start": 16, "end": 25, "text": "last year", "type": "DATE", "value": "2024"},
            {"start": 37, "end": 48, "text": "three years", "type": "DURATION", "value": "P3Y"},
            {"start": 62, "end": 67, "text": "today", "type": "DATE", "value": "2025-09-15"},
        ],
    }
    for timex in record["timexes"]:
        assert isinstance(timex, dict)
        assert text[timex["start"] : timex["end"]] == timex["text"]
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    report = tmp_path / "report.json"
    assert main([str(gold), "--split", "all", "--json", str(report)]) == 0
    printed = capsys.readouterr().out
    assert "relaxed" in printed and "value" in printed
    scores = json.loads(report.read_text(encoding="utf-8"))["scores"]
    assert scores["strict"]["f1"] == 1.0
    assert scores["value"]["f1"] == 1.0
    assert scores["type"]["f1"] == 1.0


def test_main_scores_another_systems_predictions(tmp_path: Path) -> None:
    text = "It rained on Friday and for two days after."
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(
            {
                "id": "d1",
                "dct": "1998-01-08",
                "text": text,
                "timexes": [
                    {
                        "start": 13,
                        "end": 19,
                        "text": "Friday",
                        "type": "DATE",
                        "value": "1998-01-02",
                    },
                    {
                        "start": 28,
                        "end": 36,
                        "text": "two days",
                        "type": "DURATION",
                        "value": "P2D",
                    },
                ],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    predicted = tmp_path / "system.jsonl"
    predicted.write_text(
        json.dumps(
            {
                "id": "d1",
                "timexes": [
                    {"start": 13, "end": 19, "type": "DATE", "value": "1998-01-09"},
                    {"start": 24, "end": 36, "type": "DURATION", "value": "P2D"},
                ],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    report = tmp_path / "report.json"
    assert main([str(gold), "--system", str(predicted), "--json", str(report)]) == 0
    scores = json.loads(report.read_text(encoding="utf-8"))["scores"]
    assert (scores["strict"]["correct"], scores["relaxed"]["correct"]) == (1, 2)
    assert (scores["value"]["correct"], scores["type"]["correct"]) == (1, 2)
