"""The contract between the pipeline and its stages.

A stage reads the spaCy parse and the layers earlier stages produced, and returns its own
layers; it never changes a layer it does not declare in `produces`. Stages hold whatever they
load (gazetteers, models) from construction on, so one pipeline object can serve many documents.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from newsgraph.model import Analysis, Provenance

# Layer names a stage may produce: the list fields of Analysis.
LAYERS = ("sentences", "mentions", "entities", "timexes", "attributions", "events")
# Any stage may also return this key: messages appended to Analysis.warnings (for example
# "no publication date: relative dates left unresolved").
WARNINGS = "warnings"


@dataclass
class StageInput:
    """What a stage sees: the parse and the analysis so far (read-only by convention)."""

    doc: Any  # spacy.tokens.Doc over exactly analysis.text
    analysis: Analysis


class Stage(Protocol):
    name: ClassVar[str]
    version: ClassVar[str]
    requires: ClassVar[tuple[str, ...]]
    produces: ClassVar[tuple[str, ...]]

    def run(self, data: StageInput) -> dict[str, list[Any]]:
        """Return the produced layers by name (a subset of LAYERS), plus optional WARNINGS."""
        ...


def provenance(stage: type[Stage] | Stage, confidence: float | None = None) -> Provenance:
    return Provenance(component=stage.name, version=stage.version, confidence=confidence)
