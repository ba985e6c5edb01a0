"""`newsgraph collect` on the command line: exit codes, one-line errors, the --ingest adapter,
and a crawl that `newsgraph analyze` reads."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsgraph.cli import main
from newsgraph.ingest import Document, read_inputs
from tests.collect.site_server import SiteServer
from tests.collect.warc_read import responses

FAST = ["--delay", "0", "--backoff", "0", "--timeout", "5", "--contact", "tests@example.org"]


def test_collect_then_analyze(
    site: SiteServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    warc = tmp_path / "crawl.warc.gz"
    code = main(["collect", "--feed", site.url("/feed.xml"), "-o", str(warc), *FAST])
    assert code == 0
    summary = capsys.readouterr().err.strip().splitlines()[-1]
    assert summary.startswith("newsgraph: 4 page(s): 2 collected, 0 not modified, 2 skipped")
    out = tmp_path / "out.jsonl"
    assert main(["analyze", str(warc), "--stages", "sentences", "-o", str(out)]) == 0
    urls = {json.loads(line)["document"]["url"] for line in out.read_text().splitlines()}
    assert urls == {site.url("/news/harbour-dredging.html"), site.url("/news/ferry-strike.html")}


def test_urls_file_and_positional_urls(site: SiteServer, tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# morning run\n{site.url('/news/ferry-strike.html')}\n\n")
    warc = tmp_path / "c.warc"
    args = ["collect", "--urls", str(listing), site.url("/news/cafe-zurich.html")]
    assert main([*args, "-o", str(warc), *FAST]) == 0
    assert sorted(u for u in responses(warc) if "/news/" in u) == [
        site.url("/news/cafe-zurich.html"),
        site.url("/news/ferry-strike.html"),
    ]


def test_progress_bar_run(site: SiteServer, tmp_path: Path) -> None:
    warc = tmp_path / "c.warc.gz"
    args = ["collect", site.url("/news/ferry-strike.html"), site.url("/loop/a"), "--progress"]
    assert main([*args, "-o", str(warc), *FAST]) == 1  # the loop fails, the page is kept
    assert _pages(responses(warc)) == [site.url("/news/ferry-strike.html")]


def _pages(uris: list[str]) -> list[str]:
    return [uri for uri in uris if "/news/" in uri]


def test_a_failed_page_exits_1_with_one_line(
    site: SiteServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["collect", site.url("/loop/a"), "-o", str(tmp_path / "c.warc.gz"), *FAST])
    assert code == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "redirect loop" in errors[0] and "/loop/a" in errors[0]


@pytest.mark.parametrize(
    "args",
    [
        ["collect", "-o", "c.warc.gz"],  # nothing to fetch
        ["collect", "ftp://example.org/a", "-o", "c.warc.gz"],
        ["collect", "http://127.0.0.1:9/a"],  # no -o
        ["collect", "http://127.0.0.1:9/a", "-o", "c.warc.gz", "--delay", "-1"],
        ["collect", "http://127.0.0.1:9/a", "-o", "c.warc.gz", "--since", "yesterday"],
        ["collect", "http://127.0.0.1:9/a", "-o", "c.warc.gz", "--db", "sqlite://"],
    ],
)
def test_bad_command_line_exits_2(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as stop:
        main(args)
    assert stop.value.code == 2


def test_bad_line_in_urls_file_names_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text("http://127.0.0.1:9/a\nnot a url\n")
    with pytest.raises(SystemExit):
        main(["collect", "--urls", str(listing), "-o", str(tmp_path / "c.warc.gz")])
    assert f"{listing}:line 2" in capsys.readouterr().err


def test_ingest_stores_the_crawl_with_page_dates_and_outlets(
    site: SiteServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsgraph.store.documents import read_analysis
    from newsgraph.store.engine import connect

    warc, db = tmp_path / "c.warc.gz", tmp_path / "news.db"
    page = site.url("/news/ferry-strike.html")
    command = ["collect", page, "-o", str(warc), *FAST, "--ingest", "--db", f"sqlite:///{db}"]
    assert main(command) == 0
    assert "1 stored" in capsys.readouterr().err
    documents = [d for d in read_inputs([str(warc)]) if isinstance(d, Document)]
    engine = connect(f"sqlite:///{db}")
    with engine.connect() as connection:
        stored = read_analysis(connection, documents[0].id)
    engine.dispose()
    assert stored is not None and stored.sentences
    assert stored.document.url == page
    assert stored.document.published == documents[0].meta.published is not None
    assert stored.document.outlet == documents[0].meta.outlet
    # A second run finds the page unchanged and stores nothing again.
    assert main(command) == 0
    assert "0 stored, 1 unchanged" in capsys.readouterr().err


def test_ingest_into_an_unusable_store_fails_before_fetching(
    site: SiteServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    warc = tmp_path / "c.warc.gz"
    command = ["collect", site.url("/news/ferry-strike.html"), "-o", str(warc), "--ingest"]
    assert main([*command, "--db", f"sqlite:///{junk}"]) == 1
    assert "collect --ingest:" in capsys.readouterr().err
    assert site.state.requests == [] and not warc.exists()


def test_ctrl_c_exits_130_and_keeps_what_was_written(
    site: SiteServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsgraph.collect import report

    calls = {"n": 0}
    original = report.CollectReporter.page_fetched

    def interrupting(self: report.CollectReporter, not_modified: bool = False) -> None:
        original(self, not_modified)
        calls["n"] += 1
        raise KeyboardInterrupt

    monkeypatch.setattr(report.CollectReporter, "page_fetched", interrupting)
    warc = tmp_path / "c.warc.gz"
    urls = [site.url("/news/ferry-strike.html"), site.url("/news/cafe-zurich.html")]
    assert main(["collect", *urls, "-o", str(warc), *FAST]) == 130
    assert len([d for d in read_inputs([str(warc)]) if isinstance(d, Document)]) == 1


def test_kill_9_loses_nothing_written(site: SiteServer, tmp_path: Path) -> None:
    """A real crawl in another process, killed without warning, then run again."""
    warc = tmp_path / "c.warc.gz"
    pages = [site.url(p) for p in ("/news/harbour-dredging.html", "/news/ferry-strike.html",
                                   "/news/cafe-zurich.html", "/news/council-vote.html",
                                   "/news/old-story.html")]  # fmt: skip
    command = [sys.executable, "-m", "newsgraph.cli", "collect", *pages, "-o", str(warc)]
    command += ["--delay", "0.3", "--contact", "tests@example.org"]
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(site.state.paths()) < 3:  # robots.txt and two pages
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert len(site.state.paths()) < 1 + len(pages), "the crawl ended before the kill"
    rerun = subprocess.run([*command[:-4], "--delay", "0"], stderr=subprocess.PIPE, text=True)
    assert rerun.returncode == 0, rerun.stderr
    documents = [d for d in read_inputs([str(warc)]) if isinstance(d, Document)]
    assert {d.meta.url for d in documents} == set(pages)
