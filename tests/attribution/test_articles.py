"""The attribution stage with its trained tagger on the bundled examples and the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.attribution.quotes import quoted_regions
from newsgraph.ingest import read_inputs
from newsgraph.model import Analysis, Attribution
from newsgraph.pipeline import Pipeline
from tests.conftest import EXAMPLES


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(["attribution"])


def analyse(pipeline: Pipeline, path: Path) -> Analysis:
    [result] = list(pipeline.analyze_many(read_inputs([str(path)])))
    assert isinstance(result, Analysis), str(result)
    return result


@pytest.fixture(scope="module")
def examples(pipeline: Pipeline) -> list[Analysis]:
    return [analyse(pipeline, path) for path in sorted((EXAMPLES / "articles").glob("*.txt"))]


def test_every_example_has_attributions_of_several_kinds(examples: list[Analysis]) -> None:
    for analysis in examples:
        assert analysis.check_spans() == []
        kinds = {a.kind for a in analysis.attributions}
        assert {"direct", "own_voice"} <= kinds, (analysis.id, kinds)
        assert kinds & {"indirect", "mixed"}, (analysis.id, kinds)
        reported = [a for a in analysis.attributions if a.kind != "own_voice"]
        assert len(reported) >= 8, analysis.id


def test_direct_quotes_lie_inside_quote_marks(examples: list[Analysis]) -> None:
    for analysis in examples:
        regions = quoted_regions(analysis.text)
        for attribution in analysis.attributions:
            if attribution.kind != "direct":
                continue
            for piece in attribution.content:
                middle = (piece.start + piece.end) // 2
                assert any(s <= middle < e for s, e in regions), (analysis.id, piece.text)


def test_sources_name_entities_or_are_described(examples: list[Analysis]) -> None:
    for analysis in examples:
        for attribution in analysis.attributions:
            if attribution.source is not None:
                assert attribution.source_entity or attribution.source_description, (
                    analysis.id,
                    attribution.source.text,
                )


def test_own_voice_is_the_relaying_outlet(examples: list[Analysis]) -> None:
    for analysis in examples:
        own = [a for a in analysis.attributions if a.kind == "own_voice"]
        assert own and all(a.source_description == analysis.document.via[-1] for a in own)


def test_embedded_posts_are_dated_by_their_signature(examples: list[Analysis]) -> None:
    posts = [a for analysis in examples for a in analysis.attributions if a.kind == "embedded_post"]
    assert len(posts) >= 3
    for post in posts:
        assert post.channel is not None and post.channel.text.startswith("@")
        assert post.timex is not None


def find(analysis: Analysis, cue: str, source_name: str) -> Attribution:
    names = {e.id: e.name for e in analysis.entities}
    for attribution in analysis.attributions:
        named = names.get(attribution.source_entity or "")
        if attribution.cue and attribution.cue.text.startswith(cue) and named == source_name:
            return attribution
    raise AssertionError(f"no attribution with a cue starting {cue!r} by {source_name}")


def test_seed_article(pipeline: Pipeline, shared_dir: Path) -> None:
    analysis = analyse(pipeline, shared_dir / "seeds" / "article-2025-09-15.txt")
    timex_values = {t.id: t.value for t in analysis.timexes}
    alleged = find(analysis, "has alleged", "Ahmad al-Sharaa")
    assert alleged.stance == "distancing" and alleged.kind == "indirect"
    # "... made the comments in an interview with ... Al-Ikhbariya TV channel" dates no new claim:
    # it tells where the allegation was made.
    assert not [a for a in analysis.attributions if a.cue_lemma == "make"]
    assert alleged.channel is not None and "Al-Ikhbariya" in alleged.channel.text
    claimed = find(analysis, "claimed", "Ahmad al-Sharaa")
    assert claimed.stance == "distancing"
    assert claimed.channel is not None and "interview" in claimed.channel.text
    assert claimed.channel_antecedent == alleged.channel
    quoted = find(analysis, "was quoted as saying", "Ahmad al-Sharaa")
    assert quoted.kind == "direct"
    reported = find(analysis, "reported", "Reuters")
    assert timex_values[reported.timex or ""] == "2025-02"
    asked = find(analysis, "asked", "Bernie Bellan")
    assert asked.cue is not None and asked.cue.text in ("asked", "asked in")
    assert asked.stance == "question"
    assert asked.channel is not None and asked.channel.text == "the Jewish Post and News"
    [post] = [a for a in analysis.attributions if a.kind == "embedded_post"]
    assert post.source is not None and post.source.text == "Mark Ames"
    assert timex_values[post.timex or ""] == "2025-01-10"
    according = next(a for a in analysis.attributions if a.kind == "according_to")
    assert according.source_entity is None
    assert (according.source_description or "").startswith("a former officer in the Syrian Army")
    own = [a for a in analysis.attributions if a.kind == "own_voice"]
    assert own and all(a.source_description == "The Cradle" for a in own)


def test_odd_punctuation_and_a_very_long_open_quote_leave_the_rest_readable(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    long_quote = " ".join(
        f"The ferry made its {n}th crossing without incident and the crew logged the weather."
        for n in range(1, 400)
    )
    text = "\n\n".join(
        [
            "date 2024-05-02 Via Lakeside Courier",
            # a quote opened and never closed, in a paragraph of thousands of words
            f"“{long_quote}",
            "«Nous restons prudents», a déclaré le maire ‹ sans plus › —",
            "„Wir bleiben“, sagte er... ?!? '' \" ' ” “",
            "Harbour master Petra Sandoval said on Tuesday that the new pier would open in June.",
        ]
    )
    path = tmp_path / "odd.txt"
    path.write_text(text + "\n", encoding="utf-8")
    analysis = analyse(pipeline, path)
    assert analysis.check_spans() == []
    last = analysis.text.rindex("Harbour master")
    said = [a for a in analysis.attributions if a.cue is not None and a.cue.start > last]
    assert said, "the statement after the odd paragraphs was lost"
    assert said[0].source is not None and said[0].source.text == "Harbour master Petra Sandoval"
    assert [c.text for c in said[0].content] == ["that the new pier would open in June"]
    # the unclosed quote stays inside its own paragraph
    for attribution in analysis.attributions:
        for piece in attribution.content:
            assert "\n\n" not in piece.text
