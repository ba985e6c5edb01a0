"""Whether an event is told as fact: negated, conditional, hypothetical, asked, to come, or
asserted. Read from the trigger's own clause and the clauses above it."""

from __future__ import annotations

from typing import Any

from newsgraph.events.lexicon import (
    CONDITION_MARKERS,
    FUTURE_AUX,
    HYPOTHETICAL_MODALS,
    PLAN_VERBS,
    REFUSAL_VERBS,
)
from newsgraph.model import EventFactuality

# Clause links that carry the frame of the clause above ("did not agree to withdraw").
_INHERITING = frozenset({"xcomp", "conj", "aux", "auxpass"})


def _clause_chain(frame: Any) -> list[Any]:
    """The frame and the verbs above it up to the root of its sentence."""
    chain = [frame]
    current = frame
    while current.dep_ != "ROOT" and current.head.i != current.i:
        current = current.head
        chain.append(current)
    return chain


def factuality(trigger: Any, frame: Any) -> EventFactuality:
    for word in (trigger, frame):
        for child in word.children:
            if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
                return "negated"
    chain = _clause_chain(frame)
    # Negation above carries down through "to" complements: "refused" is an event, but "did
    # not agree to withdraw" negates the withdrawal too.
    below = frame
    for verb in chain[1:]:
        if below.dep_ not in _INHERITING:
            break
        if any(c.dep_ == "neg" for c in verb.children):
            return "negated"
        if below.dep_ == "xcomp" and verb.lemma_.lower() in REFUSAL_VERBS:
            return "negated"
        below = verb
    for verb in chain:
        if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKERS for c in verb.children):
            return "question" if _marker(verb) == "whether" else "conditional"
    aux = {c.lower_ for c in frame.children if c.dep_ in ("aux", "auxpass")}
    if aux & HYPOTHETICAL_MODALS:
        return "hypothetical"
    sentence = frame.sent
    if sentence.text.rstrip().rstrip("\"'”’").endswith("?") and frame in (sentence.root,):
        return "question"
    if aux & FUTURE_AUX or _going_to(frame):
        return "future"
    if frame.dep_ == "xcomp" and frame.head.lemma_.lower() in PLAN_VERBS:
        return "planned"
    return "asserted"


def _marker(verb: Any) -> str:
    for child in verb.children:
        if child.dep_ == "mark":
            return str(child.lower_)
    return ""


def _going_to(frame: Any) -> bool:
    head = frame.head
    return bool(frame.dep_ == "xcomp" and head.lower_ == "going" and head.i != frame.i)
