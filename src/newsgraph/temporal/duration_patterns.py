"""Patterns of stretches and repetitions of time: durations (three years), sets (every week)."""

from __future__ import annotations

import re

from newsgraph.temporal.grammar import (
    APPROX_RE,
    DAY_PART_RE,
    MONTH_FULL_RE,
    SEASON_RE,
    UNIT_PLURAL_RE,
    UNIT_RE,
    WEEKDAY_RE,
    Pattern,
    amount_of,
    compile_pattern,
    duration_value,
    month_number,
    part_suffix,
)
from newsgraph.temporal.lexicon import (
    DAY_PARTS,
    NUMBER_PATTERN,
    SEASONS,
    VAGUE_PATTERN,
    WEEKDAYS,
)
from newsgraph.temporal.readings import Reading


def _read_duration(match: re.Match[str]) -> Reading | None:
    unit_word = match["unit"]
    words = match["num"]
    amount = amount_of(words)
    if amount is not None and amount <= 0:
        return None
    if match["range"]:
        if amount_of(match["range"].split(maxsplit=1)[1]) is None:
            return None
        # "two to three weeks": no one length, so the number is left open (PXW)
        amount = None
    if amount is not None and (match["half"] or match["unit_half"]):
        amount += 0.5
    # "three-quarters of the vote" is a fraction; "several quarters of losses" is not
    small = amount is not None and amount < 4
    quarter_of = unit_word.lower().startswith("quarter") and match.string.startswith(
        " of", match.end()
    )
    if quarter_of and small:
        return None
    if match["tail"] and match["tail"][1:].lower() == "old":
        return None  # an age ("6-year-old") is not annotated as a duration
    if re.fullmatch(r"(?:1[5-9]|20)\d\d", words) and not unit_word.lower().endswith("s"):
        return None  # "the 1988 quarter" names a quarter of 1988, not 1988 quarters
    return Reading(type="DURATION", value=duration_value(amount, unit_word))


def _duration_start(match: re.Match[str]) -> int:
    """Leave the article out of an adjectival duration: "a [two-week] visit"."""
    if match["the"] and not match["unit"].lower().endswith("s") and not match["rel"]:
        return match.start("approx") if match["approx"] else match.start("num")
    return match.start()


DURATION = Pattern(
    "duration",
    compile_pattern(
        r"(?P<the>(?:the|a|an)\s+)?(?:(?P<rel>past|last|next|first|previous|coming|final|"
        r"remaining|latest|following|initial|full|entire|whole|same|better\s+part\s+of\s+the)"
        rf"\s+)?(?P<approx>{APPROX_RE}\s+)?(?P<num>{NUMBER_PATTERN}|{VAGUE_PATTERN})"
        # a range, but not a year before "to" ("from 1989 to three years")
        rf"(?<![12]\d\d\d)(?P<range>\s+(?:to|or)\s+{NUMBER_PATTERN})?"
        rf"(?:\s+more|(?P<half>\s+and\s+a\s+half))?[\s-]+"
        # "eight trading days", "ten business days": counted days, still days
        r"(?:(?:trading|business|working|calendar)\s+)?"
        rf"(?P<unit>{UNIT_PLURAL_RE}|{UNIT_RE})"
        # "a minute and a half", "an hour and a half"
        r"(?P<unit_half>(?<=[a-z])\s+and\s+a\s+half(?![\w-]))?"
        r"(?P<tail>[- ](?:long|old))?"
        r"(?:\s+or\s+so(?![\w-]))?"  # "two years or so": TimeML keeps the hedge in the span
    ),
    _read_duration,
    _duration_start,
)


def _read_plural_span(match: re.Match[str]) -> Reading | None:
    if not (match["the"] or match["adj"] or (match["tail"] or "").lower() == "-long"):
        return None
    adjective = (match["adj"] or "").lower()
    if adjective == "recent" and match["unit"].lower() == "years":
        return Reading(type="DATE", value="PAST_REF", deictic=True)
    return Reading(type="DURATION", value=duration_value(None, match["unit"]))


PLURAL_SPAN = Pattern(
    "plural-span",
    compile_pattern(
        r"(?P<the>the\s+)?(?:(?P<adj>past|last|coming|next|recent|previous|following|"
        rf"intervening|early|final|ensuing)\s+)?(?P<unit>{UNIT_PLURAL_RE})"
        r"(?P<tail>-long|\s+(?:before|after|since|ahead|to\s+come|prior))?"
    ),
    _read_plural_span,
)


_FREQUENCY_WORDS = {
    "hourly": "PT1H",
    "daily": "P1D",
    "nightly": "P1D",
    "weekly": "P1W",
    "biweekly": "P2W",
    "monthly": "P1M",
    "annually": "P1Y",
    "yearly": "P1Y",
}


def _read_set(match: re.Match[str]) -> Reading | None:
    if match["adverb"]:
        return Reading(type="SET", value=_FREQUENCY_WORDS[match["adverb"].lower()])
    if match["mon"]:
        return Reading(type="SET", value=f"XXXX-{month_number(match['mon']):02d}")
    if match["wd"]:
        suffix = part_suffix(match["part"])
        return Reading(type="SET", value=f"XXXX-WXX-{WEEKDAYS[match['wd'].lower()]}{suffix}")
    amount = amount_of(match["num"]) if match["num"] else 1
    unit = match["unit"] or match["unit2"]
    if unit.lower() in ("morning", "afternoon", "evening", "night") and not match["num"]:
        return Reading(type="SET", value=f"XXXX-XX-XXT{DAY_PARTS[unit.lower()]}")
    if unit.lower() in SEASONS:
        return Reading(type="SET", value=f"XXXX-{SEASONS[unit.lower()][0]}")
    if amount is not None and match["other"]:
        amount *= 2
    return Reading(type="SET", value=duration_value(amount, unit))


SET = Pattern(
    "set",
    compile_pattern(
        rf"(?:(?:every|each)\s+(?P<other>other\s+)?(?:(?P<num>{NUMBER_PATTERN})\s+)?"
        rf"(?:(?P<wd>{WEEKDAY_RE})(?:\s+(?P<part>{DAY_PART_RE}))?|(?P<mon>{MONTH_FULL_RE})"
        rf"|(?P<unit>{UNIT_PLURAL_RE}|{UNIT_RE}|{DAY_PART_RE}|{SEASON_RE}))"
        r"|(?P<adverb>hourly|daily|nightly|weekly|biweekly|monthly|annually|yearly)"
        rf"|(?:once|twice|three\s+times|several\s+times)\s+(?:a|an|per|each|every)\s+"
        rf"(?P<unit2>{UNIT_RE}))"
    ),
    _read_set,
)
