"""The time a clause speaks of, from Penn tags: past (-1), future (+1) or not known (0).

An underspecified date takes its year from this: "December 8" in "talks began on December 8"
is the last December 8, in "talks will begin on December 8" the next one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PAST, UNKNOWN, FUTURE = -1, 0, 1
_FUTURE_AUXILIARIES = {"will", "'ll", "shall", "wo"}
_PAST_TAGS = {"VBD"}
# Verbs whose infinitive complement is planned, not done: "plans to open in June".
_INTENTION_LEMMAS = {
    "plan", "expect", "intend", "agree", "hope", "aim", "schedule", "want", "seek", "propose",
    "decide", "prepare", "promise", "vow", "threaten", "likely", "set", "due", "go",
}  # fmt: skip
# A preposition that puts its date before the time of speaking: "since March".
_PAST_PREPOSITIONS = {"since"}
# Prepositions of a deadline or an end point: "was extended to Nov. 16", "given until
# Tuesday". A past verb does not put such a date in the past.
_END_POINT_PREPOSITIONS = {"until", "till", "through", "by", "to"}
_PRESENT_TAGS = {"VBZ", "VBP"}


def _is_present_be(token: Any) -> bool:
    return bool(token.lemma_ == "be" and token.tag_ in _PRESENT_TAGS)


def _in_past_perfect(token: Any) -> bool:
    """Whether a verb, or the adjective of a "had been due" phrase, is in the past perfect."""
    verb = token.head if token.pos_ == "ADJ" and token.dep_ == "acomp" else token
    return any(child.dep_ == "aux" and child.lower_ == "had" for child in verb.children)


def _clause_tense(verb: Any) -> int | None:
    """Tense of one verb with its auxiliaries, or None when it shows none (an infinitive)."""
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    words = {aux.lower_ for aux in auxiliaries}
    if words & _FUTURE_AUXILIARIES:
        return FUTURE
    if verb.tag_ == "VB" and "going" in words:
        return FUTURE
    if verb.tag_ == "VB" and "to" in words and verb.head.lemma_ in _INTENTION_LEMMAS:
        # "agreed to acquire ... in January": the act still lies ahead. "Had been due to expire
        # Friday" tells of a plan that events overtook: its date may have passed or not.
        return UNKNOWN if _in_past_perfect(verb.head) else FUTURE
    if verb.tag_ == "VB" and "to" in words and _is_present_be(verb.head):
        return FUTURE  # "is to resume trading Tuesday": a schedule, still ahead
    tags = {aux.tag_ for aux in auxiliaries} | {verb.tag_}
    if tags & _PAST_TAGS:
        return PAST
    perfect = bool(words & {"has", "have", "'ve", "'s"})
    if perfect and (verb.tag_ == "VBN" or (verb.tag_ == "VBG" and "been" in words)):
        return PAST  # the present perfect reports what already happened, or began to
    if verb.tag_ == "VBN" and verb.dep_ == "acl" and not auxiliaries:
        return PAST  # a reduced relative: "the injunction issued Thursday"
    if tags & _PRESENT_TAGS or "MD" in tags:
        return UNKNOWN
    return None


@dataclass(frozen=True)
class Tense:
    """The tense a date is read in, and whether its verb governs the date directly.

    "Talks began on December 8" governs the date directly; in "declared a dividend payable
    Dec. 7" or "asked it to respond by Oct. 31" the past verb reaches the date only through a
    noun, an adjective or an infinitive, and the date may well lie ahead.
    """

    direction: int = UNKNOWN
    direct: bool = False


def tense_of(doc: Any, start: int, end: int) -> Tense:
    """Tense governing the characters [start, end) of the parsed text."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return Tense()
    before = {token.lower_ for token in doc[max(0, span.start - 4) : span.start]}
    if before & _PAST_PREPOSITIONS:
        return Tense(PAST, direct=True)  # "since March", "since shortly after the Oct. 23 ..."
    token = span.root
    direct = not (span.start > 0 and doc[span.start - 1].lower_ in _END_POINT_PREPOSITIONS)
    seen = 0
    while seen < 12:
        if token.pos_ in ("VERB", "AUX"):
            tense = _clause_tense(token)
            if tense is not None:
                # "planned a rally on Saturday": the plan is past, its date need not be.
                return Tense(tense, direct and token.lemma_ not in _INTENTION_LEMMAS)
            direct = False  # an infinitive or participle between the date and the tense
        elif token.pos_ in ("NOUN", "PROPN", "ADJ") and not span.start <= token.i < span.end:
            direct = False
        if token.head.i == token.i:  # spaCy makes a new object per access: compare indices
            break
        token = token.head
        seen += 1
    for candidate in token.sent:
        if candidate.pos_ in ("VERB", "AUX"):
            tense = _clause_tense(candidate)
            if tense is not None:
                return Tense(tense, direct=False)
    return Tense()


# Prepositions that make a date the time of the whole clause: "In 2015, ... on March 3".
_SCENE_PREPOSITIONS = {"in", "during", "throughout", "since"}


def sets_the_scene(doc: Any, start: int, end: int) -> bool:
    """Whether a date is the clause's time adjunct, not a modifier of a name or a noun.

    "In 2015, talks began on March 3" dates March 3 in 2015; "after the 1973 October War and
    ... before 8 December" does not put 8 December in 1973.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    root = span.root
    if root.dep_ == "pobj":
        preposition = root.head
        # Only a date of the main clause sets the scene, not one in a relative clause
        # ("a program approved by the company in 1987").
        return bool(preposition.lower_ in _SCENE_PREPOSITIONS and preposition.head.dep_ == "ROOT")
    return bool(root.dep_ == "npadvmod" and root.head.dep_ == "ROOT")
