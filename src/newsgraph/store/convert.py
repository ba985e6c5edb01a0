"""An Analysis to table rows and back, losslessly: `analysis_from_rows(analysis_rows(a)) == a`.

Rows are plain dicts keyed by column name, grouped by table name; `document_id` is filled in by
the writer once the document row has its key. Reading back goes through the pydantic model, so
a row the model would refuse is an error, never a silently different Analysis.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from newsgraph.model import (
    Analysis,
    Attribution,
    DocumentMeta,
    Entity,
    Event,
    EventParticipant,
    Mention,
    Provenance,
    Sentence,
    Span,
    StageRun,
    Timex,
)

Row = dict[str, Any]
Rows = dict[str, list[Row]]

# Child tables in the order they are written (parents first) and deleted (reverse).
LAYER_TABLES = (
    "relays",
    "stage_runs",
    "sentences",
    "mentions",
    "entities",
    "entity_aliases",
    "timexes",
    "attributions",
    "attribution_contents",
    "events",
    "event_mentions",
    "event_participants",
)


def fold(name: str) -> str:
    """A name as looked up: lower case, diacritics dropped, spaces squeezed ("Al-Sharaa")."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.split())


def pipeline_version(stages: Iterable[StageRun]) -> str:
    """One string naming every stage and its version, in order."""
    return "; ".join(f"{run.name} {run.version}" for run in stages)


def _span(prefix: str, span: Span | None) -> Row:
    if span is None:
        return {f"{prefix}start": None, f"{prefix}end": None, f"{prefix}text": None}
    return {f"{prefix}start": span.start, f"{prefix}end": span.end, f"{prefix}text": span.text}


def _provenance(item: Mention | Entity | Timex | Attribution | Event) -> Row:
    p = item.provenance
    return {"component": p.component, "version": p.version, "confidence": p.confidence}


def document_row(analysis: Analysis) -> Row:
    meta = analysis.document
    return {
        "doc_id": analysis.id,
        "content_sha1": meta.content_sha1,
        "text": analysis.text,
        "published": meta.published,
        "outlet": meta.outlet,
        "url": meta.url,
        "title": meta.title,
        "language": meta.language,
        "meta": meta.model_dump(mode="json"),
        "warnings": list(analysis.warnings),
        "schema_version": analysis.schema_version,
        "pipeline_version": pipeline_version(analysis.stages),
    }


def analysis_rows(analysis: Analysis) -> Rows:
    """Rows of every child table (without `document_id`)."""
    rows: Rows = defaultdict(list)
    for position, outlet in enumerate(analysis.document.via):
        rows["relays"].append({"position": position, "outlet": outlet})
    for position, run in enumerate(analysis.stages):
        rows["stage_runs"].append({"position": position, "name": run.name, "version": run.version})
    for ordinal, sentence in enumerate(analysis.sentences):
        rows["sentences"].append(
            {"ordinal": ordinal, "local_id": sentence.id, **_span("", sentence)}
        )
    for ordinal, mention in enumerate(analysis.mentions):
        rows["mentions"].append(
            {
                "ordinal": ordinal,
                "local_id": mention.id,
                **_span("", mention),
                "label": mention.label,
                "form": mention.form,
                "entity": mention.entity,
                **_provenance(mention),
            }
        )
    for ordinal, entity in enumerate(analysis.entities):
        geo = entity.geo
        rows["entities"].append(
            {
                "ordinal": ordinal,
                "local_id": entity.id,
                "key": entity.key,
                "name": entity.name,
                "kind": entity.kind,
                "mention_ids": list(entity.mentions),
                "geo": geo.model_dump(mode="json") if geo else None,
                "latitude": geo.latitude if geo else None,
                "longitude": geo.longitude if geo else None,
                **_provenance(entity),
            }
        )
        for position, alias in enumerate(entity.aliases):
            rows["entity_aliases"].append(
                {
                    "entity_ordinal": ordinal,
                    "position": position,
                    "alias": alias,
                    "folded": fold(alias)[:300],
                }
            )
    for ordinal, timex in enumerate(analysis.timexes):
        rows["timexes"].append(
            {
                "ordinal": ordinal,
                "local_id": timex.id,
                **_span("", timex),
                "type": timex.type,
                "value": timex.value,
                "anchor": timex.anchor,
                **_provenance(timex),
            }
        )
    for ordinal, attribution in enumerate(analysis.attributions):
        rows["attributions"].append(
            {
                "ordinal": ordinal,
                "local_id": attribution.id,
                "kind": attribution.kind,
                **_span("source_", attribution.source),
                "source_entity": attribution.source_entity,
                "source_description": attribution.source_description,
                **_span("cue_", attribution.cue),
                "cue_lemma": attribution.cue_lemma,
                "stance": attribution.stance,
                **_span("channel_", attribution.channel),
                **_span("channel_antecedent_", attribution.channel_antecedent),
                "timex": attribution.timex,
                "parent": attribution.parent,
                **_provenance(attribution),
            }
        )
        for position, piece in enumerate(attribution.content):
            rows["attribution_contents"].append(
                {"attribution_ordinal": ordinal, "position": position, **_span("", piece)}
            )
    for ordinal, event in enumerate(analysis.events):
        rows["events"].append(
            {
                "ordinal": ordinal,
                "local_id": event.id,
                "type": event.type,
                "mode": event.mode,
                "quad_class": event.quad_class,
                **_span("trigger_", event.trigger),
                "sentence": event.sentence,
                "when": event.when,
                "when_source": event.when_source,
                "date": event.date,
                "where": event.where,
                "asserted_by": event.asserted_by,
                "factuality": event.factuality,
                **_provenance(event),
            }
        )
        for position, span in enumerate(event.mentions):
            rows["event_mentions"].append(
                {"event_ordinal": ordinal, "position": position, **_span("", span)}
            )
        for role, participants in (("actor", event.actors), ("target", event.targets)):
            for position, participant in enumerate(participants):
                rows["event_participants"].append(
                    {
                        "event_ordinal": ordinal,
                        "role": role,
                        "position": position,
                        **_span("", participant.span),
                        "entity": participant.entity,
                        "country": participant.country,
                        "sector": participant.sector,
                    }
                )
    return dict(rows)


def _read_span(row: Mapping[str, Any], prefix: str = "") -> Span | None:
    start = row[f"{prefix}start"]
    if start is None:
        return None
    return Span(start=start, end=row[f"{prefix}end"], text=row[f"{prefix}text"])


def _need_span(row: Mapping[str, Any], prefix: str = "") -> Span:
    span = _read_span(row, prefix)
    if span is None:
        raise ValueError(f"stored row has no {prefix or 'span'} offsets")
    return span


def _read_provenance(row: Mapping[str, Any]) -> Provenance:
    return Provenance(
        component=row["component"], version=row["version"], confidence=row["confidence"]
    )


def _by_parent(
    rows: Iterable[Mapping[str, Any]], parent: str
) -> dict[int, list[Mapping[str, Any]]]:
    grouped: dict[int, list[Mapping[str, Any]]] = defaultdict(list)
    for row in sorted(rows, key=lambda r: r["position"]):
        grouped[row[f"{parent}_ordinal"]].append(row)
    return grouped


def analysis_from_rows(
    document: Mapping[str, Any], rows: Mapping[str, list[Mapping[str, Any]]]
) -> Analysis:
    """The Analysis a document row and its child rows (any order within a table) describe."""

    def ordered(table: str, key: str = "ordinal") -> list[Mapping[str, Any]]:
        return sorted(rows.get(table, []), key=lambda r: r[key])

    aliases = _by_parent(rows.get("entity_aliases", []), "entity")
    contents = _by_parent(rows.get("attribution_contents", []), "attribution")
    event_mentions = _by_parent(rows.get("event_mentions", []), "event")
    participants = _by_parent(rows.get("event_participants", []), "event")
    text = document["text"]
    return Analysis(
        schema_version=document["schema_version"],
        id=document["doc_id"],
        text=text,
        document=DocumentMeta.model_validate(document["meta"]),
        stages=[
            StageRun(name=r["name"], version=r["version"])
            for r in ordered("stage_runs", "position")
        ],
        warnings=list(document["warnings"]),
        sentences=[
            Sentence(id=r["local_id"], **_need_span(r).model_dump()) for r in ordered("sentences")
        ],
        mentions=[
            Mention(
                id=r["local_id"],
                **_need_span(r).model_dump(),
                label=r["label"],
                form=r["form"],
                entity=r["entity"],
                provenance=_read_provenance(r),
            )
            for r in ordered("mentions")
        ],
        entities=[
            Entity(
                id=r["local_id"],
                key=r["key"],
                name=r["name"],
                kind=r["kind"],
                mentions=list(r["mention_ids"]),
                aliases=[a["alias"] for a in aliases.get(r["ordinal"], [])],
                geo=r["geo"],
                provenance=_read_provenance(r),
            )
            for r in ordered("entities")
        ],
        timexes=[
            Timex(
                id=r["local_id"],
                **_need_span(r).model_dump(),
                type=r["type"],
                value=r["value"],
                anchor=r["anchor"],
                provenance=_read_provenance(r),
            )
            for r in ordered("timexes")
        ],
        attributions=[
            Attribution(
                id=r["local_id"],
                kind=r["kind"],
                source=_read_span(r, "source_"),
                source_entity=r["source_entity"],
                source_description=r["source_description"],
                cue=_read_span(r, "cue_"),
                cue_lemma=r["cue_lemma"],
                content=[_need_span(c) for c in contents.get(r["ordinal"], [])],
                stance=r["stance"],
                channel=_read_span(r, "channel_"),
                channel_antecedent=_read_span(r, "channel_antecedent_"),
                timex=r["timex"],
                parent=r["parent"],
                provenance=_read_provenance(r),
            )
            for r in ordered("attributions")
        ],
        events=[
            Event(
                id=r["local_id"],
                type=r["type"],
                mode=r["mode"],
                quad_class=r["quad_class"],
                trigger=_need_span(r, "trigger_"),
                mentions=[_need_span(m) for m in event_mentions.get(r["ordinal"], [])],
                sentence=r["sentence"],
                actors=_participants(participants.get(r["ordinal"], []), "actor"),
                targets=_participants(participants.get(r["ordinal"], []), "target"),
                when=r["when"],
                when_source=r["when_source"],
                date=r["date"],
                where=r["where"],
                asserted_by=r["asserted_by"],
                factuality=r["factuality"],
                provenance=_read_provenance(r),
            )
            for r in ordered("events")
        ],
    )


def _participants(rows: list[Mapping[str, Any]], role: str) -> list[EventParticipant]:
    return [
        EventParticipant(
            span=_need_span(r), entity=r["entity"], country=r["country"], sector=r["sector"]
        )
        for r in rows
        if r["role"] == role
    ]
