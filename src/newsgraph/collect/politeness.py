"""Being a good guest: robots.txt rules and Crawl-delay, and a pause between two requests to
the same host. Requests go out one at a time, so no host ever sees two at once."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from protego import Protego

from newsgraph.collect.config import ROBOTS_AGENT


@dataclass
class RobotsRules:
    """One host's robots.txt as it was fetched (or what its absence means)."""

    parser: Protego | None  # None: no usable file, see `allow_all`
    allow_all: bool = True
    note: str | None = None  # why the rules are what they are, for the summary

    @classmethod
    def from_text(cls, text: str) -> RobotsRules:
        return cls(Protego.parse(text))

    @classmethod
    def everything_allowed(cls, why: str) -> RobotsRules:
        return cls(None, allow_all=True, note=why)

    @classmethod
    def nothing_allowed(cls, why: str) -> RobotsRules:
        return cls(None, allow_all=False, note=why)

    def allows(self, url: str) -> bool:
        if self.parser is None:
            return self.allow_all
        allowed: bool = self.parser.can_fetch(url, ROBOTS_AGENT)
        return allowed

    def crawl_delay(self) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(ROBOTS_AGENT)
        return None if delay is None else float(delay)


Clock = Callable[[], float]
Sleep = Callable[[float], None]


@dataclass
class HostGate:
    """Holds each request back until its host's pause since the last request has passed."""

    delay: float
    clock: Clock = time.monotonic
    sleep: Sleep = time.sleep
    waited: float = 0.0  # seconds spent holding requests back, in all
    _last: dict[str, float] = field(default_factory=dict)
    _delays: dict[str, float] = field(default_factory=dict)

    def set_host_delay(self, host: str, delay: float) -> None:
        """A longer pause for one host (its robots.txt Crawl-delay); never shorter than ours."""
        self._delays[host] = max(self.delay, delay)

    def ready_at(self, host: str) -> float:
        last = self._last.get(host)
        if last is None:
            return float("-inf")
        return last + self._delays.get(host, self.delay)

    def wait(self, host: str) -> None:
        pause = self.ready_at(host) - self.clock()
        if pause > 0:
            self.waited += pause
            self.sleep(pause)

    def done(self, host: str) -> None:
        """Call when a request to `host` has finished; the pause counts from here."""
        self._last[host] = self.clock()
