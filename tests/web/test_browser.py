"""The pages in a real browser: layers switched on and off, the popup of a span, the speaker's
page reached by a click, a statement followed back to its characters, the graph and the
timeline, and an axe-core check of every page. Expected values come from the analyses
themselves, never from the pages.
"""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import quote

from newsgraph.model import Analysis, Attribution, Entity
from newsgraph.web.article import paragraphs

# The example closest to the seed article: a leader known by a nom de guerre, quoted directly
# and indirectly, through a recorded message and an interview, with nested attributions.
ARTICLE = "2023-11-20-sahel-menaka-ceasefire"


def _article(analyses: list[Analysis]) -> Analysis:
    return next(a for a in analyses if a.id == ARTICLE)


def _main_speaker(analysis: Analysis) -> Entity:
    """The entity that is the source of the most statements of the article."""
    counts = Counter(
        a.source_entity for a in analysis.attributions if a.source_entity and a.kind != "own_voice"
    )
    top = counts.most_common(1)[0][0]
    return next(e for e in analysis.entities if e.id == top)


def _said_by(analyses: list[Analysis], key: str | None, name: str) -> list[tuple[str, Attribution]]:
    """Every statement whose source entity is the same corpus entity (same key, else name)."""
    found = []
    for analysis in analyses:
        for attribution in analysis.attributions:
            entity = next((e for e in analysis.entities if e.id == attribution.source_entity), None)
            if entity is None or attribution.kind == "own_voice":
                continue
            if (key and entity.key == key) or (not key and entity.name == name):
                found.append((analysis.id, attribution))
    return found


def _said_about(analyses: list[Analysis], key: str | None, name: str) -> set[tuple[str, str]]:
    """Every statement with a content piece holding a mention of the same corpus entity."""
    found = set()
    for analysis in analyses:
        same = {e.id for e in analysis.entities if (e.key == key if key else e.name == name)}
        mentions = [m for m in analysis.mentions if m.entity in same]
        for attribution in analysis.attributions:
            if any(
                p.start <= m.start and m.end <= p.end for p in attribution.content for m in mentions
            ):
                found.add((analysis.id, attribution.id))
    return found


def _open_article(page: Any, site: str, doc_id: str = ARTICLE) -> None:
    page.goto(f"{site}/documents/{quote(doc_id)}")
    page.wait_for_selector("#article-text .seg[data-m]")


def _shown_text(analysis: Analysis) -> str:
    return "".join(analysis.text[s:e] for s, e in paragraphs(analysis.text))


def test_article_text_is_whole_and_every_layer_is_shown(
    page: Any, site: str, analyses: list[Analysis]
) -> None:
    analysis = _article(analyses)
    _open_article(page, site)
    shown = page.eval_on_selector_all("#article-text p", "ps => ps.map(p => p.textContent)")
    assert "".join(shown) == _shown_text(analysis)
    for layer, expected in (
        ("entity", analysis.mentions),
        ("date", analysis.timexes),
        ("content", [c for a in analysis.attributions for c in a.content]),
        ("event", analysis.events),
    ):
        if expected:
            assert page.locator(f"#article-text .seg.l-{layer}").count() > 0, layer


def test_layers_switch_off_and_on(page: Any, site: str, analyses: list[Analysis]) -> None:
    analysis = _article(analyses)
    _open_article(page, site)
    entities_before = page.locator("#article-text .seg.l-entity").count()
    contents_before = page.locator("#article-text .seg.l-content").count()
    assert entities_before and contents_before
    page.get_by_role("checkbox", name="Entities").uncheck()
    assert page.locator("#article-text .seg.l-entity").count() == 0
    assert page.locator("#article-text .seg.l-content").count() == contents_before
    page.get_by_role("checkbox", name="Entities").check()
    assert page.locator("#article-text .seg.l-entity").count() == entities_before

    # One stance of the contents off: no segment is left coloured by it, the others stay.
    stances = Counter(a.stance for a in analysis.attributions if a.content)
    off = stances.most_common(1)[0][0]
    page.locator('fieldset[data-layer="content"] summary').click()
    page.locator(f'input[name="content.stance"][value="{off}"]').uncheck()
    assert page.locator(f"#article-text .seg.st-{off}").count() == 0
    others = [s for s in stances if s != off]
    if others:
        assert page.locator(f"#article-text .seg.st-{others[0]}").count() > 0

    # An entity kind off: the mentions of that kind lose their underline, the rest keep it.
    kinds = Counter(
        e.kind for e in analysis.entities for m in analysis.mentions if m.entity == e.id
    )
    kind = kinds.most_common(1)[0][0]
    page.locator('fieldset[data-layer="entity"] summary').click()
    page.locator(f'input[name="entity.kind"][value="{kind}"]').uncheck()
    assert page.locator(f"#article-text .seg.ek-{kind}").count() == 0
    assert page.locator("#article-text .seg.l-entity").count() > 0


def test_focusing_a_span_shows_what_it_is_linked_to(
    page: Any, site: str, analyses: list[Analysis]
) -> None:
    analysis = _article(analyses)
    speaker = _main_speaker(analysis)
    mention = next(m for m in analysis.mentions if m.entity == speaker.id)
    _open_article(page, site)
    target = page.locator(f'#article-text .seg[data-s="{mention.start}"]').first
    target.focus()
    popup = page.locator("#popup")
    assert popup.is_visible()
    assert speaker.name in popup.inner_text()
    assert speaker.kind in popup.inner_text()
    assert target.get_attribute("aria-describedby") == "popup"
    page.keyboard.press("Escape")
    assert not popup.is_visible()
    target.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/entities/*")
    assert page.locator("h1").inner_text() == speaker.name
    _open_article(page, site)

    timex = next(t for t in analysis.timexes if t.value)
    page.locator(f'#article-text .seg[data-s="{timex.start}"]').first.hover()
    assert popup.is_visible()
    assert timex.value is not None and timex.value in popup.inner_text()


def test_nested_statement_popup_names_both_attributions(
    page: Any, site: str, analyses: list[Analysis]
) -> None:
    nested = [(d, a) for d in analyses for a in d.attributions if a.parent and a.content]
    assert nested, "the examples have a statement nested in another (Reuters reported that ...)"
    analysis, inner = nested[0]
    _open_article(page, site, analysis.id)
    page.locator(f'#article-text .seg[data-s="{inner.content[0].start}"]').first.focus()
    text = page.locator("#popup").inner_text()
    assert inner.id in text and inner.parent is not None and inner.parent in text


def test_speaker_page_lists_statements_with_stance_and_channel(
    page: Any, site: str, analyses: list[Analysis]
) -> None:
    analysis = _article(analyses)
    speaker = _main_speaker(analysis)
    _open_article(page, site)
    page.locator(".statements a.speaker", has_text=speaker.name).first.click()
    page.wait_for_selector("h1")
    assert page.locator("h1").inner_text() == speaker.name
    expected = _said_by(analyses, speaker.key, speaker.name)
    rows = page.locator("#said-h ~ table tr.quote")
    assert rows.count() == len(expected)
    for doc_id, attribution in expected:
        row = page.locator(
            f'#said-h ~ table tr.quote[data-document="{doc_id}"]'
            f'[data-attribution="{attribution.id}"]'
        )
        assert row.locator("td.stance").inner_text() == attribution.stance
        channel = attribution.channel.text if attribution.channel else ""
        assert row.locator("td.channel").inner_text() == channel
    for alias in speaker.aliases:
        assert page.locator("ul.names li", has_text=alias).count() >= 1
    about = page.locator("#about-h ~ table tr.quote")
    assert about.count() == len(_said_about(analyses, speaker.key, speaker.name))


def test_statement_leads_back_to_its_characters(
    page: Any, site: str, analyses: list[Analysis]
) -> None:
    analysis = _article(analyses)
    speaker = _main_speaker(analysis)
    _open_article(page, site)
    page.locator(".statements a.speaker", has_text=speaker.name).first.click()
    row = page.locator(f'#said-h ~ table tr.quote[data-document="{ARTICLE}"]').first
    attribution_id = row.get_attribute("data-attribution")
    row.locator("td.said a").click()
    page.wait_for_selector("#article-text .seg.at")
    attribution = next(a for a in analysis.attributions if a.id == attribution_id)
    spans = [s for s in (attribution.source, attribution.cue, *attribution.content) if s]
    start, end = min(s.start for s in spans), max(s.end for s in spans)
    marked = "".join(
        page.eval_on_selector_all("#article-text .seg.at", "s => s.map(e => e.textContent)")
    )
    expected = "".join(
        analysis.text[max(s, start) : min(e, end)]
        for s, e in paragraphs(analysis.text)
        if s < end and start < e
    )
    assert marked == expected
    assert page.evaluate("document.activeElement.id") == "at"


def test_graph_edges_lead_to_the_characters(page: Any, site: str) -> None:
    page.goto(f"{site}/graph?entity=Abu+Yahya")
    page.wait_for_function("window.newsgraphGraph !== undefined")
    drawn = page.evaluate("window.newsgraphGraph.edges().length")
    links = page.locator("table.edges td a")
    assert drawn == links.count() > 0
    href = links.first.get_attribute("href")
    assert href is not None and "?at=" in href
    links.first.click()
    assert page.locator("#article-text .seg.at").count() > 0


def test_timeline_filters_by_entity_and_outlet(
    page: Any, site: str, analyses: list[Analysis]
) -> None:
    page.goto(f"{site}/timeline")
    everything = page.locator(".timeline .item").count()
    assert everything > 0
    dates = page.eval_on_selector_all(".timeline .item > time", "t => t.map(e => e.dateTime)")
    assert dates == sorted(dates)
    page.get_by_label("Entity").fill("Abu Yahya")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/timeline?entity=*")
    chosen = page.locator(".timeline .item").count()
    assert 0 < chosen < everything
    meta = _article(analyses).document
    outlet = meta.outlet or meta.via[0]
    page.goto(f"{site}/timeline?outlet={quote(outlet)}")
    shown = set(page.eval_on_selector_all(".timeline .item", "i => i.map(e => e.dataset.document)"))
    published = {a.id for a in analyses if outlet in (a.document.outlet, *a.document.via)}
    assert shown and shown <= published
    assert ARTICLE in shown


def test_keyboard_alone(page: Any, site: str) -> None:
    _open_article(page, site)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # Tabbing on reaches a highlighted stretch, which shows its popup.
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('#article-text .seg')"):
            break
    assert page.locator("#popup").is_visible()


def _pages() -> list[str]:
    return [
        "/documents",
        f"/documents/{ARTICLE}",
        "/entities",
        "/timeline",
        "/graph",
        "/search?q=ceasefire",
        "/search?q=ceasefire&within=contents",
    ]


def test_no_serious_accessibility_violation(
    page: Any, site: str, analyses: list[Analysis], axe_script: Any
) -> None:
    analysis = _article(analyses)
    speaker = _main_speaker(analysis)
    _open_article(page, site)
    page.locator(".statements a.speaker", has_text=speaker.name).first.click()
    addresses = [*_pages(), page.url.removeprefix(site)]
    # A place's page, which has the map (the examples' places have gazetteer coordinates).
    page.goto(f"{site}/entities?kind=place")
    place = page.locator("table.list td a").first.get_attribute("href")
    assert place is not None
    addresses.append(place)
    problems = []
    for address in addresses:
        page.goto(site + address)
        if address == place:
            assert page.locator("svg.world circle.place").count() == 1
        page.add_script_tag(path=str(axe_script))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        for violation in result["violations"]:
            if violation["impact"] in ("serious", "critical"):
                nodes = [n["target"] for n in violation["nodes"][:3]]
                problems.append(f"{address}: {violation['id']} ({violation['impact']}) {nodes}")
    assert problems == []
