"""Which discovered URLs are worth fetching: normalised by courlan, then filtered.

courlan's `check_url` refuses IP addresses and `localhost`, which a local test site needs, so
its individual filters are applied here one by one, each with a reason the summary can show."""

from __future__ import annotations

from urllib.parse import urlsplit

from courlan import normalize_url
from courlan.filters import extension_filter, is_not_crawlable, type_filter


def normalise(url: str) -> str | None:
    """A canonical form (lower-case host, no fragment, no tracking parameters), or None when
    the URL is not an absolute http(s) URL."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    try:
        normalised: str = normalize_url(url, strict=True)
    except ValueError:
        return None
    return normalised


def refusal(url: str) -> str | None:
    """Why this URL is not an article page worth fetching, or None when it may be one."""
    if not extension_filter(url):
        return "a media or document file"
    if is_not_crawlable(url):
        return "a login or admin page"
    if not type_filter(url, strict=True):
        return "a feed, tag or category page"
    return None


def site_of(url: str) -> str:
    """The site a URL belongs to: its host without a leading `www.`, and its port if any."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    return f"{host}:{parts.port}" if parts.port else host


def host_of(url: str) -> str:
    """The host (and port) requests go to: politeness is kept per host."""
    return urlsplit(url).netloc.lower()


def same_site(url: str, reference: str) -> bool:
    return site_of(url) == site_of(reference)
