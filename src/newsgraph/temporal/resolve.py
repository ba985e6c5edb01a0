"""Place readings on the calendar: against the publication date, the narrative, or the tense.

Expressions are resolved in text order. Each resolved calendar value becomes the narrative
reference for later anaphoric expressions ("since 2015 ... in September of that year"); an
explicit date that sets the scene of a sentence supplies the year of an underspecified date in
it ("In 2015, the rebels took the town on March 3"); otherwise the tense of the clause decides
between last year's, this year's and next year's December 8. Without a publication date,
readings that need it stay null rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from newsgraph.temporal import dates
from newsgraph.temporal.readings import NARRATIVE, NARRATIVE_DAY, PUBLICATION, Reading
from newsgraph.temporal.tense import FUTURE, PAST, Tense

# How much farther a date on the side the tense points away from may be and still win:
# "declared a dividend payable Dec. 7" (written Oct. 27) is this December, not last.
_AGAINST_TENSE = 3
# How long after a quarter ends its results are still "to be reported" in the future tense.
_QUARTER_REPORTING_DAYS = 120
# Calendar months covered by seasons and halves (winter runs into the next year).
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_GRANULARITY_RANK = {
    dates.DAY: 0,
    dates.WEEK: 1,
    "weekend": 1,
    dates.MONTH: 2,
    dates.QUARTER: 3,
    dates.YEAR: 4,
    dates.DECADE: 5,
    dates.CENTURY: 6,
}


@dataclass(frozen=True)
class Point:
    """A resolved calendar unit: its first day, its granularity, and the timex it came from."""

    date: dt.date
    granularity: str
    timex_id: str


@dataclass(frozen=True)
class Context:
    """What the sentence around an expression tells about its time."""

    tense: Tense = field(default_factory=Tense)
    # An explicit date that sets the scene of the sentence ("In 2015, ..."): its year dates
    # the sentence's underspecified days.
    scene: Point | None = None
    # The last date resolved earlier in the same sentence: "sales in October rose from a year
    # earlier" compares with October a year before.
    last_in_sentence: Point | None = None
    # The date of the embedded post the expression is in; replaces the publication date.
    own_date: Point | None = None


@dataclass(frozen=True)
class Resolution:
    value: str | None
    anchor: str | None


_POINT_FORMATS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(\d{4})-(\d\d)-(\d\d)"), dates.DAY),
    (re.compile(r"^(\d{4})-(\d\d)$"), dates.MONTH),
    (re.compile(r"^(\d{4})-Q([1-4])$"), dates.QUARTER),
    (re.compile(r"^(\d{4})-W(\d\d)"), dates.WEEK),
    (re.compile(r"^(\d{4})(?:-(?:SP|SU|FA|WI|H[12]))?$"), dates.YEAR),
]


def point_of(value: str | None, timex_id: str) -> Point | None:
    """The calendar unit an ISO-TimeML date value names, if it names one."""
    if value is None:
        return None
    for pattern, granularity in _POINT_FORMATS:
        match = pattern.match(value)
        if not match:
            continue
        year = int(match[1])
        if granularity == dates.DAY:
            day = dates.safe_date(year, int(match[2]), int(match[3]))
            return None if day is None else Point(day, granularity, timex_id)
        if granularity == dates.MONTH:
            return Point(dt.date(year, int(match[2]), 1), granularity, timex_id)
        if granularity == dates.QUARTER:
            return Point(dt.date(year, 3 * int(match[2]) - 2, 1), granularity, timex_id)
        if granularity == dates.WEEK:
            return Point(dt.date.fromisocalendar(year, int(match[2]), 1), granularity, timex_id)
        return Point(dt.date(year, 1, 1), granularity, timex_id)
    return None


def _month_range(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    start = dates.add_months(dt.date(year, 1, 1), first - 1)
    end = dates.add_months(dt.date(year, 1, 1), last) - dt.timedelta(days=1)
    return start, end


def _costs(direction: int, back: int, ahead: int) -> tuple[int, int]:
    """Weigh the distances to the past and the future occurrence by the tense.

    Without a tense, news mostly reports what happened, so the past wins a near tie.
    """
    if direction == PAST:
        return back, ahead * _AGAINST_TENSE
    if direction == FUTURE:
        return back * _AGAINST_TENSE, ahead
    return back, ahead + 1


def _weighted_distance(extent: tuple[dt.date, dt.date], reference: dt.date, direction: int) -> int:
    """Days between a stretch of the calendar and the reference, weighed by the tense."""
    start, end = extent
    if start > reference:
        return _costs(direction, 0, (start - reference).days)[1]
    if end < reference:
        return _costs(direction, (reference - end).days, 0)[0]
    return 0


class Resolver:
    """Resolves the readings of one document, in text order."""

    def __init__(self, published: dt.date | None) -> None:
        self.published = published
        # What relative expressions are counted from: the publication, or for the text of an
        # embedded post, the post's own date (see `resolve`).
        self.anchor_name = PUBLICATION
        self.narrative: Point | None = None
        # The last quarter named: financial reports compare it with "a year earlier".
        self.quarter: Point | None = None

    def resolve(self, timex_id: str, reading: Reading, context: Context) -> Resolution:
        """Resolve one reading, then remember it as the narrative's latest date."""
        if context.own_date is not None:
            saved = self.published, self.anchor_name
            self.published, self.anchor_name = context.own_date.date, context.own_date.timex_id
            try:
                result = self._resolve(reading, context)
            finally:
                self.published, self.anchor_name = saved
        else:
            result = self._resolve(reading, context)
        if reading.type in ("DATE", "TIME"):
            point = point_of(result.value, timex_id)
            if point is not None:
                self.narrative = point
                # A quarter "a year earlier" is a comparison, not the quarter reported on.
                if point.granularity == dates.QUARTER and not (
                    reading.comparative or (reading.year_offset or 0) < 0
                ):
                    self.quarter = point
        return result

    def _reference(self, reading: Reading) -> tuple[dt.date | None, str | None, str | None]:
        """The reference date, the anchor to record, and its granularity."""
        if reading.reference == NARRATIVE_DAY:
            named_day = self.narrative is not None and self.narrative.granularity == dates.DAY
            # Inside an embedded post its own date wins over the article's narrative.
            if named_day and self.anchor_name == PUBLICATION and self.narrative is not None:
                return self.narrative.date, self.narrative.timex_id, dates.DAY
            if self.published is not None:
                return self.published, self.anchor_name, dates.DAY
            return None, None, None
        if reading.reference == NARRATIVE and self.narrative is not None:
            return self.narrative.date, self.narrative.timex_id, self.narrative.granularity
        if reading.reference == NARRATIVE and self.published is not None:
            # "the next day" with no date before it: the article's own day is the narrative.
            return self.published, self.anchor_name, dates.DAY
        if reading.reference == PUBLICATION and self.published is not None:
            return self.published, self.anchor_name, dates.DAY
        return None, None, None

    def _resolve(self, reading: Reading, context: Context) -> Resolution:
        tense = context.tense
        if reading.value is not None:
            anchor = self.anchor_name if reading.deictic and self.published is not None else None
            return Resolution(reading.value, anchor)
        if reading.same_as_narrative:
            return self._narrative_copy()
        if reading.comparative:
            compared = context.last_in_sentence or self.quarter
            if compared is not None:
                moved = dates.shift(compared.date, dates.YEAR, reading.offset)
                return Resolution(
                    dates.format_point(moved, compared.granularity), compared.timex_id
                )
        if reading.unit is not None:
            return self._shifted(reading, tense.direction)
        if reading.weekday is not None:
            return self._weekday(reading, tense)
        return self._calendar(reading, tense, context.scene)

    def _shifted(self, reading: Reading, tense: int) -> Resolution:
        reference, anchor, granularity = self._reference(reading)
        assert reading.unit is not None and reading.granularity is not None
        if reference is None or granularity is None:
            return Resolution(None, None)
        offset = reading.offset
        if reading.tense_shift and tense == PAST and reference.isoweekday() <= 5:
            offset -= 1
        if _GRANULARITY_RANK[granularity] > _GRANULARITY_RANK.get(reading.unit, 0):
            # "that same day" after "last October": a day of that month, but which one is not
            # known; TimeML leaves the unknown places as X.
            if reading.granularity == dates.DAY and granularity in (dates.MONTH, dates.YEAR):
                known = dates.format_point(reference, granularity)
                unknown = "-XX" if granularity == dates.MONTH else "-XX-XX"
                return Resolution(known + unknown + reading.suffix, anchor)
            return Resolution(None, None)  # "the next week" after "in 2015": nothing to count from
        moved = dates.shift(reference, reading.unit, offset)
        return Resolution(dates.format_point(moved, reading.granularity) + reading.suffix, anchor)

    def _narrative_copy(self) -> Resolution:
        if self.narrative is None:
            return Resolution("PAST_REF", None)
        point = self.narrative
        return Resolution(dates.format_point(point.date, point.granularity), point.timex_id)

    def _weekday(self, reading: Reading, tense: Tense) -> Resolution:
        # "the previous Friday" counts from the day the narrative last named.
        reference, anchor, _ = self._reference(reading)
        if reference is None or anchor is None:
            return Resolution(None, None)
        assert reading.weekday is not None
        today = reference.isoweekday()
        back = (today - reading.weekday) % 7  # days since the last such weekday (0: today)
        ahead = (reading.weekday - today) % 7
        if reading.direction < 0:
            delta = -(back or 7)
        elif reading.direction > 0:
            delta = ahead or 7
        elif tense.direct and tense.direction == PAST:
            delta = -back
        elif tense.direct and tense.direction == FUTURE:
            delta = ahead
        else:
            past_cost, future_cost = _costs(tense.direction, back, ahead)
            delta = -back if past_cost <= future_cost else ahead
        day = reference + dt.timedelta(days=delta)
        return Resolution(day.isoformat() + reading.suffix, anchor)

    def _calendar(self, reading: Reading, tense: Tense, sentence_year: Point | None) -> Resolution:
        anchor: str | None
        if reading.year is not None and reading.year_offset is None:
            return Resolution(self._calendar_value(reading, reading.year, None), None)
        if reading.year_offset is not None:
            reference, anchor, _ = self._reference(reading)
            if reference is None:
                return Resolution(None, None)
            year = (reading.year or reference.year) + reading.year_offset
            return Resolution(self._calendar_value(reading, year, reference), anchor)
        if sentence_year is not None and reading.direction == 0 and reading.quarter != 0:
            year = sentence_year.date.year
            return Resolution(self._calendar_value(reading, year, None), sentence_year.timex_id)
        if self.published is None:
            return Resolution(None, None)
        reference = self.published
        year = reference.year
        if reading.quarter == 0:
            return Resolution(
                self._calendar_value(reading, year, reference, tense.direction),
                self.anchor_name,
            )
        start, end = self._extent(reading, year)
        if (reading.quarter or reading.half) and reading.direction == 0:
            # Results are reported after a quarter ends, so "will report third-quarter
            # earnings" in October is this year's third quarter. In the past tense, or with
            # no tense, it is the latest quarter begun; in the future, this year's unless
            # that one ended long ago.
            if tense.direction == FUTURE:
                if (reference - end).days > _QUARTER_REPORTING_DAYS:
                    year += 1
            elif start > reference:
                year -= 1
            return Resolution(self._calendar_value(reading, year, reference), self.anchor_name)
        if reading.direction < 0 and end >= reference:
            year -= 1
        elif reading.direction > 0 and start <= reference:
            year += 1
        elif reading.direction == 0 and tense.direct and tense.direction == PAST:
            year -= 1 if start > reference else 0
        elif reading.direction == 0 and tense.direct and tense.direction == FUTURE:
            year += 1 if end < reference else 0
        elif reading.direction == 0:
            year = min(
                (year - 1, year, year + 1),
                key=lambda y: _weighted_distance(
                    self._extent(reading, y), reference, tense.direction
                ),
            )
        return Resolution(self._calendar_value(reading, year, reference), self.anchor_name)

    @staticmethod
    def _not_yet_ended(quarter: Point, reference: dt.date | None) -> bool:
        """Whether a quarter still runs, or lies ahead, at the reference date."""
        return reference is not None and dates.shift(quarter.date, dates.QUARTER, 1) > reference

    @staticmethod
    def _extent(reading: Reading, year: int) -> tuple[dt.date, dt.date]:
        """First and last day of the calendar position in `year`."""
        if reading.month is not None and reading.nth_weekday is not None:
            day = dates.nth_weekday(year, reading.month, *reading.nth_weekday)
            return day, day
        if reading.month is not None and reading.day is not None:
            day = dates.safe_date(year, reading.month, reading.day) or dt.date(year, 2, 28)
            return day, day
        if reading.month is not None:
            return _month_range(year, reading.month, reading.month)
        if reading.quarter:
            return _month_range(year, 3 * reading.quarter - 2, 3 * reading.quarter)
        if reading.half:
            return _month_range(year, 6 * reading.half - 5, 6 * reading.half)
        if reading.season is not None:
            return _month_range(year, *_SEASON_MONTHS[reading.season])
        return dt.date(year, 1, 1), dt.date(year, 12, 31)

    def _calendar_value(
        self, reading: Reading, year: int, reference: dt.date | None, tense: int = 0
    ) -> str:
        # A calendar reading at week granularity is the week around its day ("the week of
        # March 6", "the first week of March").
        granularity = dates.WEEK if reading.granularity == dates.WEEK else dates.DAY
        if reading.month is not None and reading.nth_weekday is not None:
            day = dates.nth_weekday(year, reading.month, *reading.nth_weekday)
            return dates.format_point(day, granularity)
        if reading.month is not None and reading.day is not None:
            if granularity == dates.WEEK:
                start, _ = self._extent(reading, year)
                return dates.format_point(start, granularity)
            return f"{year:04d}-{reading.month:02d}-{reading.day:02d}{reading.suffix}"
        if reading.month is not None:
            return f"{year:04d}-{reading.month:02d}"
        if (
            reading.quarter == 0
            and reading.year_offset is None
            and self.quarter is not None
            and not (reading.direction < 0 and self._not_yet_ended(self.quarter, reference))
        ):
            # "the quarter" after "third-quarter profit rose": the quarter just named. "The
            # latest quarter" is one already over, so not "a fourth-quarter charge" to come.
            return dates.format_point(self.quarter.date, dates.QUARTER)
        if reading.quarter == 0:
            # The quarter a report is about: the one just ended when it speaks of the past.
            base = dt.date(year, reference.month if reference else 1, 1)
            if reading.direction < 0 or tense == PAST:
                base = dates.shift(base, dates.QUARTER, -1)
            return dates.format_point(base, dates.QUARTER)
        if reading.quarter:
            return f"{year:04d}-Q{reading.quarter}"
        if reading.half:
            return f"{year:04d}-H{reading.half}"
        if reading.season is not None:
            return f"{year:04d}-{reading.season}"
        return f"{year:04d}"
