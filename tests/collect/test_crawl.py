"""A crawl of the fixture site's feed and sitemaps: what is fetched, what is left out and why,
and what the WARC holds."""

from __future__ import annotations

import itertools
from pathlib import Path

from newsgraph.ingest import Document, read_inputs
from tests.collect.conftest import crawl
from tests.collect.site_server import SiteServer
from tests.collect.warc_read import records, responses

ARTICLES = {
    "/news/harbour-dredging.html",
    "/news/ferry-strike.html",
    "/news/council-vote.html",
    "/news/cafe-zurich.html",
    "/news/old-story.html",
}


def _pages(uris: list[str]) -> list[str]:
    return [uri for uri in uris if "/news/" in uri]


def _whole_site(site: SiteServer, warc: Path) -> None:
    summary = crawl(site, warc, feeds=("/feed.xml",), sitemaps=("/sitemap-index.xml",))
    assert summary.fetched == len(ARTICLES)
    assert summary.failed == 0 and summary.listing_failures == 0


def test_feed_and_sitemap_index_give_each_article_once(site: SiteServer, tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    _whole_site(site, warc)
    asked = site.state.paths()
    article_requests = [p for p in asked if p.startswith("/news/")]
    # The dredging story is in the feed twice (once with a tracking parameter) and in a sitemap.
    assert sorted(article_requests) == sorted([*ARTICLES, "/news/annual-report"])
    assert {site.url(p) for p in ARTICLES} == set(_pages(responses(warc)))
    # Child sitemaps of the index were read; robots.txt once for the host.
    assert {"/sitemap-news.xml", "/sitemap-pages.xml"} <= set(asked)
    assert asked.count("/robots.txt") == 1


def test_left_out_pages_are_never_requested(site: SiteServer, tmp_path: Path) -> None:
    summary = crawl(site, tmp_path / "c.warc.gz", feeds=("/feed.xml",))
    asked = site.state.paths()
    assert "/private/memo.html" not in asked  # robots.txt Disallow
    assert "/tag/ports" not in asked  # a tag page
    assert "/files/annual-report.pdf" not in asked  # a document file by its name
    reasons = summary.filter_reasons
    assert reasons["off-site"] == 1
    assert reasons["listed twice"] == 1
    assert summary.skipped == 2  # the robots.txt one and the PDF


def test_pdf_behind_an_article_address_is_skipped_unread(site: SiteServer, tmp_path: Path) -> None:
    warc = tmp_path / "c.warc.gz"
    crawl(site, warc, urls=("/news/annual-report", "/news/ferry-strike.html"))
    uris = [uri for _, uri, _, _, _ in records(warc)]
    assert site.url("/news/annual-report") not in uris
    assert _pages(responses(warc)) == [site.url("/news/ferry-strike.html")]


def test_every_response_has_its_request_record(site: SiteServer, tmp_path: Path) -> None:
    warc = tmp_path / "c.warc.gz"
    _whole_site(site, warc)
    found = records(warc)
    assert found[0][0] == "warcinfo"
    ids = {h.get_header("WARC-Record-ID"): uri for kind, uri, _, h, _ in found if kind == "request"}
    for kind, uri, _, headers, _ in found:
        if kind == "response":
            assert ids[headers.get_header("WARC-Concurrent-To")] == uri
    # Feeds, sitemaps and robots.txt are archived too, so the crawl can be replayed.
    assert site.url("/feed.xml") in responses(warc)
    assert site.url("/robots.txt") in responses(warc)


def test_user_agent_names_newsgraph_and_the_contact(site: SiteServer, tmp_path: Path) -> None:
    crawl(site, tmp_path / "c.warc.gz", urls=("/news/ferry-strike.html",), contact="desk@x.org")
    agents = {r.headers["User-Agent"] for r in site.state.requests}
    assert len(agents) == 1
    (agent,) = agents
    assert agent.startswith("newsgraph/") and "desk@x.org" in agent


def test_crawl_delay_from_robots_spaces_requests(site: SiteServer, tmp_path: Path) -> None:
    crawl(site, tmp_path / "c.warc.gz", feeds=("/feed.xml",))
    times = [r.at for r in site.state.requests]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert len(gaps) >= 4
    # Crawl-delay: 0.1 in robots.txt, though --delay is 0; a request is timed from the end of
    # the one before, so every gap is at least the delay.
    assert min(gaps[1:]) >= 0.095  # the first gap is robots.txt -> feed, before it is known


def test_since_leaves_out_older_entries(site: SiteServer, tmp_path: Path) -> None:
    import datetime as dt

    summary = crawl(
        site, tmp_path / "c.warc.gz", sitemaps=("/sitemap-pages.xml",), since=dt.date(2025, 1, 1)
    )
    assert "/news/old-story.html" not in site.state.paths()
    assert summary.filter_reasons == {"older than --since": 1}
    assert summary.fetched == 1


def test_max_pages_caps_the_requests(site: SiteServer, tmp_path: Path) -> None:
    summary = crawl(site, tmp_path / "c.warc.gz", feeds=("/feed.xml",), max_pages=1)
    assert summary.fetched + summary.skipped + summary.failed == 1
    assert len([p for p in site.state.paths() if p.startswith(("/news/", "/private/"))]) <= 1


def test_analyze_reads_the_crawl_with_dates_from_page_feed_and_sitemap(
    site: SiteServer, tmp_path: Path
) -> None:
    warc = tmp_path / "crawl.warc.gz"
    _whole_site(site, warc)
    documents = {d.meta.url: d for d in read_inputs([str(warc)]) if isinstance(d, Document)}
    assert set(documents) == {site.url(p) for p in ARTICLES}
    page_dated = documents[site.url("/news/harbour-dredging.html")]
    assert str(page_dated.meta.published) == "2025-03-11" and page_dated.warnings == []
    feed_dated = documents[site.url("/news/ferry-strike.html")]
    assert str(feed_dated.meta.published) == "2025-03-12"  # the feed's pubDate
    assert any("from the feed entry" in w for w in feed_dated.warnings)
    news = documents[site.url("/news/council-vote.html")]
    assert str(news.meta.published) == "2025-03-10"
    assert news.meta.outlet == "Saltmarsh Evening Post"  # the news sitemap's publication
    assert any("outlet from the sitemap entry" in w for w in news.warnings)
    assert all(d.meta.source.crawled for d in documents.values())


def test_page_without_any_date_gets_the_crawl_date_marked(site: SiteServer, tmp_path: Path) -> None:
    import datetime as dt

    warc = tmp_path / "c.warc.gz"
    crawl(site, warc, urls=("/news/council-vote.html",))
    (document,) = [d for d in read_inputs([str(warc)]) if isinstance(d, Document)]
    assert document.meta.published == dt.datetime.now(dt.UTC).date()
    assert any("crawl date" in w for w in document.warnings)


def test_lying_charset_header_does_not_garble_the_text(site: SiteServer, tmp_path: Path) -> None:
    warc = tmp_path / "c.warc.gz"
    crawl(site, warc, urls=("/news/cafe-zurich.html",))
    (_, _, _, _, payload) = next(r for r in records(warc) if r[0] == "response" and "cafe" in r[1])
    assert payload == (Path(__file__).parent / "site/news/cafe-zurich.html").read_bytes()
    (document,) = [d for d in read_inputs([str(warc)]) if isinstance(d, Document)]
    assert "Zürich" in document.text and "schließt" in document.text
    assert "Ã" not in document.text  # what reading UTF-8 as Latin-1 would give


def test_offsite_pages_only_with_allow_offsite(site: SiteServer, tmp_path: Path) -> None:
    with SiteServer() as other:  # another port on the loopback: another site
        listing = f"/elsewhere.txt?port={other.base.rsplit(':', 1)[1]}"
        summary = crawl(site, tmp_path / "a.warc.gz", sitemaps=(listing,))
        assert summary.filter_reasons == {"off-site": 1} and other.state.requests == []
        summary = crawl(site, tmp_path / "b.warc.gz", sitemaps=(listing,), allow_offsite=True)
        assert summary.fetched == 1
        assert "/news/ferry-strike.html" in other.state.paths()
