"""Event triggers of a sentence: the verbs and nouns of the lexicon, with their actors and
targets in the parse."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from newsgraph.events.lexicon import (
    LIGHT_VERBS,
    NOUNS,
    PHRASES,
    REVERSING_VERBS,
    VERBS,
    WITNESS_VERBS,
    Sense,
)
from newsgraph.events.participants import (
    TARGET_PREPS,
    Roles,
    governing_verb,
    noun_roles,
    prep_objects,
    verb_roles,
)

# Dependents that make a noun a modifier, not an event of its own ("attack helicopters").
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
# Words for people who strike from work, not at a target.
_WORKERS = frozenset(
    ["worker", "employee", "union", "teacher", "doctor", "nurse", "driver", "miner", "staff"]
)


@dataclass
class Trigger:
    """One candidate event: its head token, the characters that report it, its sense and roles.

    `frame` is the verb whose clause dates, places and qualifies the event: the trigger verb
    itself, or the verb a noun trigger is the object of.
    """

    token: Any
    start: int
    end: int
    sense: Sense
    roles: Roles
    frame: Any
    # The lexicon's sense, kept when the type classifier replaces `sense`: a later report of
    # one occurrence may be typed otherwise on its own ("the capture" after "seized").
    lexicon_sense: Sense | None = None

    def __post_init__(self) -> None:
        if self.lexicon_sense is None:
            self.lexicon_sense = self.sense


def _end(token: Any) -> int:
    return int(token.idx + len(token.text))


def _noun_sense(token: Any) -> Sense | None:
    if token.lemma_.lower() not in NOUNS and token.lower_ not in NOUNS:
        return None
    for child in token.lefts:
        if child.dep_ == "compound":
            two = f"{child.lower_} {token.lemma_.lower()}"
            if two in NOUNS:
                return NOUNS[two]
    return NOUNS.get(token.lemma_.lower()) or NOUNS.get(token.lower_)


def _verb_sense(token: Any) -> tuple[Sense, int, Any | None] | None:
    """The verb's sense, the end of its trigger (past a particle that decides it) and the
    object the phrase takes in ("entered the war")."""
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ in ("prt", "prep", "dobj") and child.i > token.i:
            word = child.lemma_.lower() if child.dep_ == "dobj" else child.lower_
            phrase = f"{lemma} {word}"
            if phrase in PHRASES:
                return PHRASES[phrase], _end(child), child if child.dep_ == "dobj" else None
    senses = VERBS.get(lemma)
    if not senses:
        return None
    sense = max(senses, key=lambda s: s.confidence)
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if lemma == "protest" and objects:
        sense = Sense("ACCUSE", None, 0.7)
    if lemma == "strike":
        subject = [c for c in token.children if c.dep_ == "nsubj"]
        if subject and subject[0].lemma_.lower() in _WORKERS:
            sense = Sense("PROTEST", "strike", 0.7)
    return sense, _end(token), None


def _eased_restriction(token: Any) -> Any | None:
    """The restriction a reversing verb undoes ("lifted sanctions on Sudan"), or None."""
    if token.lemma_.lower() not in REVERSING_VERBS:
        return None
    for child in token.children:
        sense = _noun_sense(child) if child.dep_ in ("dobj", "obj") else None
        if sense is not None and sense.type in ("COERCE", "SANCTION"):
            return child
    return None


def _hands_to_noun(token: Any) -> bool:
    """A light verb ("launched", "imposed") whose object is an event noun reports nothing of
    its own: the noun is the event."""
    if token.lemma_.lower() not in LIGHT_VERBS:
        return False
    return any(c.dep_ in ("dobj", "obj") and _noun_sense(c) is not None for c in token.children)


# Prepositions that make a noun what a verb is about ("called for talks"), unlike those that
# only set its time ("Following the invasion, Bellan asked ...").
_ABOUT = frozenset({"for", "about", "on", "against", "to", "of", "into", "over", "with"})


def _is_content_of(noun: Any) -> bool:
    while noun.dep_ == "conj" and noun.head.pos_ == "NOUN":
        noun = noun.head
    if noun.dep_ in ("dobj", "obj", "nsubjpass", "attr"):
        return True
    return bool(noun.dep_ == "pobj" and noun.head.lower_ in _ABOUT)


def _reports_event(verb: Any) -> bool:
    lemma = verb.lemma_.lower()
    return lemma not in LIGHT_VERBS and (lemma in VERBS or _verb_sense(verb) is not None)


def find_triggers(tokens: Iterable[Any]) -> list[Trigger]:
    triggers: list[Trigger] = []
    for token in tokens:
        if token.pos_ == "VERB":
            eased = _eased_restriction(token)
            if eased is not None:
                roles = verb_roles(token, eased)
                if not roles.targets:
                    roles.targets = noun_roles(eased).targets
                sense = Sense("CONCEDE", "ease", 0.8)
                triggers.append(Trigger(token, token.idx, _end(token), sense, roles, token))
                continue
            if _hands_to_noun(token):
                continue
            found = _verb_sense(token)
            if found is None:
                continue
            sense, end, consumed = found
            roles = verb_roles(token, consumed)
            triggers.append(Trigger(token, token.idx, end, sense, roles, token))
        elif token.pos_ == "NOUN" and token.dep_ not in _MODIFIER_DEPS:
            noun_sense = _noun_sense(token)
            if noun_sense is None:
                continue
            verb = governing_verb(token)
            if (
                verb is not None
                and _is_content_of(token)
                and (_reports_event(verb) or _eased_restriction(verb))
            ):
                # "negotiating a security agreement", "condemned the attack": the noun is what
                # the verb's event is about, not an occurrence of its own.
                continue
            roles = noun_roles(token)
            if verb is not None and verb.lemma_.lower() not in WITNESS_VERBS:
                # "launched an offensive", "stepped up attacks", "filed a lawsuit": the one
                # who does the verb does the event.
                outer = verb_roles(verb)
                if not roles.actors:
                    roles.actors = outer.actors
                if not roles.targets:
                    roles.targets = [t for t in prep_objects(verb, TARGET_PREPS) if t.i != token.i]
            start = token.idx
            for child in token.lefts:
                if child.dep_ == "compound" and f"{child.lower_} {token.lemma_.lower()}" in NOUNS:
                    start = child.idx
            triggers.append(Trigger(token, start, _end(token), noun_sense, roles, verb or token))
    return triggers


# A verb outside the lexicon still reports an event often enough ("Zarif slammed the court",
# "the ACLU is taking the FBI to court") for the type classifier to be asked about it; these
# words never do on their own.
_NEVER_EVENTS = frozenset(
    ["be", "have", "do", "say", "tell", "add", "include", "become", "seem", "appear", "get"]
)
NO_SENSE = Sense("", None, 0.0)


def fallback_triggers(tokens: Iterable[Any], found: list[Trigger]) -> list[Trigger]:
    """Verbs the lexicon does not know that have an actor or a target in the parse: candidates
    only the type classifier may type (their sense is NO_SENSE)."""
    taken = {t.token.i for t in found} | {t.frame.i for t in found}
    candidates = []
    for token in tokens:
        if token.pos_ != "VERB" or token.i in taken:
            continue
        if token.lemma_.lower() in _NEVER_EVENTS or _hands_to_noun(token):
            continue
        roles = verb_roles(token)
        if roles.actors or roles.targets:
            candidates.append(Trigger(token, token.idx, _end(token), NO_SENSE, roles, token))
    return candidates
