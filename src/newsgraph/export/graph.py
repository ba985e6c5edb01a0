"""The graph view of a batch of documents, shared by the GraphML and JSON-LD writers.

From the table rows of one document it derives what both graph formats draw: the outlet and
relay chain, how often each corpus entity is mentioned (and where first), and each statement
(attribution) with its speaker's corpus entity, its content spans, its date and the corpus
entities mentioned inside its content. Offsets always index into the document's text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from newsgraph.export.reader import Batch, Row


@dataclass(frozen=True)
class Place:
    """Where something is in a document: its characters [start, end)."""

    start: int
    end: int
    text: str


@dataclass
class EntityUse:
    """A corpus entity in one document: how many mentions, and the first one."""

    corpus_entity_id: int
    count: int
    first: Place


@dataclass
class Statement:
    local_id: str
    kind: str
    stance: str
    cue: Place | None
    cue_lemma: str | None
    source: Place | None
    speaker: int | None  # corpus entity id of the source, when it is a known entity
    source_description: str | None
    content: list[Place]
    parent: str | None
    date: str | None  # the dating timex's value; None: dated by the publication date
    channel: str | None
    about: list[EntityUse] = field(default_factory=list)

    @property
    def start(self) -> int | None:
        return min((p.start for p in self.content), default=None)

    @property
    def end(self) -> int | None:
        return max((p.end for p in self.content), default=None)

    @property
    def text(self) -> str:
        return " … ".join(p.text for p in self.content)


@dataclass
class DocumentView:
    row: Row
    relays: list[str]
    entities: list[EntityUse]
    statements: list[Statement]

    @property
    def doc_id(self) -> str:
        doc_id: str = self.row["doc_id"]
        return doc_id


def _place(row: Row, prefix: str = "") -> Place | None:
    start = row.get(f"{prefix}start")
    if start is None:
        return None
    return Place(start, row[f"{prefix}end"], row[f"{prefix}text"])


def _by_document(rows: list[Row]) -> dict[str, list[Row]]:
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[row["doc_id"]].append(row)
    return grouped


def documents(batch: Batch) -> Iterator[DocumentView]:
    """The graph view of every document of the batch, in order."""
    tables = {name: _by_document(batch.table(name)) for name in batch.rows}
    for row in batch.table("documents"):
        doc_id = row["doc_id"]

        def of(name: str, doc_id: str = doc_id) -> list[Row]:
            return tables.get(name, {}).get(doc_id, [])

        corpus = {link["entity"]: link["corpus_entity_id"] for link in of("entity_links")}
        linked = [(m, corpus[m["entity"]]) for m in of("mentions") if m["entity"] in corpus]
        uses: dict[int, EntityUse] = {}
        for mention, corpus_id in linked:
            if corpus_id in uses:
                uses[corpus_id].count += 1
            else:
                uses[corpus_id] = EntityUse(corpus_id, 1, _need(_place(mention)))
        timexes = {t["local_id"]: t["value"] for t in of("timexes")}
        contents: dict[str, list[Place]] = defaultdict(list)
        for piece in of("attribution_contents"):
            contents[piece["attribution"]].append(_need(_place(piece)))
        statements = []
        for attribution in of("attributions"):
            content = contents.get(attribution["local_id"], [])
            channel = _place(attribution, "channel_")
            statements.append(
                Statement(
                    local_id=attribution["local_id"],
                    kind=attribution["kind"],
                    stance=attribution["stance"],
                    cue=_place(attribution, "cue_"),
                    cue_lemma=attribution["cue_lemma"],
                    source=_place(attribution, "source_"),
                    speaker=corpus.get(attribution["source_entity"]),
                    source_description=attribution["source_description"],
                    content=content,
                    parent=attribution["parent"],
                    date=timexes.get(attribution["timex"]) if attribution["timex"] else None,
                    channel=channel.text if channel else None,
                    about=_about(content, linked),
                )
            )
        yield DocumentView(
            row=row,
            relays=[r["outlet"] for r in of("relays")],
            entities=list(uses.values()),
            statements=statements,
        )


def _about(content: list[Place], linked: list[tuple[Row, int]]) -> list[EntityUse]:
    """Corpus entities mentioned inside the content spans, each with its first mention there."""
    found: dict[int, EntityUse] = {}
    for mention, corpus_id in linked:
        inside = any(p.start <= mention["start"] and mention["end"] <= p.end for p in content)
        if not inside:
            continue
        if corpus_id in found:
            found[corpus_id].count += 1
        else:
            found[corpus_id] = EntityUse(corpus_id, 1, _need(_place(mention)))
    return list(found.values())


def _need(place: Place | None) -> Place:
    if place is None:
        raise ValueError("a stored span has no offsets")
    return place
