"""Collect: bring news articles in from the web (URLs, RSS/Atom feeds, sitemaps) into a WARC
archive, politely (robots.txt, one request at a time per host, delays) and resumably.

    from newsgraph.collect import CollectConfig, Seeds, collect
    summary = collect(Seeds(feeds=["https://example.org/rss"]), Path("crawl.warc.gz"),
                      CollectConfig(contact="me@example.org"))

The names are loaded on first use, so that `newsgraph` commands other than `collect` do not
pay for importing the HTTP client and the feed parser."""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "CollectConfig": "newsgraph.collect.config",
    "CrawlSummary": "newsgraph.collect.crawler",
    "Seeds": "newsgraph.collect.crawler",
    "collect": "newsgraph.collect.crawler",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'newsgraph.collect' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
