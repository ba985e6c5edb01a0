"""Claims over the example story in a real store, SQLite and PostgreSQL: grouping, timelines,
flags, incremental updates, deleted documents and bad input."""

from __future__ import annotations

import json
from collections.abc import Iterable

import pytest
from sqlalchemy import func, select

from newsgraph.cli import main
from newsgraph.corpus.claims import (
    Claim,
    ClaimsError,
    UnknownNameError,
    list_claims,
    update_claims,
)
from newsgraph.model import Analysis
from newsgraph.store import claims_tables
from newsgraph.store.documents import delete_document, insert_analysis
from newsgraph.store.engine import check_revision, connect
from newsgraph.store.linking import link_document
from tests.corpus.conftest import store_analyses


def claims_of(url: str, **filters: object) -> list[Claim]:
    engine = connect(url)
    try:
        with engine.connect() as connection:
            return list_claims(connection, **filters)  # type: ignore[arg-type]
    finally:
        engine.dispose()


def holding(claims: Iterable[Claim], words: str) -> Claim:
    """The claim whose first appearance's content holds these words."""
    found = [claim for claim in claims if words in claim.timeline[0].content]
    assert len(found) == 1, [claim.content for claim in claims]
    return found[0]


def partition(claims: Iterable[Claim]) -> set[frozenset[tuple[str, str]]]:
    return {
        frozenset((item.document_id, item.attribution_id) for item in claim.timeline)
        for claim in claims
    }


def test_the_story_claims_travel_and_are_flagged(store_url: str, story: list[Analysis]) -> None:
    store_analyses(store_url, story)
    report = update_claims(connect(store_url))
    assert report.documents == len(story) and not report.problems
    claims = claims_of(store_url)
    texts = {analysis.id: analysis.text for analysis in story}
    for claim in claims:
        for item in claim.timeline:
            if " … " not in item.content:
                assert texts[item.document_id][item.start : item.end] == item.content

    # The lawmaker's allegation: alleged twice, then in an outlet's own voice, then claimed.
    bribes = holding(claims, "customs officers at the terminal had been paid")
    assert bribes.laundering and bribes.hardening
    assert bribes.document_count == len(story)
    assert bribes.source == "Vasile Cebotari"
    own = [item for item in bribes.timeline if not item.attributed]
    assert [item.outlet for item in own] == ["Bessarabia Today"]
    assert own[0].certainty == "fact" and own[0].source is None
    assert [item.stance for item in bribes.timeline if item.attributed] == ["distancing"] * 3

    # The ministry's charge hardens: alleged, then said, then stated as fact.
    deadlines = holding(claims, "had missed three deadlines since March")
    assert [item.certainty for item in deadlines.timeline] == ["distancing", "reported", "fact"]
    assert deadlines.hardening and deadlines.laundering

    # The operator's denial keeps its source everywhere: no flag.
    denial = holding(claims, "any shipment had left the terminal without")
    assert denial.document_count == len(story)
    assert all(item.attributed for item in denial.timeline)
    assert not denial.laundering and not denial.hardening


def test_matching_in_two_runs_equals_matching_at_once(
    store_url: str, story: list[Analysis], tmp_path_factory: pytest.TempPathFactory
) -> None:
    store_analyses(store_url, story[:2])
    first = update_claims(connect(store_url), [a.id for a in story[:2]])
    assert first.documents == 2
    store_analyses(store_url, story[2:])
    second = update_claims(connect(store_url), [a.id for a in story])
    assert second.documents == len(story) - 2 and second.unchanged == 2
    assert update_claims(connect(store_url)).documents == 0  # nothing left to match
    at_once = f"sqlite:///{tmp_path_factory.mktemp('once') / 'once.db'}"
    store_analyses(at_once, story)
    update_claims(connect(at_once))
    assert partition(claims_of(store_url, min_documents=1)) == partition(
        claims_of(at_once, min_documents=1)
    )


def test_a_document_deleted_between_two_runs(store_url: str, story: list[Analysis]) -> None:
    store_analyses(store_url, story)
    engine = connect(store_url)
    update_claims(engine)
    before = holding(claims_of(store_url), "customs officers at the terminal had been paid")
    gone = story[2].id  # the one that states the allegation in its own voice
    with engine.begin() as connection:
        key = connection.execute(
            select(func.min(claims_tables.claim_appearances.c.document_id)).where(
                claims_tables.claim_appearances.c.doc_id == gone
            )
        ).scalar_one()
        delete_document(connection, key)
    report = update_claims(engine, [gone, story[0].id])
    assert report.problems == [f"{gone}: not in the store (deleted, or never ingested); skipped"]
    assert report.unchanged == 1
    after = holding(claims_of(store_url), "customs officers at the terminal had been paid")
    assert after.id == before.id
    assert after.document_count == before.document_count - 1
    assert not after.laundering  # the only own-voice statement went with its document
    with engine.connect() as connection:
        c, a = claims_tables.claims, claims_tables.claim_appearances
        empty = connection.execute(
            select(func.count()).select_from(c).where(~c.c.id.in_(select(a.c.claim_id)))
        ).scalar_one()
        assert empty == 0
    engine.dispose()


def test_an_empty_store_and_a_store_without_attributions(
    store_url: str, story: list[Analysis], capsys: pytest.CaptureFixture[str]
) -> None:
    engine = connect(store_url)
    check_revision(engine, create=True)
    with pytest.raises(ClaimsError, match="no documents; run `newsgraph ingest` first"):
        update_claims(engine)
    assert main(["claims", "--db", store_url]) == 1
    assert "no claims in the store yet" in capsys.readouterr().err
    bare = story[0].model_copy(
        update={
            "attributions": [],
            "events": [],
            "stages": [s for s in story[0].stages if s.name not in ("attribution", "events")],
        }
    )
    with engine.begin() as connection:
        link_document(connection, insert_analysis(connection, bare))
    report = update_claims(engine)
    assert report.documents == 0
    [problem] = report.problems
    assert problem.startswith(f"{bare.id}: stored without the attribution layer")
    engine.dispose()


def test_claims_command(
    store_url: str, story: list[Analysis], capsys: pytest.CaptureFixture[str]
) -> None:
    store_analyses(store_url, story)
    assert main(["claims", "--db", store_url, "--update", "--json"]) == 0
    captured = capsys.readouterr()
    assert f"{len(story)} document(s) matched" in captured.err
    listed = json.loads(captured.out)
    assert listed and all(claim["document_count"] >= 2 for claim in listed)
    assert {"laundering", "hardening", "timeline"} <= set(listed[0])
    # Any name of the lawmaker finds his claims; none of them is anybody else's.
    assert main(["claims", "--db", store_url, "--by", "Cebotari", "--json"]) == 0
    by = json.loads(capsys.readouterr().out)
    assert by and all(
        any(item["source_name"] == "Vasile Cebotari" for item in claim["timeline"]) for claim in by
    )
    assert main(["claims", "--db", store_url, "--about", "Giurgiulești", "--flagged"]) == 0
    table = capsys.readouterr().out
    assert "laundering" in table and "(own voice)" in table
    assert main(["claims", "--db", store_url, "--by", "Nobody At All"]) == 1
    assert "no entity called 'Nobody At All'" in capsys.readouterr().err
    with pytest.raises(UnknownNameError):
        claims_of(store_url, about="Nobody At All")


def test_words_held_by_many_appearances_are_left_out_of_the_search(
    store_url: str, story: list[Analysis], monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsgraph.corpus.claims import update as claims_update

    store_analyses(store_url, story)
    update_claims(connect(store_url))
    engine = connect(store_url)
    t = claims_tables.claim_terms
    with engine.connect() as connection:
        held = connection.execute(
            select(t.c.term, func.count()).group_by(t.c.term).order_by(func.count().desc())
        ).all()
        (busiest, most), (rarest, fewest) = tuple(held[0]), tuple(held[-1])
        assert most > fewest
        monkeypatch.setattr(claims_update, "COMMON_TERM", most)
        assert claims_update._common(connection, busiest)
        assert not claims_update._common(connection, rarest)
    engine.dispose()
