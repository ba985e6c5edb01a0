"""Calendar arithmetic and ISO-TimeML formatting of points at a granularity."""

from __future__ import annotations

import datetime as dt

# Granularities a resolved point can have, coarsest last.
DAY, WEEK, MONTH, QUARTER, YEAR, DECADE, CENTURY = (
    "day",
    "week",
    "month",
    "quarter",
    "year",
    "decade",
    "century",
)


def add_months(date: dt.date, months: int) -> dt.date:
    """Shift by whole months, clamping the day to the target month's length."""
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    for day in (date.day, 30, 29, 28):
        try:
            return dt.date(year, month + 1, day)
        except ValueError:
            continue
    raise ValueError(f"cannot shift {date} by {months} months")


def shift(date: dt.date, unit: str, amount: int) -> dt.date:
    """Move a date by a number of calendar units."""
    if unit == DAY:
        return date + dt.timedelta(days=amount)
    if unit in (WEEK, "weekend"):
        return date + dt.timedelta(weeks=amount)
    if unit == MONTH:
        return add_months(date, amount)
    if unit == QUARTER:
        return add_months(date, 3 * amount)
    if unit == YEAR:
        return add_months(date, 12 * amount)
    if unit == DECADE:
        return add_months(date, 120 * amount)
    if unit == CENTURY:
        return add_months(date, 1200 * amount)
    raise ValueError(f"unknown unit {unit!r}")


def quarter_of(date: dt.date) -> int:
    return (date.month - 1) // 3 + 1


def format_point(date: dt.date, granularity: str) -> str:
    """The ISO-TimeML value of the unit containing `date`: 2025-09-15, 2025-W38, 2025-Q3 ..."""
    if granularity == DAY:
        return date.isoformat()
    if granularity == WEEK:
        year, week, _ = date.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if granularity == "weekend":
        year, week, _ = date.isocalendar()
        return f"{year:04d}-W{week:02d}-WE"
    if granularity == MONTH:
        return f"{date.year:04d}-{date.month:02d}"
    if granularity == QUARTER:
        return f"{date.year:04d}-Q{quarter_of(date)}"
    if granularity == YEAR:
        return f"{date.year:04d}"
    if granularity == DECADE:
        return f"{date.year // 10:03d}"
    if granularity == CENTURY:
        return f"{date.year // 100:02d}"
    raise ValueError(f"unknown granularity {granularity!r}")


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def nth_weekday(year: int, month: int, n: int, weekday: int) -> dt.date:
    """The n-th given weekday (1 = Monday) of a month: Thanksgiving is (11, 4, 4); n = -1 is
    the last one."""
    if n < 0:
        last = add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)
        return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
