"""One reader per input format. Each yields Documents, or an IngestError per bad record so that
the caller can report it and carry on with the rest of the file."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from newsgraph.ingest.crawlhints import ENTRY_HEADER, CrawlEntry, fill_from_entry
from newsgraph.ingest.decode import decode_bytes, encoding_warnings
from newsgraph.ingest.document import Document, ReadOptions, make_document
from newsgraph.ingest.errors import IngestError
from newsgraph.ingest.extract import extract_article
from newsgraph.ingest.header import split_header
from newsgraph.model import SourceInfo

ReadResult = Document | IngestError


def read_text(raw: bytes, path: str, doc_id: str, options: ReadOptions) -> Document:
    """Plain text, with or without a crawl header."""
    text, used = decode_bytes(raw, path, options.encoding)
    header = split_header(text, path, options)
    body = text[header.body_offset :]
    source = SourceInfo(
        path=path,
        format="text",
        encoding=used,
        text_offset=header.body_offset,
        header=header.raw or None,
    )
    return make_document(
        doc_id=doc_id,
        text=body,
        source=source,
        published=header.published,
        outlet=header.outlet,
        via=header.via,
        url=header.url,
        title=header.title,
        byline=header.byline,
        warnings=encoding_warnings(used, options.encoding),
    )


def read_html(
    raw: bytes,
    path: str,
    doc_id: str,
    options: ReadOptions,
    url: str | None = None,
    record: str | None = None,
    crawled: str | None = None,
    entry: CrawlEntry | None = None,
) -> Document:
    """An HTML page: trafilatura finds the main text, title, date, author and site name."""
    html, used = decode_bytes(raw, path, options.encoding)
    extracted = extract_article(html, url, crawled)
    if extracted is None:
        raise IngestError(path, "empty article: no main text found in the HTML page", record)
    published = options.published_from(extracted.published, path, record)
    meta = fill_from_entry(
        entry,
        published=published,
        sitename=extracted.sitename,
        hostname=extracted.hostname,
        title=extracted.title,
        crawled=crawled,
        url=url,
    )
    source = SourceInfo(
        path=path, format="warc" if crawled else "html", encoding=used, record=record
    )
    source.crawled = crawled
    return make_document(
        doc_id=doc_id,
        text=extracted.text,
        source=source,
        published=meta.published,
        outlet=meta.outlet,
        url=extracted.url,
        title=meta.title,
        byline=extracted.byline,
        warnings=encoding_warnings(used, options.encoding) + meta.notes,
    )


_JSONL_FIELDS = {"id", "text", "published", "outlet", "via", "url", "title", "byline", "author"}


def read_jsonl(raw: bytes, path: str, stem: str, options: ReadOptions) -> Iterator[ReadResult]:
    """One article per line: {"text": ..., optional "id", "published", "outlet", "via", "url",
    "title", "byline"}. A bad line is reported with its line number; the others still count."""
    text, used = decode_bytes(raw, path, options.encoding)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"line {number}"
        try:
            yield _jsonl_document(line, path, where, f"{stem}-{number}", used, options)
        except IngestError as error:
            yield error


def _jsonl_document(
    line: str, path: str, where: str, default_id: str, encoding: str, options: ReadOptions
) -> Document:
    try:
        record: Any = json.loads(line)
    except json.JSONDecodeError as error:
        raise IngestError(
            path, f"malformed JSON: {error.msg} at column {error.colno}", where
        ) from None
    if not isinstance(record, dict):
        raise IngestError(path, "malformed record: expected a JSON object", where)
    article = record.get("text")
    if not isinstance(article, str):
        raise IngestError(path, 'malformed record: "text" must be a string', where)
    published = record.get("published") or record.get("publication_date")
    byline = record.get("byline") or record.get("author") or []
    via = record.get("via") or []
    return make_document(
        doc_id=str(record.get("id") or default_id),
        text=article,
        source=SourceInfo(path=path, format="jsonl", record=where, encoding=encoding),
        published=options.published_from(published, path, where),
        outlet=_optional_str(record.get("outlet") or record.get("publisher")),
        via=[via] if isinstance(via, str) else [str(v) for v in via],
        url=_optional_str(record.get("url")),
        title=_optional_str(record.get("title")),
        byline=[byline] if isinstance(byline, str) else [str(b) for b in byline],
        warnings=encoding_warnings(encoding, options.encoding),
    )


def _optional_str(value: object) -> str | None:
    return None if value is None else str(value)


def read_warc(raw: bytes, path: str, stem: str, options: ReadOptions) -> Iterator[ReadResult]:
    """HTML responses in a WARC (or .warc.gz) file; other records are skipped. A record whose
    payload is broken is reported by number and offset and skipped; when the archive framing
    itself is broken, the records before it are kept and the rest of the file is reported."""
    iterator = ArchiveIterator(io.BytesIO(raw))
    number = pages = 0
    # In a .warc.gz each record is its own gzip member: lengths are compressed sizes there.
    compressed = raw[:2] == b"\x1f\x8b"
    records = iter(iterator)
    while True:
        try:
            record = next(records, None)
            if record is None:
                break
            number += 1
            payload = _html_payload(record)
        except Exception as error:  # warcio raises many kinds on a broken stream
            yield IngestError(
                path,
                f"broken WARC record, rest of file unreadable: {_describe(error)}",
                f"record {number + 1}",
            )
            return
        # Offsets are known only once the record is read to its end.
        where = f"record {number} (offset {iterator.get_record_offset()})"
        problem = _record_problem(record, iterator.get_record_length(), compressed)
        if problem:
            yield IngestError(path, f"broken WARC record: {problem}", where)
            continue
        if payload is None:
            continue
        pages += 1
        uri = record.rec_headers.get_header("WARC-Target-URI")
        crawled = record.rec_headers.get_header("WARC-Date")
        entry = CrawlEntry.from_header(record.rec_headers.get_header(ENTRY_HEADER))
        try:
            yield read_html(payload, path, f"{stem}-{number}", options, uri, where, crawled, entry)
        except IngestError as error:
            yield error
    if pages == 0:
        yield IngestError(path, f"no HTML pages in this archive ({number} records read)")


def _html_payload(record: Any) -> bytes | None:
    """The body of an HTML response record, or None for any other record."""
    if record.rec_type != "response" or not record.http_headers:
        return None
    if not str(record.http_headers.get_statuscode() or "200").startswith("2"):
        return None  # a redirect, an error page: no article
    content_type = record.http_headers.get_header("Content-Type") or ""
    if "html" not in content_type.lower():
        return None
    payload: bytes = record.content_stream().read()
    return payload


def _record_problem(record: Any, length: int, compressed: bool) -> str | None:
    """What is wrong with a record warcio read without complaint, if anything."""
    if not record.rec_type:
        return "no WARC-Type header"
    declared = record.rec_headers.get_header("Content-Length")
    if not compressed and declared is not None and declared.isdigit() and int(declared) > length:
        return f"truncated: Content-Length {declared} but only {length} bytes in the record"
    return None


def _describe(error: Exception) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def read_file_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise IngestError(str(path), "no such file") from None
    except IsADirectoryError:
        raise IngestError(str(path), "is a directory") from None
    except OSError as error:
        raise IngestError(str(path), f"cannot read: {error.strerror or error}") from None
