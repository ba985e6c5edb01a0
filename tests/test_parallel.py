"""Worker processes that run the whole pipeline: order, errors in place, dead workers."""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any, ClassVar

import pytest

from newsgraph.cli import main
from newsgraph.ingest import Document, IngestError, ReadOptions
from newsgraph.ingest.readers import read_text
from newsgraph.model import Analysis, Sentence
from newsgraph.parallel import DIED
from newsgraph.pipeline import Pipeline, StageError, register_all
from newsgraph.stage import StageInput
from tests.conftest import EXAMPLES


class TroubleStage:
    """Fails on "explode", kills its own process on "vanish", else one sentence."""

    name: ClassVar[str] = "trouble"
    version: ClassVar[str] = "1.0"
    requires: ClassVar[tuple[str, ...]] = ()
    produces: ClassVar[tuple[str, ...]] = ("sentences",)

    def run(self, data: StageInput) -> dict[str, list[Any]]:
        text = data.analysis.text
        if "vanish" in text:
            os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's out-of-memory killer does
        if "explode" in text:
            raise ZeroDivisionError("boom")
        while "loop" in text:  # as a rule caught in a cycle of the parse would
            pass
        return {"sentences": [Sentence(id="s1", start=0, end=len(text), text=text)]}


def document(text: str, doc_id: str) -> Document:
    return read_text(text.encode("utf-8"), f"{doc_id}.txt", doc_id, ReadOptions())


def test_workers_keep_order_and_put_every_failure_in_its_place(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import newsgraph.pipeline

    # Registered in this process only; the workers learn it from the main process.
    monkeypatch.setattr(newsgraph.pipeline, "_REGISTRY", dict(newsgraph.pipeline._REGISTRY))
    register_all({"trouble": "tests.test_parallel:TroubleStage"})
    items: list[Document | IngestError] = [
        document("Calm text one.", "a"),
        IngestError("b.txt", "no such file"),
        document("This will explode.", "c"),
        document("This one will vanish.", "d"),
        *(document(f"Calm text {n}.", f"e{n}") for n in range(5)),
    ]
    pipeline = Pipeline(["trouble"], n_process=2)
    results = list(pipeline.analyze_many(items))
    kinds = [type(result).__name__ for result in results]
    assert kinds == ["Analysis", "IngestError", "StageError", "StageError", *["Analysis"] * 5]
    assert [r.id for r in results if isinstance(r, Analysis)] == ["a", *(f"e{n}" for n in range(5))]
    assert "ZeroDivisionError: boom" in str(results[2])
    died = results[3]
    assert isinstance(died, StageError) and DIED in str(died) and "'d'" in str(died)
    # Each worker's time per stage is added to the pipeline's.
    assert pipeline.timings["trouble"] > 0 and pipeline.timings["parse"] > 0


@pytest.mark.parametrize("workers", [1, 2])
def test_a_stage_that_never_ends_is_stopped_and_the_batch_goes_on(
    monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    import newsgraph.pipeline

    monkeypatch.setattr(newsgraph.pipeline, "_REGISTRY", dict(newsgraph.pipeline._REGISTRY))
    register_all({"trouble": "tests.test_parallel:TroubleStage"})
    monkeypatch.setenv("NEWSGRAPH_STAGE_TIME_LIMIT", "0.5")
    items: list[Document | IngestError] = [
        document("Calm text one.", "a"),
        document("This will loop.", "b"),
        document("Calm text two.", "c"),
    ]
    results = list(Pipeline(["trouble"], n_process=workers).analyze_many(items))
    assert [type(result).__name__ for result in results] == ["Analysis", "StageError", "Analysis"]
    message = str(results[1])
    assert "'b'" in message and "StageTimeLimitError" in message, message
    assert "NEWSGRAPH_STAGE_TIME_LIMIT" in message


def test_two_workers_write_exactly_what_one_writes(tmp_path: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["analyze", str(EXAMPLES), "-o", str(one), "--workers", "1"]) == 0
    assert main(["analyze", str(EXAMPLES), "-o", str(two), "--workers", "2"]) == 0
    assert one.read_bytes() == two.read_bytes()
    assert len(one.read_text(encoding="utf-8").splitlines()) >= 8
