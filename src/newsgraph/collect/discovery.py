"""Article URLs from fetched feeds and sitemaps. Parsing only: everything here works on bytes
the fetcher already downloaded, so nothing in this module can reach the network."""

from __future__ import annotations

import calendar
import datetime as dt
import gzip
import time
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin

import feedparser
from lxml import etree

from newsgraph.ingest.crawlhints import CrawlEntry


class ListingError(Exception):
    """A feed or sitemap that cannot be read."""


@dataclass(frozen=True)
class Entry:
    """A URL to fetch, with what its listing said about it."""

    url: str
    hint: CrawlEntry
    modified: str | None = None  # a sitemap's <lastmod>: when the page last changed


@dataclass
class Listing:
    entries: list[Entry] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)  # further sitemaps named by an index


def parse_feed(raw: bytes, feed_url: str) -> Listing:
    """Entries of an RSS or Atom feed. feedparser gets bytes, never a URL, so it fetches nothing."""
    parsed = feedparser.parse(raw, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries and (parsed.get("bozo") or not parsed.get("version")):
        problem = parsed.get("bozo_exception")
        raise ListingError(f"not an RSS or Atom feed ({problem or 'no entries'})")
    outlet = _clean(parsed.feed.get("title"))
    listing = Listing()
    for item in parsed.entries:
        link = item.get("link")
        if not link:
            continue
        when = item.get("published_parsed") or item.get("updated_parsed")
        hint = CrawlEntry(
            source="feed",
            listed_in=feed_url,
            published=_iso(when),
            title=_clean(item.get("title")),
            outlet=outlet,
        )
        listing.entries.append(Entry(urljoin(feed_url, str(link)), hint))
    return listing


_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


def parse_sitemap(raw: bytes, sitemap_url: str) -> Listing:
    """A sitemap, a sitemap index or a news sitemap (XML, optionally gzipped), or a plain text
    list of URLs. Entity expansion and network access are off in the XML parser."""
    raw = _gunzip(raw)
    head = raw.lstrip()[:200].lower()
    if head.startswith((b"http://", b"https://")):
        return Listing(entries=[_sitemap_entry(line, sitemap_url) for line in _lines(raw)])
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as error:
        raise ListingError(f"not a sitemap: {error}") from None
    kind = etree.QName(root).localname
    listing = Listing()
    if kind == "sitemapindex":
        listing.sitemaps = [urljoin(sitemap_url, loc) for loc in _texts(root, "sitemap", "loc")]
        return listing
    if kind != "urlset":
        raise ListingError(f"not a sitemap: root element <{kind}>")
    for url in root.iterfind(f"{{{_SITEMAP_NS}}}url"):
        loc = _child_text(url, _SITEMAP_NS, "loc")
        if not loc:
            continue
        news = url.find(f"{{{_NEWS_NS}}}news")
        published = title = outlet = None
        if news is not None:
            published = _child_text(news, _NEWS_NS, "publication_date")
            title = _child_text(news, _NEWS_NS, "title")
            publication = news.find(f"{{{_NEWS_NS}}}publication")
            if publication is not None:
                outlet = _child_text(publication, _NEWS_NS, "name")
        hint = CrawlEntry(
            source="sitemap",
            listed_in=sitemap_url,
            published=published,
            title=title,
            outlet=outlet,
        )
        modified = _child_text(url, _SITEMAP_NS, "lastmod")
        listing.entries.append(Entry(urljoin(sitemap_url, loc), hint, modified))
    return listing


def entry_date(entry: Entry) -> dt.date | None:
    """The day an entry says its page was published, or else last changed."""
    for value in (entry.hint.published, entry.modified):
        if value:
            try:
                return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
            except ValueError:
                continue
    return None


def _sitemap_entry(url: str, sitemap_url: str) -> Entry:
    return Entry(url, CrawlEntry(source="sitemap", listed_in=sitemap_url))


def _lines(raw: bytes) -> list[str]:
    text = raw.decode("utf-8", errors="replace")
    return [line.strip() for line in text.splitlines() if line.strip().startswith("http")]


def _texts(root: etree._Element, parent: str, child: str) -> list[str]:
    found = []
    for node in root.iterfind(f"{{{_SITEMAP_NS}}}{parent}"):
        value = _child_text(node, _SITEMAP_NS, child)
        if value:
            found.append(value)
    return found


def _child_text(node: etree._Element, namespace: str, name: str) -> str | None:
    child = node.find(f"{{{namespace}}}{name}")
    if child is None or child.text is None:
        return None
    return child.text.strip() or None


def _gunzip(raw: bytes) -> bytes:
    if raw[:2] != b"\x1f\x8b":
        return raw
    try:
        return gzip.decompress(raw)
    except (OSError, EOFError, zlib.error) as error:
        raise ListingError(f"damaged gzip data: {error}") from None


def _iso(when: time.struct_time | None) -> str | None:
    """feedparser's UTC struct_time as an ISO timestamp."""
    if when is None:
        return None
    stamp = dt.datetime.fromtimestamp(calendar.timegm(when), tz=dt.UTC)
    return stamp.isoformat().replace("+00:00", "Z")


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None
