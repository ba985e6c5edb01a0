"""Alias evidence inside one document: brackets, 'formerly known as', hyphen pairs, acronyms.

Each rule returns pairs of draft indexes that name the same thing; the second of each pair is
marked as an alias of the first.
"""

from __future__ import annotations

import re

from newsgraph.entities.drafts import ALIAS, NAME, Draft, acronym_of, name_tokens
from newsgraph.entities.lexicon import ALIAS_CUES

_CUE = re.compile(
    r"^[\s,)]*(?:who\s+(?:is|was)\s+|(?:and\s+)?)?(?:"
    + "|".join(map(re.escape, ALIAS_CUES))
    + r")\b",
    re.IGNORECASE,
)
_NAMED = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT"}


def bracketed(drafts: list[Draft], text: str) -> list[tuple[int, int]]:
    """'Ahmad al-Sharaa (Jolani)', 'Hayat Tahrir al-Sham (HTS)'."""
    pairs = []
    for index, draft in enumerate(drafts[:-1]):
        following = drafts[index + 1]
        between = text[draft.end : following.start]
        after = text[following.end : following.end + 1]
        if (
            between.strip() == "("
            and after == ")"
            and draft.label in _NAMED
            and following.form == NAME
            and following.label in _NAMED | {"NORP"}
        ):
            pairs.append((index, index + 1))
    return pairs


def cued(drafts: list[Draft], text: str) -> list[tuple[int, int]]:
    """'Sharaa, formerly known as ... Abu Mohammad al-Jolani': the next name of the same type."""
    pairs = []
    for index, draft in enumerate(drafts):
        if draft.form != NAME or draft.label not in _NAMED:
            continue
        cue = _CUE.match(text[draft.end : draft.end + 40])
        if not cue:
            continue
        limit = draft.end + cue.end() + 80
        for later in range(index + 1, len(drafts)):
            other = drafts[later]
            if other.start > limit or ". " in text[draft.end : other.start]:
                break  # the alias is named in the same sentence or not at all
            same_kind = other.label == draft.label or (
                draft.label != "PERSON" and other.label in _NAMED - {"PERSON"}
            )
            if same_kind and other.form == NAME:
                pairs.append((index, later))
                break
    return pairs


_REAL_NAME = re.compile(r"\b(?:whose real name is|real name|born as|birth name is)\s*$", re.I)


def real_names(drafts: list[Draft], text: str) -> list[tuple[int, int]]:
    """'... known as Abu Khalil ... The commander, whose real name is Salem al-Mabrouk'."""
    pairs = []
    for index, draft in enumerate(drafts):
        if draft.label != "PERSON" or not _REAL_NAME.search(
            text[max(0, draft.start - 30) : draft.start]
        ):
            continue
        for earlier in range(index - 1, -1, -1):
            other = drafts[earlier]
            if draft.start - other.end > 400:
                break
            if other.label == "PERSON" and other.form in {NAME, ALIAS}:
                pairs.append((index, earlier))
                break
    return pairs


def hyphenated(drafts: list[Draft]) -> list[tuple[int, int]]:
    """'Jolani-Sharaa' joins the clusters of Jolani and of Sharaa.

    A piece that ends several different full names ('Tamelit' of a father and his son) says
    nothing about which one is meant, so it links nothing.
    """
    pairs: list[tuple[int, int]] = []
    for index, draft in enumerate(drafts):
        if draft.label != "PERSON" or "-" not in draft.text or " " in draft.text:
            continue
        pieces = [p.lower() for p in draft.text.split("-") if len(p) > 2]
        if len(pieces) < 2:
            continue
        for piece in pieces:
            owners = [
                other_index
                for other_index, other in enumerate(drafts)
                if other_index != index
                and other.label == "PERSON"
                and other.form == NAME
                and (parts := name_tokens(other.text))
                and parts[-1] == piece
            ]
            full_names = {
                " ".join(name_tokens(drafts[o].text))
                for o in owners
                if len(name_tokens(drafts[o].text)) > 1
            }
            if len(full_names) <= 1:
                pairs.extend((owner, index) for owner in owners)
    return pairs


def acronyms(drafts: list[Draft]) -> list[tuple[int, int]]:
    """'HTS' anywhere in the document goes with 'Hayat Tahrir al-Sham'."""
    long_names: dict[str, int] = {}
    for index, draft in enumerate(drafts):
        if draft.form == NAME and draft.label in _NAMED and len(name_tokens(draft.text)) >= 2:
            long_names.setdefault(acronym_of(draft.text), index)
    pairs = []
    for index, draft in enumerate(drafts):
        if draft.form == NAME and re.fullmatch(r"[A-Z]{2,7}", draft.text):
            source = long_names.get(draft.text)
            if source is not None:
                pairs.append((source, index))
    return pairs


def alias_pairs(drafts: list[Draft], text: str) -> list[tuple[int, int]]:
    """All alias links; the second draft of each pair is marked as an alias."""
    pairs = [
        *bracketed(drafts, text),
        *cued(drafts, text),
        *real_names(drafts, text),
        *hyphenated(drafts),
        *acronyms(drafts),
    ]
    for first, second in pairs:
        # A repeat of the same name is not an alias of itself ("Sharaa" ... "Sharaa").
        if drafts[second].form == NAME and drafts[first].text != drafts[second].text:
            drafts[second].form = ALIAS
        drafts[second].label = drafts[first].label
    return pairs
