"""The cross-article pages in headless Chromium, on SQLite and PostgreSQL: from the example
story (examples/story) to a claim's path from outlet to outlet, and from a step of that path
to the characters of the article that reports it; copies and their shared passages; and an
axe-core check of each page. Expected values come from the API the pages are built on."""

from __future__ import annotations

import json
from typing import Any
from urllib.request import urlopen

from newsgraph.model import Analysis
from tests.api.test_cross_article import similar
from tests.conftest import EXAMPLES, under

STORY = EXAMPLES / "story"


def _get(site: str, path: str) -> Any:
    with urlopen(site + path) as answer:
        return json.load(answer)


def _story(site: str, analyses: list[Analysis]) -> dict[str, Any]:
    first = sorted(a.id for a in under(analyses, STORY))[0]
    found = _get(site, f"/api/stories?document_id={first}")["items"]
    assert len(found) == 1
    story: dict[str, Any] = found[0]
    return story


def test_story_to_claim_to_article(page: Any, site: str, analyses: list[Analysis]) -> None:
    story = _story(site, analyses)
    page.goto(f"{site}/stories")
    page.locator("table.list a", has_text=story["label"]).click()
    shown = page.locator(".story-articles li").evaluate_all(
        "items => items.map(i => i.dataset.document)"
    )
    assert shown == [d["document_id"] for d in story["documents"]]

    flagged = [
        c
        for c in _get(site, "/api/claims?flagged=true&limit=200")["items"]
        if c["laundering"] and {s["document_id"] for s in c["timeline"]} <= set(shown)
    ]
    assert flagged, "the example story has no laundered claim"
    claim = flagged[0]
    page.locator(f'.claims li[data-claim="{claim["id"]}"] a').first.click()
    assert page.url.endswith(f"/claims/{claim['id']}")
    assert page.locator(".flags .flag-laundering").count() == 1
    steps = page.locator(".claim-path .step")
    assert steps.count() == len(claim["timeline"])
    assert steps.evaluate_all("s => s.map(e => e.dataset.document)") == [
        s["document_id"] for s in claim["timeline"]
    ]
    # The step in an outlet's own voice says so, and its stance is the one stored.
    own = next(i for i, s in enumerate(claim["timeline"]) if not s["attributed"])
    assert "own voice" in steps.nth(own).locator(".tags").inner_text()
    assert claim["timeline"][own]["stance"] in steps.nth(own).locator(".tags").inner_text()

    step = claim["timeline"][own]
    steps.nth(own).locator(".said a").click()
    page.wait_for_selector("#article-text .seg.at")
    marked = "".join(
        page.eval_on_selector_all("#article-text .seg.at", "s => s.map(e => e.textContent)")
    )
    text = next(a.text for a in analyses if a.id == step["document_id"])
    assert marked.split() == text[step["start"] : step["end"]].split()


def test_copy_pair_marks_the_same_passage_on_both_sides(page: Any, site: str) -> None:
    pairs = _get(site, "/api/copies?limit=200")["items"]
    pair = next(p for p in pairs if p["spans"])
    page.goto(f"{site}/copies")
    page.locator(f'a[href*="first={pair["first"]}"][href*="second={pair["second"]}"]').click()
    first = page.locator(".pair-text").nth(0).locator("mark.shared")
    second = page.locator(".pair-text").nth(1).locator("mark.shared")
    assert first.count() == second.count() == len(pair["spans"])
    for n in range(first.count()):
        assert similar(first.nth(n).inner_text(), second.nth(n).inner_text())


def test_an_article_leads_to_its_story_and_claims(
    page: Any, site: str, analyses: list[Analysis]
) -> None:
    story = _story(site, analyses)
    last = story["documents"][-1]["document_id"]
    page.goto(f"{site}/documents/{last}")
    page.locator(".across a", has_text="story").click()
    assert page.url.endswith(f"/stories/{story['id']}")


def test_no_serious_accessibility_violation_on_cross_article_pages(
    page: Any, site: str, analyses: list[Analysis], axe_script: Any
) -> None:
    story = _story(site, analyses)
    claim = _get(site, "/api/claims")["items"][0]
    pair = _get(site, "/api/copies")["items"][0]
    addresses = [
        "/stories",
        f"/stories/{story['id']}",
        "/claims",
        "/claims?flagged=true",
        f"/claims/{claim['id']}",
        "/copies",
        f"/copies/pair?first={pair['first']}&second={pair['second']}",
        f"/documents/{story['documents'][-1]['document_id']}",
    ]
    problems = []
    for address in addresses:
        page.goto(site + address)
        page.add_script_tag(path=str(axe_script))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        for violation in result["violations"]:
            if violation["impact"] in ("serious", "critical"):
                nodes = [n["target"] for n in violation["nodes"][:3]]
                problems.append(f"{address}: {violation['id']} ({violation['impact']}) {nodes}")
    assert problems == []
