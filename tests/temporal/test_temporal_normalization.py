"""Values of expressions that need more than one pattern: spoken years and days, weeks named by
a day or a month, ranges, signals after a duration, and quarters named in passing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from newsgraph.ingest.document import make_document
from newsgraph.model import Analysis, SourceInfo, Timex
from newsgraph.pipeline import Pipeline

PUBLISHED = dt.date(2025, 9, 15)  # a Monday

Analyze = Callable[[str], Analysis]


@pytest.fixture(scope="module")
def analyze() -> Analyze:
    pipeline = Pipeline(["temporal"])

    def run(text: str) -> Analysis:
        document = make_document(doc_id="test", text=text, source=SourceInfo(), published=PUBLISHED)
        return pipeline.analyze(document)

    return run


def only(analysis: Analysis, text: str) -> Timex:
    found = [timex for timex in analysis.timexes if timex.text == text]
    assert len(found) == 1, [(t.text, t.type, t.value) for t in analysis.timexes]
    return found[0]


@pytest.mark.parametrize(
    ("text", "expression", "kind", "value"),
    [
        # years and days said in words, as in broadcast transcripts
        (
            "The plan promised full employment by the year two thousand and was dropped.",
            "the year two thousand",
            "DATE",
            "2000",
        ),
        (
            "Atlanta, January nineteen ninety-seven.",
            "January nineteen ninety-seven",
            "DATE",
            "1997-01",
        ),
        (
            "Oil last fell this low in the winter of nineteen ninety-four.",
            "the winter of nineteen ninety-four",
            "DATE",
            "1994-WI",
        ),
        ("The march was held on March eighth.", "March eighth", "DATE", "2025-03-08"),
        # a clock time with the day it falls on
        (
            "The offer was extended until 5 p.m. EST, Nov. 6.",
            "5 p.m. EST, Nov. 6",
            "TIME",
            "2025-11-06T17:00",
        ),
        ("The fighting paused at midday.", "midday", "TIME", "2025-09-15T12:00"),
        (
            "Shelling stopped by mid-afternoon yesterday.",
            "mid-afternoon yesterday",
            "TIME",
            "2025-09-14TAF",
        ),
        # quarters and halves with their year
        (
            "The firm expects a loss in next year's first quarter.",
            "next year's first quarter",
            "DATE",
            "2026-Q1",
        ),
        ("Sales rose in the last half of 2024.", "the last half of 2024", "DATE", "2024-H2"),
        # weeks named by a day or by their place in a month
        (
            "Hearings begin the week of March 2, 2026.",
            "the week of March 2, 2026",
            "DATE",
            "2026-W10",
        ),
        (
            "Voting took place in the first week of March.",
            "the first week of March",
            "DATE",
            "2025-W10",
        ),
        ("Talks ended in the last week of August.", "the last week of August", "DATE", "2025-W35"),
        # a range of lengths, and stretches related to another event by a signal word
        ("Repairs will take two to three weeks.", "two to three weeks", "DURATION", "PXW"),
        ("Three days later, the rebels withdrew.", "Three days", "DURATION", "P3D"),
        ("He returned two weeks after the attack.", "two weeks", "DURATION", "P2W"),
        ("The term grew in 1989 to three years.", "three years", "DURATION", "P3Y"),
        ("It happened a week or so ago.", "a week or so ago", "DATE", "2025-W37"),
        ("A day earlier, shares had fallen.", "A day", "DURATION", "P1D"),
        ("The ceremony lasted a minute and a half.", "a minute and a half", "DURATION", "PT1M30S"),
        # "is to" schedules what lies ahead
        ("Trading in the shares is to resume Tuesday.", "Tuesday", "DATE", "2025-09-16"),
        ("Trading in the shares resumed Tuesday.", "Tuesday", "DATE", "2025-09-09"),
    ],
)
def test_values(analyze: Analyze, text: str, expression: str, kind: str, value: str) -> None:
    timex = only(analyze(text), expression)
    assert (timex.type, timex.value) == (kind, value)


def test_ago_keeps_its_signal_word_in_the_span(analyze: Analyze) -> None:
    # "ago" counts from the time of writing, so it is part of the date
    timex = only(analyze("The clinic closed three days ago."), "three days ago")
    assert (timex.type, timex.value) == ("DATE", "2025-09-12")


def test_previous_weekday_counts_from_the_narrative(analyze: Analyze) -> None:
    analysis = analyze(
        "The talks opened on Friday, September 5. The previous Friday, envoys had met in Doha."
    )
    opened = only(analysis, "Friday, September 5")
    previous = only(analysis, "The previous Friday")
    assert previous.value == "2025-08-29"
    assert previous.anchor == opened.id


def test_same_day_after_a_month_keeps_the_unknown_day(analyze: Analyze) -> None:
    analysis = analyze(
        "The doctor was shot last October. The site crossed out his name that same day."
    )
    assert only(analysis, "last October").value == "2024-10"
    assert only(analysis, "that same day").value == "2024-10-XX"


def test_latest_quarter_is_one_already_over(analyze: Analyze) -> None:
    analysis = analyze(
        "The storm will result in a fourth-quarter charge. In the latest quarter, profit fell."
    )
    assert only(analysis, "fourth-quarter").value == "2025-Q4"
    assert only(analysis, "the latest quarter").value == "2025-Q2"


def test_quarter_inside_a_compound_is_not_a_quarter(analyze: Analyze) -> None:
    analysis = analyze("Unemployment stood near a quarter-century low.")
    assert [timex.text for timex in analysis.timexes] == []


def test_bare_two_thousand_before_a_noun_is_a_number(analyze: Analyze) -> None:
    analysis = analyze("Some two thousand people marched in the capital.")
    assert all("thousand" not in timex.text for timex in analysis.timexes)
