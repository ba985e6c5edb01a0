"""The temporal stage on short sentences of our own: spans, types, values and anchors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from newsgraph.ingest.document import make_document
from newsgraph.model import Analysis, SourceInfo, Timex
from newsgraph.pipeline import Pipeline
from newsgraph.temporal.stage import NO_PUBLICATION_DATE

PUBLISHED = dt.date(2025, 9, 15)  # a Monday

Analyze = Callable[[str, "dt.date | None"], Analysis]


@pytest.fixture(scope="module")
def analyze() -> Analyze:
    pipeline = Pipeline(["temporal"])

    def run(text: str, published: dt.date | None = PUBLISHED) -> Analysis:
        document = make_document(doc_id="test", text=text, source=SourceInfo(), published=published)
        return pipeline.analyze(document)

    return run


def only(analysis: Analysis, text: str) -> Timex:
    found = [timex for timex in analysis.timexes if timex.text == text]
    assert len(found) == 1, [(t.text, t.value) for t in analysis.timexes]
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "expression", "kind", "value"),
    [
        # absolute
        ("The treaty was signed on January 10, 2025.", "January 10, 2025", "DATE", "2025-01-10"),
        ("The agreement dates from 1974.", "1974", "DATE", "1974"),
        ("It ended after the 1973 October War.", "1973 October", "DATE", "1973-10"),
        ("Shares were issued on 2024-03-05.", "2024-03-05", "DATE", "2024-03-05"),
        ("Growth stalled in the 1990s.", "the 1990s", "DATE", "199"),
        # relative to the publication date
        (
            "The rebels attacked on November 27 of last year.",
            "November 27 of last year",
            "DATE",
            "2024-11-27",
        ),
        ("Israel struck Iran in June of this year.", "June of this year", "DATE", "2025-06"),
        ("In February, Reuters reported that talks had stalled.", "February", "DATE", "2025-02"),
        ("The troops withdrew on December 8.", "December 8", "DATE", "2024-12-08"),
        ("The troops will withdraw on December 8.", "December 8", "DATE", "2025-12-08"),
        ("Prices rose sharply last year.", "last year", "DATE", "2024"),
        ("The summit opens next week.", "next week", "DATE", "2025-W39"),
        ("The council meets today.", "today", "DATE", "2025-09-15"),
        ("The minister resigned yesterday.", "yesterday", "DATE", "2025-09-14"),
        ("The vote took place on Friday.", "Friday", "DATE", "2025-09-12"),
        ("The vote will take place on Friday.", "Friday", "DATE", "2025-09-19"),
        ("Inflation peaked three years ago.", "three years ago", "DATE", "2022"),
        ("He spoke in an interview days ago.", "days ago", "DATE", "PAST_REF"),
        ("The economy shrank over the past decade.", "the past decade", "DURATION", "P10Y"),
        ("Fighting resumed earlier this month.", "earlier this month", "DATE", "2025-09"),
        ("The polls closed at 8 p.m. on Sunday.", "8 p.m. on Sunday", "TIME", "2025-09-14T20:00"),
        ("The ministers met on April 24 and 25.", "25", "DATE", "2025-04-25"),
        ("Last week Harbor Freight raised its prices.", "Last week", "DATE", "2025-W37"),
        ("The strike began last night.", "last night", "TIME", "2025-09-14TNI"),
        ("Polls close at 8 in the evening.", "8 in the evening", "TIME", "2025-09-15T20:00"),
        # durations and sets
        ("The siege lasted for three years.", "three years", "DURATION", "P3Y"),
        ("The truce is meant to hold for 30 days.", "30 days", "DURATION", "P30D"),
        ("It signed a 30-year concession.", "30-year", "DURATION", "P30Y"),
        ("Talks took two and a half hours.", "two and a half hours", "DURATION", "PT2H30M"),
        ("Bids are due within ten business days.", "ten business days", "DURATION", "P10D"),
        ("Inspectors visit the site every week.", "every week", "SET", "P1W"),
        ("The board meets monthly.", "monthly", "SET", "P1M"),
        ("Exports fell in the years before the war.", "the years before", "DURATION", "PXY"),
        ("The talks could take several months.", "several months", "DURATION", "PXM"),
        (
            "It turned a profit after several quarters of losses.",
            "several quarters",
            "DURATION",
            "PXQ",
        ),
        # vague
        ("The company currently employs 300 people.", "currently", "DATE", "PRESENT_REF"),
        ("The dispute may be settled in the future.", "the future", "DATE", "FUTURE_REF"),
        ("Arms sales rose in recent years.", "recent years", "DATE", "PAST_REF"),
    ],
)
def test_expression_values(
    analyze: Analyze, sentence: str, expression: str, kind: str, value: str
) -> None:
    timex = only(analyze(sentence, PUBLISHED), expression)
    assert (timex.type, timex.value) == (kind, value)


def test_relative_values_record_the_publication_as_anchor(analyze: Analyze) -> None:
    analysis = analyze("Prices rose last year, but in 1974 they fell.", PUBLISHED)
    assert only(analysis, "last year").anchor == "publication"
    assert only(analysis, "1974").anchor is None


def test_anaphoric_year_is_anchored_to_the_earlier_timex(analyze: Analyze) -> None:
    analysis = analyze(
        "The two armies have fought since 2015. Russia entered the war in September of that "
        "year to bomb rebel positions.",
        PUBLISHED,
    )
    earlier = only(analysis, "2015")
    later = only(analysis, "September of that year")
    assert later.value == "2015-09"
    assert later.anchor == earlier.id


def test_at_the_time_takes_the_narrative_date(analyze: Analyze) -> None:
    analysis = analyze(
        "The council collapsed in January 2021. At the time, the mayor promised reform.",
        PUBLISHED,
    )
    assert only(analysis, "the time").value == "2021-01"


def test_year_named_in_the_sentence_dates_an_underspecified_day(analyze: Analyze) -> None:
    analysis = analyze("In 2019, the rebels took the town on March 3.", PUBLISHED)
    assert only(analysis, "March 3").value == "2019-03-03"


def test_a_named_war_does_not_date_a_later_day(analyze: Analyze) -> None:
    analysis = analyze(
        "Israel should honour the line drawn after the 1973 October War and withdraw to the "
        "positions it held before 8 December.",
        PUBLISHED,
    )
    assert only(analysis, "8 December").value == "2024-12-08"


def test_month_name_used_as_a_verb_is_not_a_date(analyze: Analyze) -> None:
    analysis = analyze("May explain why the talks failed. The vote was held in May.", PUBLISHED)
    assert [(t.text, t.value) for t in analysis.timexes] == [("May", "2025-05")]
    assert analysis.timexes[0].start > 20


def test_a_count_before_a_part_of_day_is_no_clock_time(analyze: Analyze) -> None:
    assert analyze("The striker scored 3 in the afternoon session.", PUBLISHED).timexes == []


def test_a_count_after_a_date_is_not_a_second_day(analyze: Analyze) -> None:
    analysis = analyze("The talks ended on May 5, and 6 delegates flew home.", PUBLISHED)
    assert [t.text for t in analysis.timexes] == ["May 5"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Israel occupied the Golan Heights during the Six-Day War.",
        "The campaign ad borrowed its music from High Noon.",
        "For the mayor, it is high noon in the budget fight.",
    ],
)
def test_names_that_look_like_times_are_not_timexes(analyze: Analyze, sentence: str) -> None:
    assert analyze(sentence, PUBLISHED).timexes == []


def test_embedded_post_is_dated_by_its_signature(analyze: Analyze) -> None:
    text = (
        "The candidate posted on X:\n\n"
        "Polling station 14 closed at 20:00. Last month we warned the commission. "
        "— Jane Roe (@janeroe) April 6, 2025\n\nThe commission said it would reply today."
    )
    analysis = analyze(text, dt.date(2025, 4, 8))
    signature = only(analysis, "April 6, 2025")
    clock = only(analysis, "20:00")
    assert (clock.value, clock.anchor) == ("2025-04-06T20:00", signature.id)
    assert only(analysis, "Last month").value == "2025-03"
    assert (only(analysis, "today").value, only(analysis, "today").anchor) == (
        "2025-04-08",
        "publication",
    )


def test_without_publication_date_relative_values_stay_empty(analyze: Analyze) -> None:
    analysis = analyze("Prices rose last year and on Friday, but fell in 1974.", None)
    assert NO_PUBLICATION_DATE in analysis.warnings
    assert only(analysis, "last year").value is None
    assert only(analysis, "Friday").value is None
    assert only(analysis, "last year").anchor is None
    assert only(analysis, "1974").value == "1974"


def test_spans_match_the_text(analyze: Analyze) -> None:
    analysis = analyze(
        "On Monday, officials said the talks, which began on 8 December and lasted two weeks, "
        "would resume next month.",
        PUBLISHED,
    )
    assert len(analysis.timexes) == 4
    assert analysis.check_spans() == []
    assert [timex.id for timex in analysis.timexes] == ["t1", "t2", "t3", "t4"]


def test_absolute_dates_need_no_publication_date(analyze: Analyze) -> None:
    analysis = analyze("The accord was signed on January 10, 2025, after talks in 1974.", None)
    assert [t.value for t in analysis.timexes] == ["2025-01-10", "1974"]
    assert NO_PUBLICATION_DATE not in analysis.warnings


@pytest.mark.parametrize(
    ("sentence", "published", "expression", "value"),
    [
        # a past verb reaches a deadline only through a noun: the date still lies ahead
        (
            "The board declared a dividend payable Dec. 7.",
            dt.date(1989, 10, 27),
            "Dec. 7",
            "1989-12-07",
        ),
        ("The offer was extended until Nov. 16.", dt.date(1989, 10, 30), "Nov. 16", "1989-11-16"),
        # a quarter's results are reported after it ends
        ("Third-quarter profit rose 5%.", dt.date(1989, 10, 27), "Third-quarter", "1989-Q3"),
        (
            "Profit rose in the third quarter from a year earlier.",
            dt.date(1989, 10, 27),
            "a year earlier",
            "1988-Q3",
        ),
        ("Sales for the year ended Sept. 30 rose.", dt.date(1989, 11, 2), "the year", "P1Y"),
        (
            "Shoppers crowded stores on Thanksgiving Day.",
            dt.date(1999, 11, 29),
            "Thanksgiving Day",
            "1999-11-25",
        ),
        ("Rebels regrouped over the weekend.", dt.date(2025, 9, 15), "the weekend", "2025-W37-WE"),
        ("Growth was strongest in the nineties.", dt.date(2025, 9, 15), "the nineties", "199"),
        # a plan that events overtook ("had been due to"): its date is the nearer one, behind
        # or ahead, where a plain "was due to" looks ahead
        (
            "The offer had been scheduled to expire Friday evening.",
            dt.date(2025, 9, 15),
            "Friday evening",
            "2025-09-12TEV",
        ),
        (
            "The offer had been due to expire on Sept. 19.",
            dt.date(2025, 9, 15),
            "Sept. 19",
            "2025-09-19",
        ),
        ("The tender was due to close on Friday.", dt.date(2025, 9, 15), "Friday", "2025-09-19"),
    ],
)
def test_reporting_conventions(
    analyze: Analyze, sentence: str, published: dt.date, expression: str, value: str
) -> None:
    assert only(analyze(sentence, published), expression).value == value


def test_quarter_to_be_reported_is_this_years(analyze: Analyze) -> None:
    analysis = analyze(
        "The company will report fourth-quarter results next month, a spokesman said Monday.",
        PUBLISHED,
    )
    assert only(analysis, "fourth-quarter").value == "2025-Q4"


def test_a_newspaper_title_is_not_a_weekday(analyze: Analyze) -> None:
    analysis = analyze("The Sunday Times reported the deal on Friday.", PUBLISHED)
    assert [t.text for t in analysis.timexes] == ["Friday"]


def test_an_anaphoric_year_sets_the_scene_of_its_sentence(analyze: Analyze) -> None:
    analysis = analyze(
        "The army entered the town in 2015. Later that year, in October, it withdrew.",
        PUBLISHED,
    )
    assert only(analysis, "Later that year").value == "2015"
    assert only(analysis, "October").value == "2015-10"


def test_titles_in_title_case_are_not_timexes(analyze: Analyze) -> None:
    analysis = analyze(
        'He told "60 Minutes" and ABC\'s This Week that he would stay for six months.',
        PUBLISHED,
    )
    assert [t.text for t in analysis.timexes] == ["six months"]


def test_plural_weekdays_are_sets(analyze: Analyze) -> None:
    analysis = analyze("The club meets on Tuesday nights and on Sundays.", PUBLISHED)
    assert [(t.text, t.type, t.value) for t in analysis.timexes] == [
        ("Tuesday nights", "SET", "XXXX-WXX-2TNI"),
        ("Sundays", "SET", "XXXX-WXX-7"),
    ]
