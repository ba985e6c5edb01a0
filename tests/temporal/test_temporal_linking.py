"""Which timex dates a stretch of text."""

from __future__ import annotations

from newsgraph.model import Provenance, Timex
from newsgraph.temporal.linking import timex_for_span, timexes_within

ORIGIN = Provenance(component="temporal", version="test")


def timex(identifier: str, start: int, end: int, kind: str, value: str | None) -> Timex:
    return Timex(
        id=identifier,
        start=start,
        end=end,
        text="x" * (end - start),
        type=kind,  # type: ignore[arg-type]
        value=value,
        provenance=ORIGIN,
    )


TIMEXES = [
    timex("t1", 5, 10, "DATE", "2025-09-12"),
    timex("t2", 20, 28, "DURATION", "P3Y"),
    timex("t3", 40, 48, "DATE", "PAST_REF"),
    timex("t4", 60, 65, "DATE", None),
    timex("t5", 120, 125, "DATE", "2024"),
]


def test_point_timex_inside_the_span_dates_it() -> None:
    found = timex_for_span(TIMEXES, 0, 50)
    assert found is not None and found.id == "t1"


def test_nearest_to_the_focus_wins() -> None:
    found = timex_for_span(TIMEXES, 0, 50, focus=38)
    assert found is not None and found.id == "t3"


def test_durations_and_unresolved_timexes_date_nothing() -> None:
    assert timex_for_span(TIMEXES, 15, 30) is None
    assert timex_for_span(TIMEXES, 55, 70) is None
    assert timex_for_span(TIMEXES, 70, 110) is None


def test_timexes_within_needs_the_whole_timex() -> None:
    assert [t.id for t in timexes_within(TIMEXES, 6, 50)] == ["t2", "t3"]
