"""Mention boundaries: where a name starts and ends.

spaCy cuts some names short ('Tahrir al-Sham' for 'Hayat Tahrir al-Sham'), runs others together
('Addis Ababa-Djibouti') and keeps titles, articles and possessives inside them. These functions
move the edges of one mention, or split and join mentions, before any label is decided.
"""

from __future__ import annotations

import re
from typing import Any

from newsgraph.entities.countries import EPITHETS, GROUP_FORMS, demonym_country
from newsgraph.entities.drafts import DEMONYM, NAME, Draft, overlaps
from newsgraph.entities.gazetteer import Gazetteer
from newsgraph.entities.lexicon import ENTITY_LABELS, TITLES
from newsgraph.intervals import SpanIndex

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def trim(draft: Draft, text: str) -> None:
    """Drop a possessive ending and a leading lower-case article from a name."""
    if draft.label not in ENTITY_LABELS:
        return
    match = _POSSESSIVE.search(draft.text)
    if match and len(draft.text) > len(match.group()) + 1:
        draft.reshape(text, draft.start, draft.end - len(match.group()))
    if "(" in draft.text and ")" not in draft.text:
        cut = draft.text.index("(")
        draft.reshape(text, draft.start, draft.start + len(draft.text[:cut].rstrip()))
    while " " in draft.text and draft.label == "PERSON":
        first, rest = draft.text.split(" ", 1)
        if first.lower().strip(".") not in TITLES and first.lower() not in TITLES:
            break
        draft.reshape(text, draft.end - len(rest), draft.end)
    if draft.text.lower() in EPITHETS:
        return
    if draft.text.startswith("the ") and len(draft.text) > 4:
        draft.reshape(text, draft.start + 4, draft.end)
    elif draft.text.startswith("The ") and len(draft.text.split()) > 2:
        # A one-word name keeps its article ("The Cradle"); "The United States" does not.
        draft.reshape(text, draft.start + 4, draft.end)


def split_place_modifier(draft: Draft, text: str) -> Draft | None:
    """'Syrian Golan Heights' is the Golan Heights, with 'Syrian' as a demonym of its own."""
    if draft.label not in {"LOC", "GPE", "FAC"} or " " not in draft.text:
        return None
    first = draft.text.split(" ", 1)[0]
    country = demonym_country(first)
    if country is None:
        return None
    modifier = Draft(draft.start, draft.start + len(first), first, "NORP", DEMONYM, country)
    draft.reshape(text, draft.start + len(first) + 1, draft.end)
    return modifier


def extend_left(draft: Draft, doc: Any, text: str, taken: SpanIndex) -> None:
    """Take in proper-noun tokens spaCy left out: 'Hayat' of 'Hayat Tahrir al-Sham'.

    A capitalised 'The' inside a sentence belongs to the name too ('The Cradle'). Titles stay
    out: 'President' is not part of 'Vladimir Putin'.
    """
    if draft.label not in ENTITY_LABELS or draft.label in {"NORP", "DATE"}:
        return
    span = doc.char_span(draft.start, draft.end, alignment_mode="expand")
    if span is None:
        return
    index = span.start
    while index > 0:
        token = doc[index - 1]
        if token.is_space or taken.holds(token.idx):
            break
        word = token.text
        proper = token.tag_ == "NNP" and word[:1].isupper() and word != "The"
        if proper and word.lower().strip(".") not in TITLES and not _is_modifier(word):
            index -= 1
            if token.is_sent_start:
                break
            continue
        if word == "The" and not token.is_sent_start:
            index -= 1
        break
    if index < span.start:
        draft.reshape(text, doc[index].idx, draft.end)


def extend_right(draft: Draft, doc: Any, text: str, taken: SpanIndex) -> None:
    """Take in proper nouns after a name spaCy cut short: 'Levant' + 'Today'."""
    if draft.label not in {"ORG", "PERSON", "FAC"}:
        return
    span = doc.char_span(draft.start, draft.end, alignment_mode="expand")
    if span is None:
        return
    index = span.end
    while index < len(doc):
        token = doc[index]
        if token.is_space or token.is_sent_start or token.tag_ != "NNP":
            break
        if not token.text[:1].isupper() or taken.holds(token.idx):
            break
        if token.lower_ in TITLES or _is_modifier(token.text):
            break
        index += 1
    if index > span.end:
        draft.reshape(text, draft.start, doc[index - 1].idx + len(doc[index - 1].text))


def _is_modifier(word: str) -> bool:
    return demonym_country(word) is not None or word.lower() in GROUP_FORMS


def join_adjacent_people(drafts: list[Draft], text: str) -> list[Draft]:
    """spaCy sometimes cuts one name in two: 'Moussa Ag' + 'Tamelit'."""
    joined: list[Draft] = []
    for draft in sorted(drafts, key=lambda d: d.start):
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.label == draft.label == "PERSON"
            and text[previous.end : draft.start] == " "
        ):
            previous.reshape(text, previous.start, draft.end)
            continue
        joined.append(draft)
    return joined


def split_place_pairs(drafts: list[Draft], text: str, gazetteer: Gazetteer) -> list[Draft]:
    """'Addis Ababa-Djibouti railway': two places joined by a hyphen are two mentions."""
    out: list[Draft] = []
    for draft in drafts:
        pieces = draft.text.split("-")
        if (
            draft.label in ENTITY_LABELS
            and len(pieces) == 2
            and all(p and p[0].isupper() and gazetteer.is_place_name(p) for p in pieces)
        ):
            left = Draft(draft.start, draft.start + len(pieces[0]), pieces[0], "GPE", NAME)
            right_start = draft.end - len(pieces[1])
            right = Draft(right_start, draft.end, pieces[1], "GPE", NAME)
            out.extend([left, right])
        else:
            out.append(draft)
    return out


def drop_nested(drafts: list[Draft]) -> list[Draft]:
    """Of overlapping mentions keep the first and longest."""
    kept: list[Draft] = []
    for draft in sorted(drafts, key=lambda d: (d.start, -d.end)):
        if kept and overlaps(kept[-1].offsets, draft.offsets):
            continue
        kept.append(draft)
    return kept
