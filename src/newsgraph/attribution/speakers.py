"""Who a source is: the entity it names, or a description of an unnamed one.

A source's head word decides ("Syrian President Ahmad al-Sharaa" is Sharaa, "a senior official
in the Ethiopian transport ministry" is not the ministry); a relative pronoun stands for the
noun before it, and a title for the name in apposition to it.
"""

from __future__ import annotations

from typing import Any

from newsgraph.entities.lookup import entity_at
from newsgraph.model import Analysis

CharSpan = tuple[int, int]
_DETERMINERS = {"a", "an", "the", "one", "two", "several", "some", "another"}


def speaker_entity(analysis: Analysis, doc: Any, source: CharSpan) -> str | None:
    """The entity the source's head word refers to: "Syrian President Ahmad al-Sharaa" is
    Sharaa, but "a senior official in the Ethiopian transport ministry" is not the ministry."""
    span = doc.char_span(source[0], source[1], alignment_mode="expand")
    if span is None or len(span) == 0:
        return entity_at(analysis, *source)
    head = _antecedent(span.root)
    found = entity_at(analysis, head.idx, head.idx + len(head.text))
    for named in (child for child in head.children if child.dep_ == "appos"):
        # "CBSGC's chief executive, Elnur Rzayev": the appositive names the one the title is.
        found = found or entity_at(analysis, named.idx, named.idx + len(named.text))
    if found is None and head.pos_ == "PROPN" and not is_description(analysis.text, source):
        # A named source whose parse head is a title or alias ("Syrian President ... (Jolani)");
        # not a common noun with a name in it ("Georgian officials" are not Georgia).
        found = entity_at(analysis, *source)
    return found


_PEOPLE = {"PERSON", "NORP"}  # spaCy's entity types for people and peoples


def _antecedent(word: Any) -> Any:
    """The noun a relative pronoun stands for ("Ana Perovic, a member of parliament who has
    called for ...": Perovic); any other word is itself. The clause may be the second of two
    joined by "and", and an appositive names the same one as the noun it follows."""
    if word.tag_ not in ("WP", "WDT") and word.lower_ != "that":
        return word
    clause = word.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "relcl":
        return word
    noun = clause.head
    if word.lower_ == "who" and noun.dep_ == "pobj" and noun.ent_type_ not in _PEOPLE:
        # "Democrats on Capitol Hill, who ...", "listeners to his radio program who ...": the
        # parse hung the clause on the nearest noun, but "who" is the people that noun qualifies.
        governor = noun.head.head
        if noun.head.dep_ == "prep" and governor.pos_ in ("NOUN", "PROPN"):
            noun = governor
    while noun.dep_ == "appos" and noun.head.i != noun.i:
        noun = noun.head
    return noun


def is_description(text: str, source: CharSpan) -> bool:
    first = text[source[0] : source[1]].split(maxsplit=1)
    return bool(first) and first[0].lower() in _DETERMINERS


def describe(doc: Any, text: str, source: CharSpan, said: list[CharSpan]) -> str:
    """An unnamed source in full: the noun phrase around the source's head, clauses included
    ("a former officer in the Syrian Army who spoke with ..."), cut before the cue or any
    content (`said`) that the phrase holds ("a label meant to suggest ...")."""
    span = doc.char_span(source[0], source[1], alignment_mode="expand")
    if span is None:
        return text[source[0] : source[1]]
    head = span.root
    antecedent = _antecedent(head)
    if antecedent.i != head.i:
        # "who" tells nothing: the noun it stands for, up to the noun itself ("a pragmatist").
        return text[antecedent.left_edge.idx : antecedent.idx + len(antecedent.text)]
    tokens = list(head.subtree)
    start = min(source[0], tokens[0].idx)
    end = max(source[1], tokens[-1].idx + len(tokens[-1].text))
    for piece_start, _ in said:
        if start < piece_start < end:
            end = piece_start
    return text[start:end].strip(" ,;:")
