"""Through the pipeline: a dateline's words are no mentions, and its agency no alias."""

from __future__ import annotations

import pytest

from newsgraph.ingest.document import make_document
from newsgraph.model import Analysis, SourceInfo
from newsgraph.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(["entities"])


def analyse(pipeline: Pipeline, text: str) -> Analysis:
    return pipeline.analyze(make_document(doc_id="d", text=text, source=SourceInfo()))


@pytest.mark.parametrize(
    ("text", "place", "agency"),
    [
        (
            "JAKARTA (Reuters) - Indonesia's President Joko Widodo said on Monday that the "
            "capital would move from Jakarta to East Kalimantan. Jakarta has sunk by several "
            "metres.",
            "Jakarta",
            "Reuters",
        ),
        (
            "WASHINGTON (AP) — President Joe Biden said on Monday that Washington would send "
            "more aid. Officials in Washington declined to comment.",
            "Washington",
            "AP",
        ),
    ],
)
def test_dateline_words_stay_out_of_mentions_and_entities(
    pipeline: Pipeline, text: str, place: str, agency: str
) -> None:
    analysis = analyse(pipeline, text)
    dateline = analysis.document.dateline
    assert dateline is not None
    assert all(m.start >= dateline.end for m in analysis.mentions)
    [entity] = [e for e in analysis.entities if e.name == place]
    assert agency not in entity.aliases
    assert all(agency not in e.aliases for e in analysis.entities)
    # The place is still an entity where the story itself names it.
    assert len(entity.mentions) == 2
    assert analysis.check_spans() == []


def test_without_a_dateline_the_first_words_are_mentions(pipeline: Pipeline) -> None:
    analysis = analyse(pipeline, "Jakarta has sunk by several metres, officials in Indonesia say.")
    assert analysis.document.dateline is None
    assert analysis.mentions[0].text == "Jakarta"
