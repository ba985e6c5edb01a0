"""The timeline page's rows: dated statements and events, oldest first, grouped by month.

A statement is dated by its own date expression when it has one, else by the publication
date; an event by the date resolved for it. Values that are not calendar dates (P3D,
PAST_REF) cannot be placed on the line and are left out; so are undated items.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from newsgraph.store.queries import Quote
from newsgraph.web.data import EventRow

# ISO-TimeML calendar values: 2025, 2025-06, 2025-06-03 (a time part may follow).
_CALENDAR = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


@dataclass(frozen=True)
class TimelineItem:
    date: str  # the calendar part of the value: 2025, 2025-06 or 2025-06-03
    kind: str  # "statement" or "event"
    label: str  # who said it, or the event type
    detail: str  # what was said, or the sentence reporting the event
    stance: str | None
    outlet: str | None
    document_id: str
    start: int
    end: int


@dataclass(frozen=True)
class TimelineGroup:
    month: str  # 2025-06, or 2025 for values known to the year only
    items: list[TimelineItem]


def calendar_date(value: str | None) -> str | None:
    if not value:
        return None
    match = _CALENDAR.match(value)
    if not match:
        return None
    return "-".join(part for part in match.groups() if part)


def timeline_groups(quotes: Iterable[Quote], events: Iterable[EventRow]) -> list[TimelineGroup]:
    items: dict[tuple[str, str, int], TimelineItem] = {}
    for quote in quotes:
        date = calendar_date(quote.date)
        if date is None:
            continue
        speaker = quote.source_entity or quote.source or quote.source_description or "unnamed"
        items[(quote.document_id, "a" + quote.attribution_id, 0)] = TimelineItem(
            date=date,
            kind="statement",
            label=speaker,
            detail=quote.content_text,
            stance=quote.stance,
            outlet=quote.outlet or (f"via {quote.via[0]}" if quote.via else None),
            document_id=quote.document_id,
            start=quote.start,
            end=quote.end,
        )
    for event in events:
        date = calendar_date(event.date)
        if date is None:
            continue
        items[(event.document_id, "e" + event.event_id, 0)] = TimelineItem(
            date=date,
            kind="event",
            label=event.type,
            detail=event.sentence,
            stance=None,
            outlet=event.outlet,
            document_id=event.document_id,
            start=event.start,
            end=event.end,
        )
    ordered = sorted(items.values(), key=lambda i: (i.date, i.kind, i.document_id, i.start))
    groups: list[TimelineGroup] = []
    for item in ordered:
        month = item.date[:7]
        if not groups or groups[-1].month != month:
            groups.append(TimelineGroup(month, []))
        groups[-1].items.append(item)
    return groups
