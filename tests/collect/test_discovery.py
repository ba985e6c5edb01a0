"""Feeds and sitemaps parsed from bytes, and the URL filters."""

from __future__ import annotations

import gzip

import pytest

from newsgraph.collect.discovery import ListingError, entry_date, parse_feed, parse_sitemap
from newsgraph.collect.urls import normalise, refusal, same_site

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Dune Courier</title>
  <entry>
    <title>Beach huts washed away</title>
    <link href="/news/beach-huts.html"/>
    <published>2025-02-01T09:00:00+01:00</published>
  </entry>
  <entry><title>No link here</title></entry>
</feed>"""


def test_atom_feed_entries_with_dates_resolved_against_the_feed() -> None:
    listing = parse_feed(ATOM, "http://127.0.0.1:8000/atom.xml")
    (entry,) = listing.entries
    assert entry.url == "http://127.0.0.1:8000/news/beach-huts.html"
    assert entry.hint.published == "2025-02-01T08:00:00Z"  # in UTC
    assert (entry.hint.title, entry.hint.outlet, entry.hint.source) == (
        "Beach huts washed away",
        "Dune Courier",
        "feed",
    )


def test_a_page_is_not_a_feed() -> None:
    with pytest.raises(ListingError):
        parse_feed(b"<html><body><p>hello</p></body></html>", "http://127.0.0.1/x")


def test_feedparser_gets_bytes_so_a_url_is_not_fetched() -> None:
    # Given a str that looks like a URL feedparser would fetch it; bytes are parsed as a feed.
    with pytest.raises(ListingError):
        parse_feed(b"http://127.0.0.1:9/feed.xml", "http://127.0.0.1:9/feed.xml")


def test_gzipped_news_sitemap() -> None:
    xml = b"""<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>http://127.0.0.1/a.html</loc><lastmod>2024-01-05</lastmod>
    <news:news><news:publication><news:name>Tide Times</news:name></news:publication>
      <news:publication_date>2024-01-04T10:00:00Z</news:publication_date>
      <news:title>A</news:title></news:news></url>
  <url><loc>http://127.0.0.1/b.html</loc><lastmod>2023-05-01</lastmod></url>
</urlset>"""
    listing = parse_sitemap(gzip.compress(xml), "http://127.0.0.1/sitemap.xml.gz")
    a, b = listing.entries
    assert (a.hint.outlet, a.hint.title, a.hint.published) == (
        "Tide Times",
        "A",
        "2024-01-04T10:00:00Z",
    )
    assert str(entry_date(a)) == "2024-01-04"  # the publication date, not <lastmod>
    assert b.hint.published is None and str(entry_date(b)) == "2023-05-01"


def test_sitemap_index_and_text_sitemap() -> None:
    index = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>/one.xml</loc></sitemap><sitemap><loc>/two.xml</loc></sitemap>
    </sitemapindex>"""
    listing = parse_sitemap(index, "http://127.0.0.1/index.xml")
    assert listing.sitemaps == ["http://127.0.0.1/one.xml", "http://127.0.0.1/two.xml"]
    assert listing.entries == []
    text = parse_sitemap(b"http://127.0.0.1/a.html\nhttp://127.0.0.1/b.html\n", "http://x/s.txt")
    assert [e.url for e in text.entries] == ["http://127.0.0.1/a.html", "http://127.0.0.1/b.html"]


def test_sitemap_xml_entities_are_not_expanded() -> None:
    evil = b"""<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&e;</loc></url></urlset>"""
    listing = parse_sitemap(evil, "http://127.0.0.1/s.xml")
    assert all("root:" not in e.url for e in listing.entries)


def test_url_filters() -> None:
    assert (
        normalise("http://127.0.0.1:8/News/a.html?utm_source=x#top")
        == "http://127.0.0.1:8/News/a.html"
    )
    assert normalise("mailto:desk@example.org") is None
    assert refusal("http://127.0.0.1/news/a.html") is None
    assert refusal("http://127.0.0.1/files/a.pdf") is not None
    assert refusal("http://127.0.0.1/tag/ports") is not None
    assert refusal("http://127.0.0.1/login") is not None
    assert same_site("http://www.example.org/a", "https://example.org/b")
    assert not same_site("http://127.0.0.1:8/a", "http://127.0.0.1:9/a")
