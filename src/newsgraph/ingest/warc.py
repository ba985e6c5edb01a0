"""WARC and ARC web archives, plain or gzipped: every HTML response record, read as a page."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from newsgraph.ingest.crawlhints import ENTRY_HEADER, CrawlEntry
from newsgraph.ingest.decode import http_declared_charset
from newsgraph.ingest.document import ReadOptions
from newsgraph.ingest.errors import IngestError
from newsgraph.ingest.gzip_members import GZIP_MAGIC, GzipDamage, find_damage
from newsgraph.ingest.readers import ReadResult, read_html

_UNREADABLE = "rest of file unreadable"


def read_warc(raw: bytes, path: str, stem: str, options: ReadOptions) -> Iterator[ReadResult]:
    """HTML responses in a WARC (or .warc.gz) file; other records are skipped. A record whose
    payload is broken is reported by number and offset and skipped; when the archive framing
    or its compression is broken, the records before it are kept and the rest is reported."""
    # In a .warc.gz each record is its own gzip member: lengths are compressed sizes there.
    compressed = raw[:2] == GZIP_MAGIC
    damage = find_damage(raw) if compressed else None
    iterator = ArchiveIterator(io.BytesIO(raw))
    records = iter(iterator)
    number = pages = end = 0
    last_format, last_where, last_broken = None, "", False
    while True:
        record, warned = None, iterator.err_count
        try:
            with _warnings_kept_from_stderr():
                record = next(records, None)
                if record is None:
                    break
                number += 1
                payload = _html_payload(record)
                # Offsets are known only once the record is read to its end.
                offset, length = iterator.get_record_offset(), iterator.get_record_length()
        except Exception as error:  # warcio raises many kinds on a broken stream
            yield _broken_rest(path, number if record is not None else number + 1, damage, error)
            return
        where = f"record {number} (offset {offset})"
        end, last_format, last_where = offset + length, record.format, where
        if damage is not None and end > damage.offset:
            yield IngestError(path, f"{damage.problem}; {_UNREADABLE}", where)
            return
        problem = _record_problem(record, compressed)
        if iterator.err_count > warned:
            problem = "not followed by the blank lines that end a record (wrong Content-Length?)"
        last_broken = problem is not None
        if problem:
            yield IngestError(path, f"broken WARC record: {problem}", where)
            continue
        if payload is None:
            continue
        pages += 1
        uri = record.rec_headers.get_header("WARC-Target-URI")
        crawled = record.rec_headers.get_header("WARC-Date")
        charset = http_declared_charset(record.http_headers.get_header("Content-Type"))
        entry = CrawlEntry.from_header(record.rec_headers.get_header(ENTRY_HEADER))
        try:
            yield read_html(
                payload, path, f"{stem}-{number}", options, uri, where, crawled, entry, charset
            )
        except IngestError as error:
            yield error
    tail = raw[end:]
    if damage is not None:
        # warcio stopped before the damaged member without a word: report it all the same.
        where = f"record {number + 1} (offset {damage.offset})"
        yield IngestError(path, f"{damage.problem}; {_UNREADABLE}", where)
    elif not compressed and tail.strip():
        problem = "the file ends inside a record (truncated), or with bytes that are no record"
        yield IngestError(path, f"broken WARC record: {problem}", f"record {number + 1}")
    elif not compressed and last_format == "warc" and not last_broken and _unclosed(tail):
        problem = "truncated: the file ends without the blank lines that close the record"
        yield IngestError(path, f"broken WARC record: {problem}", last_where)
    elif pages == 0:
        yield IngestError(path, f"no HTML pages in this archive ({number} records read)")


@contextlib.contextmanager
def _warnings_kept_from_stderr() -> Iterator[None]:
    """warcio writes its warnings (with the raw bytes it found) straight to stderr; each one
    is also counted and reported here as an error of the record, so the text is dropped."""
    with contextlib.redirect_stderr(io.StringIO()):
        yield


def _unclosed(tail: bytes) -> bool:
    """A WARC record ends with two CRLFs: a file cut inside them has lost its last bytes."""
    return not tail.startswith(b"\r\n\r\n")


def _broken_rest(
    path: str, number: int, damage: GzipDamage | None, error: Exception
) -> IngestError:
    """The error for a stream warcio cannot go on reading, in words (its messages quote the
    raw bytes of the line it choked on)."""
    if damage is not None:
        where = f"record {number} (offset {damage.offset})"
        return IngestError(path, f"{damage.problem}; {_UNREADABLE}", where)
    return IngestError(
        path, f"broken WARC record, {_UNREADABLE}: {_describe(error)}", f"record {number}"
    )


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


def _record_problem(record: Any, compressed: bool) -> str | None:
    """What is wrong with a record warcio read (to its end) without complaint, if anything."""
    if not record.rec_type:
        return "no WARC-Type header"
    # The record's block is read through a reader bounded by Content-Length; what is left of
    # that bound once the record is read to its end never arrived. In a .warc.gz the gzip
    # check finds a cut first.
    missing = getattr(record.raw_stream, "limit", 0)
    if not compressed and isinstance(missing, int) and missing > 0:
        declared = record.length
        return f"truncated: Content-Length {declared} but only {declared - missing} bytes of it"
    return None


def _describe(error: Exception) -> str:
    """warcio's message without the bytes it quotes: "Invalid WARC record, first line: ..."."""
    message = " ".join(str(error).split())
    head, found, _ = message.partition(", first line:")
    if found:
        return f"{head.lower()} (the record does not start with a WARC or ARC header line)"
    printable = "".join(char if char.isprintable() else "?" for char in message)
    return printable[:200] or type(error).__name__
