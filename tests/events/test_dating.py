"""Tying a timex to an event's clause ends at the sentence root, verb or none."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from newsgraph.events.dating import own_timex
from newsgraph.model import Provenance, Timex
from newsgraph.nlp import load_nlp


@contextmanager
def _at_most(seconds: int) -> Iterator[None]:
    """Fail rather than hang: the climb once never ended at a verbless root."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"own_timex ran over {seconds}s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_a_timex_in_a_sentence_without_a_verb_is_tied_to_its_root() -> None:
    text = "Monday night."
    doc = load_nlp()(text)
    assert not any(token.pos_ in ("VERB", "AUX") for token in doc)
    root = next(token for token in doc if token.head.i == token.i)
    timex = Timex(
        id="t1",
        start=0,
        end=len("Monday night"),
        text="Monday night",
        type="TIME",
        value="2016-01-18TNI",
        provenance=Provenance(component="test", version="1"),
    )
    # The sentence has no verb: the climb stops at the root, which is the clause here.
    with _at_most(20):
        assert own_timex(doc, [timex], {root.i}, set()) == timex
        assert own_timex(doc, [timex], set(), set()) is None
