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

_SPOKEN_ORDINALS = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth",
]  # fmt: skip
# A day of the month in words, as spoken news says it: "March eighth", "May twenty-first".
SPOKEN_DAY_RE = (
    r"(?:(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    rf"|thirtieth|{'|'.join(_SPOKEN_ORDINALS)})(?![\w-])"
)

YEAR_RE = r"(?<![\d$.,])(?:1[5-9]\d\d|20\d\d)(?![\d,]\d)"

# The last two digits of a year said in words: "ninety-six" in "nineteen ninety-six".
_SPELLED_TENS_RE = (
    r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|hundred)"
)

# A year said in words, as spoken news gives it: "nineteen ninety-six", "two thousand and one".
SPELLED_YEAR_RE = (
    rf"(?:(?:nineteen|twenty)[- ]{_SPELLED_TENS_RE}"
    r"|two\s+thousand(?:\s+and\s+(?:one|two|three|four|five|six|seven|eight|nine|ten))?)"
)


def spelled_year(words: str) -> int | None:
    """The year that SPELLED_YEAR_RE matched: 1996 for "nineteen ninety-six"."""
    text = " ".join(words.lower().replace("-", " ").split())
    if text.startswith("two thousand"):
        rest = text.removeprefix("two thousand").removeprefix(" and")
        below = words_to_number(rest) if rest.strip() else 0
        return None if below is None else 2000 + int(below)
    century, _, rest = text.partition(" ")
    below = 0 if rest == "hundred" else words_to_number(rest)
    if below is None:
        return None
    return (19 if century == "nineteen" else 20) * 100 + int(below)


def year_of(match: re.Match[str]) -> int | None:
    """The year a calendar pattern names, in digits (`year`) or in words (`spoken`)."""
    groups = match.groupdict()
    if groups.get("year"):
        return int(groups["year"])
    if groups.get("spoken"):
        return spelled_year(groups["spoken"])
    return None


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
    if word[0].isdigit():
        return int(re.sub(r"\D", "", word))
    tens, _, ones = word.lower().replace("-", " ").rpartition(" ")
    if ones == "thirtieth":
        return 30
    return {"": 0, "twenty": 20, "thirty": 30}[tens] + _SPOKEN_ORDINALS.index(ones) + 1


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
    if amount != int(amount) and letter == "M" and is_time:
        whole, seconds = int(amount), round((amount - int(amount)) * 60)
        return f"PT{whole}M{seconds}S" if whole else f"PT{seconds}S"
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
