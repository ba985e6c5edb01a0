"""The corpus runner: every step of STEPS over the stored documents it has not processed yet.

A step matches each new document against what it already holds (its own indexes in the
store), so an update costs about as much per new document however large the corpus is. What
each step has processed is kept in `corpus_progress`, one row per step and document, written in
the same transaction as the step's results: an interrupted update loses nothing, and the next
one goes on from there. A document deleted (or replaced) since the last run is forgotten by
every step before the new ones are processed.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy import Connection, Engine, delete, func, insert, select, text
from sqlalchemy.exc import DBAPIError

from newsgraph.corpus.copies.step import CopiesStep
from newsgraph.corpus.stories.step import StoriesStep
from newsgraph.store import tables
from newsgraph.store.corpus_tables import corpus_progress
from newsgraph.store.engine import StoreError, describe, first_line

BATCH = 200  # documents per transaction


class CorpusError(StoreError):
    """The corpus layer cannot run on this store as asked; the message says why."""


class Step(Protocol):
    """A corpus step: processes new documents, forgets deleted ones, can start over."""

    name: str
    version: str
    # Stages a document must have been analysed with; one without them is skipped (reported).
    requires: tuple[str, ...]

    def process(self, connection: Connection, keys: Sequence[int]) -> list[str]: ...

    def forget(self, connection: Connection, keys: Sequence[int]) -> None: ...

    def reset(self, connection: Connection) -> None: ...


STEPS: list[Step] = [CopiesStep(), StoriesStep()]


@dataclass
class StepReport:
    step: str
    processed: int = 0
    forgotten: int = 0
    skipped: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


def update_corpus(
    engine: Engine,
    document_ids: Sequence[str] | None = None,
    rebuild: bool = False,
    steps: Sequence[Step] | None = None,
) -> list[StepReport]:
    """Run each step over the documents it has not processed (only `document_ids`, when
    given); with `rebuild`, each step first drops what it holds and processes everything.

    Raises CorpusError for an empty store or an unknown document id."""
    where = describe(str(engine.url))
    try:
        with _one_update_at_a_time(engine):
            return [
                _run_step(engine, step, document_ids, rebuild)
                for step in (STEPS if steps is None else steps)
            ]
    except DBAPIError as error:
        raise CorpusError(f"{where}: the corpus update failed: {first_line(error)}") from None


# Two ingests into one PostgreSQL server end with two corpus updates at once; each would add
# the same new documents' bands and pairs. A session lock makes the second wait, then find
# them done. SQLite allows one writer at a time already.
_UPDATE_LOCK = 0x6E657773  # any fixed 64-bit number shared by every newsgraph process


@contextmanager
def _one_update_at_a_time(engine: Engine) -> Iterator[None]:
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as lock:
        lock.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _UPDATE_LOCK})
        lock.commit()
        try:
            yield
        finally:
            lock.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _UPDATE_LOCK})
            lock.commit()


def _run_step(
    engine: Engine, step: Step, document_ids: Sequence[str] | None, rebuild: bool
) -> StepReport:
    started = time.perf_counter()
    report = StepReport(step.name)
    where = describe(str(engine.url))
    documents = tables.documents
    with engine.begin() as connection:
        stored = {
            row.id: (row.doc_id, row.content_sha1)
            for row in connection.execute(
                select(documents.c.id, documents.c.doc_id, documents.c.content_sha1)
            )
        }
        if not stored:
            raise CorpusError(
                f"{where}: the store holds no documents; run `newsgraph ingest` first"
            )
        if rebuild:
            step.reset(connection)
            connection.execute(delete(corpus_progress).where(corpus_progress.c.step == step.name))
        done = {
            row.document_id: row
            for row in connection.execute(
                select(corpus_progress).where(corpus_progress.c.step == step.name)
            )
        }
        gone = [
            key for key, row in done.items() if stored.get(key, (None, None))[1] != row.content_sha1
        ]
        if gone:
            step.forget(connection, gone)
            connection.execute(
                delete(corpus_progress).where(
                    corpus_progress.c.step == step.name, corpus_progress.c.document_id.in_(gone)
                )
            )
            names = ", ".join(repr(done[key].doc_id) for key in gone[:5])
            more = f" and {len(gone) - 5} more" if len(gone) > 5 else ""
            report.notes.append(
                f"{step.name}: {len(gone)} document(s) deleted or replaced since the last run "
                f"({names}{more}): their results are removed"
            )
            report.forgotten = len(gone)
        outdated = sum(
            1 for key, row in done.items() if key in stored and row.version != step.version
        )
        if outdated:
            report.notes.append(
                f"{step.name}: {outdated} document(s) were processed by version other than "
                f"{step.version}; run `newsgraph corpus update --rebuild` to redo them"
            )
    todo = [key for key in stored if key not in done or key in gone]
    if document_ids is not None:
        by_id = {doc_id: key for key, (doc_id, _sha) in stored.items()}
        unknown = [doc_id for doc_id in document_ids if doc_id not in by_id]
        if unknown:
            raise CorpusError(f"{where}: no stored document with id {unknown[0]!r}")
        wanted = {by_id[doc_id] for doc_id in document_ids}
        todo = [key for key in todo if key in wanted]
    todo = _without_layers(engine, step, todo, report)
    for batch in _batches(_in_time_order(engine, todo)):
        with engine.begin() as connection:
            report.notes.extend(step.process(connection, batch))
            now = dt.datetime.now(dt.UTC)
            present = [key for key in batch if key in stored]
            connection.execute(
                insert(corpus_progress),
                [
                    {
                        "step": step.name,
                        "document_id": key,
                        "doc_id": stored[key][0],
                        "content_sha1": stored[key][1],
                        "version": step.version,
                        "processed_at": now,
                    }
                    for key in present
                ],
            )
        report.processed += len(batch)
    report.seconds = time.perf_counter() - started
    return report


def _without_layers(engine: Engine, step: Step, keys: list[int], report: StepReport) -> list[int]:
    """The documents analysed with every stage the step requires; the others are reported."""
    if not step.requires or not keys:
        return keys
    runs = tables.stage_runs
    having: dict[int, set[str]] = {key: set() for key in keys}
    with engine.connect() as connection:
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            for key, name in connection.execute(
                select(runs.c.document_id, runs.c.name).where(runs.c.document_id.in_(chunk))
            ):
                having[key].add(name)
    kept = [key for key in keys if set(step.requires) <= having[key]]
    lacking = len(keys) - len(kept)
    if lacking:
        missing = ", ".join(step.requires)
        report.notes.append(
            f"{step.name}: {lacking} document(s) were stored without the {missing} layer(s) it "
            f"needs; skipped (ingest them with --reanalyze and stages including {missing})"
        )
        report.skipped = lacking
    return kept


def _in_time_order(engine: Engine, keys: list[int]) -> list[int]:
    """Earlier publications first, so that a copy usually meets its original already there."""
    if not keys:
        return []
    documents = tables.documents
    wanted = set(keys)
    with engine.connect() as connection:
        rows = connection.execute(
            select(documents.c.id).order_by(
                func.coalesce(documents.c.published, dt.date(9999, 1, 1)), documents.c.id
            )
        ).scalars()
        return [key for key in rows if key in wanted]


def _batches(keys: list[int]) -> list[list[int]]:
    return [keys[start : start + BATCH] for start in range(0, len(keys), BATCH)]
