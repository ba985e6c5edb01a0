"""Repair spaCy's named entities with document-level evidence and gazetteers.

The steps, in order: trim and re-cut mention boundaries, drop misfires ('us' in lower case as a
country, 'May' as a modal verb taken for a date), settle one label per name, then add what spaCy
missed: bracketed acronyms, later occurrences of known names, demonyms and country names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from newsgraph.entities.boundaries import (
    drop_nested,
    extend_left,
    extend_right,
    join_adjacent_people,
    split_place_modifier,
    split_place_pairs,
    trim,
)
from newsgraph.entities.countries import demonym_country
from newsgraph.entities.drafts import DEMONYM, NAME, Draft, acronym_of
from newsgraph.entities.gazetteer import Gazetteer
from newsgraph.entities.labels import relabel
from newsgraph.entities.lexicon import ENTITY_LABELS, MONTHS, TITLES
from newsgraph.intervals import SpanIndex
from newsgraph.model import Mention

_VERB_TAGS = frozenset({"MD", "VB", "VBP", "VBZ", "VBD", "VBG", "VBN"})


def from_spacy(mentions: Iterable[Mention]) -> list[Draft]:
    return [Draft(m.start, m.end, m.text, m.label, form=None) for m in mentions]


def is_false_entity(draft: Draft, doc: Any, text: str) -> bool:
    """Lower-case 'us' as a country, a month name used as a verb, and similar misfires."""
    if draft.label in ENTITY_LABELS and draft.label != "NORP" and draft.text.islower():
        return True
    if draft.label == "ORG" and " " not in draft.text:
        # "Interior Minister Nadia Khoury": the portfolio is part of a title, not a ministry.
        after = text[draft.end : draft.end + 12].split()
        if after and after[0].lower() in {"minister", "secretary", "minister's"}:
            return True
    if draft.label == "DATE" and draft.text.lower() in MONTHS:
        span = doc.char_span(draft.start, draft.end, alignment_mode="expand")
        if span is not None and len(span) == 1:
            token = span[0]
            if token.tag_ in _VERB_TAGS:
                return True
            following = token.nbor(1) if token.i + 1 < len(doc) else None
            if following is not None and following.tag_ == "VB" and token.lower_ == "may":
                return True
    return False


def propagate(drafts: list[Draft], doc: Any, text: str) -> list[Draft]:
    """Add occurrences of known names that spaCy missed ('The Cradle' in a header line)."""
    known: dict[str, Draft] = {}
    for draft in drafts:
        if (
            draft.form == NAME
            and draft.label in ENTITY_LABELS - {"NORP"}
            and len(draft.text) >= 3
            and draft.text[:1].isupper()
        ):
            known.setdefault(draft.text, draft)
    for draft in list(known.values()):
        words = draft.text.split()
        if draft.label != "PERSON" or len(words) < 2:
            continue
        for word in {words[0], words[-1], re.sub(r"^(?:al|el)-", "", words[-1])}:
            if len(word) >= 3 and word[:1].isupper() and word.lower() not in TITLES:
                known.setdefault(word, draft)
    added: list[Draft] = []
    taken = SpanIndex(d.offsets for d in drafts)
    for name, model in sorted(known.items(), key=lambda item: -len(item[0])):
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            offsets = match.span()
            if taken.overlaps(offsets):
                continue
            added.append(
                Draft(*offsets, name, model.label, NAME, model.country, origin="propagated")
            )
            taken.add(offsets)
    combined = sorted([*drafts, *added], key=lambda d: d.start)
    for draft in added:
        if draft.label == "PERSON":
            _extend(extend_left, draft, doc, text, taken)
    return combined


def _extend(how: Any, draft: Draft, doc: Any, text: str, taken: SpanIndex) -> None:
    """Extend `draft` one way, keeping `taken` (the drafts' spans) up to date."""
    before = draft.offsets
    how(draft, doc, text, taken)
    taken.replace(before, draft.offsets)


def scan_tokens(drafts: list[Draft], doc: Any, gazetteer: Gazetteer) -> list[Draft]:
    """Add demonyms and country names spaCy did not tag ('Israeli-Russian' gives two)."""
    taken = SpanIndex(d.offsets for d in drafts)
    added: list[Draft] = []
    for token in doc:
        word = token.text
        if not word[:1].isupper() or len(word) < 2:
            continue
        offsets = (token.idx, token.idx + len(word))
        if taken.overlaps(offsets):
            continue
        demonym = demonym_country(word)
        country = gazetteer.country_code(word) if token.tag_ == "NNP" else None
        if demonym and token.tag_ in {"JJ", "NNP", "NNPS", "NNS"}:
            added.append(Draft(*offsets, word, "NORP", DEMONYM, demonym, origin="lexicon"))
        elif country:
            added.append(Draft(*offsets, word, "GPE", NAME, country, origin="gazetteer"))
        else:
            continue
        taken.add(offsets)
    return sorted([*drafts, *added], key=lambda d: d.start)


def add_bracketed_acronyms(drafts: list[Draft], text: str) -> list[Draft]:
    """'Hayat Tahrir al-Sham (HTS)': the bracketed initials are a mention too.

    When the initials spell out more than the last name before them, the name was cut in
    pieces ('Organization for Security and Co-operation' + 'Europe' before '(OSCE)'), and the
    pieces are joined back into one organisation.
    """
    drafts = sorted(drafts, key=lambda d: d.start)
    added: list[Draft] = []
    swallowed: set[int] = set()  # pieces joined into the name before them
    taken = SpanIndex(d.offsets for d in drafts)
    for index, draft in enumerate(drafts):
        if draft.form != NAME or id(draft) in swallowed:
            continue
        match = re.match(r"\s*\(([A-Z][A-Za-z]{1,7})\)", text[draft.end : draft.end + 12])
        if not match:
            continue
        acronym = match.group(1)
        first = index
        if acronym_of(draft.text) != acronym:
            for earlier in range(index - 1, max(index - 4, -1), -1):
                window = text[drafts[earlier].start : draft.end]
                if "\n" in window or ". " in window:
                    break
                if acronym_of(window) == acronym:
                    first = earlier
                    break
            if first != index:
                head = drafts[first]
                before = head.offsets
                head.reshape(text, head.start, draft.end)
                taken.replace(before, head.offsets)
                head.label, head.form = "ORG", NAME
                swallowed.update(id(d) for d in drafts[first + 1 : index + 1])
            elif " " not in draft.text:
                continue
        start = draft.end + match.start(1)
        offsets = (start, start + len(acronym))
        if taken.overlaps(offsets):
            continue
        label = drafts[first].label
        added.append(Draft(*offsets, acronym, label, NAME, origin="bracket"))
    kept = [d for d in drafts if id(d) not in swallowed]
    return sorted([*kept, *added], key=lambda d: d.start)


def repair(mentions: Iterable[Mention], doc: Any, text: str, gazetteer: Gazetteer) -> list[Draft]:
    """spaCy mentions in, document-consistent drafts out (entity labels and others)."""
    drafts = from_spacy(mentions)
    for draft in drafts:
        trim(draft, text)
    drafts = [d for d in drafts if d.text and not is_false_entity(d, doc, text)]
    modifiers = [m for d in drafts if (m := split_place_modifier(d, text)) is not None]
    drafts = sorted([*drafts, *modifiers], key=lambda d: d.start)
    taken = SpanIndex(d.offsets for d in drafts)
    for draft in drafts:
        _extend(extend_left, draft, doc, text, taken)
        _extend(extend_right, draft, doc, text, taken)
    drafts = join_adjacent_people(drop_nested(drafts), text)
    drafts = split_place_pairs(drafts, text, gazetteer)
    relabel(drafts, doc, text, gazetteer)
    drafts = add_bracketed_acronyms(drafts, text)
    restore_misfires(drafts, text)
    drafts = propagate(drafts, doc, text)
    drafts = scan_tokens(drafts, doc, gazetteer)
    relabel(drafts, doc, text, gazetteer)
    for draft in drafts:
        if draft.label not in ENTITY_LABELS:
            draft.form = None
    return drafts


def restore_misfires(drafts: list[Draft], text: str) -> None:
    """'The CF said' tagged as a DATE: a known name keeps its label wherever it appears."""
    known = {d.text: d for d in drafts if d.label in ENTITY_LABELS and d.form is not None}
    for draft in drafts:
        if draft.label in ENTITY_LABELS or draft.label == "LANGUAGE":
            continue
        core = draft.text.rsplit("\n", 1)[-1]
        core = core[4:] if core.startswith("The ") else core
        model = known.get(core)
        if model is not None:
            # A date run on across a paragraph break ("April 6, 2025\n\nThe CF") loses its tail.
            draft.reshape(text, draft.end - len(core), draft.end)
            draft.label, draft.form, draft.country = model.label, model.form, model.country
