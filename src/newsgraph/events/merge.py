"""One event per occurrence: a later report of the same thing becomes a mention of the first.

Two events are one occurrence when they have the same type and factuality, the same actor and
the same target (by entity, else by words) and dates that do not disagree.
"""

from __future__ import annotations

from newsgraph.model import Event, EventParticipant


def _keys(participants: list[EventParticipant]) -> set[str]:
    return {p.entity or p.span.text.lower().removeprefix("the ") for p in participants}


def _same_side(one: list[EventParticipant], other: list[EventParticipant]) -> bool:
    if not one or not other:
        return not one and not other
    return bool(_keys(one) & _keys(other))


def _dates_agree(one: Event, other: Event) -> bool:
    if one.when_source != "timex" or other.when_source != "timex":
        return True
    first, second = one.date or "", other.date or ""
    return first.startswith(second) or second.startswith(first)


def same_occurrence(one: Event, other: Event) -> bool:
    """Same type, factuality and dates; the same target; the same actor, or a later report
    that names none ("the capture of Kavarna" after "the PLA seized Kavarna")."""
    if one.type != other.type or one.factuality != other.factuality:
        return False
    if one.mode and other.mode and one.mode != other.mode:
        return False
    if not _dates_agree(one, other) or not _same_side(one.targets, other.targets):
        return False
    if not other.actors:
        return bool(other.targets)
    return _same_side(one.actors, other.actors)


def merge_repeats(events: list[Event]) -> list[Event]:
    """Events in text order, each later report folded into the first as a mention; the first
    takes a date or place only the later report gives."""
    kept: list[Event] = []
    for event in events:
        first = next((k for k in kept if same_occurrence(k, event)), None)
        if first is None:
            kept.append(event)
            continue
        first.mentions.append(event.trigger)
        if first.when_source != "timex" and event.when_source == "timex":
            first.when, first.when_source, first.date = event.when, "timex", event.date
        if first.where is None:
            first.where = event.where
    return kept
