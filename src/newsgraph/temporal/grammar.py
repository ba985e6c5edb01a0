"""Building blocks of the surface patterns: the `Pattern` type, shared regular-expression
pieces for months, weekdays, numbers and units, and the small readers they share.

Month and weekday names must be capitalised, so "may" the modal and "march" the verb never
match (a capitalised "May" at a sentence start is checked against its tag by the finder).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from newsgraph.temporal import dates
from newsgraph.temporal.lexicon import (
    DAY_PARTS,
    MONTHS,
    UNITS,
    VAGUE_PATTERN,
    words_to_number,
)
from newsgraph.temporal.readings import NARRATIVE, PUBLICATION, Reading


def whole_match(match: re.Match[str]) -> int:
    return match.start()


@dataclass(frozen=True)
class Pattern:
    name: str
    regex: re.Pattern[str]
    read: Callable[[re.Match[str]], Reading | None]
    # Where the expression starts inside the match: an article before an adjectival
    # expression ("the two-week", "the third-quarter") belongs to the noun phrase, not to it.
    start: Callable[[re.Match[str]], int] = whole_match


MONTH_FULL_RE = (
    "(?-i:January|February|March|April|May|June|July|August|September|October|November|December)"
)

MONTH_ANY_RE = (
    rf"(?:{MONTH_FULL_RE}|(?-i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
    rf"|(?-i:JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER))"
)

WEEKDAY_RE = "(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

DAY_NUMBER_RE = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"

YEAR_RE = r"(?<![\d$.,])(?:1[5-9]\d\d|20\d\d)(?![\d,]\d)"

UNIT_RE = (
    r"(?:second|minute|hour|day|night|week|weekend|fortnight|month|quarter|year|decade|century)"
)

UNIT_PLURAL_RE = (
    r"(?:seconds|minutes|hours|days|nights|weeks|months|quarters|years|decades|centuries)"
)

SEASON_RE = "(?:spring|summer|fall|autumn|winter)"

DAY_PART_RE = "(?:morning|afternoon|evening|night)"

# Approximators taken into a span ("nearly forty years", "at least 72 hours"); "about",
# "only" and "just" stay outside, as in TimeBank.
APPROX_RE = (
    r"(?:almost|nearly|more\s+than|less\s+than|fewer\s+than|over|roughly|"
    r"at\s+least|at\s+most|up\s+to|approximately|barely|well\s+over)"
)

# Words after "last/this/next ..." and their (unit, granularity) for a shifted reading.
RELATIVE_UNITS: dict[str, str] = {
    "day": dates.DAY,
    "week": dates.WEEK,
    "weekend": "weekend",
    "month": dates.MONTH,
    "quarter": dates.QUARTER,
    "year": dates.YEAR,
    "decade": dates.DECADE,
    "century": dates.CENTURY,
}


def compile_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){pattern}(?![\w])", re.IGNORECASE)


def month_number(word: str) -> int:
    key = word.lower().rstrip(".")
    return MONTHS[key] if key in MONTHS else MONTHS[key[:3]]


def day_number(word: str) -> int:
    return int(re.sub(r"\D", "", word))


def year_reference(phrase: str | None) -> tuple[int | None, str]:
    """`of last year` and kin: the year offset and what it counts from."""
    if phrase is None:
        return None, PUBLICATION
    phrase = " ".join(phrase.lower().split())
    if phrase in ("that", "the same"):
        return 0, NARRATIVE
    if phrase in ("the previous", "the prior"):
        return -1, NARRATIVE
    if phrase in ("the following", "the next"):
        return 1, NARRATIVE
    return {"last": -1, "this": 0, "next": 1}.get(phrase, 0), PUBLICATION


# "the end of", "the middle of" ...: TimeML keeps these in the span, as a modifier.
EDGE_RE = (
    r"(?:(?:the\s+)?(?:end|beginning|start|middle|turn|first\s+half|second\s+half|"
    r"last\s+half|rest)\s+of\s+)"
)

YEAR_RELATION_RE = r"last|this|next|that|the\s+same|the\s+previous|the\s+prior|the\s+following"


def direction_of(word: str | None) -> int:
    word = (word or "").lower()
    if word in ("last", "past", "previous", "prior"):
        return -1
    if word in ("next", "coming", "upcoming", "following"):
        return 1
    return 0


def part_suffix(part: str | None) -> str:
    return f"T{DAY_PARTS[part.lower()]}" if part else ""


DEICTIC_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def amount_of(words: str | None) -> float | None:
    """A number of units, or None for a vague quantity ("several", "a few", none at all)."""
    if words is None:
        return None
    if re.fullmatch(VAGUE_PATTERN, words.strip(), re.IGNORECASE):
        return None
    return words_to_number(words)


def unit_key(word: str) -> str:
    word = word.lower()
    if word == "centuries":
        return "century"
    return word[:-1] if word.endswith("s") else word


def duration_value(amount: float | None, unit_word: str) -> str:
    """ISO-8601 duration: P3Y, PT2H, P18M for one and a half years, PXY when vague."""
    unit = unit_key(unit_word)
    letter, is_time = UNITS[unit]
    if unit == "decade":
        letter, amount = "Y", None if amount is None else amount * 10
        if amount is None:
            letter = "DE"
    elif unit == "century":
        letter, amount = "Y", None if amount is None else amount * 100
        if amount is None:
            letter = "CE"
    elif unit == "fortnight":
        amount = None if amount is None else amount * 2
    elif unit == "weekend":
        letter = "WE"
    designator = "PT" if is_time else "P"
    if amount is None:
        return f"{designator}X{letter}"
    if amount != int(amount):
        smaller = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60)}
        if letter in smaller and not (letter == "M" and is_time):
            small_letter, factor = smaller[letter]
            whole = int(amount)
            rest = round((amount - whole) * factor)
            small_designator = "T" if small_letter in "HM" and letter in "DH" else ""
            if letter == "H":
                return f"PT{whole}H{rest}M" if whole else f"PT{rest}M"
            if whole:
                return f"P{whole}{letter}{small_designator}{rest}{small_letter}"
            return f"P{small_designator}{rest}{small_letter}"
    return f"{designator}{int(amount)}{letter}"
