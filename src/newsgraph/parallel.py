"""Analyse a stream of documents in worker processes, each running the whole pipeline.

Each worker loads the spaCy model and the stages once (a process pool with an initializer) and
analyses whole documents; the main process only reads the input, hands documents out and puts
the results back in input order. Workers are started fresh (forkserver, else spawn), never
forked from a process that already holds ONNX Runtime's or spaCy's threads.

- Read-ahead is bounded (a few documents per worker), so memory stays flat on a long stream.
- An input error (IngestError) in the stream is never sent to a worker: it comes out in its
  place. A document whose parse or stage fails comes back as a StageError in its place.
- A worker that dies (killed, out of memory) breaks the pool: the pool is restarted and the
  documents that were in flight are tried again one at a time, so that the one that kills a
  worker on its own becomes a StageError and the others are analysed; the batch goes on.
- Workers ignore Ctrl-C: the main process gets it, stops the workers and lets it through.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from newsgraph.ingest import Document, IngestError
from newsgraph.model import Analysis
from newsgraph.pipeline import Pipeline, StageError, register_all, registered

# Documents handed out ahead of the one the caller waits for, per worker: enough to keep every
# worker busy while results are put back in order, few enough that memory stays flat.
READ_AHEAD_PER_WORKER = 2
THREADS_VARIABLE = "NEWSGRAPH_TAGGER_THREADS"
DIED = "a worker process died while analysing it (killed, or out of memory)"

# What a worker sends back for one document: ("ok", Analysis, timings),
# ("failed", (path, problem, where), timings) or ("unloaded", message, {}).
Outcome = tuple[str, Any, dict[str, float]]

_worker: Pipeline | None = None
_load_error: str | None = None


def _start_worker(
    registry: dict[str, str], stage_names: list[str], batch_size: int, stage_time_limit: float
) -> None:
    """Pool initializer: load the pipeline once in this worker process. `registry` holds the
    main process's "module:Class" of each stage, so a stage registered there at run time (by
    a plugin, or a test) is found here too."""
    global _worker, _load_error
    # Ctrl-C reaches every process of the terminal's group; the main process handles it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The workers share the cores: one ONNX Runtime thread each (unless the user chose).
    os.environ.setdefault(THREADS_VARIABLE, "1")
    register_all(registry)
    try:
        _worker = Pipeline(stage_names, n_process=1, batch_size=batch_size)
        _worker.stage_time_limit = stage_time_limit
    except Exception as error:  # reported with the first document, then the run stops
        _load_error = f"{type(error).__name__}: {error}"


def _analyze_one(document: Document) -> Outcome:
    """Worker task: analyse one document with this worker's pipeline."""
    if _worker is None:
        return "unloaded", _load_error or "the pipeline was not loaded", {}
    before = dict(_worker.timings)
    try:
        outcome: Outcome = ("ok", _worker.analyze(document), {})
    except StageError as error:
        outcome = ("failed", (error.path, error.problem, error.where), {})
    timings = {name: seconds - before[name] for name, seconds in _worker.timings.items()}
    return outcome[0], outcome[1], timings


@dataclass
class _Pending:
    item: Document | IngestError
    future: Future[Outcome] | None = None  # None: an input error, or not handed out yet
    alone: bool = False  # to be run by itself, after a worker died


class _Workers:
    """A process pool that can be restarted after a worker dies, or stopped at once."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        methods = multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context(
            "forkserver" if "forkserver" in methods else "spawn"
        )
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.pipeline.n_process,
            mp_context=self.context,
            initializer=_start_worker,
            initargs=(
                registered(self.pipeline.stage_names),
                self.pipeline.stage_names,
                self.pipeline.batch_size,
                self.pipeline.stage_time_limit,
            ),
        )

    def submit(self, document: Document) -> Future[Outcome]:
        return self.pool.submit(_analyze_one, document)

    def restart(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = self._new_pool()

    def stop(self, now: bool) -> None:
        if now:
            # Interrupted or abandoned: a worker may be minutes into a long document.
            # ProcessPoolExecutor has no public way to end its workers before Python 3.14.
            for process in list(self.pool._processes.values()):
                process.terminate()
        self.pool.shutdown(wait=not now, cancel_futures=True)


def analyze_in_workers(
    pipeline: Pipeline, items: Iterable[Document | IngestError]
) -> Iterator[Analysis | IngestError]:
    """Analyse `items` in `pipeline.n_process` workers; results in input order."""
    workers = _Workers(pipeline)
    pending: deque[_Pending] = deque()
    iterator = iter(items)
    limit = READ_AHEAD_PER_WORKER * pipeline.n_process
    finished = False
    try:
        while True:
            # After a worker died, nothing new is handed out until the documents it may have
            # held have each been run alone.
            while len(pending) < limit and not any(p.alone for p in pending):
                item = next(iterator, None)
                if item is None:
                    break
                entry = _Pending(item)
                if isinstance(item, Document):
                    entry.future = workers.submit(item)
                pending.append(entry)
            if not pending:
                finished = True
                return
            entry = pending.popleft()
            if isinstance(entry.item, IngestError):
                yield entry.item
                continue
            outcome = _outcome(workers, entry, pending)
            yield _result(pipeline, entry.item, outcome)
    finally:
        workers.stop(now=not finished)


def _outcome(workers: _Workers, entry: _Pending, pending: deque[_Pending]) -> Outcome | None:
    """The worker's outcome for `entry`, or None when the document kills a worker alone."""
    assert isinstance(entry.item, Document)
    if entry.alone:
        entry.future = workers.submit(entry.item)
    assert entry.future is not None
    try:
        return entry.future.result()
    except BrokenProcessPool:
        workers.restart()
        if entry.alone:
            return None  # it broke a pool all by itself
        # Any of the documents in flight may have been the one: run each alone.
        for other in pending:
            if isinstance(other.item, Document):
                other.alone = True
        entry.alone = True
        return _outcome(workers, entry, pending)


def _result(
    pipeline: Pipeline, document: Document, outcome: Outcome | None
) -> Analysis | IngestError:
    if outcome is None:
        where = document.meta.source.record
        problem = f"document {document.id!r}: {DIED}"
        return StageError(document.meta.source.path or document.id, problem, where)
    kind, payload, timings = outcome
    for name, seconds in timings.items():
        pipeline.timings[name] = pipeline.timings.get(name, 0.0) + seconds
    if kind == "unloaded":
        raise RuntimeError(f"the worker processes could not load the pipeline: {payload}")
    if kind == "failed":
        path, problem, where = payload
        return StageError(path, problem, where)
    analysis: Analysis = payload
    return analysis
