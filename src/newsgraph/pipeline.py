"""The pipeline: one spaCy parse per document, then the named stages in order.

Stages are registered here by name. A user picks a subset (`--stages temporal,entities`); the
stages they require are added, and all run in the canonical order below, whatever order they
were asked in. The same Pipeline object serves the CLI, the API and a Spark partition.
"""

from __future__ import annotations

import importlib
import importlib.util
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from newsgraph.heap import release_freed_memory
from newsgraph.ingest import Document, IngestError
from newsgraph.model import Analysis, StageRun
from newsgraph.nlp import MODEL_NAME, load_nlp, model_version, windows
from newsgraph.stage import WARNINGS, Stage, StageInput
from newsgraph.time_limit import base_seconds, limit_for, time_limit

# Canonical order: a stage comes after every stage it may read from. Each entry is
# "module:Class"; the module is imported only when the stage is used, so a subset run does not
# pay for loading the others' resources.
_REGISTRY: dict[str, str] = {
    "sentences": "newsgraph.nlp.stages:SentencesStage",
    "mentions": "newsgraph.nlp.stages:MentionsStage",
    "temporal": "newsgraph.temporal.stage:TemporalStage",
    "entities": "newsgraph.entities.stage:EntitiesStage",
    "attribution": "newsgraph.attribution.stage:AttributionStage",
    "events": "newsgraph.events.stage:EventsStage",
}
PARSE = "parse"


def available_stages() -> list[str]:
    """Registered stages whose code is installed, in canonical order."""
    return [name for name in _REGISTRY if _importable(name)]


def _importable(name: str) -> bool:
    module = _REGISTRY[name].partition(":")[0]
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def registered(names: Sequence[str]) -> dict[str, str]:
    """The registry entries ("module:Class") of these stages."""
    return {name: _REGISTRY[name] for name in names}


def register_all(entries: dict[str, str]) -> None:
    """Add or replace registry entries, keeping the canonical order of those already there."""
    _REGISTRY.update(entries)


def stage_class(name: str) -> type[Stage]:
    module, _, attribute = _REGISTRY[name].partition(":")
    cls: type[Stage] = getattr(importlib.import_module(module), attribute)
    return cls


class StageError(IngestError):
    """A stage failed on one document; the batch goes on without it."""


def resolve_stages(requested: Sequence[str] | None) -> list[str]:
    """Requested stages plus what they require, in canonical order. Unknown names are refused."""
    if not requested:
        return available_stages()
    known = available_stages()
    unknown = [name for name in requested if name not in known]
    if unknown:
        raise ValueError(f"unknown stage(s): {', '.join(unknown)}; choose from {', '.join(known)}")
    wanted: set[str] = set()
    queue = list(requested)
    while queue:
        name = queue.pop()
        if name not in wanted:
            wanted.add(name)
            queue.extend(stage_class(name).requires)
    return [name for name in known if name in wanted]


class Pipeline:
    """Loads the spaCy model and the chosen stages once, then analyses any number of documents.

    With `n_process` above 1, `analyze_many` runs that many worker processes, each loading the
    model and the stages once and analysing whole documents (see `newsgraph.parallel`); the
    results come back in input order. `analyze` always runs in the calling process.
    """

    def __init__(
        self, stages: Sequence[str] | None = None, n_process: int = 1, batch_size: int = 16
    ) -> None:
        if n_process < 1:
            raise ValueError("n_process must be at least 1")
        self.stage_names = resolve_stages(stages)
        self.n_process = n_process
        self.batch_size = batch_size
        # Base seconds of each stage's time limit per document (newsgraph.time_limit); the
        # workers get the same.
        self.stage_time_limit = base_seconds()
        # Seconds spent per stage, the spaCy parse under "parse"; summed over all documents,
        # those analysed in worker processes included (each worker reports its own).
        self.timings: dict[str, float] = {PARSE: 0.0, **{name: 0.0 for name in self.stage_names}}
        self._nlp: Any = None
        self._stages: list[Stage] | None = None
        if n_process == 1:
            self._load()
        elif importlib.util.find_spec(MODEL_NAME) is None:
            # The workers would each fail to load it: say so now, in this process.
            load_nlp()

    def _load(self) -> tuple[Any, list[Stage]]:
        if self._stages is None:
            self._nlp = load_nlp()
            self._stages = [stage_class(name)() for name in self.stage_names]
        return self._nlp, self._stages

    @property
    def nlp(self) -> Any:
        """The spaCy Language object (loaded in this process on first use)."""
        return self._load()[0]

    @property
    def stages(self) -> list[Stage]:
        """The stage objects of this process (loaded on first use)."""
        return self._load()[1]

    @stages.setter
    def stages(self, stages: list[Stage]) -> None:
        self._load()
        self._stages = stages

    def analyze(self, document: Document) -> Analysis:
        """Analyse one document in this process; a failing parse or stage raises StageError."""
        started = time.perf_counter()
        try:
            doc = windows.parse(self.nlp, document.text)
        except Exception as error:  # one bad document must not stop the batch
            raise _failure(document, PARSE, error) from error
        finally:
            self.timings[PARSE] += time.perf_counter() - started
        return self._run_stages(doc, document)

    def analyze_many(
        self, items: Iterable[Document | IngestError]
    ) -> Iterator[Analysis | IngestError]:
        """Analyse a stream in order; errors in it, and documents that fail, come out as
        IngestErrors in their place."""
        if self.n_process > 1:
            from newsgraph.parallel import analyze_in_workers

            yield from analyze_in_workers(self, items)
            return
        reading = 0.0

        def texts() -> Iterator[tuple[str, Document | IngestError]]:
            nonlocal reading
            iterator = iter(items)
            while True:
                started = time.perf_counter()
                item = next(iterator, None)
                reading += time.perf_counter() - started
                if item is None:
                    return
                # An error rides through the parser as an empty text so that it comes out in
                # its place in the stream (spaCy reads ahead a whole batch).
                yield ("" if isinstance(item, IngestError) else item.text), item

        parsed = windows.pipe(self.nlp, texts(), batch_size=self.batch_size)
        while True:
            started, reading_before = time.perf_counter(), reading
            pair = next(parsed, None)
            self.timings[PARSE] += time.perf_counter() - started - (reading - reading_before)
            if pair is None:
                return
            doc, item = pair
            if isinstance(item, IngestError):
                yield item
                continue
            try:
                yield self._run_stages(doc, item)
            except StageError as error:
                yield error

    def _run_stages(self, doc: Any, document: Document) -> Analysis:
        analysis = Analysis(
            id=document.id,
            text=document.text,
            document=document.meta,
            warnings=list(document.warnings),
            stages=[StageRun(name=PARSE, version=model_version())],
        )
        seconds = limit_for(len(document.text), self.stage_time_limit)
        for stage in self.stages:
            started = time.perf_counter()
            try:
                with time_limit(seconds):
                    layers = stage.run(StageInput(doc=doc, analysis=analysis))
            except Exception as error:  # one bad document must not stop the batch
                raise _failure(document, stage.name, error) from error
            finally:
                self.timings[stage.name] += time.perf_counter() - started
            analysis.warnings.extend(layers.pop(WARNINGS, []))
            for layer, values in layers.items():
                if layer not in stage.produces:
                    raise RuntimeError(f"stage {stage.name!r} returned undeclared layer {layer!r}")
                setattr(analysis, layer, values)
            analysis.stages.append(StageRun(name=stage.name, version=stage.version))
        release_freed_memory()
        return analysis


def _failure(document: Document, stage: str, error: Exception) -> StageError:
    return StageError(
        document.meta.source.path or document.id,
        f"stage {stage!r} failed on document {document.id!r}: {type(error).__name__}: {error}",
        document.meta.source.record,
    )
