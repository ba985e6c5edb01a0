"""Build small WARC files for tests with warcio's own writer."""

from __future__ import annotations

import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def warc_bytes(pages: list[tuple[str, str, str]], gzip: bool = False) -> bytes:
    """pages: (url, content type, body) triples, each written as an HTTP response record."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for url, content_type, body in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body.encode("utf-8")), http_headers=headers
        )
        writer.write_record(record)
    return buffer.getvalue()


def html_page(title: str, paragraphs: list[str], published: str = "2024-05-02") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!doctype html>
<html><head><title>{title}</title>
<meta property="og:site_name" content="Harbour Ledger">
<meta property="article:published_time" content="{published}T08:00:00Z">
<meta name="author" content="Lena Varga">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>{title}</h1>{body}</article>
<footer>Copyright Harbour Ledger. All rights reserved. Subscribe to our newsletter.</footer>
</body></html>"""
