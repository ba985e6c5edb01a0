"""Every choice a crawl is made with, in one place, with polite defaults."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from newsgraph import __version__

DEFAULT_DELAY_S = 1.0
DEFAULT_TIMEOUT_S = 30.0
DEFAULT_MAX_BYTES = 10_000_000
ROBOTS_AGENT = "newsgraph"


@dataclass(frozen=True)
class CollectConfig:
    """How to crawl. Times are in seconds."""

    delay: float = DEFAULT_DELAY_S  # between two requests to the same host, at least
    timeout: float = DEFAULT_TIMEOUT_S  # per request: connect, each read, and the whole body
    max_bytes: int = DEFAULT_MAX_BYTES  # a response body longer than this is not kept
    retries: int = 3  # further attempts after a timeout, a 429 or a 5xx
    backoff: float = 2.0  # first wait before a retry; doubled each time
    max_retry_wait: float = 120.0  # cap on Retry-After and on the backoff
    max_crawl_delay: float = 60.0  # cap on a robots.txt Crawl-delay
    max_redirects: int = 5
    max_pages: int | None = None  # article pages requested in this run, at most
    since: dt.date | None = None  # entries dated before this day are left out
    allow_offsite: bool = False
    user_agent: str | None = None  # the whole User-Agent, replacing the default
    contact: str | None = None  # an e-mail address or URL where site owners can reach you

    def agent(self) -> str:
        """The User-Agent header: names newsgraph and, when given, the contact."""
        if self.user_agent:
            return self.user_agent
        contact = f"; +{self.contact}" if self.contact else ""
        return f"newsgraph/{__version__} (news research crawler{contact})"
