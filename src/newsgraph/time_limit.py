"""A time limit on each stage's run over one document, so that one pathological text (a parse
that sends a rule into a loop) becomes a one-line error instead of a batch that never ends.

The limit grows with the text: `base` seconds plus one second per `CHARS_PER_SECOND`
characters, far above what any stage takes on ordinary articles (well under a second each),
and above what the longest measured article needs (benchmarks/length.py). It is set by
`NEWSGRAPH_STAGE_TIME_LIMIT` (base seconds; 0 switches it off).

It works by SIGALRM, so only in a process's main thread (the CLI, worker processes, Spark's
Python workers); elsewhere, and when the caller already runs a timer of its own, no limit is
set. Python runs the handler between bytecodes, so code inside one long C call (a spaCy parse
of a huge text) is stopped only when that call returns.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

VARIABLE = "NEWSGRAPH_STAGE_TIME_LIMIT"
DEFAULT_BASE_SECONDS = 120.0
CHARS_PER_SECOND = 1000


class StageTimeLimitError(Exception):
    """A stage ran past its time limit on one document."""


def base_seconds() -> float:
    """The base limit from the environment (seconds; 0 or less: no limit)."""
    raw = os.environ.get(VARIABLE, "").strip()
    if not raw:
        return DEFAULT_BASE_SECONDS
    try:
        return float(raw)
    except ValueError:
        raise ValueError(f"{VARIABLE} must be a number of seconds, not {raw!r}") from None


def limit_for(characters: int, base: float) -> float | None:
    """Seconds allowed for one stage on a text of `characters`; None when switched off."""
    if base <= 0:
        return None
    return base + characters / CHARS_PER_SECOND


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise StageTimeLimitError inside the block once it has run `seconds`."""
    usable = (
        seconds is not None
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0  # the caller's own timer wins
    )
    if not usable or seconds is None:
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise StageTimeLimitError(f"ran past its time limit of {seconds:.0f} s ({VARIABLE})")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
