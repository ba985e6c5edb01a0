"""Readers of one article a file: plain text and HTML; and reading a file's bytes.

The readers of many articles a file are `jsonl.py` and `warc.py`. Each reader yields or returns
Documents, or an IngestError per bad record so that the caller can report it and carry on."""

from __future__ import annotations

from pathlib import Path

import trafilatura
from trafilatura.settings import Document as ExtractedPage

from newsgraph.ingest.decode import decode_bytes, html_declared_charset
from newsgraph.ingest.document import Document, ReadOptions, make_document
from newsgraph.ingest.errors import IngestError
from newsgraph.ingest.header import split_header
from newsgraph.model import SourceInfo

ReadResult = Document | IngestError


def read_text(raw: bytes, path: str, doc_id: str, options: ReadOptions) -> Document:
    """Plain text, with or without a crawl header."""
    decoded = decode_bytes(raw, path, options.encoding)
    header = split_header(decoded.text, path, options)
    body = decoded.text[header.body_offset :]
    source = SourceInfo(
        path=path,
        format="text",
        encoding=decoded.encoding,
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
        warnings=decoded.warnings,
        max_chars=options.max_chars,
    )


def read_html(
    raw: bytes,
    path: str,
    doc_id: str,
    options: ReadOptions,
    url: str | None = None,
    record: str | None = None,
    crawled: str | None = None,
    declared: str | None = None,
) -> Document:
    """An HTML page: trafilatura finds the main text, title, date, author and site name.
    `declared` is the charset the page was served with (a WARC record's HTTP header); the
    page's own meta tag is read when there is none."""
    charset = declared or html_declared_charset(raw)
    decoded = decode_bytes(raw, path, options.encoding, charset, record)
    extracted = trafilatura.bare_extraction(
        decoded.text, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    if not isinstance(extracted, ExtractedPage) or not (extracted.text or "").strip():
        raise IngestError(path, "empty article: no main text found in the HTML page", record)
    published = options.published_from(extracted.date, path, record)
    byline = [a.strip() for a in (extracted.author or "").split(";") if a.strip()]
    source = SourceInfo(
        path=path, format="warc" if crawled else "html", encoding=decoded.encoding, record=record
    )
    source.crawled = crawled
    return make_document(
        doc_id=doc_id,
        text=extracted.text or "",
        source=source,
        published=published,
        outlet=extracted.sitename or extracted.hostname,
        url=extracted.url or url,
        title=extracted.title,
        byline=byline,
        warnings=decoded.warnings,
        max_chars=options.max_chars,
    )


def read_file_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise IngestError(str(path), "no such file") from None
    except IsADirectoryError:
        raise IngestError(str(path), "is a directory") from None
    except OSError as error:
        raise IngestError(str(path), f"cannot read: {error.strerror or error}") from None
