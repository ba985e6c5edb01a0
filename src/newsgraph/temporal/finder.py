"""Find temporal expressions: run the patterns, drop look-alikes by the parse, settle overlaps."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from newsgraph.temporal.patterns import (
    AGO,
    CLOCK,
    DURATION,
    MONTH,
    MONTH_SECOND_DAY,
    PATTERNS,
    PLURAL_SPAN,
    RELATIVE,
    SPELLED_YEAR,
    VAGUE,
    WEEKDAY,
    YEAR,
    Pattern,
)
from newsgraph.temporal.readings import Reading

# spaCy entity labels under which a look-alike is a name or an amount, not a time:
# "Sunday Times", "April Ryan", "Christmas Island", "2000 people".
_NAME_LABELS = {"PERSON", "ORG", "FAC", "PRODUCT", "WORK_OF_ART", "GPE", "LOC", "LAW"}
_AMOUNT_LABELS = {"MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
# Words before a bare "a year" that make it a stretch of time rather than a rate ("$5 a year").
_DURATION_LEADS = {
    "for", "in", "within", "over", "after", "than", "about", "nearly", "almost", "only",
    "just", "past", "lasting", "least", "spent", "took", "take", "takes", "under", "around",
}  # fmt: skip
# Words before a capitalised "May" that make it the month: "in May", "since May", "last May".
_MONTH_LEADS = {
    "in", "on", "since", "until", "till", "by", "from", "through", "to", "of", "last", "next",
    "this", "early", "late", "mid", "before", "after", "during", "and", "or", "between",
}  # fmt: skip
# Words before "4 in the morning" that make the number a time of day, not a count.
_CLOCK_LEADS = {"at", "by", "until", "till", "before", "after", "around", "about", "from", "to"}
_WORD = re.compile(r"[\w']+")
# A word after "a day" that relates it to an event: "a day later" is a stretch, not a rate.
_SIGNAL_AFTER = re.compile(r"\s+(?:later|earlier|after|before)\b", re.IGNORECASE)
# Patterns of words written in lower case inside a sentence, so that title case marks a name.
_LOWERCASE_PATTERNS = {pattern.name for pattern in (DURATION, RELATIVE, VAGUE, AGO, PLURAL_SPAN)}


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    reading: Reading
    pattern: str


def _previous_word(text: str, start: int) -> str:
    words = _WORD.findall(text[max(0, start - 30) : start])
    return words[-1].lower() if words else ""


class Finder:
    """Finds the temporal expressions of one parsed text."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.text: str = doc.text
        # Character offset -> the token starting there, for its tag.
        self.tokens: dict[int, Any] = {token.idx: token for token in doc}

    def find(self) -> list[Candidate]:
        found: list[tuple[int, int, int, Candidate]] = []
        for priority, pattern in enumerate(PATTERNS):
            for match in pattern.regex.finditer(self.text):
                start, end = self._trim(pattern.start(match), match.end())
                if start >= end:
                    continue
                reading = pattern.read(match)
                if reading is None or not self._plausible(pattern, start, end, match):
                    continue
                found.append(
                    (-(end - start), priority, start, Candidate(start, end, reading, pattern.name))
                )
        found.sort(key=lambda item: item[:3])
        # Longest first; kept spans never overlap, so sorted by start they are sorted by end
        # too, and one neighbour on each side decides whether a new span fits.
        starts: list[int] = []
        taken: list[Candidate] = []
        for _, _, _, candidate in found:
            index = bisect.bisect_left(starts, candidate.start)
            if index > 0 and taken[index - 1].end > candidate.start:
                continue
            if index < len(taken) and taken[index].start < candidate.end:
                continue
            starts.insert(index, candidate.start)
            taken.insert(index, candidate)
        return taken

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        while end > start and self.text[end - 1] in " \t\n-":
            end -= 1
        return start, end

    def _token_at(self, offset: int) -> Any | None:
        return self.tokens.get(offset)

    def _plausible(self, pattern: Pattern, start: int, end: int, match: re.Match[str]) -> bool:
        first = self._token_at(start)
        labels = set()
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            labels = {token.ent_type_ for token in span}
        if labels and labels <= _NAME_LABELS:
            return False
        if (
            (pattern is YEAR or pattern is SPELLED_YEAR)
            and labels & _AMOUNT_LABELS
            and "DATE" not in labels
        ):
            return False
        if pattern is MONTH and first is not None:
            if first.tag_ == "MD" or first.tag_.startswith("VB"):
                return False
            bare_may = match["mon"] == "May" and match.start("mon") == start
            if bare_may and _previous_word(self.text, start) not in _MONTH_LEADS:
                return False
        if pattern.name in _LOWERCASE_PATTERNS and self._names_something(start, end):
            return False
        if (
            pattern is MONTH_SECOND_DAY
            and first is not None
            and first.dep_ == "nummod"
            and first.head.i > first.i
        ):
            return False  # "talks ended May 5, and 6 delegates left": a count of the noun after it
        if (
            pattern is CLOCK
            and match["part"]
            and _previous_word(self.text, start) not in _CLOCK_LEADS
        ):
            return False
        if pattern is WEEKDAY and self._names_a_paper(start, end):
            return False
        if pattern is DURATION and re.fullmatch(r"an?\s+\w+", match[0], re.IGNORECASE):
            return (
                _previous_word(self.text, start) in _DURATION_LEADS
                or _SIGNAL_AFTER.match(self.text, end) is not None
            )
        if pattern is VAGUE and match[0].lower() == "current":
            # "current" the adjective of time, not the noun ("the current of the river")
            return first is not None and first.tag_ in ("JJ", "RB")
        return True

    def _names_something(self, start: int, end: int) -> bool:
        """Title case inside a sentence makes a name: "the Six-Day War", "60 Minutes", "This
        Week"; so does an expression capitalised throughout before a capitalised word at a
        sentence start ("This Week With ...", but not "Last week Control Data reported")."""
        words = [word for word in _WORD.findall(self.text[start:end]) if word[0].isalpha()]
        first = self._token_at(start)
        inside_sentence = first is not None and not first.is_sent_start
        if words and inside_sentence and all(word[0].isupper() for word in words):
            return True
        if not self.text[start].isupper():
            return False
        if not all(word[0].isupper() for word in words):
            return False
        following = _WORD.match(self.text, end + 1) if end < len(self.text) else None
        if following is None or self.text[end] != " ":
            return False
        return following.group()[0].isupper()

    def _names_a_paper(self, start: int, end: int) -> bool:
        """ "the Sunday Times", "the Sunday Telegraph": the weekday begins a title."""
        if _previous_word(self.text, start) != "the" or self.text[end : end + 1] != " ":
            return False
        following = _WORD.match(self.text, end + 1)
        return following is not None and following.group()[0].isupper()
