"""A bounded load on a served store: `newsgraph serve` started in its own process on a free
local port, and many concurrent clients asking it for pages for a fixed time.

`served(url)` starts the server and gives its base URL; `run_load(base, targets)` runs the
clients and gives, for each target, how many requests it answered, which were not 2xx, and
the latency percentiles. The server runs in another process so that the clients' own work
is not counted in its latency.
"""

from __future__ import annotations

import asyncio
import math
import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import httpx

from newsgraph.api.settings import API_KEY_ENVIRONMENT

HOST = "127.0.0.1"
START_SECONDS = 120.0  # the server opens the store (and migrates an empty one) first


@dataclass(frozen=True)
class Target:
    """One endpoint under load: its name in the report and the paths asked, in turn."""

    name: str
    paths: tuple[str, ...]


@dataclass
class TargetReport:
    """What one target answered: `failures` counts each status that was not 2xx (0: no answer
    at all), latencies are in milliseconds."""

    name: str
    latencies: list[float] = field(default_factory=list)
    failures: Counter[int] = field(default_factory=Counter)

    @property
    def requests(self) -> int:
        return len(self.latencies)

    def percentile(self, share: float) -> float:
        """The latency under which `share` of the requests were answered (nearest rank)."""
        if not self.latencies:
            return math.nan
        ordered = sorted(self.latencies)
        return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


@dataclass(frozen=True)
class LoadReport:
    clients: int
    seconds: float
    targets: tuple[TargetReport, ...]

    @property
    def requests(self) -> int:
        return sum(target.requests for target in self.targets)

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else math.nan

    @property
    def failures(self) -> Counter[int]:
        total: Counter[int] = Counter()
        for target in self.targets:
            total.update(target.failures)
        return total


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def served(db_url: str) -> Iterator[str]:
    """`newsgraph serve --db db_url` in its own process; yields its base URL once it answers,
    and stops it (as Ctrl-C would) afterwards."""
    port = free_port()
    environment = {key: value for key, value in os.environ.items() if key != API_KEY_ENVIRONMENT}
    command = [sys.executable, "-m", "newsgraph.cli", "serve", "--db", db_url]
    process = subprocess.Popen(
        [*command, "--host", HOST, "--port", str(port)],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://{HOST}:{port}"
    try:
        _wait_until_answering(process, base)
        yield base
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_answering(process: subprocess.Popen[str], base: str) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            error = process.stderr.read() if process.stderr else ""
            raise RuntimeError(f"newsgraph serve stopped ({process.returncode}): {error}")
        try:
            if httpx.get(f"{base}/api/documents?limit=1", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"newsgraph serve did not answer at {base} within {START_SECONDS:.0f}s")


def run_load(
    base: str, targets: Sequence[Target], clients: int = 50, seconds: float = 10.0
) -> LoadReport:
    """`clients` concurrent clients, each asking the targets in turn (starting at a different
    one) until `seconds` have passed."""
    if not targets or any(not target.paths for target in targets):
        raise ValueError("every target needs at least one path")
    reports = tuple(TargetReport(target.name) for target in targets)
    started = time.monotonic()
    asyncio.run(_load(base, targets, reports, clients, started + seconds))
    return LoadReport(clients=clients, seconds=time.monotonic() - started, targets=reports)


async def _load(
    base: str,
    targets: Sequence[Target],
    reports: Sequence[TargetReport],
    clients: int,
    deadline: float,
) -> None:
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        await asyncio.gather(
            *(_client(client, targets, reports, number, deadline) for number in range(clients))
        )


async def _client(
    client: httpx.AsyncClient,
    targets: Sequence[Target],
    reports: Sequence[TargetReport],
    number: int,
    deadline: float,
) -> None:
    turn = number
    while time.monotonic() < deadline:
        which = turn % len(targets)
        target = targets[which]
        path = target.paths[(turn // len(targets)) % len(target.paths)]
        turn += 1
        began = time.perf_counter()
        try:
            status = (await client.get(path)).status_code
        except httpx.HTTPError:
            status = 0
        reports[which].latencies.append((time.perf_counter() - began) * 1000)
        if not 200 <= status < 300:
            reports[which].failures[status] += 1
