"""The run loop: find the article URLs in the feeds and sitemaps, filter them, then fetch them
one at a time, taking turns between hosts so that waiting for one host's delay is time spent
on another, and write each page to the WARC before the state says it is done."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from newsgraph.collect.config import CollectConfig
from newsgraph.collect.discovery import (
    Entry,
    Listing,
    ListingError,
    entry_date,
    parse_feed,
    parse_sitemap,
)
from newsgraph.collect.fetcher import Fetcher, FetchResult, RedirectCheck, Validators
from newsgraph.collect.politeness import Clock, HostGate, RobotsRules, Sleep
from newsgraph.collect.report import CollectReporter
from newsgraph.collect.state import CrawlState, Run
from newsgraph.collect.urls import host_of, normalise, refusal, same_site
from newsgraph.collect.warcfile import WarcArchive, repair
from newsgraph.ingest.crawlhints import CrawlEntry

MAX_SITEMAPS = 500  # per run: a sitemap index pointing at itself, or at millions, stops here


@dataclass(frozen=True)
class Seeds:
    """Where to start: feeds and sitemaps to read, and article URLs given outright."""

    feeds: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)


@dataclass
class CrawlSummary:
    warc: Path
    state: Path
    listed: int = 0  # distinct article URLs found
    filtered: int = 0  # left out before fetching: off-site, not an article, too old, repeated
    fetched: int = 0
    not_modified: int = 0
    skipped: int = 0  # robots.txt, not HTML, too large, redirected away
    failed: int = 0
    already_done: int = 0  # done by the interrupted run this one resumed
    listing_failures: int = 0  # feeds or sitemaps that could not be read
    repaired_bytes: int = 0
    resumed: bool = False
    interrupted: bool = False
    seconds: float = 0.0
    fetch_seconds: float = 0.0  # in HTTP requests, politeness waits excluded
    write_seconds: float = 0.0  # writing and syncing the WARC
    state_seconds: float = 0.0  # updating the state file
    filter_reasons: dict[str, int] = field(default_factory=dict)

    @property
    def problems(self) -> int:
        return self.failed + self.listing_failures


class _Crawl:
    def __init__(
        self,
        seeds: Seeds,
        summary: CrawlSummary,
        config: CollectConfig,
        reporter: CollectReporter,
        clock: Clock,
        sleep: Sleep,
        transport: httpx.BaseTransport | None,
    ) -> None:
        self.seeds = seeds
        self.summary = summary
        self.config = config
        self.reporter = reporter
        self.clock = clock
        self.gate = HostGate(config.delay, clock=clock, sleep=sleep)
        self.fetcher = Fetcher(config, self.gate, sleep=sleep, transport=transport)
        self.robots: dict[str, RobotsRules] = {}
        self.state = CrawlState(summary.state)
        self.archive = WarcArchive(summary.warc)

    def close(self) -> None:
        self.fetcher.close()
        self.archive.close()
        self.state.close()

    def run(self) -> None:
        forgotten = self.state.forget_beyond(self.summary.warc.stat().st_size)
        if forgotten:
            self.reporter.line(
                f"note: {forgotten} page(s) in the state file are missing from the WARC file; "
                "they will be fetched again"
            )
        run = self.state.begin()
        self.summary.resumed = run.resumed
        if run.resumed:
            self.reporter.line("note: going on with the interrupted run in this state file")
        entries = self._filtered(self._discover())
        self.summary.listed = len(entries)
        self.reporter.planned(len(entries))
        self._fetch_pages(entries, run)
        self.state.finish(run)

    # Discovery

    def _discover(self) -> list[Entry]:
        found: list[Entry] = [Entry(url, CrawlEntry(source="list")) for url in self.seeds.urls]
        for feed in self.seeds.feeds:
            listing = self._listing(feed, "feed")
            if listing is not None:
                found += listing.entries
        queue = deque(self.seeds.sitemaps)
        seen: set[str] = set()
        while queue and len(seen) < MAX_SITEMAPS:
            sitemap = queue.popleft()
            if sitemap in seen:
                continue
            seen.add(sitemap)
            listing = self._listing(sitemap, "sitemap")
            if listing is None:
                continue
            found += listing.entries
            for child in listing.sitemaps:
                if self.config.allow_offsite or same_site(child, sitemap):
                    queue.append(child)
        return found

    def _listing(self, url: str, kind: str) -> Listing | None:
        if not self._robots_for(url).allows(url):
            self._listing_failed(url, "disallowed by robots.txt")
            return None
        result, _ = self._fetch(url, html_only=False)
        if result.outcome != "fetched" or result.final is None:
            self._listing_failed(url, result.note)
            return None
        try:
            body = result.final.body
            return parse_feed(body, url) if kind == "feed" else parse_sitemap(body, url)
        except ListingError as error:
            self._listing_failed(url, str(error))
            return None

    def _listing_failed(self, url: str, why: str | None) -> None:
        self.summary.listing_failures += 1
        self.reporter.line(f"error: {url}: {why}")

    def _filtered(self, found: Iterable[Entry]) -> list[Entry]:
        """Normalised, on-site, article-looking, recent enough and each URL once; the first
        listing of a URL wins, a later one fills in what it left blank."""
        kept: dict[str, Entry] = {}
        for entry in found:
            url = normalise(entry.url)
            why = self._refusal(entry, url)
            if why is not None or url is None:
                if url is not None and url in kept:
                    why = "listed twice"
                self._filter(why or "not an http(s) URL")
                continue
            if url in kept:
                kept[url] = _merged(kept[url], entry)
                self._filter("listed twice")
                continue
            kept[url] = Entry(url, entry.hint, entry.modified)
        return list(kept.values())

    def _refusal(self, entry: Entry, url: str | None) -> str | None:
        if url is None:
            return "not an http(s) URL"
        if entry.hint.source == "list":
            return None  # named by the user: fetched whatever it looks like
        listed_in = entry.hint.listed_in or url
        if not self.config.allow_offsite and not same_site(url, listed_in):
            return "off-site"
        why = refusal(url)
        if why:
            return why
        if self.config.since is not None:
            day = entry_date(entry)
            if day is not None and day < self.config.since:
                return "older than --since"
        return None

    def _filter(self, why: str) -> None:
        self.summary.filtered += 1
        self.summary.filter_reasons[why] = self.summary.filter_reasons.get(why, 0) + 1

    # Fetching

    def _fetch_pages(self, entries: list[Entry], run: Run) -> None:
        queues: dict[str, deque[Entry]] = {}
        for entry in entries:
            queues.setdefault(host_of(entry.url), deque()).append(entry)
        requested = 0
        while queues:
            # The host that may be asked soonest; ties go to the one listed first.
            host = min(queues, key=self.gate.ready_at)
            entry = queues[host].popleft()
            if not queues[host]:
                del queues[host]
            if self.state.settled_in(entry.url, run):
                self.summary.already_done += 1
                self.reporter.page_fetched(not_modified=True)
                continue
            if self.config.max_pages is not None and requested >= self.config.max_pages:
                self.reporter.line(f"note: stopped after --max-pages {self.config.max_pages}")
                return
            requested += 1
            self.reporter.asking(host)
            self._fetch_page(entry, run)

    def _fetch_page(self, entry: Entry, run: Run) -> None:
        url = entry.url
        if not self._robots_for(url).allows(url):
            self.state.record(url, run, "skipped", note="disallowed by robots.txt")
            self.summary.skipped += 1
            self.reporter.page_skipped(url, "disallowed by robots.txt")
            return
        result, warc_end = self._fetch(
            url,
            html_only=True,
            validators=self.state.validators(url),
            hint=entry.hint,
            check_redirect=lambda target: self._redirect_refusal(target, url),
        )
        started = self.clock()
        self.state.record(
            url,
            run,
            result.outcome,
            final_url=result.final_url,
            note=result.note,
            validators=_validators(result),
            warc_end=warc_end,
        )
        self.summary.state_seconds += self.clock() - started
        if result.outcome == "fetched":
            self.summary.fetched += 1
            self.reporter.page_fetched()
        elif result.outcome == "not_modified":
            self.summary.not_modified += 1
            self.reporter.page_fetched(not_modified=True)
        elif result.outcome == "skipped":
            self.summary.skipped += 1
            self.reporter.page_skipped(url, result.note)
        else:
            self.summary.failed += 1
            self.reporter.page_failed(url, result.note)

    def _redirect_refusal(self, target: str, origin: str) -> str | None:
        if urlsplit(target).scheme not in ("http", "https"):
            return "not an http(s) URL"
        if not self.config.allow_offsite and not same_site(target, origin):
            return "off-site (--allow-offsite to follow)"
        if not self._robots_for(target).allows(target):
            return "disallowed by robots.txt"
        return None

    def _fetch(
        self,
        url: str,
        *,
        html_only: bool,
        validators: Validators | None = None,
        hint: CrawlEntry | None = None,
        check_redirect: RedirectCheck | None = None,
    ) -> tuple[FetchResult, int | None]:
        """Fetch and archive every response received, before anything else hears of it.
        Also returns where its records end in the WARC (None when nothing was written)."""
        started = self.clock()
        waited_before = self.gate.waited
        result = self.fetcher.fetch(
            url,
            html_only=html_only,
            validators=validators,
            check_redirect=check_redirect,
        )
        self.summary.fetch_seconds += self.clock() - started - (self.gate.waited - waited_before)
        warc_end = None
        if result.exchanges:
            started = self.clock()
            keep_hint = hint if result.outcome in ("fetched", "not_modified") else None
            warc_end = self.archive.write_exchanges(result.exchanges, keep_hint)
            self.summary.write_seconds += self.clock() - started
        return result, warc_end

    # robots.txt

    def _robots_for(self, url: str) -> RobotsRules:
        host = host_of(url)
        rules = self.robots.get(host)
        if rules is None:
            rules = self._read_robots(url)
            self.robots[host] = rules
            delay = rules.crawl_delay()
            if delay is not None:
                self.gate.set_host_delay(host, min(delay, self.config.max_crawl_delay))
            if rules.note:
                self.reporter.line(f"note: {host}: {rules.note}")
        return rules

    def _read_robots(self, url: str) -> RobotsRules:
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        result, _ = self._fetch(robots_url, html_only=False)
        final = result.final
        if result.outcome == "fetched" and final is not None:
            return RobotsRules.from_text(final.body.decode("utf-8", errors="replace"))
        if final is not None and 400 <= final.status < 500:
            return RobotsRules.everything_allowed("")  # no robots.txt: nothing is forbidden
        # RFC 9309: when robots.txt cannot be read (5xx, no answer), assume everything is.
        return RobotsRules.nothing_allowed(
            f"robots.txt unreadable ({result.note}); nothing fetched from this host"
        )


def _merged(first: Entry, later: Entry) -> Entry:
    a, b = first.hint, later.hint
    hint = CrawlEntry(
        source=a.source,
        listed_in=a.listed_in,
        published=a.published or b.published,
        title=a.title or b.title,
        outlet=a.outlet or b.outlet,
    )
    return Entry(first.url, hint, first.modified or later.modified)


def _validators(result: FetchResult) -> Validators | None:
    if result.etag or result.last_modified:
        return Validators(etag=result.etag, last_modified=result.last_modified)
    return None


def collect(
    seeds: Seeds,
    warc: Path,
    config: CollectConfig | None = None,
    *,
    state: Path | None = None,
    reporter: CollectReporter | None = None,
    clock: Clock = time.monotonic,
    sleep: Sleep = time.sleep,
    transport: httpx.BaseTransport | None = None,
) -> CrawlSummary:
    """Crawl `seeds` into the WARC file `warc`, going on from its state file. Returns what was
    done; on Ctrl-C, returns early with `interrupted` set and everything done so far kept."""
    config = config or CollectConfig()
    summary = CrawlSummary(warc=warc, state=state or warc.with_name(warc.name + ".state"))
    reporter = reporter or CollectReporter(show_progress=False)
    started = clock()
    summary.repaired_bytes = repair(warc)
    if summary.repaired_bytes:
        reporter.line(
            f"note: {warc}: cut {summary.repaired_bytes} damaged bytes at the end "
            "(a record left half written by an interrupted run)"
        )
    crawl = _Crawl(seeds, summary, config, reporter, clock, sleep, transport)
    try:
        crawl.run()
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        crawl.close()
        summary.seconds = clock() - started
    return summary
