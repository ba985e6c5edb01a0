"""Ingesting documents: analyse what the store lacks and write each document atomically.

Every document is written in a transaction of its own (its row, all its layers and its corpus
entity links), so a kill mid-batch leaves whole documents only, and a rerun does what is
missing. A document already stored with the same text is skipped before it is analysed; with
`reanalyze`, one analysed by another pipeline version (or with other text) is replaced.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import chain
from typing import Literal, NamedTuple

from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError, IntegrityError

from newsgraph.ingest import Document, IngestError
from newsgraph.model import Analysis, StageRun
from newsgraph.pipeline import PARSE, Pipeline, stage_class
from newsgraph.store import tables
from newsgraph.store.convert import pipeline_version
from newsgraph.store.documents import delete_document, write_analysis
from newsgraph.store.engine import StoreError, describe, first_line
from newsgraph.store.linking import link_document

Status = Literal["stored", "unchanged", "replaced", "failed"]
# PostgreSQL's deadlock and serialization failures: the transaction may simply be run again.
_RETRYABLE_STATES = {"40P01", "40001"}
_ATTEMPTS = 3


@dataclass(frozen=True)
class Outcome:
    """What became of one input item."""

    status: Status
    doc_id: str | None
    error: IngestError | None = None  # why it failed, naming its file (and record)
    store_seconds: float = 0.0  # time spent writing it (0 when nothing was written)
    fatal: bool = False  # the store refused the write: no later document would fare better


class StoreWriteError(StoreError):
    """The store refuses writes (disk full, read-only, gone): the batch cannot go on."""


class _ConflictError(Exception):
    """The doc id is stored with other text (or by another pipeline) and may not be replaced."""


class _Stored(NamedTuple):
    key: int
    content_sha1: str
    pipeline_version: str


def planned_version(pipeline: Pipeline) -> str:
    """The pipeline version its analyses will record, known before analysing anything."""
    from newsgraph.nlp import model_version

    runs = [StageRun(name=PARSE, version=model_version())]
    runs += [StageRun(name=n, version=stage_class(n).version) for n in pipeline.stage_names]
    return pipeline_version(runs)


def ingest_documents(
    engine: Engine,
    items: Iterable[Document | IngestError],
    pipeline: Pipeline | Callable[[], Pipeline],
    reanalyze: bool = False,
) -> Iterator[Outcome]:
    """Store every document of `items`, yielding one Outcome per item (not always in input
    order: items decided without analysis come out as soon as they are read).

    `pipeline` may be a function that makes one: it is then called only when some document
    needs analysing, so a rerun over stored documents never loads a model.

    Raises StoreWriteError, after yielding the failed document, when the store refuses a write
    for a reason no other document would escape (a full disk, a read-only file)."""
    made: Pipeline | None = pipeline if isinstance(pipeline, Pipeline) else None
    if reanalyze and made is None:
        made = pipeline() if callable(pipeline) else pipeline
    version = planned_version(made) if reanalyze and made is not None else None
    decided: deque[Outcome] = deque()

    def to_analyse() -> Iterator[Document]:
        for item in items:
            if isinstance(item, IngestError):
                decided.append(Outcome("failed", None, item))
                continue
            stored = _look_up(engine, item.id)
            if stored is None:
                yield item
            elif stored.content_sha1 != item.meta.content_sha1:
                if reanalyze:
                    yield item
                else:
                    decided.append(_failed(item, _other_text(item.id)))
            elif reanalyze and stored.pipeline_version != version:
                yield item
            else:
                decided.append(Outcome("unchanged", item.id))

    pending = to_analyse()
    first = next(pending, None)
    while decided:
        yield decided.popleft()
    if first is None:
        return
    if made is None:
        made = pipeline() if callable(pipeline) else pipeline
    for result in made.analyze_many(chain([first], pending)):
        while decided:
            yield decided.popleft()
        if isinstance(result, IngestError):
            yield Outcome("failed", None, result)
            continue
        outcome = _store(engine, result, reanalyze)
        yield outcome
        if outcome.fatal:
            raise StoreWriteError(str(outcome.error))
    while decided:
        yield decided.popleft()


def store_analyses(
    engine: Engine, analyses: Iterable[Analysis | IngestError], reanalyze: bool = False
) -> Iterator[Outcome]:
    """Store analyses made elsewhere (the Spark job's tables, read back), each as
    `ingest_documents` stores its own: same id and text and pipeline is unchanged, same id and
    other text fails unless `reanalyze`. Raises StoreWriteError as `ingest_documents` does."""
    for item in analyses:
        if isinstance(item, IngestError):
            yield Outcome("failed", None, item)
            continue
        outcome = _store(engine, item, reanalyze)
        yield outcome
        if outcome.fatal:
            raise StoreWriteError(str(outcome.error))


def _look_up(engine: Engine, doc_id: str) -> _Stored | None:
    documents = tables.documents
    query = select(documents.c.id, documents.c.content_sha1, documents.c.pipeline_version)
    try:
        with engine.connect() as connection:
            row = connection.execute(query.where(documents.c.doc_id == doc_id)).first()
    except DBAPIError as error:
        where = describe(str(engine.url))
        raise StoreError(f"{where}: cannot read the store: {first_line(error)}") from None
    return None if row is None else _Stored(*row)


def _store(engine: Engine, analysis: Analysis, reanalyze: bool) -> Outcome:
    started = time.perf_counter()
    for attempt in range(_ATTEMPTS):
        try:
            status = _write(engine, analysis, reanalyze)
        except (IntegrityError, _ConflictError):
            # Another ingest stored the same doc id between our look-up and our insert.
            stored = _look_up(engine, analysis.id)
            if stored is not None and stored.content_sha1 == analysis.document.content_sha1:
                return Outcome("unchanged", analysis.id)
            return _failed(analysis, _other_text(analysis.id, meanwhile=True))
        except DBAPIError as error:
            state = getattr(error.orig, "sqlstate", None)
            if state in _RETRYABLE_STATES and attempt + 1 < _ATTEMPTS:
                continue
            problem = (
                f"cannot store document {analysis.id!r} in {describe(str(engine.url))}: "
                f"{first_line(error)}"
            )
            return replace(_failed(analysis, problem), fatal=True)
        if status is None:
            return Outcome("unchanged", analysis.id)
        return Outcome(status, analysis.id, store_seconds=time.perf_counter() - started)
    raise AssertionError("unreachable: the last attempt returns")


def _write(engine: Engine, analysis: Analysis, reanalyze: bool) -> Status | None:
    """One transaction: (replace and) insert the document, then link its entities."""
    documents = tables.documents
    with engine.begin() as connection:
        # Without `reanalyze` nothing stored is ever replaced, so the look-up is left to the
        # unique doc id: an insert of a doc id stored meanwhile fails, and `_store` decides
        # what became of it as it would from the look-up (a round trip fewer per document).
        existing = (
            connection.execute(
                select(
                    documents.c.id, documents.c.content_sha1, documents.c.pipeline_version
                ).where(documents.c.doc_id == analysis.id)
            ).first()
            if reanalyze
            else None
        )
        status: Status = "stored"
        if existing is not None:
            stored = _Stored(*existing)
            same_text = stored.content_sha1 == analysis.document.content_sha1
            if same_text and stored.pipeline_version == pipeline_version(analysis.stages):
                return None  # nothing new: written meanwhile, or the same pipeline
            if not reanalyze:
                raise _ConflictError(analysis.id)
            delete_document(connection, stored.key)
            status = "replaced"
        written = write_analysis(connection, analysis)
        link_document(connection, written.key, written)
    return status


def _other_text(doc_id: str, meanwhile: bool = False) -> str:
    when = " by another ingest" if meanwhile else ""
    return (
        f"document id {doc_id!r} is already stored{when} with a different text; "
        "use --reanalyze to replace it, or give this document another id"
    )


def _failed(item: Document | Analysis, problem: str) -> Outcome:
    """A failure named like a reader's: the document's file and record."""
    source = item.meta.source if isinstance(item, Document) else item.document.source
    return Outcome("failed", item.id, IngestError(source.path or item.id, problem, source.record))
