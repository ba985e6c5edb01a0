"""Runs that go on from earlier ones: conditional GETs, interrupted runs, damaged WARC tails."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from newsgraph.collect.crawler import CrawlSummary
from newsgraph.collect.report import CollectReporter
from newsgraph.collect.state import CrawlState
from newsgraph.collect.warcfile import repair
from newsgraph.ingest import Document, read_inputs
from tests.collect.conftest import crawl
from tests.collect.site_server import SiteServer
from tests.collect.warc_read import records, responses

PAGES = ("/news/harbour-dredging.html", "/news/ferry-strike.html", "/news/cafe-zurich.html")


def _crawl_pages(site: SiteServer, warc: Path, **options: object) -> CrawlSummary:
    return crawl(site, warc, urls=PAGES, **options)  # type: ignore[arg-type]


def _documents(warc: Path) -> list[Document]:
    results = list(read_inputs([str(warc)]))
    assert all(isinstance(r, Document) for r in results), results
    return [r for r in results if isinstance(r, Document)]


def test_second_run_asks_conditionally_and_records_not_modified(
    site: SiteServer, tmp_path: Path
) -> None:
    warc = tmp_path / "c.warc.gz"
    _crawl_pages(site, warc)
    site.state.requests.clear()
    site.state.changed.add("/news/ferry-strike.html")
    again = _crawl_pages(site, warc)
    assert (again.fetched, again.not_modified) == (1, 2)
    asked = {r.path: r.headers for r in site.state.requests}
    assert all("If-None-Match" in asked[p] for p in PAGES)
    kinds = [
        (kind, code) for kind, uri, code, _, _ in records(warc) if (uri or "").endswith(PAGES[0])
    ]
    assert kinds[-1] == ("revisit", "304")
    state = CrawlState(Path(f"{warc}.state"))
    assert state.outcomes()[site.url(PAGES[0])] == "not_modified"
    state.close()
    # The archive now holds both copies of the changed page, and analyze reads both.
    texts = [d.text for d in _documents(warc) if d.meta.url and "ferry" in d.meta.url]
    assert len(texts) == 2 and "late correction" in texts[1]


class _StopAfter(CollectReporter):
    """Presses Ctrl-C once `pages` pages are done."""

    def __init__(self, pages: int) -> None:
        super().__init__(show_progress=False)
        self.pages = pages

    def page_fetched(self, not_modified: bool = False) -> None:
        super().page_fetched(not_modified)
        if self.fetched == self.pages:
            raise KeyboardInterrupt


def test_interrupted_run_goes_on_where_it_stopped(site: SiteServer, tmp_path: Path) -> None:
    warc = tmp_path / "c.warc.gz"
    first = _crawl_pages(site, warc, reporter=_StopAfter(2))
    assert first.interrupted and first.fetched == 2
    assert len(_documents(warc)) == 2  # nothing written is lost, the file reads whole
    site.state.requests.clear()
    second = _crawl_pages(site, warc)
    assert second.resumed and not second.interrupted
    assert second.already_done == 2 and second.fetched == 1
    # Only the page the first run never reached was asked for.
    assert [p for p in site.state.paths() if p.startswith("/news/")] == [PAGES[2]]
    assert sorted(d.meta.url or "" for d in _documents(warc)) == sorted(site.url(p) for p in PAGES)


@pytest.mark.parametrize("name", ["c.warc.gz", "c.warc"])
def test_damaged_tail_is_cut_back_and_the_lost_page_fetched_again(
    site: SiteServer, tmp_path: Path, name: str
) -> None:
    warc = tmp_path / name
    _crawl_pages(site, warc)
    whole = warc.read_bytes()
    # As a kill in the middle of a write leaves it: the last page's records half written.
    last_page_starts = _offset_of_last_request(warc)
    warc.write_bytes(whole[: last_page_starts + (len(whole) - last_page_starts) // 2])
    site.state.requests.clear()
    again = _crawl_pages(site, warc)
    assert again.repaired_bytes > 0
    # The cut page was forgotten by the state and fetched in full; the others were unchanged.
    assert again.fetched == 1 and again.not_modified == 2
    fetched_again = [r for r in site.state.requests if r.path == PAGES[2]]
    assert len(fetched_again) == 1 and "If-None-Match" not in fetched_again[0].headers
    assert sorted(d.meta.url or "" for d in _documents(warc)) == sorted(site.url(p) for p in PAGES)
    assert responses(warc).count(site.url(PAGES[2])) == 1


def _offset_of_last_request(warc: Path) -> int:
    from warcio.archiveiterator import ArchiveIterator

    offset = 0
    with open(warc, "rb") as handle:
        iterator = ArchiveIterator(handle)
        for record in iterator:
            if record.rec_type == "request":
                offset = iterator.get_record_offset()
    return offset


def _record_ends(data: bytes) -> list[int]:
    from warcio.archiveiterator import ArchiveIterator

    starts = []
    iterator = ArchiveIterator(io.BytesIO(data))
    for record in iterator:
        record.content_stream().read()
        starts.append(iterator.get_record_offset())
    return [*starts[1:], len(data)]


def test_repair_keeps_every_whole_record(tmp_path: Path) -> None:
    from tests.warc_files import warc_bytes

    pages = [(f"http://127.0.0.1/{n}.html", "text/html", f"<p>page {n}</p>") for n in range(3)]
    for compressed in (True, False):
        data = warc_bytes(pages, gzip=compressed)
        one, two, _ = _record_ends(data)
        path = tmp_path / ("t.warc.gz" if compressed else "t.warc")
        for cut in (two + 1, two + 40, len(data) - 1):
            path.write_bytes(data[:cut])
            assert repair(path) == cut - two
            assert path.read_bytes() == data[:two]
        path.write_bytes(data)
        assert repair(path) == 0 and path.read_bytes() == data
        path.write_bytes(data[: one - 3])
        assert repair(path) == one - 3 and path.read_bytes() == b""
