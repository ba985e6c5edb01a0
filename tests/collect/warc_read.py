"""Reading back what a crawl wrote, for assertions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator


def records(warc: Path) -> list[Any]:
    """(type, target URI, HTTP status or None, headers, payload) of every record."""
    found = []
    with open(warc, "rb") as handle:
        for record in ArchiveIterator(handle):
            status = record.http_headers.get_statuscode() if record.http_headers else None
            if record.rec_type == "request":
                status = None
            payload = record.content_stream().read()
            found.append(
                (
                    record.rec_type,
                    record.rec_headers.get_header("WARC-Target-URI"),
                    status,
                    record.rec_headers,
                    payload,
                )
            )
    return found


def responses(warc: Path, status: str = "200") -> list[str]:
    """Target URIs of the response records with this HTTP status, in order."""
    return [uri for kind, uri, code, _, _ in records(warc) if kind == "response" and code == status]
