"""The event table: one row per actor-target pair of every event, for CSV and Parquet.

An event with two actors and three targets gives six rows sharing its event id; an event
with no target (or no actor) gives rows with that side empty. Offsets are character offsets
into the document's text.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from newsgraph.model import Analysis, Entity, Event, EventParticipant

COLUMNS = (
    "event_id", "date", "date_precision", "when_source",
    "actor", "actor_entity", "actor_country", "actor_sector",
    "type", "mode", "quad_class",
    "target", "target_entity", "target_country", "target_sector",
    "place", "latitude", "longitude",
    "asserted_by", "asserted_by_source", "assertion_stance", "factuality", "is_fact",
    "confidence", "document", "sentence",
    "trigger_start", "trigger_end", "actor_start", "actor_end", "target_start", "target_end",
)  # fmt: skip
_INTEGER_COLUMNS = frozenset(c for c in COLUMNS if c.endswith(("_start", "_end")))
_FLOAT_COLUMNS = frozenset({"latitude", "longitude", "confidence"})
_BOOL_COLUMNS = frozenset({"is_fact"})


def date_precision(value: str | None) -> str | None:
    """day, month, year, decade, ... of an ISO-TimeML date value ("2024-11" is a month)."""
    if not value or not value[:1].isdigit():
        return None
    if len(value) >= 10:
        return "day"
    if len(value) == 7 and value[4] == "-":
        return "week" if value[5] == "W" else "month"
    if len(value) == 4:
        return "year"
    if len(value) == 3:
        return "decade"
    return "other"


def _name(participant: EventParticipant | None, entities: dict[str, Entity]) -> str | None:
    if participant is None:
        return None
    entity = entities.get(participant.entity or "")
    return entity.name if entity is not None else participant.span.text


def _source(analysis: Analysis, event: Event, entities: dict[str, Entity]) -> tuple[Any, ...]:
    for attribution in analysis.attributions:
        if attribution.id == event.asserted_by:
            named = entities.get(attribution.source_entity or "")
            who = named.name if named is not None else attribution.source_description
            if who is None and attribution.source is not None:
                who = attribution.source.text
            return who, attribution.stance
    return None, None


def event_rows(analysis: Analysis) -> Iterator[dict[str, Any]]:
    entities = {entity.id: entity for entity in analysis.entities}
    for event in analysis.events:
        place = entities.get(event.where or "")
        source, stance = _source(analysis, event, entities)
        actors: list[EventParticipant | None] = list(event.actors) or [None]
        targets: list[EventParticipant | None] = list(event.targets) or [None]
        for actor in actors:
            for target in targets:
                yield {
                    "event_id": event.id,
                    "date": event.date,
                    "date_precision": date_precision(event.date),
                    "when_source": event.when_source,
                    "actor": _name(actor, entities),
                    "actor_entity": actor.entity if actor else None,
                    "actor_country": actor.country if actor else None,
                    "actor_sector": actor.sector if actor else None,
                    "type": event.type,
                    "mode": event.mode,
                    "quad_class": event.quad_class,
                    "target": _name(target, entities),
                    "target_entity": target.entity if target else None,
                    "target_country": target.country if target else None,
                    "target_sector": target.sector if target else None,
                    "place": place.name if place else None,
                    "latitude": place.geo.latitude if place and place.geo else None,
                    "longitude": place.geo.longitude if place and place.geo else None,
                    "asserted_by": event.asserted_by,
                    "asserted_by_source": source,
                    "assertion_stance": stance,
                    "factuality": event.factuality,
                    "is_fact": event.factuality == "asserted",
                    "confidence": event.provenance.confidence,
                    "document": analysis.id,
                    "sentence": event.sentence,
                    "trigger_start": event.trigger.start,
                    "trigger_end": event.trigger.end,
                    "actor_start": actor.span.start if actor else None,
                    "actor_end": actor.span.end if actor else None,
                    "target_start": target.span.start if target else None,
                    "target_end": target.span.end if target else None,
                }


def write_csv(rows: Iterable[dict[str, Any]], path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def write_parquet(rows: Iterable[dict[str, Any]], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    def kind(column: str) -> Any:
        if column in _INTEGER_COLUMNS:
            return pa.int64()
        if column in _FLOAT_COLUMNS:
            return pa.float64()
        if column in _BOOL_COLUMNS:
            return pa.bool_()
        return pa.string()

    schema = pa.schema([(column, kind(column)) for column in COLUMNS])
    listed = list(rows)
    table = pa.Table.from_pylist(listed, schema=schema)
    pq.write_table(table, path)
    return len(listed)
