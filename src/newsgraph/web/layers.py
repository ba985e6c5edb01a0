"""The highlight layers of an article page, read from one stored Analysis.

Every span of every layer becomes a `Mark` with what the page shows about it: its layer, the
facet values a reader can filter on (kind, stance, type: taken from the data, never from a
fixed list), one line saying what it is, and the links it has (the entity, the attribution it
belongs to, the one that attribution is nested in).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from newsgraph.model import Analysis, Attribution, Entity, Span
from newsgraph.web.segments import Mark

# Layers in the order the page lists them, with the name shown to the reader.
LAYER_NAMES: dict[str, str] = {
    "source": "Sources",
    "cue": "Cues",
    "content": "Contents",
    "channel": "Channels",
    "entity": "Entities",
    "date": "Dates",
    "event": "Events",
}


@dataclass
class MarkInfo:
    """What the page knows about one mark (serialised for the browser as is)."""

    id: str
    layer: str
    start: int
    end: int
    text: str
    facets: dict[str, str]
    line: str
    attribution: str | None = None
    entity_url: str | None = None
    # Ids of the attributions this one sits inside, innermost first (its nesting).
    nesting: list[str] = field(default_factory=list)

    def as_mark(self) -> Mark:
        return Mark(self.id, self.start, self.end)

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "layer": self.layer,
            "start": self.start,
            "end": self.end,
            "facets": self.facets,
            "line": self.line,
            "attribution": self.attribution,
            "entity_url": self.entity_url,
            "nesting": self.nesting,
        }


def speaker_name(analysis: Analysis, attribution: Attribution) -> str:
    """Who the attribution says is speaking: the entity, else how the text describes the
    source, else its words; for the outlet's own voice, the outlet."""
    entities = {e.id: e for e in analysis.entities}
    if attribution.source_entity and attribution.source_entity in entities:
        return entities[attribution.source_entity].name
    if attribution.kind == "own_voice":
        return attribution.source_description or analysis.document.outlet or "the outlet"
    if attribution.source_description:
        return attribution.source_description
    if attribution.source is not None:
        return attribution.source.text
    return "an unnamed source"


def nesting(analysis: Analysis, attribution: Attribution) -> list[str]:
    """Parent attribution ids, innermost first (a cycle in bad data stops the walk)."""
    parents = {a.id: a.parent for a in analysis.attributions}
    chain: list[str] = []
    current = attribution.parent
    while current and current in parents and current not in chain and current != attribution.id:
        chain.append(current)
        current = parents[current]
    return chain


def _quoted(span: Span) -> str:
    return f"“{span.text}”"


def build_marks(analysis: Analysis, entity_urls: Mapping[str, str]) -> list[MarkInfo]:
    """Every highlightable span of the analysis. `entity_urls` maps a document entity id to
    the page of its corpus entity."""
    entities = {e.id: e for e in analysis.entities}
    marks: list[MarkInfo] = []
    marks += _attribution_marks(analysis)
    marks += _mention_marks(analysis, entities, entity_urls)
    marks += _timex_marks(analysis)
    marks += _event_marks(analysis, entities)
    return marks


def _attribution_marks(analysis: Analysis) -> list[MarkInfo]:
    marks = []
    for attribution in analysis.attributions:
        who = speaker_name(analysis, attribution)
        chain = nesting(analysis, attribution)
        how = f"{attribution.kind.replace('_', ' ')}, {attribution.stance}"
        inside = f"; inside {', '.join(chain)}" if chain else ""
        common: dict[str, str] = {"kind": attribution.kind, "stance": attribution.stance}

        def add(
            layer: str,
            span: Span | None,
            line: str,
            suffix: str = "",
            attribution: Attribution = attribution,
            common: dict[str, str] = common,
            chain: list[str] = chain,
        ) -> None:
            if span is None:
                return
            marks.append(
                MarkInfo(
                    id=f"{attribution.id}.{layer}{suffix}",
                    layer=layer,
                    start=span.start,
                    end=span.end,
                    text=span.text,
                    # Only contents are filtered by kind and stance; the other roles follow them.
                    facets=dict(common) if layer == "content" else {},
                    line=line,
                    attribution=attribution.id,
                    nesting=chain,
                )
            )

        cue = f", cue {_quoted(attribution.cue)}" if attribution.cue else ""
        add("source", attribution.source, f"Source of {attribution.id}: {who} ({how}){cue}")
        if attribution.cue is not None:
            lemma = f" (lemma “{attribution.cue_lemma}”)" if attribution.cue_lemma else ""
            add("cue", attribution.cue, f"Cue of {attribution.id}{lemma}: {who}, {how}")
        for number, piece in enumerate(attribution.content):
            part = f", part {number + 1} of {len(attribution.content)}"
            parts = part if len(attribution.content) > 1 else ""
            line = f"What {who} says ({attribution.id}, {how}{parts}){inside}"
            add("content", piece, line, str(number))
        add("channel", attribution.channel, f"Channel of {attribution.id}: how {who} said it")
        add(
            "channel",
            attribution.channel_antecedent,
            f"Channel of {attribution.id}, first named here",
            "-first",
        )
    return marks


def _mention_marks(
    analysis: Analysis, entities: Mapping[str, Entity], entity_urls: Mapping[str, str]
) -> list[MarkInfo]:
    marks = []
    for mention in analysis.mentions:
        entity = entities.get(mention.entity) if mention.entity else None
        kind = entity.kind if entity else mention.label.lower()
        form = f", {mention.form}" if mention.form else ""
        if entity is not None:
            line = f"{entity.name} ({entity.kind}): mention {_quoted(mention)}{form}"
            if entity.geo and entity.geo.latitude is not None and entity.geo.longitude is not None:
                line += f", at {entity.geo.latitude:.2f}, {entity.geo.longitude:.2f}"
        else:
            line = f"Mention {_quoted(mention)} ({mention.label}{form}), not linked to an entity"
        marks.append(
            MarkInfo(
                id=mention.id,
                layer="entity",
                start=mention.start,
                end=mention.end,
                text=mention.text,
                facets={"kind": kind},
                line=line,
                entity_url=entity_urls.get(mention.entity) if mention.entity else None,
            )
        )
    return marks


def _timex_marks(analysis: Analysis) -> list[MarkInfo]:
    marks = []
    published = analysis.document.published
    for timex in analysis.timexes:
        value = timex.value or "no value"
        if timex.anchor == "publication":
            against = f", from the publication date {published.isoformat()}" if published else ""
        elif timex.anchor:
            against = f", from {timex.anchor}"
        else:
            against = ""
        marks.append(
            MarkInfo(
                id=timex.id,
                layer="date",
                start=timex.start,
                end=timex.end,
                text=timex.text,
                facets={"type": timex.type},
                line=f"{timex.type} {_quoted(timex)} = {value}{against}",
            )
        )
    return marks


def _event_marks(analysis: Analysis, entities: Mapping[str, Entity]) -> list[MarkInfo]:
    marks = []
    attributions = {a.id: a for a in analysis.attributions}

    def names(participants: list[Span]) -> str:
        return ", ".join(p.text for p in participants) or "none named"

    for event in analysis.events:
        actors = names([p.span for p in event.actors])
        targets = names([p.span for p in event.targets])
        when = f", on {event.date}" if event.date else ""
        place = entities.get(event.where) if event.where else None
        where = f", in {place.name}" if place else ""
        told = attributions.get(event.asserted_by) if event.asserted_by else None
        by = f"; told by {speaker_name(analysis, told)} ({told.id})" if told else ""
        line = (
            f"Event {event.type}{f' ({event.mode})' if event.mode else ''}, {event.factuality}: "
            f"{actors} → {targets}{when}{where}{by}"
        )
        for number, trigger in enumerate((event.trigger, *event.mentions)):
            marks.append(
                MarkInfo(
                    id=f"{event.id}.t{number}",
                    layer="event",
                    start=trigger.start,
                    end=trigger.end,
                    text=trigger.text,
                    facets={"type": event.type, "factuality": event.factuality},
                    line=line,
                    attribution=event.asserted_by,
                )
            )
    return marks


def facet_values(marks: list[MarkInfo]) -> dict[str, dict[str, list[str]]]:
    """For each layer present, each facet and the values it takes in this article, sorted."""
    found: dict[str, dict[str, set[str]]] = {}
    for mark in marks:
        facets = found.setdefault(mark.layer, {})
        for name, value in mark.facets.items():
            facets.setdefault(name, set()).add(value)
    return {
        layer: {name: sorted(values) for name, values in sorted(found[layer].items())}
        for layer in LAYER_NAMES
        if layer in found
    }
