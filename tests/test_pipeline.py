from __future__ import annotations

from typing import Any, ClassVar

import pytest

from newsgraph.ingest import Document, IngestError, ReadOptions
from newsgraph.ingest.readers import read_text
from newsgraph.model import Analysis, Span
from newsgraph.pipeline import Pipeline, StageError, resolve_stages
from newsgraph.stage import StageInput


def document(text: str, doc_id: str = "d") -> Document:
    return read_text(text.encode("utf-8"), f"{doc_id}.txt", doc_id, ReadOptions())


def test_requested_stages_run_in_canonical_order_with_their_requirements() -> None:
    assert resolve_stages(["mentions", "sentences"]) == ["sentences", "mentions"]
    with pytest.raises(ValueError, match="unknown stage"):
        resolve_stages(["sentiment"])


def test_every_span_points_at_the_article() -> None:
    analysis = Pipeline(["sentences", "mentions"]).analyze(
        document(
            "date 2023-11-20 Via Balkan Wire\n\nVoters in Podgorica queued early.\n\nTurnout rose."
        )
    )
    assert analysis.check_spans() == []
    assert [s.text for s in analysis.sentences] == [
        "Voters in Podgorica queued early.",
        "Turnout rose.",
    ]
    assert any(m.text == "Podgorica" for m in analysis.mentions)
    assert all(m.provenance.component == "mentions" for m in analysis.mentions)


def test_a_paragraph_break_always_ends_a_sentence() -> None:
    analysis = Pipeline(["sentences"]).analyze(
        document("Ferry timetable for the week —\n\nmorning crossings resume on Monday")
    )
    assert [s.text for s in analysis.sentences] == [
        "Ferry timetable for the week —",
        "morning crossings resume on Monday",
    ]


def test_an_opening_quote_mark_starts_the_sentence_it_opens() -> None:
    analysis = Pipeline(["sentences"]).analyze(
        document(
            "The plan is costly. ''You can't pay cash for a bridge,'' Lind said. "
            'Talks went on. "We wait," she said.'
        )
    )
    assert [s.text for s in analysis.sentences] == [
        "The plan is costly.",
        "''You can't pay cash for a bridge,'' Lind said.",
        "Talks went on.",
        '"We wait," she said.',
    ]


def test_check_spans_reports_disagreeing_text() -> None:
    analysis = Pipeline(["sentences"]).analyze(document("Talks resumed in Doha."))
    analysis.sentences[0] = analysis.sentences[0].model_copy(update={"text": "Talks resumed"})
    assert len(analysis.check_spans()) == 1
    assert Span.of("abcdef", 1, 3).text == "bc"


class ExplodingStage:
    name: ClassVar[str] = "sentences"
    version: ClassVar[str] = "test"
    requires: ClassVar[tuple[str, ...]] = ()
    produces: ClassVar[tuple[str, ...]] = ("sentences",)

    def run(self, data: StageInput) -> dict[str, list[Any]]:
        if "explode" in data.analysis.text:
            raise ZeroDivisionError("boom")
        return {"sentences": []}


def test_a_failing_stage_costs_one_document_not_the_batch() -> None:
    pipe = Pipeline(["sentences"])
    pipe.stages = [ExplodingStage()]
    items: list[Document | IngestError] = [
        document("Calm text.", "a"),
        document("This will explode.", "b"),
        IngestError("c.txt", "no such file"),
        document("More calm text.", "d"),
    ]
    results = list(pipe.analyze_many(items))
    assert [type(r).__name__ for r in results] == [
        "Analysis",
        "StageError",
        "IngestError",
        "Analysis",
    ]
    error = results[1]
    assert isinstance(error, StageError)
    assert "stage 'sentences' failed on document 'b': ZeroDivisionError: boom" in str(error)
    assert all(isinstance(r, Analysis) for r in (results[0], results[3]))
    assert pipe.timings["parse"] > 0


def test_freed_heap_memory_is_handed_back_on_glibc() -> None:
    import platform

    from newsgraph.heap import _malloc_trim, release_freed_memory

    if platform.system() == "Linux" and platform.libc_ver()[0] == "glibc":
        assert _malloc_trim() is not None
    release_freed_memory()  # and elsewhere it does nothing, without failing
