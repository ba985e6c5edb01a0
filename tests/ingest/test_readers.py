from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import re
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

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


WRONG_TYPES: list[tuple[str, object, str]] = [
    ("via", 5, "a string or a list of strings"),
    ("via", {"name": "AFP"}, "a string or a list of strings"),
    ("via", ["AFP", 3], "a string or a list of strings"),
    ("byline", 7.5, "a string or a list of strings"),
    ("author", True, "a string or a list of strings"),
    ("title", ["a"], "a string"),
    ("outlet", ["Ledger"], "a string"),
    ("url", {"href": "x"}, "a string"),
    ("published", 20240502, "a string (YYYY-MM-DD)"),
    ("id", ["a"], "a string or an integer"),
    ("id", True, "a string or an integer"),
    ("text", 12, "a string"),
]


@pytest.mark.parametrize(("field", "value", "expected"), WRONG_TYPES)
def test_jsonl_field_of_the_wrong_type_is_one_error_for_that_record(
    tmp_path: Path, field: str, value: object, expected: str
) -> None:
    path = tmp_path / "feed.jsonl"
    bad = {"text": PARAGRAPHS[1], field: value}
    lines = [
        json.dumps({"id": "before", "text": PARAGRAPHS[0]}),
        '{"text": "unterminated',
        json.dumps(bad),
        json.dumps({"id": "after", "text": PARAGRAPHS[2]}),
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    results = read_all(path)
    assert [type(r).__name__ for r in results] == [
        "Document",
        "IngestError",
        "IngestError",
        "Document",
    ]
    assert str(results[1]).startswith(f"{path}:line 2: malformed JSON")
    assert str(results[2]) == f'{path}:line 3: field "{field}" must be {expected}'
    assert [r.id for r in results if isinstance(r, Document)] == ["before", "after"]


def test_jsonl_integer_id_lists_and_alternative_keys(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    record = {
        "id": 17,
        "text": PARAGRAPHS[0],
        "via": ["AFP", "Reuters"],
        "author": "Lena Varga",
        "title": "Talks",
        "publisher": "Ledger",
    }
    path.write_text(json.dumps(record) + "\n", "utf-8")
    [document] = read_all(path)
    assert isinstance(document, Document)
    assert document.id == "17"
    assert document.meta.via == ["AFP", "Reuters"]
    assert document.meta.byline == ["Lena Varga"]
    assert (document.meta.title, document.meta.outlet) == ("Talks", "Ledger")


def test_jsonl_line_separator_inside_a_string_does_not_split_the_record(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    text = PARAGRAPHS[0] + "\u2028" + PARAGRAPHS[1] + "\x85" + PARAGRAPHS[2]
    path.write_text(json.dumps({"text": text}, ensure_ascii=False) + "\n", "utf-8")
    [document] = read_all(path)
    assert isinstance(document, Document) and document.text == text


def test_jsonl_error_messages_read_as_prose(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "cut\n' + "[" * 100_000 + "\n", "utf-8")
    first, second = read_all(path)
    assert str(first) == (
        f"{path}:line 1: malformed JSON: Unterminated string starting at column 10"
    )
    assert str(second).startswith(f"{path}:line 2: malformed JSON")


def test_article_over_max_chars_is_refused_and_the_batch_goes_on(tmp_path: Path) -> None:
    long_text = "word " * 299 + "word"
    (tmp_path / "a.txt").write_text(PARAGRAPHS[0], "utf-8")
    (tmp_path / "b.txt").write_text(long_text, "utf-8")
    feed = tmp_path / "c.jsonl"
    feed.write_text(
        "\n".join(json.dumps({"id": f"r{n}", "text": t}) for n, t in enumerate(["ok", long_text]))
        + "\n",
        "utf-8",
    )
    (tmp_path / "d.txt").write_text(PARAGRAPHS[1], "utf-8")
    results = read_all(tmp_path, options=ReadOptions(max_chars=1000))
    documents = [r.id for r in results if isinstance(r, Document)]
    errors = [str(r) for r in results if isinstance(r, IngestError)]
    assert documents == ["a", "r0", "d"]
    too_long = "article too long: 1,499 characters, over the limit of 1,000 (--max-chars)"
    assert errors == [f"{tmp_path / 'b.txt'}: {too_long}", f"{feed}:line 2: {too_long}"]


def test_default_max_chars_refuses_what_the_parser_would_refuse(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    path.write_text("a" * 5_000_001, "utf-8")
    [error] = read_all(path)
    assert isinstance(error, IngestError) and "5,000,001 characters" in str(error)


def five_page_archive() -> bytes:
    pages = [
        (f"https://ledger.example/{n}", "text/html", html_page(f"Page {n}", PARAGRAPHS))
        for n in range(5)
    ]
    return warc_bytes(pages, gzip=True)


def test_truncated_warc_gz_is_reported_with_record_and_offset(tmp_path: Path) -> None:
    raw = five_page_archive()
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(raw[: len(raw) // 2])
    results = read_all(path)
    documents = [r for r in results if isinstance(r, Document)]
    errors = [str(r) for r in results if isinstance(r, IngestError)]
    assert [d.meta.title for d in documents] == ["Page 0", "Page 1"]
    assert len(errors) == 1
    assert re.match(
        rf"{re.escape(str(path))}:record 3 \(offset \d+\): truncated gzip member", errors[0]
    ), errors


def test_corrupt_warc_gz_is_described_in_words(tmp_path: Path) -> None:
    raw = bytearray(five_page_archive())
    raw[len(raw) // 2] ^= 0xFF
    path = tmp_path / "flipped.warc.gz"
    path.write_bytes(bytes(raw))
    results = read_all(path)
    errors = [str(r) for r in results if isinstance(r, IngestError)]
    assert len(errors) == 1
    assert "gzip" in errors[0] and errors[0].isprintable(), errors
    assert 1 <= sum(isinstance(r, Document) for r in results) < 5


def test_warc_junk_is_described_without_its_bytes(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc"
    path.write_bytes(b"\x00\x01\xfe garbage \x9c\x8b")
    [error] = read_all(path)
    assert isinstance(error, IngestError)
    assert str(error).isprintable() and "\\x" not in str(error), str(error)


def test_html_page_whose_charset_lies_is_read_as_windows_1252(tmp_path: Path) -> None:
    sentence = "El acuerdo firmado en Luanda según el ministro, señaló la agencia estatal."
    page = html_page("Acuerdo", [sentence] * 3).replace("<head>", '<head><meta charset="utf-8">')
    path = tmp_path / "lying.html"
    path.write_bytes(page.encode("latin-1"))
    [document] = read_all(path)
    assert isinstance(document, Document)
    assert sentence in document.text
    assert document.meta.source.encoding == "cp1252"
    assert "declared charset utf-8 does not fit" in document.warnings[0]


def test_warc_record_charset_from_its_http_header(tmp_path: Path) -> None:
    sentence = "Zgoda w Łodzi: minister podpisał porozumienie, zaś opozycja protestuje."
    body = html_page("Zgoda", [sentence] * 3).encode("iso-8859-2")
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    headers = StatusAndHeaders(
        "200 OK", [("Content-Type", "text/html; charset=ISO-8859-2")], protocol="HTTP/1.1"
    )
    writer.write_record(
        writer.create_warc_record(
            "https://l.example/z", "response", payload=io.BytesIO(body), http_headers=headers
        )
    )
    path = tmp_path / "pl.warc"
    path.write_bytes(buffer.getvalue())
    [document] = read_all(path)
    assert isinstance(document, Document)
    assert sentence in document.text and document.warnings == []


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("zeros.txt", b"\x00" * 300),
        ("controls.txt", bytes(range(1, 32)) * 20),
        ("feed.jsonl", json.dumps({"text": "\u0001\u0002 x " * 40}).encode()),
    ],
)
def test_binary_looking_input_is_refused(tmp_path: Path, name: str, raw: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(raw)
    [error] = read_all(path)
    assert isinstance(error, IngestError)
    assert "binary data, not text" in str(error)


def test_utf16_file_without_bom_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(PARAGRAPHS[0].encode("utf-16-le"))
    [document] = read_all(path)
    assert isinstance(document, Document)
    assert document.text == PARAGRAPHS[0]
    assert document.meta.source.encoding == "utf-16-le"
    assert "no byte-order mark" in document.warnings[0]
