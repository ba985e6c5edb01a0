"""Datelines: "JAKARTA (Reuters) -", "SANTA FE, N.M. (AP) —", "LONDON, Sept 15 (Reuters) -".

A dateline opens the article body and says where the report was filed and, in parentheses,
which agency filed it. It is metadata, not a sentence about that place: the reader records it
(`DocumentMeta.dateline`, `dateline_place`, `dateline_credit`) and the entities stage leaves its
words out. An ordinary first sentence that starts with a capitalised word is no dateline: the
place must be in capitals, or be followed by a date or a known agency in parentheses, and the
dateline must end in a dash (or a colon after a place in capitals) before the sentence starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTH = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
    r"|January|February|March|April|June|July|August|September|October|November|December"
)
_WORD = r"[^\W\d_][\w.'’&-]*"
_DATELINE = re.compile(
    rf"""
    (?P<lead>\s*)
    (?P<place>{_WORD}(?:[ ]{_WORD}){{0,3}})
    (?:,[ ](?P<region>{_WORD}(?:[ ]{_WORD}){{0,2}}))?
    (?:,?[ ](?P<date>(?:{_MONTH})[ ]\d{{1,2}}))?
    (?:[ ]?\((?P<credit>[^()\d\n]{{2,40}})\)(?P<credited>[ ]?(?:--|[-–—_])|:)?
       |(?P<separator>[ ]?(?:--|[-–—_])|:))
    \s+(?=[^\W_a-z]|["“‘'])
    """,
    re.VERBOSE,
)
# Labels in capitals that open a text like a dateline but name no place.
_NOT_PLACES = {
    "ANALYSIS", "BREAKING", "COMMENT", "COMMENTARY", "CORRECTION", "EDITORIAL", "EXCLUSIVE",
    "FACT CHECK", "FILE", "LIVE", "NEW", "OPINION", "PHOTOS", "REVIEW", "UPDATE", "UPDATED",
    "VIDEO", "WARNING", "WATCH", "NOTE", "EDITOR'S NOTE", "EDITOR’S NOTE", "SPONSORED",
}  # fmt: skip
# First words of openings in capitals that are no place: "DEAR ABBY:", "Q:".
_NOT_FIRST_WORDS = {"DEAR", "Q", "A", "BY", "PHOTO", "READ", "SEE"}
# Agencies whose credit is enough to take a place written in title case for a dateline.
AGENCIES = {
    "AAP", "AFP", "ANI", "ANSA", "AP", "Anadolu", "Bernama", "Bloomberg", "CNA", "CNN", "dpa",
    "EFE", "IANS", "Interfax", "IRNA", "Kyodo", "PTI", "Reuters", "RIA Novosti", "Sputnik",
    "TASS", "UPI", "Xinhua", "Yonhap", "Associated Press", "Agence France-Presse",
}  # fmt: skip
_AGENCY_KEYS = {name.lower() for name in AGENCIES}
_LONGEST = 90  # characters; a longer opening is a sentence, not a dateline


@dataclass(frozen=True)
class Dateline:
    """Where a dateline lies in the text (its dash included), and what it says."""

    start: int
    end: int
    place: str
    credit: str | None


def find_dateline(text: str) -> Dateline | None:
    """The dateline that opens `text`, or None when the text opens with an ordinary sentence.
    Where the text starts with a headline line of its own, the dateline may open the next
    paragraph ("Virginian could make history.\n\nNEWPORT NEWS, Va. - In a tradition ...")."""
    found = _dateline_at(text, 0)
    if found is None:
        headline = re.match(r"\s*[^\n]+\n\s*", text)
        if headline and len(re.findall(r"\w+", headline.group())) <= _HEADLINE_WORDS:
            found = _dateline_at(text, headline.end())
    return found


_HEADLINE_WORDS = 20


def _dateline_at(text: str, offset: int) -> Dateline | None:
    match = _DATELINE.match(text[offset : offset + _LONGEST + 40])
    if match is None:
        return None
    place, region, date = match["place"], match["region"], match["date"]
    credit = (match["credit"] or "").strip() or None
    separator_group = "credited" if credit is not None else "separator"
    separator = (match[separator_group] or "").strip()
    in_capitals = _in_capitals(place)
    if not separator and credit is None:
        return None
    if separator == ":" and (not in_capitals or (credit is None and _letters(place) < 5)):
        return None  # "NCAA: ..." is a headline label; "NEW DELHI:", "ISLAMABAD:" are places
    if place.upper() in _NOT_PLACES or place.split()[0].upper() in _NOT_FIRST_WORDS:
        return None
    if len(place.replace(".", "")) < 2:
        return None
    if credit is None and date is None and len(place.replace(".", "")) < 3:
        return None  # "UK - China talks": two capitals alone are too weak a sign
    if region and not _capitalised(region):
        return None
    # A place in title case ("Washington (CNN) -") needs a known agency to be a dateline.
    if not in_capitals and not (_capitalised(place) and _known_agency(credit)):
        return None
    if credit is not None and not _credit_like(credit):
        return None
    start = match.end("lead")
    end = match.end(separator_group) if separator else match.end("credit") + 1
    if end > _LONGEST:
        return None
    start, end = start + offset, end + offset
    where = place if not region else f"{place}, {region}"
    return Dateline(start=start, end=end, place=where, credit=credit)


def _letters(words: str) -> int:
    return sum(c.isalpha() for c in words)


def _in_capitals(words: str) -> bool:
    letters = [c for c in words if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _capitalised(words: str) -> bool:
    return all(word[0].isupper() for word in words.split())


def _known_agency(credit: str | None) -> bool:
    return credit is not None and credit.lower() in _AGENCY_KEYS


def _credit_like(credit: str) -> bool:
    """An agency's name: a few words, the first capitalised ("Reuters", "AP", "Reuters
    Health"), or a listed agency written in lower case ("dpa"); not "(pictured)"."""
    words = credit.split()
    return _known_agency(credit) or (len(words) <= 4 and credit[0].isupper())


def add_relay(via: list[str], outlet: str | None, credit: str | None) -> list[str]:
    """The relay chain with the dateline's agency at its far end, unless the agency is already
    in it or is the outlet that published the text."""
    if credit is None or _same_outlet(credit, outlet) or any(_same_outlet(credit, v) for v in via):
        return via
    return [*via, credit]


def _same_outlet(credit: str, outlet: str | None) -> bool:
    """'Reuters' is the outlet 'Reuters', 'www.reuters.com' or 'Reuters UK'; 'AP' is
    'apnews.com' but not 'The Japan Times'."""
    if not outlet:
        return False
    first = credit.lower().split()[0]
    return any(token.startswith(first) for token in re.findall(r"\w+", outlet.lower()))
