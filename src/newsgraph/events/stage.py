"""The events stage: who did what to whom, when and where, and on whose word.

Candidate triggers come from a lexicon of PLOVER verbs and nouns and from the other verbs that
have an actor or a target (`triggers`); the trained classifier decides their type, or that they
report none (`classify`). Actors and targets come from the words the parse ties to each trigger
(`participants`), each linked to its entity with country and sector (`sectors`). The clause of
the trigger gives its date (`dating`), its place (`places`) and its factuality (`factuality`);
the attribution whose content holds it says who asserts it (`assertion`). Repeated reports of
one occurrence are folded together (`merge`).
An event with neither actor nor target, or one whose words make it less likely than
`MIN_CONFIDENCE`, is left out rather than coded by default.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from newsgraph.entities.lookup import entity_at
from newsgraph.events.assertion import asserting_attribution
from newsgraph.events.classify import type_triggers
from newsgraph.events.dating import Dating, own_timex, publication
from newsgraph.events.factuality import factuality
from newsgraph.events.lookup import DocumentLookup
from newsgraph.events.merge import merge_repeats
from newsgraph.events.phrases import coordinated, phrase_span
from newsgraph.events.places import locative_objects, place_entity
from newsgraph.events.plover import AT_TARGET, QUAD_CLASS, SYMMETRIC
from newsgraph.events.sectors import country_of, sector_of
from newsgraph.events.triggers import Trigger, fallback_triggers, find_triggers
from newsgraph.model import Analysis, Event, EventParticipant, Mention, Sentence, Span
from newsgraph.stage import StageInput, provenance

# Below this the words say too little that an event happened; chosen by cross-validation on
# the training part of the PLOVER sentences (never on the held-out fifth).
MIN_CONFIDENCE = 0.15
# A dateline opens a wire story ("MOGADISHU, Somalia -- ", "KABUL (Pajhwok): "): the place
# it names is where the story was filed, never an actor.
_DATELINE = re.compile(r"[A-Z][A-Za-z.,' ]{1,40}?(?:\s*\([^)]{1,20}\))?\s*(?:--+|—|–|\s-\s|:)\s*")
# How much a missing side lowers the confidence of the trigger's sense.
_NO_TARGET, _NO_ACTOR = 0.85, 0.6


class EventsStage:
    name: ClassVar[str] = "events"
    version: ClassVar[str] = "1.1"
    requires: ClassVar[tuple[str, ...]] = ("sentences", "temporal", "entities")
    produces: ClassVar[tuple[str, ...]] = ("events",)

    def run(self, data: StageInput) -> dict[str, list[Any]]:
        analysis, doc = data.analysis, data.doc
        lookup = DocumentLookup(analysis)
        published = analysis.document.published
        story = publication(published.isoformat() if published else None)
        events: list[Event] = []
        readings: list[str] = []  # the lexicon's type of each event's words
        paragraph_end = -1
        for sentence in analysis.sentences:
            if "\n\n" in analysis.text[paragraph_end : sentence.start] or paragraph_end < 0:
                story = publication(published.isoformat() if published else None)
            paragraph_end = sentence.end
            span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            if span is None:
                continue
            mentions = lookup.mentions_within(sentence.start, sentence.end)
            dateline = _DATELINE.match(analysis.text, sentence.start, sentence.end)
            body = dateline.end() if dateline else sentence.start
            lexical = find_triggers(span)
            triggers = type_triggers(
                lexical,
                fallback_triggers(span, lexical),
                span,
                lambda t: _told(lookup, t) != "asserted",
            )
            stops = {t.token.i for t in triggers} | {t.frame.i for t in triggers}
            timexes = lookup.timexes_starting_in(sentence.start, sentence.end)
            for trigger in triggers:
                if trigger.start < body:
                    continue
                trigger.roles.actors = [w for w in trigger.roles.actors if w.idx >= body]
                trigger.roles.targets = [w for w in trigger.roles.targets if w.idx >= body]
                event = self._event(lookup, doc, sentence, mentions, trigger, timexes, stops)
                if event is None:
                    continue
                if event.when_source == "timex":
                    story = Dating(event.when, "narrative", event.date)
                elif story.source == "narrative":
                    event.when, event.when_source, event.date = (
                        story.timex,
                        "narrative",
                        story.value,
                    )
                events.append(event)
                readings.append(trigger.lexicon_sense.type if trigger.lexicon_sense else "")
        events = merge_repeats(events, readings)
        for number, event in enumerate(events, start=1):
            event.id = f"ev{number}"
        return {"events": events}

    def _event(
        self,
        lookup: DocumentLookup,
        doc: Any,
        sentence: Sentence,
        mentions: list[Mention],
        trigger: Trigger,
        timexes: list[Any],
        stops: set[int],
    ) -> Event | None:
        analysis = lookup.analysis
        actors = [
            _participant(lookup, mentions, word)
            for head in trigger.roles.actors
            for word in coordinated(head)
        ]
        targets = [
            _participant(lookup, mentions, word)
            for head in trigger.roles.targets
            for word in coordinated(head)
        ]
        actors, targets = _distinct(actors), _distinct(targets)
        someone = [t for t in targets if t.entity is not None or t.sector is not None]
        if trigger.sense.type in SYMMETRIC and len(actors) > 1 and not someone:
            actors, targets = actors[:1], actors[1:]
        if trigger.sense.type in SYMMETRIC and not actors and len(targets) > 1:
            actors, targets = targets[:1], targets[1:]
        if trigger.sense.type == "CONSULT":
            # One meets, visits or talks with someone: "met little resistance" is no meeting.
            targets = [t for t in targets if t.entity is not None or t.sector is not None]
        if not actors and not targets:
            return None
        confidence = trigger.sense.confidence
        confidence *= 1.0 if targets else _NO_TARGET
        confidence *= 1.0 if actors else _NO_ACTOR
        if confidence < MIN_CONFIDENCE:
            return None
        text = analysis.text
        frame_words = {trigger.token.i, trigger.frame.i}
        timex = own_timex(doc, timexes, frame_words, stops)
        if timex is None and trigger.frame.dep_ in ("xcomp", "advcl", "conj", "acl"):
            # "entered the war in September 2015 to bomb ...": the clause above dates it.
            above = {trigger.frame.head.i}
            timex = own_timex(doc, timexes, above, stops - above)
        asserted_by = asserting_attribution(lookup, trigger.start, trigger.end)
        dating = _dating(lookup, timex, asserted_by)
        origin = provenance(self, round(confidence, 3))
        return Event(
            id="",
            type=trigger.sense.type,
            mode=trigger.sense.mode,
            quad_class=QUAD_CLASS[trigger.sense.type],
            trigger=Span.of(text, trigger.start, trigger.end),
            sentence=sentence.id,
            actors=actors,
            targets=targets,
            when=dating.timex,
            when_source=dating.source,
            date=dating.value,
            where=_where(lookup, mentions, trigger, targets),
            asserted_by=asserted_by or lookup.own_voice,
            factuality=_factuality(lookup, trigger, asserted_by),
            provenance=origin,
        )


def _distinct(participants: list[EventParticipant]) -> list[EventParticipant]:
    """One participant per entity or phrase: two heads may reach the same name."""
    seen: set[object] = set()
    kept = []
    for participant in participants:
        key = participant.entity or (participant.span.start, participant.span.end)
        if key not in seen:
            seen.add(key)
            kept.append(participant)
    return kept


def _dating(lookup: DocumentLookup, timex: Any, asserted_by: str | None) -> Dating:
    if timex is not None:
        return Dating(timex.id, "timex", timex.value)
    attribution = lookup.attributions.get(asserted_by) if asserted_by else None
    if attribution is not None and attribution.timex is not None:
        # "In February, Reuters reported that Israel was lobbying": told as going on when it
        # was reported, so the report's date dates it.
        reported = lookup.timexes.get(attribution.timex)
        if reported is not None and reported.value and "REF" not in reported.value:
            return Dating(reported.id, "report", reported.value)
    published = lookup.analysis.document.published
    return publication(published.isoformat() if published else None)


# Cues that deny what they report: "denied that its troops had abandoned the town".
_DENIALS = frozenset({"deny", "dismiss", "reject", "refute"})


def _told(lookup: DocumentLookup, trigger: Trigger) -> Any:
    """How the trigger's sentence tells it: asserted, negated, conditional, ..."""
    return _factuality(lookup, trigger, asserting_attribution(lookup, trigger.start, trigger.end))


def _factuality(lookup: DocumentLookup, trigger: Trigger, asserted_by: str | None) -> Any:
    told = factuality(trigger.token, trigger.frame)
    if told != "asserted" or asserted_by is None:
        return told
    attribution = lookup.attributions.get(asserted_by)
    if attribution is not None and (attribution.cue_lemma or "") in _DENIALS:
        return "negated"
    return told


def _participant(lookup: DocumentLookup, mentions: list[Mention], word: Any) -> EventParticipant:
    analysis = lookup.analysis
    # "the Golan Heights, which Israel occupied": the pronoun stands for its antecedent.
    if word.lower_ in _RELATIVE and word.head.dep_ == "relcl":
        word = word.head.head
    start, end = phrase_span(word, mentions)
    entity_id = _entity_of(analysis, mentions, word, start, end)
    entity = lookup.entities.get(entity_id) if entity_id is not None else None
    phrase = analysis.text[start:end]
    return EventParticipant(
        span=Span.of(analysis.text, start, end),
        entity=entity_id,
        country=country_of(lookup.entities, mentions, entity, start, end),
        sector=sector_of(phrase, entity),
    )


_RELATIVE = frozenset({"which", "that", "who", "whom"})


def _entity_of(
    analysis: Analysis, mentions: list[Mention], word: Any, start: int, end: int
) -> str | None:
    """The entity the phrase names: the one named at its head word; for a head such as
    "forces" or "government", the one it belongs to ("Sharaa's forces", "Israeli troops");
    else the one an apposition names ("Russia's ally, Iran")."""
    head_start = word.idx
    at_head = [m for m in mentions if m.entity and m.start <= head_start < m.end]
    if at_head:
        return at_head[0].entity
    if sector_of(word.text, None) is not None:
        inside = entity_at(analysis, start, end)
        if inside is not None:
            return inside
        # "Forces of the Pontic Liberation Army": the group the forces belong to.
        for child in word.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    named = [m for m in mentions if m.entity and m.start <= obj.idx < m.end]
                    if obj.dep_ == "pobj" and named:
                        return named[0].entity
        return None
    for child in word.children:
        if child.dep_ == "appos":
            named = [m for m in mentions if m.entity and m.start <= child.idx < m.end]
            if named:
                return named[0].entity
    return None


def _where(
    lookup: DocumentLookup,
    mentions: list[Mention],
    trigger: Trigger,
    targets: list[EventParticipant],
) -> str | None:
    for word in locative_objects([trigger.token, trigger.frame]):
        start, end = phrase_span(word, mentions)
        place = place_entity(lookup.entities, entity_at(lookup.analysis, start, end))
        if place is not None:
            return place.id
    if trigger.sense.type in AT_TARGET:
        for target in targets:
            place = place_entity(lookup.entities, target.entity)
            if place is not None:
                return place.id
    return None
