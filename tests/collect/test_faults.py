"""Servers that misbehave: rate limits, errors, redirect loops, slow and huge pages."""

from __future__ import annotations

import datetime as dt
import email.utils
from pathlib import Path

from newsgraph.collect.fetcher import retry_after_seconds
from newsgraph.ingest import Document, read_inputs
from tests.collect.conftest import crawl
from tests.collect.site_server import SiteServer
from tests.collect.warc_read import records


class _Sleeps:
    """Records every wait instead of waiting."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def test_429_waits_for_retry_after_capped_then_succeeds(site: SiteServer, tmp_path: Path) -> None:
    sleeps = _Sleeps()
    warc = tmp_path / "c.warc.gz"
    summary = crawl(site, warc, urls=("/flaky/busy.html",), sleep=sleeps, max_retry_wait=0.5)
    assert summary.fetched == 1 and summary.failed == 0
    assert site.state.hits["/flaky/busy.html"] == 2
    # Retry-After: 1, capped by --max-retry-wait 0.5 (backoff alone would be 0 here).
    assert 0.5 in sleeps.waits
    statuses = [
        code for kind, uri, code, _, _ in records(warc) if kind == "response" and "busy" in uri
    ]
    assert statuses == ["429", "200"]  # the refusal is archived too


def test_retry_after_as_seconds_or_http_date() -> None:
    now = dt.datetime(2025, 3, 11, 12, 0, 0, tzinfo=dt.UTC)
    later = email.utils.format_datetime(now + dt.timedelta(seconds=90), usegmt=True)
    assert retry_after_seconds("7", now) == 7.0
    assert retry_after_seconds(later, now) == 90.0
    assert retry_after_seconds("Tue, 11 Mar 2025 11:00:00 GMT", now) == 0.0  # already past
    assert retry_after_seconds("soon", now) is None


def test_500_then_success_is_retried_and_only_the_page_is_read(
    site: SiteServer, tmp_path: Path
) -> None:
    warc = tmp_path / "c.warc.gz"
    summary = crawl(site, warc, urls=("/flaky/broken.html",))
    assert summary.fetched == 1
    assert site.state.hits["/flaky/broken.html"] == 2
    statuses = [
        code for kind, uri, code, _, _ in records(warc) if kind == "response" and "broken" in uri
    ]
    assert statuses == ["500", "200"]
    documents = [d for d in read_inputs([str(warc)]) if isinstance(d, Document)]
    assert len(documents) == 1 and "Broken server mends itself" in documents[0].text


def test_failure_after_the_last_retry_is_reported(site: SiteServer, tmp_path: Path) -> None:
    summary = crawl(site, tmp_path / "c.warc.gz", urls=("/flaky/broken.html",), retries=0)
    assert summary.failed == 1 and summary.fetched == 0
    assert site.state.hits["/flaky/broken.html"] == 1


def test_redirect_loop_is_detected(site: SiteServer, tmp_path: Path) -> None:
    summary = crawl(site, tmp_path / "c.warc.gz", urls=("/loop/a",))
    assert summary.failed == 1
    assert site.state.hits == {"/robots.txt": 1, "/loop/a": 1, "/loop/b": 1}


def test_redirect_is_followed_and_archived(site: SiteServer, tmp_path: Path) -> None:
    warc = tmp_path / "c.warc.gz"
    summary = crawl(site, warc, urls=("/moved/dredging",))
    assert summary.fetched == 1
    answers = [(uri, code) for kind, uri, code, _, _ in records(warc) if kind == "response"]
    assert (site.url("/moved/dredging"), "301") in answers
    assert (site.url("/news/harbour-dredging.html"), "200") in answers
    documents = [d for d in read_inputs([str(warc)]) if isinstance(d, Document)]
    assert len(documents) == 1  # the 301 is no article


def test_slow_page_times_out(site: SiteServer, tmp_path: Path) -> None:
    summary = crawl(site, tmp_path / "c.warc.gz", urls=("/slow.html",), timeout=0.3, retries=0)
    assert summary.failed == 1


def test_oversized_page_is_not_kept(site: SiteServer, tmp_path: Path) -> None:
    warc = tmp_path / "c.warc.gz"
    summary = crawl(site, warc, urls=("/huge.html",), max_bytes=50_000)
    assert summary.skipped == 1 and summary.fetched == 0
    assert not [uri for _, uri, _, _, _ in records(warc) if uri and "huge" in uri]
    # The same page under a larger cap is kept: the cap, not the page, made the difference.
    summary = crawl(site, tmp_path / "d.warc.gz", urls=("/huge.html",), max_bytes=1_000_000)
    assert summary.fetched == 1


def test_oversized_stream_without_length_is_cut_off(site: SiteServer, tmp_path: Path) -> None:
    summary = crawl(site, tmp_path / "c.warc.gz", urls=("/huge-stream.html",), max_bytes=50_000)
    assert summary.skipped == 1 and summary.fetched == 0


def test_unreadable_feed_is_a_failure(site: SiteServer, tmp_path: Path) -> None:
    summary = crawl(site, tmp_path / "c.warc.gz", feeds=("/news/ferry-strike.html",))
    assert summary.listing_failures == 1 and summary.problems == 1
