"""HTTP GET with httpx, one request at a time: retries with backoff on timeouts, 429 and 5xx
(Retry-After honoured, capped), redirects followed up to a limit with loops detected, bodies
streamed and abandoned past a size cap, and non-HTML article responses left unread.

Every response received (a redirect, a 503 before the retry that worked) comes back as an
`Exchange`, so the archive shows the crawl as it happened."""

from __future__ import annotations

import datetime as dt
import email.utils
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urljoin, urlsplit

import httpx

from newsgraph.collect.config import CollectConfig
from newsgraph.collect.politeness import HostGate, Sleep
from newsgraph.collect.urls import host_of

Outcome = Literal["fetched", "not_modified", "skipped", "failed"]
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Hop-by-hop and transfer headers that no longer describe the body as it is stored: httpx has
# already undone the chunking and the compression.
_TRANSFER_HEADERS = frozenset({"transfer-encoding", "content-encoding", "content-length"})


@dataclass(frozen=True)
class Exchange:
    """One request and the response to it, as the WARC records them."""

    url: str
    request_headers: list[tuple[str, str]]
    status: int
    reason: str
    http_version: str
    response_headers: list[tuple[str, str]]
    body: bytes
    started: dt.datetime  # UTC, when the request went out
    seconds: float  # how long it took, headers and body


@dataclass
class FetchResult:
    url: str
    outcome: Outcome
    final_url: str
    note: str | None = None  # why skipped or failed
    exchanges: list[Exchange] = field(default_factory=list)
    etag: str | None = None
    last_modified: str | None = None

    @property
    def final(self) -> Exchange | None:
        return self.exchanges[-1] if self.exchanges else None


@dataclass(frozen=True)
class Validators:
    """What a conditional GET sends back: the page is refetched only if it changed."""

    etag: str | None
    last_modified: str | None


RedirectCheck = Callable[[str], str | None]  # a redirect target -> why not to follow, or None


class _RefusedError(Exception):
    """The response is not kept (not HTML, too large); the request itself went fine."""


class Fetcher:
    def __init__(
        self,
        config: CollectConfig,
        gate: HostGate,
        sleep: Sleep = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.config = config
        self.gate = gate
        self.sleep = sleep
        self.client = httpx.Client(
            timeout=httpx.Timeout(config.timeout),
            follow_redirects=False,  # followed here, one hop at a time, so each is polite
            headers={"User-Agent": config.agent(), "Accept-Encoding": "gzip, deflate"},
            transport=transport,
            trust_env=False,  # no proxies or .netrc from the environment
        )

    def close(self) -> None:
        self.client.close()

    def fetch(
        self,
        url: str,
        *,
        html_only: bool,
        validators: Validators | None = None,
        check_redirect: RedirectCheck | None = None,
    ) -> FetchResult:
        """GET `url`, following redirects. `html_only`: an article page, where anything but HTML
        is skipped without reading its body."""
        result = FetchResult(url=url, outcome="failed", final_url=url)
        visited = [url]
        current = url
        while True:
            attempt = self._get_with_retries(current, html_only, validators, result)
            if attempt is not None:  # failed or skipped: the note says why
                return result
            final = result.exchanges[-1]
            if final.status in REDIRECT_STATUSES:
                location = _header(final.response_headers, "location")
                if not location:
                    result.note = f"HTTP {final.status} without a Location header"
                    return result
                target = urljoin(current, location)
                if target in visited:
                    chain = " -> ".join([*visited, target])
                    result.note = f"redirect loop: {chain}"
                    return result
                if len(visited) > self.config.max_redirects:
                    result.note = f"more than {self.config.max_redirects} redirects"
                    return result
                refusal = check_redirect(target) if check_redirect else None
                if refusal:
                    result.outcome, result.note = "skipped", f"redirect to {target}: {refusal}"
                    return result
                visited.append(target)
                current = target
                continue
            result.final_url = current
            if final.status == 304:
                result.outcome = "not_modified"
            elif 200 <= final.status < 300:
                result.outcome = "fetched"
            else:
                result.note = f"HTTP {final.status} {final.reason}".strip()
                return result
            result.etag = _header(final.response_headers, "etag")
            result.last_modified = _header(final.response_headers, "last-modified")
            return result

    def _get_with_retries(
        self,
        url: str,
        html_only: bool,
        validators: Validators | None,
        result: FetchResult,
    ) -> str | None:
        """One GET, tried again on timeouts, 429 and 5xx. Appends every response received to
        `result` and returns None when one is final, else sets the outcome and returns it."""
        headers = _conditional_headers(validators)
        attempts = self.config.retries + 1
        for attempt in range(attempts):
            host = host_of(url)
            self.gate.wait(host)
            try:
                exchange = self._get(url, headers, html_only)
            except _RefusedError as refused:
                result.outcome, result.note = "skipped", str(refused)
                return result.outcome
            except httpx.TimeoutException:
                problem = f"timed out after {self.config.timeout:g}s"
                wait = self._backoff(attempt)
            except httpx.HTTPError as error:
                problem = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
                wait = self._backoff(attempt)
            else:
                result.exchanges.append(exchange)
                if exchange.status not in RETRY_STATUSES:
                    return None
                problem = f"HTTP {exchange.status} {exchange.reason}".strip()
                wait = self._retry_after(exchange) or self._backoff(attempt)
            finally:
                self.gate.done(host)
            if attempt + 1 < attempts:
                self.sleep(min(wait, self.config.max_retry_wait))
        result.outcome = "failed"
        result.note = f"{problem} ({attempts} attempt{'s' if attempts > 1 else ''})"
        return result.outcome

    def _get(self, url: str, headers: dict[str, str], html_only: bool) -> Exchange:
        started = dt.datetime.now(dt.UTC)
        clock = time.monotonic()
        request = self.client.build_request("GET", url, headers=headers)
        response = self.client.send(request, stream=True)
        try:
            if html_only and 200 <= response.status_code < 300:
                kind = response.headers.get("content-type", "")
                if "html" not in kind.lower():
                    raise _RefusedError(
                        f"not HTML ({kind.split(';')[0].strip() or 'no Content-Type'})"
                    )
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.config.max_bytes:
                raise _RefusedError(f"larger than --max-bytes {self.config.max_bytes} ({declared})")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > self.config.max_bytes:
                    raise _RefusedError(f"larger than --max-bytes {self.config.max_bytes}")
                if time.monotonic() - clock > self.config.timeout:
                    raise httpx.ReadTimeout("body too slow", request=request)
        finally:
            response.close()
        stored = [(k, v) for k, v in response.headers.multi_items() if k not in _TRANSFER_HEADERS]
        stored.append(("content-length", str(len(body))))
        return Exchange(
            url=url,
            request_headers=list(request.headers.multi_items()),
            status=response.status_code,
            reason=response.reason_phrase,
            http_version=response.http_version,
            response_headers=stored,
            body=bytes(body),
            started=started,
            seconds=time.monotonic() - clock,
        )

    def _backoff(self, attempt: int) -> float:
        return float(self.config.backoff * 2**attempt)

    def _retry_after(self, exchange: Exchange) -> float | None:
        return retry_after_seconds(_header(exchange.response_headers, "retry-after"))


def retry_after_seconds(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Retry-After as seconds from now: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - (now or dt.datetime.now(dt.UTC))).total_seconds())


def request_target(url: str) -> str:
    """The path and query an HTTP/1.1 request line names."""
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _conditional_headers(validators: Validators | None) -> dict[str, str]:
    headers: dict[str, str] = {}
    if validators is not None:
        if validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
    return headers


def _header(headers: list[tuple[str, str]], name: str) -> str | None:
    for key, value in headers:
        if key.lower() == name:
            return value
    return None
