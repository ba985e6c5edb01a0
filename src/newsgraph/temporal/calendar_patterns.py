"""Patterns of calendar positions: dates, months, years, decades, quarters, seasons, holidays."""

from __future__ import annotations

import re
from dataclasses import replace

from newsgraph.temporal import dates
from newsgraph.temporal.grammar import (
    DAY_NUMBER_RE,
    EDGE_RE,
    MONTH_ANY_RE,
    MONTH_FULL_RE,
    SEASON_RE,
    SPELLED_YEAR_RE,
    SPOKEN_DAY_RE,
    WEEKDAY_RE,
    YEAR_RE,
    YEAR_RELATION_RE,
    Pattern,
    compile_pattern,
    day_number,
    direction_of,
    month_number,
    spelled_year,
    year_of,
    year_reference,
)
from newsgraph.temporal.lexicon import (
    ORDINALS,
    SEASONS,
)
from newsgraph.temporal.readings import Reading


def _read_month_day(match: re.Match[str]) -> Reading | None:
    month, day = month_number(match["mon"]), day_number(match["day"])
    if dates.safe_date(2000, month, day) is None:
        return None
    year = int(match["year"]) if match["year"] else None
    year_offset, reference = year_reference(match["rel"])
    return Reading(
        type="DATE", month=month, day=day, year=year, year_offset=year_offset, reference=reference
    )


MONTH_DAY = Pattern(
    "month-day",
    compile_pattern(
        rf"(?:{WEEKDAY_RE},?\s+)?(?P<mon>{MONTH_ANY_RE})\s+(?P<day>{DAY_NUMBER_RE}|{SPOKEN_DAY_RE})"
        rf"(?:(?:,\s*|\s+)(?P<year>{YEAR_RE})|\s+of\s+(?P<rel>{YEAR_RELATION_RE})\s+year)?"
    ),
    _read_month_day,
)

# "on April 24 and 25": the second day is a date of its own, in the month named before it.
MONTH_SECOND_DAY = Pattern(
    "month-second-day",
    compile_pattern(
        rf"(?P<mon>{MONTH_ANY_RE})\s+{DAY_NUMBER_RE},?\s+(?:and|or|&)\s+(?P<day>{DAY_NUMBER_RE})"
        rf"(?!\s*(?:%|percent\b|per\b))"
        rf"(?:,\s*(?P<year>{YEAR_RE})|\s+of\s+(?P<rel>{YEAR_RELATION_RE})\s+year)?"
    ),
    _read_month_day,
    lambda match: match.start("day"),
)

DAY_MONTH = Pattern(
    "day-month",
    compile_pattern(
        rf"(?:{WEEKDAY_RE},?\s+)?(?P<day>{DAY_NUMBER_RE})\s+(?:of\s+)?(?P<mon>{MONTH_ANY_RE})"
        rf"(?:(?:,\s*|\s+)(?P<year>{YEAR_RE})|\s+of\s+(?P<rel>{YEAR_RELATION_RE})\s+year)?"
    ),
    _read_month_day,
)


def _read_week_of(match: re.Match[str]) -> Reading | None:
    if match["day"]:
        reading = _read_month_day(match)
        return None if reading is None else replace(reading, granularity=dates.WEEK)
    # "the first week of March": a week belongs to the month that holds its Thursday, as
    # ISO weeks belong to years, so the n-th week is the one with the n-th Thursday.
    ordinal = match["nth"].lower()
    n = -1 if ordinal == "last" else ORDINALS[ordinal]
    year_offset, reference = year_reference(match["rel"])
    return Reading(
        type="DATE",
        month=month_number(match["mon"]),
        nth_weekday=(n, 4),
        granularity=dates.WEEK,
        year=int(match["year"]) if match["year"] else None,
        year_offset=year_offset,
        reference=reference,
    )


# "the week of March 6", "the first week of March": a week named by a day or a month in it.
WEEK_OF = Pattern(
    "week-of",
    compile_pattern(
        r"the\s+(?:week\s+of\s+(?=\S+\s+\d)|(?P<nth>first|second|third|fourth|last)\s+week"
        rf"\s+of\s+)(?P<mon>{MONTH_ANY_RE})(?:\s+(?P<day>{DAY_NUMBER_RE}))?"
        rf"(?:(?:,\s*|\s+)(?P<year>{YEAR_RE})|\s+of\s+(?P<rel>{YEAR_RELATION_RE})\s+year)?"
    ),
    _read_week_of,
)


def _read_month_year(match: re.Match[str]) -> Reading | None:
    month = month_number(match["mon"])
    year = year_of(match)
    if year is not None:
        return Reading(type="DATE", value=f"{year:04d}-{month:02d}")
    year_offset, reference = year_reference(match["rel"])
    return Reading(type="DATE", month=month, year_offset=year_offset, reference=reference)


MONTH_YEAR = Pattern(
    "month-year",
    compile_pattern(
        rf"(?:(?:early|mid|late)[- ]\s*|{EDGE_RE})?(?P<mon>{MONTH_ANY_RE})"
        rf"(?:,?\s+(?:of\s+)?(?P<year>{YEAR_RE})|\s+(?:of\s+)?(?P<rel>{YEAR_RELATION_RE})\s+year"
        rf"|\s+(?:of\s+)?(?P<spoken>{SPELLED_YEAR_RE})(?![\w-]))"
    ),
    _read_month_year,
)

YEAR_MONTH = Pattern(
    "year-month",
    compile_pattern(rf"(?P<year>{YEAR_RE})\s+(?P<mon>{MONTH_FULL_RE})(?!\s+\d)"),
    _read_month_year,
)


def _read_month(match: re.Match[str]) -> Reading | None:
    relation = (match["rel"] or "").lower()
    if relation == "this":
        return Reading(type="DATE", month=month_number(match["mon"]), year_offset=0)
    return Reading(type="DATE", month=month_number(match["mon"]), direction=direction_of(relation))


MONTH = Pattern(
    "month",
    compile_pattern(
        rf"(?:(?P<rel>last|this|next|past|coming)\s+|(?:early|mid|late|earlier\s+this|"
        rf"later\s+this)[- ]\s*|{EDGE_RE})?(?P<mon>{MONTH_FULL_RE})"
    ),
    _read_month,
)


def _read_numeric_date(match: re.Match[str]) -> Reading | None:
    if match["iy"]:
        year, month, day = int(match["iy"]), int(match["im"]), int(match["id"])
    else:
        year, month, day = int(match["uy"]), int(match["um"]), int(match["ud"])
        if year < 100:
            year += 1900 if year >= 50 else 2000
    date = dates.safe_date(year, month, day)
    return None if date is None else Reading(type="DATE", value=date.isoformat())


NUMERIC_DATE = Pattern(
    "numeric-date",
    compile_pattern(
        r"(?:(?P<iy>(?:19|20)\d\d)-(?P<im>0[1-9]|1[0-2])-(?P<id>[0-3]\d)"
        r"|(?P<um>1[0-2]|0?[1-9])/(?P<ud>3[01]|[12]\d|0?[1-9])/(?P<uy>(?:19|20)?\d\d))"
    ),
    _read_numeric_date,
)


def _read_year(match: re.Match[str]) -> Reading | None:
    return Reading(type="DATE", value=f"{int(match['year']):04d}")


YEAR = Pattern(
    "year",
    compile_pattern(
        rf"(?:fiscal(?:\s+year)?\s+|(?:early|mid|late)[- ]\s*|the\s+year\s+|{EDGE_RE})?"
        rf"(?P<year>{YEAR_RE})"
        r"(?!\s*(?:%|percent|per\s+cent))"
    ),
    _read_year,
)


def _read_spelled_year(match: re.Match[str]) -> Reading | None:
    year = spelled_year(match["named"] or match["bare"])
    return None if year is None else Reading(type="DATE", value=f"{year:04d}")


SPELLED_YEAR = Pattern(
    "spelled-year",
    compile_pattern(
        # After "the year" the words can only be a year: "by the year two thousand has ...".
        rf"(?:the\s+year\s+(?P<named>{SPELLED_YEAR_RE})(?![\w-])"
        # "nineteen ninety-six on a technicality", but not "twenty-five years", and a bare
        # "two thousand" only where no noun follows ("two thousand people")
        rf"|(?P<bare>{SPELLED_YEAR_RE})(?![\w-]|\s+(?:years?|months?|weeks?|days?|hours?"
        r"|minutes?|people|percent|times|of|dollars|and|or|to)\b)(?!(?<=thousand)\s+[a-z]))"
    ),
    _read_spelled_year,
)


def _read_decade(match: re.Match[str]) -> Reading | None:
    if match["decade"]:
        return Reading(type="DATE", value=match["decade"][:3])
    return Reading(type="DATE", value=f"19{match['short'][0]}")


DECADE = Pattern(
    "decade",
    compile_pattern(
        r"(?:the\s+)?(?:(?:early|mid|late)[- ]\s*)?"
        r"(?:(?P<decade>1[5-9]\d0|20\d0)|'(?P<short>\d0))'?s"
    ),
    _read_decade,
)


_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}  # fmt: skip


def _read_decade_word(match: re.Match[str]) -> Reading | None:
    return Reading(type="DATE", value=f"19{_DECADE_WORDS[match['decade'].lower()]}")


# "the nineties": only with the article, so "in her sixties" (an age) is left alone.
DECADE_WORD = Pattern(
    "decade-word",
    compile_pattern(
        r"the\s+(?:(?:early|mid|late)[- ]\s*)?(?:nineteen[- ])?"
        rf"(?P<decade>{'|'.join(_DECADE_WORDS)})"
    ),
    _read_decade_word,
)


def _read_century(match: re.Match[str]) -> Reading | None:
    number = int(match["n"])
    return None if not 1 <= number <= 21 else Reading(type="DATE", value=f"{number - 1:02d}")


CENTURY = Pattern(
    "century",
    compile_pattern(
        r"(?:the\s+)?(?:(?:early|mid|late)[- ]\s*)?(?P<n>\d{1,2})(?:st|nd|rd|th)[- ]century"
    ),
    _read_century,
)


def _read_quarter(match: re.Match[str]) -> Reading | None:
    relation = (match["rel"] or "").lower().replace("-", " ")
    ordinal = (match["ord"] or "").lower()
    number = ORDINALS.get(ordinal)
    kind = match["kind"].lower()
    year = int(match["year"]) if match["year"] else None
    if ordinal == "last":
        # "the last half of 1989", "the last quarter of 1989"; without a year "last quarter"
        # is the one before the current, read by the relative pattern.
        if kind == "period" or (year is None and not match["year1"] and not match["yrel"]):
            return None
        number = 2 if kind == "half" else 4
    year_shift = -1 if relation in ("year ago", "year earlier") else None
    if kind == "period" and not relation:
        return None
    if kind == "half":
        if number not in (1, 2):
            return None
        return Reading(type="DATE", half=number, year=year, year_offset=year_shift)
    if number is None and match["year1"]:
        return Reading(type="DATE", quarter=0, year=int(match["year1"]), year_offset=0)
    if number is None and kind == "quarter" and relation == "current":
        return Reading(type="DATE", unit=dates.QUARTER, offset=0, granularity=dates.QUARTER)
    if number is None:
        # "the quarter", "the latest quarter": the quarter the article reports on.
        if year_shift is not None:
            return Reading(type="DATE", quarter=0, year_offset=-1, direction=-1)
        recent = relation in ("latest", "recent")
        return Reading(type="DATE", quarter=0, direction=-1 if recent else 0)
    return Reading(type="DATE", quarter=number, year=year, year_offset=year_shift)


def _quarter_start(match: re.Match[str]) -> int:
    """Leave the article out of an adjectival quarter: "the [third-quarter] results"."""
    adjectival = match["ord"] and "-" in match[0][match.start("ord") - match.start() :]
    if match["the"] and adjectival and not match["rel"] and not match["year1"]:
        return match.start("ord")
    return match.start()


def _read_quarter_with_year(match: re.Match[str]) -> Reading | None:
    reading = _read_quarter(match)
    if reading is not None and match["yrel"] and (reading.quarter or reading.half):
        # "next year's first quarter": the year is counted from the publication date.
        offset, _ = year_reference(match["yrel"])
        return Reading(type="DATE", quarter=reading.quarter, half=reading.half, year_offset=offset)
    if reading is not None and match["year1"] and reading.year is None and reading.quarter:
        return Reading(
            type="DATE", quarter=reading.quarter, half=reading.half, year=int(match["year1"])
        )
    return reading


QUARTER = Pattern(
    "quarter",
    compile_pattern(
        rf"(?P<the>the\s+)?(?:(?P<year1>{YEAR_RE})(?:'s)?\s+|(?P<yrel>last|this|next)\s+year['’]s\s+)?"
        r"(?:the\s+)?"
        r"(?:(?P<rel>latest|current|recent|same|year-earlier|year-ago|year\s+earlier|fiscal)\s+)?"
        r"(?:(?P<ord>first|second|third|fourth|last|1st|2nd|3rd|4th)[- ](?:fiscal[- ])?)?"
        # not "a quarter-century", "a half-point"
        r"(?P<kind>quarter|half|period)(?!-[a-z])"
        rf"(?:\s+of\s+(?P<year>{YEAR_RE}))?"
    ),
    _read_quarter_with_year,
    _quarter_start,
)


def _read_season(match: re.Match[str]) -> Reading | None:
    code, _ = SEASONS[match["season"].lower()]
    year = year_of(match)
    if year is not None:
        return Reading(type="DATE", value=f"{year:04d}-{code}")
    year_offset, reference = year_reference(match["rel"])
    return Reading(type="DATE", season=code, year_offset=year_offset, reference=reference)


SEASON = Pattern(
    "season",
    compile_pattern(
        rf"(?:(?:early|late|mid)[- ]?\s*)?(?:the\s+)?(?P<season>{SEASON_RE})(?:\s+(?:of\s+)?"
        rf"(?:(?P<year>{YEAR_RE})|(?P<spoken>{SPELLED_YEAR_RE})(?![\w-]))"
        rf"|\s+of\s+(?P<rel>{YEAR_RELATION_RE})\s+year)"
    ),
    _read_season,
)


_HOLIDAYS = {
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "halloween": (10, 31),
    "valentine's day": (2, 14),
    "independence day": (7, 4),
    "thanksgiving": (11, 0),
    "thanksgiving day": (11, 0),
}


def _read_holiday(match: re.Match[str]) -> Reading | None:
    name = " ".join(match["name"].lower().replace("’", "'").split())
    month, day = _HOLIDAYS[name]
    year = int(match["year"]) if match["year"] else None
    if day == 0:  # Thanksgiving: the fourth Thursday of November, a different day each year
        return Reading(type="DATE", month=month, nth_weekday=(4, 4), year=year)
    return Reading(type="DATE", month=month, day=day, year=year)


HOLIDAY = Pattern(
    "holiday",
    compile_pattern(
        r"(?P<name>(?-i:Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s\s+(?:Day|Eve)|Halloween|"
        r"Valentine['’]s\s+Day|Independence\s+Day|Thanksgiving(?:\s+Day)?))"
        rf"(?:,?\s+(?P<year>{YEAR_RE}))?"
    ),
    _read_holiday,
)
