"""What a crawler knew about a page before fetching it (its feed or sitemap entry), carried in a
WARC response header so that the reader can fall back on it when the page itself is silent.

`newsgraph collect` writes the header; `read_warc` reads it. The page always wins: the entry
fills only what the page leaves out, and every value taken from elsewhere is noted."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

ENTRY_HEADER = "Newsgraph-Entry"


@dataclass(frozen=True)
class CrawlEntry:
    """The entry that led the crawler to a page: where it was listed and what it said."""

    source: str  # "feed", "sitemap" or "list" (a URL the user named)
    listed_in: str | None = None  # the feed or sitemap URL
    published: str | None = None  # as the entry gave it (ISO 8601)
    title: str | None = None
    outlet: str | None = None  # the feed's title or the news sitemap's publication name

    def to_header(self) -> str:
        """One ASCII line (JSON), safe in any WARC header."""
        fields = {k: v for k, v in self.__dict__.items() if v is not None}
        return json.dumps(fields, ensure_ascii=True, separators=(",", ":"))

    @classmethod
    def from_header(cls, value: str | None) -> CrawlEntry | None:
        if not value:
            return None
        try:
            fields: Any = json.loads(value)
        except json.JSONDecodeError:
            return None
        if not isinstance(fields, dict) or not isinstance(fields.get("source"), str):
            return None
        known = {"source", "listed_in", "published", "title", "outlet"}
        return cls(**{k: str(v) for k, v in fields.items() if k in known and v is not None})


@dataclass(frozen=True)
class PageMetadata:
    published: dt.date | None
    outlet: str | None
    title: str | None
    notes: list[str]


def fill_from_entry(
    entry: CrawlEntry | None,
    *,
    published: dt.date | None,
    sitename: str | None,
    hostname: str | None,
    title: str | None,
    crawled: str | None,
    url: str | None = None,
) -> PageMetadata:
    """The page's own values, with gaps filled from the crawl entry and then the crawl time.

    Without an entry (a WARC not written by `newsgraph collect`) nothing is filled beyond the
    page's host name as outlet, as for any HTML page."""
    notes: list[str] = []
    if entry is None:
        return PageMetadata(published, sitename or hostname, title, notes)
    where = f"{entry.source} entry" + (f" {entry.listed_in}" if entry.listed_in else "")
    if published is None:
        published = _date(entry.published)
        if published is not None:
            notes.append(f"publication date from the {where}: the page states none")
        else:
            published = _date(crawled)
            if published is not None:
                notes.append(
                    "publication date is the crawl date: neither the page nor its "
                    f"{entry.source} entry states one"
                )
    outlet = None if _is_host_name(sitename, hostname, url) else sitename
    if outlet is None and entry.outlet:
        outlet = entry.outlet
        notes.append(f"outlet from the {where}: the page names none")
    if title is None and entry.title:
        title = entry.title
        notes.append(f"title from the {where}: the page has none")
    return PageMetadata(published, outlet or sitename or hostname, title, notes)


def _is_host_name(sitename: str | None, hostname: str | None, url: str | None) -> bool:
    """trafilatura puts the domain in `sitename` when the page names no site: that is no
    outlet name the page states."""
    if sitename is None:
        return True
    hosts = {hostname or ""}
    if url:
        parts = urlsplit(url)
        hosts |= {parts.netloc.lower(), (parts.hostname or "").lower()}
    hosts |= {h.removeprefix("www.") for h in hosts}
    return sitename.lower() in hosts


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    text = value.strip()
    try:
        if len(text) > 10 and text[10] in "T ":
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None
