"""Labels: one type per name for the whole document, from evidence rather than one guess.

spaCy labels each occurrence on its own, so one name can be a PERSON in one sentence and an ORG
in the next. Here every occurrence is judged with what the whole document says about the name:
a surname of a full PERSON name is a person, a gazetteer city is a place, 'the town of X' is a
place, a name with its initials in brackets is an organisation.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from newsgraph.entities.countries import EPITHETS, GROUP_FORMS, demonym_country
from newsgraph.entities.drafts import DEMONYM, DESCRIPTION, NAME, Draft, acronym_of, name_tokens
from newsgraph.entities.gazetteer import Gazetteer
from newsgraph.entities.lexicon import (
    ENTITY_LABELS,
    EVENT_WORDS,
    ORG_SUFFIXES,
    ORG_WORDS,
    PERSON_ROLES,
    PLACE_WORDS,
)

_REFILE_LABELS = frozenset({"ORG", "NORP", "FAC", "WORK_OF_ART", "PERSON", "LOC", "PRODUCT"})


def relabel(drafts: list[Draft], doc: Any, text: str, gazetteer: Gazetteer) -> None:
    """Give each name one label for the whole document."""
    person_parts: set[str] = set()
    for draft in drafts:
        parts = name_tokens(draft.text)
        if (
            draft.label == "PERSON"
            and len(parts) >= 2
            and not _has_org_word(draft.text)
            and not _has_acronym(draft, text)
        ):
            person_parts.update(parts)
    org_names = {
        _strip_org_suffix(d.text) for d in drafts if d.label == "ORG" and len(d.text.split()) > 1
    }
    org_heads = {d.text.split()[0] for d in drafts if d.label == "ORG" and len(d.text.split()) > 1}
    surnames = {
        name_tokens(d.text)[-1] for d in drafts if d.label == "PERSON" and name_tokens(d.text)
    }
    context = countries_in(drafts, gazetteer)
    decided: set[int] = set()  # drafts whose label rests on evidence, not on spaCy's guess

    for draft in drafts:
        if draft.label not in ENTITY_LABELS and draft.label != "LANGUAGE":
            continue
        lowered = draft.text.lower()
        if EPITHETS.get(lowered):
            draft.label, draft.form = "GPE", DESCRIPTION
            continue
        parts = name_tokens(draft.text)
        country = gazetteer.country_code(draft.text)
        demonym = demonym_country(draft.text)
        single = " " not in draft.text
        if demonym and (
            draft.label in {"NORP", "LANGUAGE"} or (single and not person_parts & {lowered})
        ):
            draft.label, draft.form, draft.country = "NORP", DEMONYM, demonym
        elif draft.label in {"NORP", "LANGUAGE"} and lowered in GROUP_FORMS:
            draft.label, draft.form = "NORP", NAME
        elif country and (draft.label != "PERSON" or lowered not in person_parts):
            draft.label, draft.form, draft.country = "GPE", NAME, country
            decided.add(id(draft))
        elif _names_event(draft, text):
            draft.label, draft.form = "EVENT", NAME
        elif draft.text.startswith("The ") and not gazetteer.is_place_name(draft.text):
            draft.label, draft.form = "ORG", NAME  # "The Cradle", "The Guardian": outlets
        elif draft.label == "PERSON" and (_has_org_word(draft.text) or _has_acronym(draft, text)):
            draft.label, draft.form = "ORG", NAME
        elif parts and all(p in person_parts for p in _hyphen_split(parts)):
            draft.label, draft.form = "PERSON", NAME
            decided.add(id(draft))
        elif (
            draft.label == "ORG"
            and 2 <= len(parts) <= 3
            and parts[-1] in surnames
            and not _has_org_word(draft.text)
            and not draft.text.isupper()
        ):
            draft.label, draft.form = "PERSON", NAME  # "Mykola Kravets", a namesake's relative
        elif _person_by_apposition(draft, doc):
            draft.label, draft.form = "PERSON", NAME
        elif draft.label != "GPE" and _placed_by_context(draft, doc, text):
            draft.label, draft.form = "GPE", NAME
            decided.add(id(draft))
        elif draft.text in org_names or _strip_org_suffix(draft.text) in org_names:
            draft.label, draft.form = "ORG", NAME
        elif (
            single
            and draft.text in org_heads
            and draft.label in {"PERSON", "ORG", "PRODUCT", "WORK_OF_ART"}
            and not person_parts & {lowered}
            and not gazetteer.is_place_name(draft.text)
        ):
            draft.label, draft.form = "ORG", NAME  # "Nordvik" after "Nordvik Petroleum"
        elif _looks_like_city(draft, gazetteer, context):
            draft.label, draft.form = "GPE", NAME
        else:
            draft.form = NAME
    _vote_labels(drafts, decided)


_AGENT_ENDINGS = ("man", "woman", "ist", "er", "or", "ian")


def _person_by_apposition(draft: Draft, doc: Any) -> bool:
    """'Their chief observer, Amadou Diallo, ...': a name in apposition to a role is a person."""
    if draft.label not in {"ORG", "GPE", "FAC", "NORP", "PRODUCT", "WORK_OF_ART"}:
        return False
    if len(draft.text.split()) not in {2, 3} or _has_org_word(draft.text):
        return False
    span = doc.char_span(draft.start, draft.end, alignment_mode="expand")
    if span is None or not all(t.tag_ == "NNP" for t in span):
        return False
    root = span.root
    head = root.head
    if root.dep_ == "appos" and head.tag_ == "NN":
        word = head.lower_
        return word in PERSON_ROLES or word.endswith(_AGENT_ENDINGS)
    return False


_PLACE_BEFORE = re.compile(
    r"\b(?:town|city|village|port|region|province|district|island|state|capital|enclave|"
    r"oasis|suburb|municipality|county|governorate) of $"
)


def _placed_by_context(draft: Draft, doc: Any, text: str) -> bool:
    """'the town of Ménaka', 'Vaziani airbase', 'Grand Ethiopian Renaissance Dam' are places."""
    if draft.label in {"NORP", "EVENT", "LAW", "WORK_OF_ART"}:
        return False
    if _PLACE_BEFORE.search(text[max(0, draft.start - 20) : draft.start]):
        return True
    last = draft.text.split()[-1].lower()
    if len(draft.text.split()) > 1 and last in PLACE_WORDS:
        return True
    following = re.match(r" ([a-z]+)\b", text[draft.end : draft.end + 16])
    # "the Trump camp", "Putin's base": these two say nothing when they follow a name.
    return following is not None and following.group(1) in PLACE_WORDS - {"base", "camp", "border"}


def _names_event(draft: Draft, text: str) -> bool:
    """'(Yom Kippur) War', 'Ménaka Accord': wars and treaties, not people."""
    words = draft.text.split()
    if len(words) > 1 and words[-1].lower() in EVENT_WORDS:
        return True
    return re.match(r"[)\s]*War\b", text[draft.end : draft.end + 8]) is not None


def _hyphen_split(parts: list[str]) -> list[str]:
    return [piece for part in parts for piece in part.split("-") if piece]


def _has_org_word(name: str) -> bool:
    return any(word.lower().strip(".,") in ORG_WORDS for word in name.split()[1:])


def _has_acronym(draft: Draft, text: str) -> bool:
    """A name followed by its initials in brackets is an organisation: 'X Y Z (XYZ)'."""
    match = re.match(r"\s*\(([A-Z]{2,6})\)", text[draft.end : draft.end + 10])
    return match is not None and match.group(1) == acronym_of(draft.text)


def _strip_org_suffix(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[-1].lower() in ORG_SUFFIXES:
        words.pop()
    return " ".join(words)


def _looks_like_city(draft: Draft, gazetteer: Gazetteer, context: Counter[str]) -> bool:
    if draft.label not in _REFILE_LABELS or (draft.label == "PERSON" and " " in draft.text):
        return False
    candidates = gazetteer.city_candidates(draft.text)
    if not candidates:
        return False
    in_context = any(context.get(place.country_code or "", 0) for place in candidates)
    if draft.label == "PERSON":
        return in_context  # a lone given name that is also a town needs the country nearby
    return in_context or max(place.population for place in candidates) >= 500_000


def countries_in(drafts: Iterable[Draft], gazetteer: Gazetteer) -> Counter[str]:
    """How often each country is named or alluded to (demonyms count) in the document."""
    counts: Counter[str] = Counter()
    for draft in drafts:
        code = draft.country or (
            gazetteer.country_code(draft.text) if draft.form != "pronoun" else None
        )
        if code is None and draft.label == "NORP":
            code = demonym_country(draft.text)
        if code:
            counts[code] += 1
    return counts


def _vote_labels(drafts: list[Draft], decided: set[int]) -> None:
    """Occurrences of one name share its majority label (PERSON wins a tie).

    An occurrence whose label rests on evidence ('the town of Ménaka') outvotes any number of
    statistical guesses.
    """
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for draft in drafts:
        if draft.form == NAME and draft.label in ENTITY_LABELS:
            votes[draft.text][draft.label] += 1000 if id(draft) in decided else 1
    for draft in drafts:
        if draft.form == NAME and draft.text in votes:
            counts = votes[draft.text]
            best = max(counts.items(), key=lambda item: (item[1], item[0] == "PERSON"))
            draft.label = best[0]
