"""A local web server for the collect tests and benchmark: serves tests/collect/site/ on
127.0.0.1 (with `{SITE}` in feeds and sitemaps replaced by the server's own address) plus pages
that misbehave on purpose. It logs every request, so tests can check what was asked and when.

Run it by hand to try `newsgraph collect`:  python tests/collect/site_server.py --port 8765"""

from __future__ import annotations

import argparse
import contextlib
import email.utils
import hashlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SITE = Path(__file__).resolve().parent / "site"
HUGE_BYTES = 300_000
SLOW_SECONDS = 2.0
_TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/xml", ".txt": "text/plain"}
# The page is UTF-8; its Content-Type header says otherwise.
_LYING_CHARSET = "text/html; charset=iso-8859-1"
_MODIFIED = email.utils.formatdate(1741680000, usegmt=True)


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]
    at: float  # time.monotonic() when it arrived


@dataclass
class SiteState:
    requests: list[Request] = field(default_factory=list)
    hits: dict[str, int] = field(default_factory=dict)
    changed: set[str] = field(default_factory=set)  # paths whose content has since changed
    bench_pages: int = 0  # > 0: /bench/sitemap.xml lists this many generated articles
    lock: threading.Lock = field(default_factory=threading.Lock)

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]


class _Handler(BaseHTTPRequestHandler):
    server: _SiteServer
    protocol_version = "HTTP/1.1"
    # Headers and body in one packet: written apart, the client's delayed ACK would add
    # 40 ms to every response and the benchmark would measure that.
    wbufsize = 1 << 16
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        state = self.server.state
        path = self.path
        with state.lock:
            state.requests.append(Request(path, dict(self.headers.items()), time.monotonic()))
            state.hits[path] = hits = state.hits.get(path, 0) + 1
        route = path.split("?", 1)[0]
        if route == "/flaky/busy.html":
            if hits == 1:
                return self._send(429, b"slow down", "text/plain", {"Retry-After": "1"})
            return self._article(route, "Busy desk finally answers")
        if route == "/flaky/broken.html":
            if hits == 1:
                return self._send(500, b"oops", "text/plain")
            return self._article(route, "Broken server mends itself")
        if route == "/loop/a":
            return self._send(302, b"", "text/plain", {"Location": "/loop/b"})
        if route == "/loop/b":
            return self._send(302, b"", "text/plain", {"Location": "/loop/a"})
        if route == "/moved/dredging":
            return self._send(301, b"", "text/plain", {"Location": "/news/harbour-dredging.html"})
        if route == "/slow.html":
            time.sleep(SLOW_SECONDS)
            return self._article(route, "A page that takes its time")
        if route == "/huge.html":
            body = b"<html><body><p>" + b"x" * HUGE_BYTES + b"</p></body></html>"
            return self._send(200, body, "text/html")
        if route == "/huge-stream.html":
            return self._stream_without_length()
        if route == "/news/annual-report":
            return self._send(200, b"%PDF-1.4\n% not really a PDF\n", "application/pdf")
        if route == "/elsewhere.txt":  # a text sitemap naming a page on another port (site)
            port = path.partition("?port=")[2]
            body = f"http://127.0.0.1:{port}/news/ferry-strike.html\n".encode()
            return self._send(200, body, "text/plain")
        if route == "/bench/sitemap.xml":
            return self._send(200, self._bench_sitemap(), "application/xml")
        if route.startswith("/bench/"):
            return self._article(route, f"Generated article {route.rsplit('/', 1)[-1]}")
        self._static(route)

    def _static(self, route: str) -> None:
        file = (SITE / route.lstrip("/")).resolve()
        if not file.is_file() or SITE not in file.parents:
            return self._send(404, b"not found", "text/plain")
        body = file.read_bytes()
        if file.suffix == ".xml":
            body = body.replace(b"{SITE}", self.server.base.encode())
        if route in self.server.state.changed:
            body = body.replace(
                b"</article>",
                b"<p>In a late correction, the strike ends on Friday.</p></article>",
            )
        kind = _TYPES.get(file.suffix, "application/octet-stream")
        if route == "/news/cafe-zurich.html":
            kind = _LYING_CHARSET
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            return self._send(304, b"", None, {"ETag": etag})
        self._send(200, body, kind, {"ETag": etag, "Last-Modified": _MODIFIED})

    def _stream_without_length(self) -> None:
        """A large body with no Content-Length: only reading it tells how long it is."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            for _ in range(HUGE_BYTES // 10_000):
                self.wfile.write(b"<p>" + b"y" * 10_000 + b"</p>")

    def _article(self, route: str, title: str) -> None:
        paragraphs = "".join(
            f"<p>{title}: paragraph {n} of a short article made up for the collect tests, with "
            "enough words in it for the extractor to keep it as the main text.</p>"
            for n in range(1, 4)
        )
        body = (
            f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
        ).encode()
        self._send(200, body, "text/html; charset=utf-8")

    def _bench_sitemap(self) -> bytes:
        base = self.server.base
        urls = "".join(
            f"<url><loc>{base}/bench/article-{n}.html</loc></url>"
            for n in range(self.server.state.bench_pages)
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
        ).encode()

    def _send(
        self, status: int, body: bytes, kind: str | None, extra: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        if kind:
            self.send_header("Content-Type", kind)
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        # The crawler may stop reading (a size cap): that is the point, not an error.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)


class _SiteServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.state = SiteState()
        self.base = f"http://127.0.0.1:{self.server_address[1]}"


class SiteServer:
    """The fixture site on a free loopback port, in a background thread."""

    def __init__(self, port: int = 0) -> None:
        self._server = _SiteServer(port)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return self._server.base

    @property
    def state(self) -> SiteState:
        return self._server.state

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8765)
    port = parser.parse_args().port
    with SiteServer(port) as server:
        print(f"serving {SITE} at {server.base} (Ctrl-C to stop)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
