"""Fixtures for the collect tests: the fixture site on a loopback port, and a crawl with the
delays set small so that the suite stays fast. Nothing here reaches beyond 127.0.0.1."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsgraph.collect.config import CollectConfig
from newsgraph.collect.crawler import CrawlSummary, Seeds, collect
from tests.collect.site_server import SiteServer

# No politeness delay of our own, no backoff, short timeouts: the robots.txt Crawl-delay of the
# fixture site (0.1 s) still applies.
FAST = CollectConfig(delay=0.0, backoff=0.0, timeout=5.0, max_retry_wait=0.2, retries=2)


@pytest.fixture
def site() -> Iterator[SiteServer]:
    with SiteServer() as server:
        yield server


def crawl(
    site: SiteServer,
    warc: Path,
    *,
    feeds: tuple[str, ...] = (),
    sitemaps: tuple[str, ...] = (),
    urls: tuple[str, ...] = (),
    **options: Any,
) -> CrawlSummary:
    """Crawl the fixture site; paths are relative to it, options override FAST."""
    seeds = Seeds(
        feeds=[site.url(p) for p in feeds],
        sitemaps=[site.url(p) for p in sitemaps],
        urls=[site.url(p) for p in urls],
    )
    extra = {k: v for k, v in options.items() if k not in ("sleep", "reporter")}
    config = dataclasses.replace(FAST, **extra)
    call: dict[str, Any] = {k: v for k, v in options.items() if k in ("sleep", "reporter")}
    return collect(seeds, warc, config, **call)
