"""A bounded load on the real server: `newsgraph serve` over the examples (SQLite and
PostgreSQL), 50 concurrent clients asking for documents, article pages and searches for a few
seconds. Every answer must be a 2xx; the latency percentiles are reported, never asserted
(speed goals live in benchmarks/serve.py)."""

from __future__ import annotations

import os
from collections.abc import Callable
from urllib.parse import quote

import pytest

from newsgraph.api.load import Target, run_load, served
from newsgraph.model import Analysis

CLIENTS = 50
# Short, so that the suite stays quick; NEWSGRAPH_LOAD_SECONDS runs it longer.
SECONDS = float(os.environ.get("NEWSGRAPH_LOAD_SECONDS", "10"))


def load_targets(analyses: list[Analysis]) -> list[Target]:
    """The stored documents (JSON and their article pages) and searches for names that occur
    in them."""
    ids = [quote(analysis.id) for analysis in analyses]
    names = sorted({m.text for a in analyses for m in a.mentions if m.text.isalpha()})[:20]
    return [
        Target("GET /api/documents/{id}", tuple(f"/api/documents/{i}" for i in ids)),
        Target("GET /documents/{id} (page)", tuple(f"/documents/{i}" for i in ids)),
        Target("GET /api/search?q=", tuple(f"/api/search?q={quote(n)}" for n in names)),
    ]


def test_fifty_clients_get_only_2xx(
    store: str,
    analyses: list[Analysis],
    record_property: Callable[[str, object], None],
    capsys: pytest.CaptureFixture[str],
) -> None:
    targets = load_targets(analyses)
    assert all(target.paths for target in targets)
    with served(store) as base:
        report = run_load(base, targets, clients=CLIENTS, seconds=SECONDS)
    lines = [f"load: {CLIENTS} clients, {report.seconds:.1f}s, {report.per_second:.0f} req/s"]
    for target in report.targets:
        p50, p95 = target.percentile(0.5), target.percentile(0.95)
        record_property(f"{target.name} p95 ms", round(p95, 1))
        lines.append(
            f"  {target.name}: {target.requests} requests, p50 {p50:.0f} ms, p95 {p95:.0f} ms"
        )
    record_property("requests per second", round(report.per_second, 1))
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert not report.failures, f"answers that were not 2xx, by status: {dict(report.failures)}"
    assert all(target.requests > 0 for target in report.targets)
