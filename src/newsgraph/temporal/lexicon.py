"""Word tables for temporal expressions: months, weekdays, units, number words."""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {}
for _number, _name in enumerate(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ],
    start=1,
):
    MONTHS[_name] = _number
    MONTHS[_name[:3]] = _number
MONTHS["sept"] = 9

WEEKDAYS: dict[str, int] = {
    name: number
    for number, name in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"], start=1
    )
}

# TimeML season codes, and a month in the middle of each season for before/after comparisons.
SEASONS: dict[str, tuple[str, int]] = {
    "spring": ("SP", 4),
    "summer": ("SU", 7),
    "fall": ("FA", 10),
    "autumn": ("FA", 10),
    "winter": ("WI", 1),
}

# TimeML part-of-day codes.
DAY_PARTS: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
}

# Calendar units: (ISO-8601 duration letter, whether it follows the "T" time designator).
UNITS: dict[str, tuple[str, bool]] = {
    "second": ("S", True),
    "minute": ("M", True),
    "hour": ("H", True),
    "day": ("D", False),
    "night": ("D", False),
    "week": ("W", False),
    "weekend": ("WE", False),
    "fortnight": ("W", False),
    "month": ("M", False),
    "quarter": ("Q", False),
    "year": ("Y", False),
    "decade": ("DE", False),
    "century": ("CE", False),
}

ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}

_ONES = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# Quantities that name no exact number: their durations get the TimeML "X" (PXY).
VAGUE_QUANTITIES = ("several", "a few", "few", "many", "some", "a number of", "numerous")

_ONES_PATTERN = "|".join(sorted(_ONES, key=len, reverse=True))
_TENS_PATTERN = "|".join(_TENS)
# A cardinal in words or digits: "24", "1.5", "twenty four", "twenty-four", "a hundred".
NUMBER_PATTERN = (
    rf"(?:\d+(?:\.\d+)?(?:\s+1/2)?|(?:{_TENS_PATTERN})(?:[- ](?:{_ONES_PATTERN}))?"
    rf"|(?:{_ONES_PATTERN})(?:\s+hundred)?|(?:a|one)\s+hundred|a\s+couple\s+of|a|an|"
    rf"a\s+half)"
)
VAGUE_PATTERN = "|".join(q.replace(" ", r"\s+") for q in VAGUE_QUANTITIES)


def words_to_number(words: str) -> float | None:
    """The value of a cardinal matched by NUMBER_PATTERN; None when it names no number."""
    text = re.sub(r"\s+", " ", words.strip().lower()).replace("-", " ")
    if text in ("a", "an"):
        return 1
    if text == "a couple of":
        return 2
    if text == "a half":
        return 0.5
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    if re.fullmatch(r"\d+ 1/2", text):
        return float(text.split()[0]) + 0.5
    total = 0
    for word in text.split():
        if word in _ONES:
            total += _ONES[word]
        elif word in _TENS:
            total += _TENS[word]
        elif word == "hundred":
            total = max(total, 1) * 100
        elif word not in ("a", "and"):
            return None
    return total
