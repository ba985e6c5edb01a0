"""Readers of one article a file: plain text and HTML; and reading a file's bytes.

The readers of many articles a file are `jsonl.py` and `warc.py`. Each reader yields or returns
Documents, or an IngestError per bad record so that the caller can report it and carry on."""

from __future__ import annotations

from pathlib import Path

from newsgraph.ingest.crawlhints import CrawlEntry, fill_from_entry
from newsgraph.ingest.decode import decode_bytes, html_declared_charset
from newsgraph.ingest.document import Document, ReadOptions, make_document
from newsgraph.ingest.errors import IngestError
from newsgraph.ingest.extract import extract_article
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
    entry: CrawlEntry | None = None,
    declared: str | None = None,
) -> Document:
    """An HTML page: trafilatura finds the main text, title, date, author and site name.
    `entry` is what a crawl's feed or sitemap said of the page (`newsgraph collect`), used
    where the page states nothing; `declared` is the charset the page was served with (a WARC
    record's HTTP header); the page's own meta tag is read when there is none."""
    charset = declared or html_declared_charset(raw)
    decoded = decode_bytes(raw, path, options.encoding, charset, record)
    extracted = extract_article(decoded.text, url, crawled)
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
        path=path, format="warc" if crawled else "html", encoding=decoded.encoding, record=record
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
        warnings=decoded.warnings + meta.notes,
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
