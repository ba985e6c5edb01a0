"""Patterns counted from a reference: weekdays, today, last year, three days ago, clock times,
vague references (now, recently) and anaphora (that year, at the time)."""

from __future__ import annotations

import re

from newsgraph.temporal import dates
from newsgraph.temporal.grammar import (
    APPROX_RE,
    DAY_NUMBER_RE,
    DAY_PART_RE,
    DEICTIC_DAYS,
    MONTH_ANY_RE,
    RELATIVE_UNITS,
    SEASON_RE,
    UNIT_PLURAL_RE,
    UNIT_RE,
    WEEKDAY_RE,
    Pattern,
    amount_of,
    compile_pattern,
    day_number,
    direction_of,
    duration_value,
    month_number,
    part_suffix,
    unit_key,
)
from newsgraph.temporal.lexicon import (
    NUMBER_PATTERN,
    SEASONS,
    VAGUE_PATTERN,
    WEEKDAYS,
)
from newsgraph.temporal.readings import NARRATIVE, NARRATIVE_DAY, PUBLICATION, Reading


def _read_weekday(match: re.Match[str]) -> Reading | None:
    relation = (match["rel"] or "").lower()
    part = match["part"]
    if match["plural"] or match["parts"]:
        # "on Mondays", "Tuesday nights": every such day
        day = WEEKDAYS[match["wd"].lower()]
        return Reading(type="SET", value=f"XXXX-WXX-{day}{part_suffix(part)}")
    return Reading(
        type="TIME" if part else "DATE",
        weekday=WEEKDAYS[match["wd"].lower()],
        direction=direction_of(relation.split()[-1] if relation else None),
        reference=NARRATIVE if relation.startswith("the") else PUBLICATION,
        suffix=part_suffix(part),
    )


WEEKDAY = Pattern(
    "weekday",
    compile_pattern(
        r"(?:(?P<rel>last|next|this(?:\s+coming|\s+past)?|coming|past"
        r"|the\s+(?:previous|prior|following))\s+|(?:early|late)\s+)?"
        rf"(?P<wd>{WEEKDAY_RE})(?P<plural>s)?(?:\s+(?P<part>{DAY_PART_RE})(?P<parts>s)?)?"
    ),
    _read_weekday,
)


def _read_deictic_day(match: re.Match[str]) -> Reading | None:
    word = match["word"].lower()
    part = "night" if word == "tonight" else match["part"] or match["before"]
    return Reading(
        type="TIME" if part else "DATE",
        unit=dates.DAY,
        offset=DEICTIC_DAYS[word],
        granularity=dates.DAY,
        suffix=part_suffix(part),
    )


DEICTIC_DAY = Pattern(
    "deictic-day",
    compile_pattern(
        # "mid-afternoon yesterday": the part of the day may come first
        rf"(?:(?:early|late|mid)[- ]?(?P<before>{DAY_PART_RE})\s+|(?:early|late)\s+)?"
        rf"(?P<word>today|tonight|yesterday|tomorrow)(?:\s+(?P<part>{DAY_PART_RE}))?"
    ),
    _read_deictic_day,
)


def _read_day_part(match: re.Match[str]) -> Reading | None:
    relation = match["rel"].lower()
    part = match["part"].lower()
    offset = -1 if relation == "last" else 0
    if relation == "last" and part != "night":
        return None  # "last morning" is not said of yesterday
    return Reading(
        type="TIME", unit=dates.DAY, offset=offset, granularity=dates.DAY, suffix=part_suffix(part)
    )


DAY_PART = Pattern(
    "day-part",
    compile_pattern(rf"(?:(?:early|late)\s+)?(?P<rel>this|last)\s+(?P<part>{DAY_PART_RE})"),
    _read_day_part,
)


# "By mid-afternoon, ...": a part of the day the text last named, like a bare clock time.
MID_DAY_PART = Pattern(
    "mid-day-part",
    compile_pattern(r"mid[- ]?(?P<part>morning|afternoon)"),
    lambda m: Reading(
        type="TIME",
        unit=dates.DAY,
        granularity=dates.DAY,
        suffix=part_suffix(m["part"]),
        reference=NARRATIVE_DAY,
    ),
)


_VAGUE_WORDS = {
    "now": "PRESENT_REF",
    "right now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "current": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "presently": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "the present": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "recently": "PAST_REF",
    "lately": "PAST_REF",
    "the past": "PAST_REF",
    "the future": "FUTURE_REF",
    "the near future": "FUTURE_REF",
    "the short term": "FUTURE_REF",
    "the near term": "FUTURE_REF",
    "the long term": "FUTURE_REF",
    "a later date": "FUTURE_REF",
    "recent years": "PAST_REF",
}


def _read_vague(match: re.Match[str]) -> Reading | None:
    words = " ".join(match[0].lower().split())
    return Reading(type="DATE", value=_VAGUE_WORDS[words], deictic=True)


VAGUE = Pattern(
    "vague",
    compile_pattern(
        "(?:"
        + "|".join(w.replace(" ", r"\s+") for w in sorted(_VAGUE_WORDS, key=len, reverse=True))
        + ")"
    ),
    _read_vague,
)


def _read_relative(match: re.Match[str]) -> Reading | None:
    relation = " ".join(match["rel"].lower().split())
    word = match["unit"].lower()
    the = bool(match["the"])
    relation = "same" if relation == "that same" else relation
    narrative = relation in ("that", "same") or (
        the and relation in ("next", "following", "previous", "prior")
    )
    if relation in ("this", "current", "that", "same"):
        offset = 0
    elif relation in ("last", "past", "previous", "prior", "latest"):
        offset = -1
    else:
        offset = 1
    if word == "day" and not narrative:
        return None  # "the last day", "this day" rarely name a date
    reference = NARRATIVE if narrative else PUBLICATION
    if word in SEASONS:
        code, _ = SEASONS[word]
        if offset == 0:
            return Reading(type="DATE", season=code, year_offset=0, reference=reference)
        return Reading(type="DATE", season=code, direction=offset, reference=reference)
    if word in ("morning", "afternoon", "evening", "night"):
        if not narrative:
            return None
        return Reading(
            type="TIME",
            unit=dates.DAY,
            offset=offset,
            granularity=dates.DAY,
            reference=reference,
            suffix=part_suffix(word),
        )
    unit = RELATIVE_UNITS[word]
    if unit in (dates.DECADE, dates.CENTURY) and offset == -1:
        # "the past decade" is the ten years up to now, not the 2010s.
        return Reading(type="DURATION", value=duration_value(1, word), deictic=True)
    if unit == dates.QUARTER and relation == "latest":
        return Reading(type="DATE", quarter=0, direction=-1)
    return Reading(
        type="DATE",
        unit=unit if unit != "weekend" else dates.WEEK,
        offset=offset,
        granularity=unit,
        reference=reference,
        tense_shift=unit == "weekend" and offset == 0,
    )


RELATIVE = Pattern(
    "relative",
    compile_pattern(
        r"(?:(?:early|late|earlier|later)\s+|(?:the\s+)?(?:end|beginning|start|middle|rest)\s+"
        r"of\s+)?(?P<the>the\s+)?(?P<rel>last|this|next|past|previous|coming|current|following|"
        r"same|latest|prior|upcoming|that(?:\s+same)?)\s+(?:fiscal\s+)?"
        rf"(?P<unit>day|week|weekend|month|quarter|year|decade|century|{SEASON_RE}|{DAY_PART_RE})"
        r"(?:\s+or\s+so(?![\w-]))?"
    ),
    _read_relative,
)


def _read_unit_edge(match: re.Match[str]) -> Reading | None:
    word = (match["unit"] or match["unit2"]).lower()
    unit = RELATIVE_UNITS[word]
    return Reading(type="DATE", unit=unit, offset=0, granularity=unit)


UNIT_EDGE = Pattern(
    "unit-edge",
    compile_pattern(
        r"(?:(?:the\s+)?(?:end|beginning|start|middle|turn)\s+of\s+the\s+"
        r"(?P<unit>year|month|week|decade|century)|(?P<unit2>year)(?:-|\s+|'s\s+)end)"
    ),
    _read_unit_edge,
)


def _read_ago(match: re.Match[str]) -> Reading | None:
    direction = " ".join(match["dir"].lower().split())
    before = direction in ("ago", "earlier", "back")
    unit = unit_key(match["unit"])
    amount = amount_of(match["num"])
    if direction == "earlier" and not (unit == "year" and amount == 1):
        return None  # "two days earlier": a duration before an event, found as a duration
    if amount is None or amount != int(amount):
        return Reading(type="DATE", value="PAST_REF" if before else "FUTURE_REF", deictic=True)
    granularity = {
        "second": dates.DAY,
        "minute": dates.DAY,
        "hour": dates.DAY,
        "night": dates.DAY,
        "fortnight": dates.DAY,
        "weekend": dates.WEEK,
        "decade": dates.YEAR,
        "century": dates.YEAR,
    }.get(unit, unit)
    shift_unit = granularity if unit not in ("decade", "century") else unit
    if unit == "fortnight":
        shift_unit, amount = dates.WEEK, amount * 2
    if unit in ("second", "minute", "hour"):
        amount = 0  # within the day of the reference; the day is what we can vouch for
    sign = -1 if before else 1
    return Reading(
        type="DATE",
        unit=shift_unit,
        offset=sign * int(amount),
        granularity=granularity,
        reference=PUBLICATION,
        comparative=unit == "year" and amount == 1 and before,
    )


# Only words that count from the time of writing belong to the expression. "Later", "after"
# and "before" relate a stretch of time to another event ("three days later"): TimeML marks the
# stretch alone, as a duration, and leaves the word as a signal. "A year earlier" beside
# figures is the exception: the comparison period, a date.
AGO = Pattern(
    "ago",
    compile_pattern(
        rf"(?:{APPROX_RE}\s+)?(?:(?P<num>{NUMBER_PATTERN}|{VAGUE_PATTERN})\s+)?"
        rf"(?P<unit>{UNIT_RE}|{UNIT_PLURAL_RE})(?:\s+or\s+so)?\s+"
        r"(?P<dir>ago|earlier|back|from\s+now|hence)"
    ),
    _read_ago,
)


YEAR_AGO = Pattern(
    "year-ago",
    compile_pattern(r"year[- ](?:earlier|ago)"),
    lambda m: Reading(
        type="DATE", unit=dates.YEAR, offset=-1, granularity=dates.YEAR, comparative=True
    ),
)


def _read_definite_unit(match: re.Match[str]) -> Reading | None:
    unit = match["unit"].lower()
    if re.match(r"\s+(?:that\s+)?(?:ended|ending|ends)\b", match.string[match.end() :]):
        # "the year ended Sept. 30": a twelve-month period of accounts, not a calendar year
        return Reading(type="DURATION", value=duration_value(1, unit))
    if unit == "weekend":
        return Reading(
            type="DATE", unit=dates.WEEK, offset=0, granularity="weekend", tense_shift=True
        )
    granularity = dates.YEAR if unit == "year" else dates.WEEK
    return Reading(type="DATE", unit=granularity, offset=0, granularity=granularity)


# "the year", "the week", "the weekend": in news, the current one.
DEFINITE_UNIT = Pattern(
    "definite-unit",
    compile_pattern(r"the\s+(?:(?:full|fiscal|entire|whole)\s+)?(?P<unit>year|week|weekend)"),
    _read_definite_unit,
)


def _read_clock(match: re.Match[str]) -> Reading | None:
    if match["part"]:
        # "4 in the morning" is 04:00, "8 in the evening" 20:00, "11 at night" 23:00
        evening = match["part"].lower() in ("afternoon", "evening") or (
            match["part"].lower() == "night" and int(match["h"]) >= 6
        )
        hour = int(match["h"]) % 12 + (12 if evening else 0)
        minute = int(match["m"] or 0)
        return _clock_reading(match, f"{hour:02d}:{minute:02d}")
    if match["word"]:
        clock = "24:00" if match["word"].lower() == "midnight" else "12:00"
    else:
        hour = int(match["h"] or match["h24"])
        minute = int(match["m"] or match["m24"] or 0)
        meridiem = (match["ampm"] or "").lower()
        if meridiem.startswith("p") and hour < 12:
            hour += 12
        elif meridiem.startswith("a") and hour == 12:
            hour = 0
        if hour > 24 or minute > 59:
            return None
        clock = f"{hour:02d}:{minute:02d}"
    return _clock_reading(match, clock)


def _clock_reading(match: re.Match[str], clock: str) -> Reading | None:
    """The reading of a clock time, on the day the match names or the text last named."""
    if match["mon"]:
        # "until 5 p.m. EST, Nov. 6": the clock time of a named day, dated like the day.
        month, day = month_number(match["mon"]), day_number(match["day"])
        if dates.safe_date(2000, month, day) is None:
            return None
        return Reading(type="TIME", month=month, day=day, suffix=f"T{clock}")
    weekday = WEEKDAYS[match["wd"].lower()] if match["wd"] else None
    if weekday is not None:
        return Reading(type="TIME", weekday=weekday, suffix=f"T{clock}")
    deictic = (match["deictic"] or "").lower()
    return Reading(
        type="TIME",
        unit=dates.DAY,
        offset=DEICTIC_DAYS.get(deictic, 0),
        granularity=dates.DAY,
        suffix=f"T{clock}",
        # A bare clock time is on the day the text last named.
        reference=PUBLICATION if deictic else NARRATIVE_DAY,
    )


CLOCK = Pattern(
    "clock",
    compile_pattern(
        r"(?:(?P<h>1[0-2]|0?[1-9])(?::(?P<m>[0-5]\d))?\s*(?P<ampm>a\.m\.?|p\.m\.?|am|pm"
        r"|in\s+the\s+(?P<part>morning|afternoon|evening|night))"
        r"|(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?!\d)(?:\s*(?:GMT|UTC|hours|hrs))?"
        # "High Noon" and "at high noon" name a showdown, not a time of day.
        r"|(?<!\bhigh\s)(?P<word>noon|midday|midnight))(?:\s+(?-i:[ECMP][SD]T|GMT|UTC))?"
        rf"(?:\s+(?:on\s+)?(?:(?P<wd>{WEEKDAY_RE})|(?P<deictic>today|tomorrow|yesterday))"
        rf"|,?\s+(?:on\s+)?(?P<mon>{MONTH_ANY_RE})\s+(?P<day>{DAY_NUMBER_RE}))?"
    ),
    _read_clock,
)

# "at the time" and "since then" point back at the last time the text named.
NARRATIVE_TIME = Pattern(
    "narrative-time",
    compile_pattern(
        r"(?:(?<=\bat\s)the\s+time(?!\s+(?:of|when|that|to|being|it|we|he|she|they|I)\b)"
        r"|(?<=\bsince\s)then)"
    ),
    lambda m: Reading(type="DATE", reference=NARRATIVE, same_as_narrative=True),
)
