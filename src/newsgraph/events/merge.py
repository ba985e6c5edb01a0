"""One event per occurrence: a later report of the same thing becomes a mention of the first.

Two events are one occurrence when they have the same type and factuality, the same actor and
the same target (by entity, else by words) and dates that do not disagree. The type is the same
when either event's words, read by the lexicon, give the other's coded type: the classifier
reads each report alone and may type a bare noun ("the capture of Kavarna") otherwise than the
full report before it.
"""

from __future__ import annotations

from collections.abc import Sequence

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


def same_occurrence(
    one: Event, other: Event, one_reading: str = "", other_reading: str = ""
) -> bool:
    """Same type (coded, or as the lexicon reads one of them), factuality and dates; the same
    target; the same actor, or a later report that names none ("the capture of Kavarna" after
    "the PLA seized Kavarna")."""
    if one.type not in (other.type, other_reading) and other.type != one_reading:
        return False
    if one.factuality != other.factuality:
        return False
    if one.mode and other.mode and one.mode != other.mode:
        return False
    if not _dates_agree(one, other) or not _same_side(one.targets, other.targets):
        return False
    if not other.actors:
        return bool(other.targets)
    return _same_side(one.actors, other.actors)


def merge_repeats(events: list[Event], readings: Sequence[str] = ()) -> list[Event]:
    """Events in text order, each later report folded into the first as a mention; the first
    takes a date or place only the later report gives. `readings`, where given, holds the
    lexicon's type of each event's words."""
    kept: list[tuple[Event, str]] = []
    for number, event in enumerate(events):
        reading = readings[number] if number < len(readings) else ""
        first = next((k for k, known in kept if same_occurrence(k, event, known, reading)), None)
        if first is None:
            kept.append((event, reading))
            continue
        first.mentions.append(event.trigger)
        if first.when_source != "timex" and event.when_source == "timex":
            first.when, first.when_source, first.date = event.when, "timex", event.date
        if first.where is None:
            first.where = event.where
    return [event for event, _ in kept]
