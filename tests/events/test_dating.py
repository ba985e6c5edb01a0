"""Dating an event by the timex of its clause, on parses whose root is not a verb."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from types import FrameType

import pytest

from newsgraph.events.dating import own_timex
from newsgraph.model import Provenance, Timex
from newsgraph.nlp import load_nlp


class _TooSlowError(Exception):
    pass


@pytest.fixture
def time_limit() -> Iterator[None]:
    """Fail rather than hang: the climb to the clause once looped for ever at a noun root."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise _TooSlowError

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(20)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_a_timex_under_a_noun_root_ends(time_limit: None) -> None:
    text = "Monday at the port of Tartus."
    doc = load_nlp()(text)
    root = next(token for token in doc if token.head.i == token.i)
    assert root.pos_ not in ("VERB", "AUX"), "the case needs a sentence without a verb"
    timex = Timex(
        id="t1",
        type="DATE",
        value="2025-03-03",
        start=0,
        end=6,
        text="Monday",
        provenance=Provenance(component="test", version="1"),
    )
    # The clause the timex climbs to is the noun root, not the (absent) event's frame.
    assert own_timex(doc, [timex], frame_words={99}, stops=set()) is None
    # With the root as the frame, the timex dates it.
    assert own_timex(doc, [timex], frame_words={root.i}, stops=set()) is timex
