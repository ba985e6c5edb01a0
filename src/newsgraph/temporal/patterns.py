"""Every surface pattern of a temporal expression, in the order that settles ties.

Each `Pattern` is a regular expression over the raw text and a function turning its match into
a `Reading`, or None when the match turns out not to be temporal. Patterns may overlap; the
finder keeps the longest match, and among equally long ones the pattern listed first.
"""

from __future__ import annotations

from newsgraph.temporal.calendar_patterns import (
    CENTURY,
    DAY_MONTH,
    DECADE,
    DECADE_WORD,
    HOLIDAY,
    MONTH,
    MONTH_DAY,
    MONTH_SECOND_DAY,
    MONTH_YEAR,
    NUMERIC_DATE,
    QUARTER,
    SEASON,
    SPELLED_YEAR,
    WEEK_OF,
    YEAR,
    YEAR_MONTH,
)
from newsgraph.temporal.duration_patterns import DURATION, PLURAL_SPAN, SET
from newsgraph.temporal.grammar import Pattern
from newsgraph.temporal.relative_patterns import (
    AGO,
    CLOCK,
    DAY_PART,
    DEFINITE_UNIT,
    DEICTIC_DAY,
    MID_DAY_PART,
    NARRATIVE_TIME,
    RELATIVE,
    UNIT_EDGE,
    VAGUE,
    WEEKDAY,
    YEAR_AGO,
)

__all__ = [
    "AGO",
    "CLOCK",
    "DURATION",
    "MONTH",
    "MONTH_SECOND_DAY",
    "PATTERNS",
    "PLURAL_SPAN",
    "RELATIVE",
    "SPELLED_YEAR",
    "VAGUE",
    "WEEKDAY",
    "YEAR",
    "Pattern",
]

# Every pattern, most specific first: among candidates of equal length the earlier one wins.
PATTERNS: tuple[Pattern, ...] = (
    NUMERIC_DATE,
    WEEK_OF,
    MONTH_DAY,
    MONTH_SECOND_DAY,
    DAY_MONTH,
    MONTH_YEAR,
    YEAR_MONTH,
    SEASON,
    HOLIDAY,
    CLOCK,
    QUARTER,
    AGO,
    YEAR_AGO,
    SET,
    RELATIVE,
    UNIT_EDGE,
    DEFINITE_UNIT,
    DEICTIC_DAY,
    DAY_PART,
    MID_DAY_PART,
    WEEKDAY,
    DURATION,
    PLURAL_SPAN,
    DECADE,
    DECADE_WORD,
    CENTURY,
    SPELLED_YEAR,
    MONTH,
    YEAR,
    VAGUE,
    NARRATIVE_TIME,
)
