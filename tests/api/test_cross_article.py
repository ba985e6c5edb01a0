"""The cross-article views over HTTP, on SQLite and PostgreSQL: the example story
(examples/story: an original and three copies or rewrites, one dropping a source) as copies,
one story and claims with their timelines and flags. Expected values come from the analyses
themselves and from the corpus report functions the command line uses."""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

from fastapi.testclient import TestClient

from newsgraph.model import Analysis
from tests.conftest import EXAMPLES, under

STORY = EXAMPLES / "story"


def _story_ids(analyses: list[Analysis]) -> set[str]:
    found = {a.id for a in under(analyses, STORY)}
    assert len(found) >= 4
    return found


def _texts(analyses: list[Analysis]) -> dict[str, str]:
    return {a.id: a.text for a in analyses}


def test_the_example_story_is_one_story(client: TestClient, analyses: list[Analysis]) -> None:
    ids = _story_ids(analyses)
    page = client.get("/api/stories", params={"document_id": sorted(ids)[0]}).json()
    assert len(page["items"]) == 1
    story = page["items"][0]
    assert {d["document_id"] for d in story["documents"]} == ids
    dates = [d["published"] for d in story["documents"]]
    assert dates == sorted(dates)
    one = client.get(f"/api/stories/{story['id']}").json()
    assert one == story
    assert client.get("/api/stories/999999").status_code == 404
    assert client.get("/api/stories/0").status_code == 422


def test_copies_carry_spans_that_match_in_both_articles(
    client: TestClient, analyses: list[Analysis]
) -> None:
    ids, texts = _story_ids(analyses), _texts(analyses)
    pairs = client.get("/api/copies", params={"limit": 200}).json()["items"]
    inside = [p for p in pairs if {p["first"], p["second"]} <= ids]
    assert inside, "the example story gives no copy pair"
    for pair in inside:
        assert pair["relation"] in ("exact", "near", "partial")
        for span in pair["spans"]:
            (a0, a1), (b0, b1) = span["first"], span["second"]
            # A shared passage is mostly the same words in both (a copy may edit a word).
            assert similar(texts[pair["first"]][a0:a1], texts[pair["second"]][b0:b1])
    pair = inside[0]
    again = client.get(
        "/api/copies/pair", params={"first": pair["second"], "second": pair["first"]}
    ).json()
    assert again == pair
    missing = client.get("/api/copies/pair", params={"first": "nope", "second": pair["first"]})
    assert missing.status_code == 404
    assert client.get("/api/copies", params={"relation": "cousin"}).status_code == 422
    chains = client.get("/api/copies/chains", params={"document_id": pair["first"]}).json()
    assert len(chains) == 1
    chain = chains[0]
    assert chain[0]["copied_from"] is None
    assert all(link["copied_from"] for link in chain[1:])


def similar(one: str, other: str) -> bool:
    return SequenceMatcher(None, one.split(), other.split()).ratio() >= 0.8


def _holding(claims: list[dict[str, Any]], words: str) -> dict[str, Any]:
    found = [c for c in claims if words in c["content"]]
    assert found, f"no claim holds {words!r}"
    return found[0]


def test_claims_with_their_timeline_and_flags(client: TestClient, analyses: list[Analysis]) -> None:
    ids, texts = _story_ids(analyses), _texts(analyses)
    claims = client.get("/api/claims", params={"limit": 200}).json()["items"]
    assert claims
    for claim in claims:
        for step in claim["timeline"]:
            if " … " not in step["content"]:
                assert texts[step["document_id"]][step["start"] : step["end"]] == step["content"]
    # The lawmaker's allegation ends in an outlet's own voice: laundering.
    bribes = _holding(claims, "customs officers at the terminal had been paid")
    assert bribes["laundering"]
    assert {step["document_id"] for step in bribes["timeline"]} == ids
    own = [step for step in bribes["timeline"] if not step["attributed"]]
    assert own and all(step["source"] is None for step in own)
    flagged = client.get("/api/claims", params={"flagged": True, "limit": 200}).json()["items"]
    assert bribes["id"] in {c["id"] for c in flagged}
    assert all(c["laundering"] or c["hardening"] for c in flagged)
    assert client.get(f"/api/claims/{bribes['id']}").json() == bribes
    by = client.get("/api/claims", params={"by": "Cebotari", "limit": 200}).json()["items"]
    assert bribes["id"] in {c["id"] for c in by}
    nobody = client.get("/api/claims", params={"by": "Nobody Atall"}).json()
    assert nobody["items"] == []
    assert client.get("/api/claims/999999").status_code == 404
