"""The crawl's WARC file: appended to one page at a time, each page's records built in memory
and written with one write and a flush, so a stop (Ctrl-C) never leaves half a record. A kill
in the middle of a write can; `repair` finds the end of the last whole record and cuts there.

In a `.warc.gz` each record is its own gzip member (as warcio writes them), so the file can be
read, and cut, record by record."""

from __future__ import annotations

import io
import os
import zlib
from pathlib import Path
from typing import Any, BinaryIO

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph import __version__
from newsgraph.collect.fetcher import Exchange, request_target
from newsgraph.ingest.crawlhints import ENTRY_HEADER, CrawlEntry

_REVISIT_PROFILE = "http://netpreserve.org/warc/1.0/revisit/server-not-modified"
_CHUNK = 1 << 20


class WarcArchive:
    """Append-only writer of request, response and revisit records."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.gzip = path.name.lower().endswith(".gz")
        new = not path.exists() or path.stat().st_size == 0
        self._file: BinaryIO = open(path, "ab")  # noqa: SIM115 (kept open for the whole crawl)
        self.records = 0
        if new:
            self._write_all(self._warcinfo())

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> WarcArchive:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def write_exchanges(self, exchanges: list[Exchange], entry: CrawlEntry | None = None) -> int:
        """A request and a response record for each exchange (a 304 as a revisit record), all
        in one write. `entry` goes on the last, final response, for the WARC reader. Returns the
        offset where the records end: the state keeps it to check the file is still whole."""
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=self.gzip)
        for number, exchange in enumerate(exchanges, start=1):
            last = number == len(exchanges)
            request = _request_record(writer, exchange)
            response = _response_record(writer, exchange, entry if last else None)
            response.rec_headers.add_header(
                "WARC-Concurrent-To", request.rec_headers.get_header("WARC-Record-ID")
            )
            writer.write_record(request)
            writer.write_record(response)
            self.records += 2
        return self._write_all(buffer.getvalue())

    def _write_all(self, data: bytes) -> int:
        self._file.write(data)
        self._file.flush()
        os.fsync(self._file.fileno())  # on disk before the state says the page is done
        return self._file.tell()

    def _warcinfo(self) -> bytes:
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=self.gzip)
        info = {"software": f"newsgraph/{__version__} collect", "format": "WARC File Format 1.0"}
        writer.write_record(writer.create_warcinfo_record(self.path.name, info))
        self.records += 1
        return buffer.getvalue()


def _request_record(writer: WARCWriter, exchange: Exchange) -> Any:
    line = f"GET {request_target(exchange.url)} HTTP/1.1"
    headers = StatusAndHeaders(line, exchange.request_headers, is_http_request=True)
    return writer.create_warc_record(
        exchange.url,
        "request",
        payload=io.BytesIO(b""),
        length=0,
        http_headers=headers,
        warc_headers_dict={"WARC-Date": _warc_date(exchange)},
    )


def _response_record(writer: WARCWriter, exchange: Exchange, entry: CrawlEntry | None) -> Any:
    status = f"{exchange.status} {exchange.reason}".strip()
    protocol = exchange.http_version if exchange.http_version.startswith("HTTP/") else "HTTP/1.1"
    headers = StatusAndHeaders(status, exchange.response_headers, protocol=protocol)
    warc_headers = {"WARC-Date": _warc_date(exchange)}
    if entry is not None:
        warc_headers[ENTRY_HEADER] = entry.to_header()
    kind = "response"
    if exchange.status == 304:
        kind = "revisit"
        warc_headers["WARC-Profile"] = _REVISIT_PROFILE
    return writer.create_warc_record(
        exchange.url,
        kind,
        payload=io.BytesIO(exchange.body),
        length=len(exchange.body),
        http_headers=headers,
        warc_headers_dict=warc_headers,
    )


def _warc_date(exchange: Exchange) -> str:
    return exchange.started.strftime("%Y-%m-%dT%H:%M:%SZ")


def repair(path: Path) -> int:
    """Cut a damaged tail (a record a kill left half written) back to the last whole record.
    Returns how many bytes were cut; 0 when the file is whole or absent."""
    if not path.exists():
        return 0
    size = path.stat().st_size
    with open(path, "rb") as handle:
        end = _whole_gzip_end(handle) if _is_gzip(handle) else _whole_plain_end(handle)
    if end < size:
        with open(path, "r+b") as handle:
            handle.truncate(end)
            handle.flush()
            os.fsync(handle.fileno())
    return size - end


def _is_gzip(handle: BinaryIO) -> bool:
    magic = handle.read(2)
    handle.seek(0)
    return magic == b"\x1f\x8b"


def _whole_gzip_end(handle: BinaryIO) -> int:
    """End offset of the last gzip member that is complete and holds a whole WARC record."""
    good = offset = 0  # offset: where in the file `data` starts
    decompressor = zlib.decompressobj(wbits=31)
    record = bytearray()
    pending = b""
    while True:
        data = pending or handle.read(_CHUNK)
        pending = b""
        if not data:
            return good
        try:
            record += decompressor.decompress(data)
        except zlib.error:
            return good
        if not decompressor.eof:
            offset += len(data)
            continue
        leftover = decompressor.unused_data
        member_end = offset + len(data) - len(leftover)
        if not _is_whole_record(bytes(record)):
            return good
        good = offset = member_end
        record = bytearray()
        decompressor = zlib.decompressobj(wbits=31)
        pending = leftover


def _whole_plain_end(handle: BinaryIO) -> int:
    """End offset of the last whole record of an uncompressed WARC."""
    good = 0
    while True:
        header = bytearray()
        while not header.endswith(b"\r\n\r\n"):
            byte = handle.read(1)
            if not byte:
                return good
            header += byte
        length = _content_length(bytes(header))
        if length is None:
            return good
        body = handle.read(length + 4)
        if len(body) < length + 4 or not body.endswith(b"\r\n\r\n"):
            return good
        good = handle.tell()


def _is_whole_record(data: bytes) -> bool:
    end = data.find(b"\r\n\r\n")
    if end < 0 or not data.startswith(b"WARC/"):
        return False
    length = _content_length(data[: end + 4])
    return length is not None and len(data) >= end + 4 + length + 4


def _content_length(header: bytes) -> int | None:
    for line in header.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length" and value.strip().isdigit():
            return int(value.strip())
    return None
