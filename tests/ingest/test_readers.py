from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest

from newsgraph.ingest import Document, IngestError, ReadOptions, read_inputs
from tests.warc_files import html_page, warc_bytes

PARAGRAPHS = [
    "The port authority in Berbera said on Tuesday that the concession talks had stalled.",
    "“We will not sign under pressure,” the authority's director, Amina Warsame, told reporters.",
    "According to a shipping official who spoke on condition of anonymity, talks resume in May.",
]


def read_all(
    *paths: Path | str, options: ReadOptions | None = None
) -> list[Document | IngestError]:
    return list(read_inputs([str(p) for p in paths], options))


def test_plain_text_with_header_keeps_offsets_into_the_article(tmp_path: Path) -> None:
    path = tmp_path / "berbera.txt"
    path.write_text("date 2024-05-02 Via Harbour Ledger\n\n" + "\n\n".join(PARAGRAPHS), "utf-8")
    [document] = read_all(path)
    assert isinstance(document, Document)
    assert document.id == "berbera"
    assert document.meta.published == dt.date(2024, 5, 2)
    assert document.meta.via == ["Harbour Ledger"]
    assert document.text.startswith("The port authority")
    raw = path.read_text("utf-8")
    offset = document.meta.source.text_offset
    assert raw[offset : offset + len(document.text)] == document.text


def test_plain_text_without_header(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text(PARAGRAPHS[0], "utf-8")
    [document] = read_all(path)
    assert isinstance(document, Document)
    assert document.meta.published is None
    assert document.text == PARAGRAPHS[0]


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(html_page("Port talks stall in Berbera", PARAGRAPHS), "utf-8")
    [document] = read_all(path)
    assert isinstance(document, Document)
    assert document.meta.title == "Port talks stall in Berbera"
    assert document.meta.published == dt.date(2024, 5, 2)
    assert document.meta.outlet == "Harbour Ledger"
    assert document.meta.byline == ["Lena Varga"]
    assert "concession talks had stalled" in document.text
    assert "Subscribe to our newsletter" not in document.text
    assert "Sport" not in document.text


def test_jsonl_records_and_a_malformed_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    good = {"id": "a1", "text": PARAGRAPHS[0], "published": "2024-05-02", "outlet": "Ledger"}
    lines = [
        json.dumps(good),
        '{"text": "broken',
        json.dumps({"text": PARAGRAPHS[1], "via": "AFP", "title": "T"}),
        json.dumps({"text": "   "}),
        json.dumps({"text": PARAGRAPHS[2], "published": "02/05/2024"}),
        json.dumps(["not", "an", "object"]),
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    results = read_all(path)
    assert [type(r).__name__ for r in results] == [
        "Document",
        "IngestError",
        "Document",
        "IngestError",
        "IngestError",
        "IngestError",
    ]
    first, second = results[0], results[2]
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.id == "a1" and first.meta.outlet == "Ledger"
    assert second.id == "feed-3" and second.meta.via == ["AFP"]
    messages = [str(r) for r in results if isinstance(r, IngestError)]
    assert messages[0].startswith(f"{path}:line 2: malformed JSON")
    assert messages[1] == f"{path}:line 4: empty article: no text to analyse"
    assert messages[2] == f"{path}:line 5: bad publication date '02/05/2024': expected YYYY-MM-DD"
    assert "line 6" in messages[3]


@pytest.mark.parametrize("compressed", [False, True])
def test_warc_html_responses(tmp_path: Path, compressed: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc")
    pages = [
        ("https://ledger.example/a", "text/html; charset=utf-8", html_page("First", PARAGRAPHS)),
        ("https://ledger.example/logo.png", "image/png", "PNG"),
        ("https://ledger.example/b", "text/html", html_page("Second", PARAGRAPHS[::-1])),
    ]
    path.write_bytes(warc_bytes(pages, gzip=compressed))
    results = read_all(path)
    assert all(isinstance(r, Document) for r in results)
    documents = [r for r in results if isinstance(r, Document)]
    assert [d.meta.title for d in documents] == ["First", "Second"]
    assert documents[0].meta.url == "https://ledger.example/a"
    assert documents[0].meta.source.format == "warc"
    assert documents[0].meta.source.crawled is not None


def test_broken_warc_record_is_reported_and_earlier_records_kept(tmp_path: Path) -> None:
    good = warc_bytes([("https://l.example/a", "text/html", html_page("Kept", PARAGRAPHS))])
    path = tmp_path / "broken.warc"
    path.write_bytes(
        good + b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\ntrunc"
    )
    results = read_all(path)
    assert isinstance(results[0], Document) and results[0].meta.title == "Kept"
    errors = [r for r in results if isinstance(r, IngestError)]
    assert len(errors) == 1
    assert str(errors[0]).startswith(f"{path}:record 2")


def test_not_a_warc_at_all(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc.gz"
    path.write_bytes(gzip.compress(b"hello, this is not a web archive"))
    [error] = read_all(path)
    assert isinstance(error, IngestError)
    assert str(error).startswith(str(path))
