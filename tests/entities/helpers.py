"""Small helpers shared by the entity tests."""

from __future__ import annotations

from newsgraph.ingest.document import make_document
from newsgraph.model import Analysis, Entity, SourceInfo
from newsgraph.pipeline import Pipeline


def analyse(pipeline: Pipeline, text: str, doc_id: str = "doc") -> Analysis:
    return pipeline.analyze(make_document(doc_id=doc_id, text=text, source=SourceInfo()))


def entity_named(analysis: Analysis, name: str) -> Entity:
    """The entity that has `name` as its canonical name or one of its mentions."""
    texts = {m.id: m.text for m in analysis.mentions}
    for entity in analysis.entities:
        if entity.name == name or name in {texts[m] for m in entity.mentions}:
            return entity
    raise AssertionError(f"no entity for {name!r}: {[e.name for e in analysis.entities]}")


def surfaces(analysis: Analysis, entity: Entity) -> list[str]:
    texts = {m.id: m.text for m in analysis.mentions}
    return [texts[m] for m in entity.mentions]
