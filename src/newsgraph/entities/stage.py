"""The `entities` stage: repaired mentions, clustered into typed, keyed, geocoded entities."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar, Protocol, TypeVar

from newsgraph.entities.aliasbook import AliasBook, add_listed_names
from newsgraph.entities.aliases import alias_pairs
from newsgraph.entities.build import build, merge_by_book, merge_places
from newsgraph.entities.clustering import cluster_names
from newsgraph.entities.drafts import DESCRIPTION
from newsgraph.entities.gazetteer import Gazetteer
from newsgraph.entities.labels import countries_in
from newsgraph.entities.references import (
    resolve_descriptions,
    resolve_epithets,
    resolve_pronouns,
)
from newsgraph.entities.repair import repair
from newsgraph.model import Span
from newsgraph.stage import StageInput, provenance


class _Located(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


LocatedT = TypeVar("LocatedT", bound=_Located)


def outside(items: Sequence[LocatedT], dateline: Span | None) -> list[LocatedT]:
    """The items that do not overlap the dateline."""
    if dateline is None:
        return list(items)
    return [i for i in items if i.end <= dateline.start or i.start >= dateline.end]


class EntitiesStage:
    """Replaces spaCy's mentions with repaired ones and adds the entities they refer to."""

    name: ClassVar[str] = "entities"
    version: ClassVar[str] = "1.0"
    requires: ClassVar[tuple[str, ...]] = ("mentions",)
    produces: ClassVar[tuple[str, ...]] = ("mentions", "entities")

    def __init__(self, aliases: str | Path | None = None) -> None:
        self.gazetteer = Gazetteer()
        self.book = AliasBook(aliases)

    def run(self, data: StageInput) -> dict[str, list[Any]]:
        text = data.analysis.text
        doc = data.doc
        # A dateline ("JAKARTA (Reuters) -") is metadata: its words mention nothing, and its
        # agency must not become an alias of its place.
        dateline = data.analysis.document.dateline
        mentions = outside(data.analysis.mentions, dateline)
        drafts = repair(mentions, doc, text, self.gazetteer)
        drafts = outside(add_listed_names(drafts, text, self.book), dateline)
        drafts = resolve_epithets(drafts, text)
        # Descriptions without a resolved country (a bare "the country") are not kept.
        drafts = [d for d in drafts if d.form != DESCRIPTION or d.country]
        links = alias_pairs(drafts, text)
        cluster_names(drafts, links)
        merge_by_book(drafts, self.book, self.gazetteer)
        context = countries_in(drafts, self.gazetteer)
        merge_places(drafts, self.gazetteer, context)
        drafts = resolve_descriptions(drafts, doc)
        drafts = resolve_pronouns(drafts, doc, text)
        mentions, entities = build(
            drafts, text, self.gazetteer, self.book, context, provenance(self)
        )  # fmt: skip
        return {"mentions": mentions, "entities": entities}
