"""The events stage on single sentences: what it codes and what it leaves out."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from newsgraph.evaluate.events import (
    GoldError,
    GoldRecord,
    is_heldout,
    read_gold,
    score,
    select_split,
)
from newsgraph.events.merge import merge_repeats
from newsgraph.events.table import date_precision
from newsgraph.ingest.document import make_document
from newsgraph.model import Analysis, Event, EventParticipant, Provenance, SourceInfo, Span
from newsgraph.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(["events"])


def analyse(pipeline: Pipeline, text: str) -> Analysis:
    document = make_document(
        doc_id="t", text=text, source=SourceInfo(), published=dt.date(2025, 3, 4)
    )
    return pipeline.analyze(document)


def test_hypothetical(pipeline: Pipeline) -> None:
    events = analyse(pipeline, "Officials fear that Russia could attack Moldova.").events
    attack = next(e for e in events if e.trigger.text == "attack")
    assert attack.factuality == "hypothetical"
    assert [a.span.text for a in attack.actors] == ["Russia"]
    assert attack.targets[0].country == "MDA"


def test_no_event_no_code(pipeline: Pipeline) -> None:
    assert analyse(pipeline, "The weather in Sofia was mild on Tuesday.").events == []


def test_sector_country_place_and_date(pipeline: Pipeline) -> None:
    text = "Israeli troops attacked Hamas fighters in Gaza on Monday."
    analysis = analyse(pipeline, text)
    [attack] = analysis.events
    assert attack.type == "ASSAULT" and attack.quad_class == "material conflict"
    actor = attack.actors[0]
    assert (actor.country, actor.sector) == ("ISR", "military")
    assert attack.targets[0].sector == "rebels"
    place = next(e for e in analysis.entities if e.id == attack.where)
    assert place.name == "Gaza"
    assert attack.when_source == "timex" and attack.date == "2025-03-03"


def test_undated_sentence_takes_the_story_time(pipeline: Pipeline) -> None:
    text = "Rebels seized Kidal on January 5, 2024. They also attacked Tessalit and Aguelhok."
    events = analyse(pipeline, text).events
    attack = next(e for e in events if e.trigger.text == "attacked")
    assert attack.when_source == "narrative" and attack.date == "2024-01-05"
    assert [t.span.text for t in attack.targets] == ["Tessalit", "Aguelhok"]


def test_lifting_sanctions_concedes(pipeline: Pipeline) -> None:
    [event] = analyse(pipeline, "The European Union lifted sanctions on Belarus.").events
    assert event.type == "CONCEDE"
    assert [t.span.text for t in event.targets] == ["Belarus"]


def test_date_precision() -> None:
    assert date_precision("2024-11-27") == "day"
    assert date_precision("2025-02") == "month"
    assert date_precision("1967") == "year"
    assert date_precision("PAST_REF") is None


def _event(kind: str, actor: tuple[int, int], target: tuple[int, int], text: str) -> Event:
    def side(span: tuple[int, int]) -> list[EventParticipant]:
        return [EventParticipant(span=Span.of(text, *span))]

    return Event(
        id="e",
        type=kind,
        trigger=Span.of(text, 0, 1),
        actors=side(actor),
        targets=side(target),
        provenance=Provenance(component="test", version="0", confidence=0.5),
    )


def test_scoring_counts_types_roles_and_unexplained() -> None:
    text = "Iran accused Israel and Israel denied it."
    gold = [
        GoldRecord("1", text, "ACCUSE", ((0, 4),), ((13, 19),)),
        GoldRecord("2", text, "REJECT", ((24, 30),), ((38, 40),)),
    ]
    right = _event("ACCUSE", (0, 4), (13, 19), text)
    wrong_type = _event("ASSAULT", (24, 30), (38, 40), text)
    report = score(gold, {text: [right, wrong_type]})
    assert report.type_accuracy == 0.5
    assert report.triple_recall == 0.5
    assert report.actor.recall == 1.0 and report.actor.precision == 1.0
    assert report.unexplained == 0.5


def test_a_yield_record_takes_concede_or_retreat(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    record = {"id": "x", "text": "Kyiv freed two Russian soldiers.", "actor": "Kyiv"}
    record.update(action="YIELD", target="two Russian soldiers")
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [gold] = read_gold(path)
    event = _event("RETREAT", (0, 4), (11, 31), gold.text)
    assert score([gold], {gold.text: [event]}).triple_recall == 1.0


def test_bad_gold_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "a", "text": "x", "action": "AGREE"}\n{oops\n', encoding="utf-8")
    with pytest.raises(GoldError, match=r"gold\.jsonl:line 2"):
        read_gold(path)


def test_heldout_fifth_is_fixed_and_by_sentence(shared_dir: Path) -> None:
    records = read_gold(shared_dir / "data" / "events" / "plv_train.jsonl")
    held = select_split(records, "heldout")
    rest = select_split(records, "train")
    assert len(held) + len(rest) == len(records)
    assert 0.15 < len(held) / len(records) < 0.25
    assert not {r.text for r in held} & {r.text for r in rest}
    assert all(is_heldout(r.text) for r in held)


def test_a_later_report_typed_otherwise_joins_the_occurrence_its_words_name() -> None:
    text = "Rebels seized Kavarna. The capture of Kavarna was their largest gain."
    seizure = _event("COERCE", (0, 6), (14, 21), text)
    capture = _event("SANCTION", (0, 6), (38, 45), text)
    capture.trigger = Span.of(text, 27, 34)
    assert merge_repeats([seizure, capture]) == [seizure, capture]
    seizure, capture = _event("COERCE", (0, 6), (14, 21), text), capture.model_copy()
    [merged] = merge_repeats([seizure, capture], ["COERCE", "COERCE"])
    assert merged is seizure and [m.text for m in merged.mentions] == ["capture"]
