"""The data model: every extracted item is a set of character spans into the article text.

An `Analysis` is the whole output for one document. Its `text` is the article text the spans
index into; every object with `start`/`end` also carries `text`, which always equals
`analysis.text[start:end]` (checked by `Analysis.check_spans`). The JSON Schema printed by
`newsgraph schema` is generated from these classes, so the schema and the code cannot drift.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# Bump the major part when a field is removed or changes meaning, the minor part when one is added.
SCHEMA_VERSION = "2.1.0"
SCHEMA_ID = f"https://newsgraph.dev/schema/analysis-{SCHEMA_VERSION}.json"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Span(_Model):
    """A contiguous stretch of the article: `text == article[start:end]`."""

    start: int = Field(ge=0, description="Offset of the first character (Python str index).")
    end: int = Field(ge=0, description="Offset one past the last character.")
    text: str = Field(description="The article's characters at [start, end).")

    @classmethod
    def of(cls, article: str, start: int, end: int) -> Span:
        """Build a span whose `text` is read from the article, so it cannot disagree."""
        return cls(start=start, end=end, text=article[start:end])


class Provenance(_Model):
    """Which component produced an item, in which version, and how sure it is."""

    component: str = Field(description="Name of the producing component, e.g. 'spacy-ner'.")
    version: str = Field(description="Version of that component or of its model.")
    confidence: float | None = Field(
        default=None, ge=0.0, le=1.0, description="Confidence in [0, 1] when the component has one."
    )


class SourceInfo(_Model):
    """Where the document came from on disk or in an archive."""

    path: str | None = Field(
        default=None, description="File the document was read from ('-' for stdin)."
    )
    format: Literal["text", "html", "jsonl", "warc"] = "text"
    record: str | None = Field(
        default=None, description="Line number (JSONL) or record id/offset (WARC) inside the file."
    )
    encoding: str | None = Field(default=None, description="Detected or declared text encoding.")
    text_offset: int = Field(
        default=0,
        ge=0,
        description="Offset of `text` inside the decoded file (a crawl header line is skipped).",
    )
    header: str | None = Field(default=None, description="The crawl header line, verbatim.")
    crawled: str | None = Field(default=None, description="Crawl time (WARC-Date) when known.")


class DocumentMeta(_Model):
    """Metadata of one article. Unknown values are null, never invented."""

    published: dt.date | None = Field(default=None, description="Publication date.")
    outlet: str | None = Field(
        default=None, description="The site or outlet that published this copy."
    )
    via: list[str] = Field(
        default_factory=list,
        description="Relay chain, nearest first: outlets the text came through before `outlet`.",
    )
    url: str | None = None
    title: str | None = None
    byline: list[str] = Field(default_factory=list, description="Authors, when stated.")
    language: str | None = None
    content_sha1: str = Field(description="SHA-1 of `text`, for exact-duplicate detection.")
    dateline: Span | None = Field(
        default=None,
        description="The dateline that opens the text ('JAKARTA (Reuters) -'), dash included.",
    )
    dateline_place: str | None = Field(
        default=None, description="The place the dateline names, as written ('SANTA FE, N.M.')."
    )
    dateline_credit: str | None = Field(
        default=None,
        description="The agency the dateline credits ('Reuters', 'AP'); it is also in `via` "
        "unless it is the outlet itself.",
    )
    source: SourceInfo = Field(default_factory=SourceInfo)


class Sentence(Span):
    id: str


class Mention(Span):
    """A stretch of text that names or refers to something."""

    id: str
    label: str = Field(
        description="Type label, e.g. PERSON, ORG, GPE, NORP, DATE (spaCy's scheme)."
    )
    form: str | None = Field(
        default=None,
        description="How it refers: name, alias, description, pronoun, demonym (a modifier such as "
        "'Israeli' that points at its country), or null when not yet classified.",
    )
    entity: str | None = Field(
        default=None, description="Id of the entity this mention belongs to."
    )
    provenance: Provenance


class GeoInfo(_Model):
    geonames_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    country_code: str | None = None


EntityKind = Literal["person", "organization", "country", "place", "group", "event", "other"]


class Entity(_Model):
    """One real-world thing, with every mention of it in the article."""

    id: str
    key: str | None = Field(
        default=None,
        description="Stable cross-document id: the same real-world thing gets the same key in "
        "every article that names it, in any of its forms.",
    )
    name: str = Field(description="Canonical name.")
    kind: EntityKind
    mentions: list[str] = Field(default_factory=list, description="Mention ids.")
    aliases: list[str] = Field(default_factory=list, description="Distinct surface forms seen.")
    geo: GeoInfo | None = None
    provenance: Provenance


TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


class Timex(Span):
    """A TIMEX3 temporal expression with its ISO-TimeML value."""

    id: str
    type: TimexType
    value: str | None = Field(
        description="ISO-TimeML value (2024-11-27, 2025-06, P3Y, PAST_REF); null when unresolvable."
    )
    anchor: str | None = Field(
        default=None,
        description="What the value was resolved against: 'publication', a timex id, or null.",
    )
    provenance: Provenance


AttributionKind = Literal[
    "direct", "indirect", "mixed", "according_to", "embedded_post", "own_voice"
]
Stance = Literal["neutral", "assertive", "distancing", "question", "other"]


class Attribution(_Model):
    """Content ascribed to a source: who says what, through which cue, channel and time."""

    id: str
    kind: AttributionKind
    source: Span | None = Field(default=None, description="Where the source is named in the text.")
    source_entity: str | None = Field(default=None, description="Entity id of the source.")
    source_description: str | None = Field(
        default=None, description="How an unnamed source is described, or the outlet for own voice."
    )
    cue: Span | None = None
    cue_lemma: str | None = None
    content: list[Span] = Field(
        default_factory=list, description="Content, possibly discontinuous."
    )
    stance: Stance = "neutral"
    channel: Span | None = Field(
        default=None, description="Medium when stated (interview, post, report)."
    )
    channel_antecedent: Span | None = Field(
        default=None,
        description="The first, fuller mention of the channel when `channel` refers back to it "
        "('the interview' after 'an interview with Al-Ikhbariya TV').",
    )
    timex: str | None = Field(
        default=None,
        description="Timex id that dates the statement; null: dated by the publication date.",
    )
    parent: str | None = Field(default=None, description="Attribution this one is nested in.")
    provenance: Provenance


EventFactuality = Literal[
    "asserted", "negated", "hypothetical", "conditional", "planned", "future", "question"
]
EventWhenSource = Literal["timex", "narrative", "report", "publication"]


class EventParticipant(_Model):
    """An actor or a target of an event, as named in the sentence that reports it."""

    span: Span = Field(description="Where the participant is named in the text.")
    entity: str | None = Field(default=None, description="Entity id, when the entity is known.")
    country: str | None = Field(
        default=None, description="ISO 3166-1 alpha-3 code of the participant's country, if known."
    )
    sector: str | None = Field(
        default=None,
        description="government, military, police, rebels, party, business, civilians, media, "
        "international, ... when known.",
    )


class Event(_Model):
    """Who did what to whom, when and where, and on whose word we know it."""

    id: str
    type: str = Field(description="PLOVER event type (AGREE, CONSULT, ..., ASSAULT).")
    mode: str | None = Field(default=None, description="PLOVER mode of that type, when it applies.")
    quad_class: str | None = Field(
        default=None,
        description="verbal cooperation, material cooperation, verbal conflict, material conflict.",
    )
    trigger: Span = Field(description="The words that report the event.")
    mentions: list[Span] = Field(
        default_factory=list,
        description="Triggers of later reports of the same occurrence in this article.",
    )
    sentence: str | None = Field(default=None, description="Sentence id of the trigger.")
    actors: list[EventParticipant] = Field(default_factory=list)
    targets: list[EventParticipant] = Field(default_factory=list)
    when: str | None = Field(default=None, description="Timex id that dates the event.")
    when_source: EventWhenSource | None = Field(
        default=None,
        description="timex: dated in its sentence; narrative: inherited from the story's time; "
        "report: dated by the statement that reports it ('In February, Reuters reported that "
        "...'); publication: only the publication date dates it.",
    )
    date: str | None = Field(default=None, description="ISO-TimeML value of the event's date.")
    where: str | None = Field(default=None, description="Entity id of the place of the event.")
    asserted_by: str | None = Field(
        default=None,
        description="Attribution id the event is reported in (an own_voice attribution when the "
        "outlet itself reports it); null when no attribution layer ran.",
    )
    factuality: EventFactuality = Field(
        default="asserted",
        description="asserted as having happened, or negated, hypothetical, conditional, "
        "planned, future or asked about: only 'asserted' events are facts.",
    )
    provenance: Provenance


class StageRun(_Model):
    name: str
    version: str


class Analysis(_Model):
    """Everything newsgraph found in one document."""

    schema_version: str = SCHEMA_VERSION
    id: str
    text: str
    document: DocumentMeta
    stages: list[StageRun] = Field(default_factory=list, description="Stages that ran, in order.")
    warnings: list[str] = Field(default_factory=list)
    sentences: list[Sentence] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    timexes: list[Timex] = Field(default_factory=list)
    attributions: list[Attribution] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)

    def iter_spans(self) -> list[Span]:
        """Every span object in the analysis, nested ones included."""
        spans: list[Span] = [*self.sentences, *self.mentions, *self.timexes]
        if self.document.dateline is not None:
            spans.append(self.document.dateline)
        for attribution in self.attributions:
            roles = (attribution.source, attribution.cue, attribution.channel)
            spans.extend(s for s in (*roles, attribution.channel_antecedent) if s)
            spans.extend(attribution.content)
        for event in self.events:
            spans.extend((event.trigger, *event.mentions))
            spans.extend(p.span for p in (*event.actors, *event.targets))
        return spans

    def check_spans(self) -> list[str]:
        """Describe every span whose offsets are out of range or whose text disagrees."""
        problems = []
        for span in self.iter_spans():
            if not 0 <= span.start <= span.end <= len(self.text):
                problems.append(f"span [{span.start}, {span.end}) is outside the text")
            elif self.text[span.start : span.end] != span.text:
                problems.append(f"span [{span.start}, {span.end}) text {span.text!r} disagrees")
        return problems


def json_schema() -> dict[str, object]:
    """The versioned JSON Schema of one `Analysis` object."""
    schema = Analysis.model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"newsgraph analysis {SCHEMA_VERSION}",
        **schema,
    }
