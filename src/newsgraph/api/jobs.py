"""Analysis jobs: a submitted article is analysed and stored in a worker process, and its job
row in the store says where it stands (pending, running, done, failed).

The worker processes are started by the first submission (spawned, not forked: the server has
threads) and load the pipeline once each. A worker that dies mid-analysis breaks the pool: its
jobs are marked failed and the next submission starts a new pool. Jobs the server was still
running when it stopped are marked failed when it starts again (`fail_unfinished`), so a poll
never waits on a job nobody is running.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import threading
import uuid
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Connection, Engine, insert, select, update

from newsgraph.ingest import Document
from newsgraph.store.jobs_tables import analysis_jobs

JobState = Literal["pending", "running", "done", "failed"]
UNFINISHED = ("pending", "running")
STOPPED = "the server stopped before this analysis finished; submit the article again"


@dataclass(frozen=True)
class Job:
    """One submitted article. `document_id` is the id it is (or will be) stored under."""

    job_id: str
    state: JobState
    document_id: str
    error: str | None
    submitted_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def new_job(connection: Connection, document_id: str) -> str:
    job_id = uuid.uuid4().hex
    connection.execute(
        insert(analysis_jobs).values(
            id=job_id, state="pending", document_id=document_id, submitted_at=_now()
        )
    )
    return job_id


def read_job(connection: Connection, job_id: str) -> Job | None:
    row = (
        connection.execute(select(analysis_jobs).where(analysis_jobs.c.id == job_id))
        .mappings()
        .first()
    )
    if row is None:
        return None
    return Job(
        job_id=row["id"],
        state=row["state"],
        document_id=row["document_id"],
        error=row["error"],
        submitted_at=row["submitted_at"],
        started_at=row["started_at"],
        finished_at=row["finished_at"],
    )


def settle(engine: Engine, job_id: str, state: JobState, error: str | None = None) -> None:
    """Record a job's end, unless it has already ended (a worker's word is not overwritten)."""
    with engine.begin() as connection:
        connection.execute(
            update(analysis_jobs)
            .where(analysis_jobs.c.id == job_id, analysis_jobs.c.state.in_(UNFINISHED))
            .values(state=state, error=error, finished_at=_now())
        )


def fail_unfinished(engine: Engine) -> int:
    """Mark failed every job left pending or running by an earlier server; returns how many."""
    with engine.begin() as connection:
        result = connection.execute(
            update(analysis_jobs)
            .where(analysis_jobs.c.state.in_(UNFINISHED))
            .values(state="failed", error=STOPPED, finished_at=_now())
        )
    return int(result.rowcount or 0)


class JobRunner:
    """The pool of worker processes of one application."""

    def __init__(self, engine: Engine, workers: int, stages: tuple[str, ...] | None) -> None:
        self.engine = engine
        self.workers = workers
        self.stages = stages
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def submit(self, job_id: str, document: Document) -> None:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    max_workers=self.workers,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start_worker,
                    initargs=(self.engine.url.render_as_string(hide_password=False), self.stages),
                )
            pool = self._pool
        future = pool.submit(_analyse, job_id, document)
        future.add_done_callback(lambda done: self._finished(job_id, pool, done))

    def _finished(self, job_id: str, pool: ProcessPoolExecutor, future: Future[Any]) -> None:
        if future.cancelled():
            settle(self.engine, job_id, "failed", STOPPED)
            return
        problem = future.exception()
        if problem is None:
            return  # the worker recorded the outcome itself
        settle(self.engine, job_id, "failed", f"the analysis stopped: {problem}")
        with self._lock:
            if self._pool is pool:  # a dead worker breaks the pool: the next job gets a new one
                self._pool = None
        pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        fail_unfinished(self.engine)


# --- in the worker process ------------------------------------------------------------------
_worker: dict[str, Any] = {}


def _start_worker(url: str, stages: tuple[str, ...] | None) -> None:
    from newsgraph.store.engine import connect

    _worker["engine"] = connect(url)
    _worker["stages"] = stages


def _analyse(job_id: str, document: Document) -> None:
    """Analyse and store one article, recording the job's progress and outcome."""
    from newsgraph.analyzing import pipeline_for
    from newsgraph.store.ingest import ingest_documents

    engine: Engine = _worker["engine"]
    with engine.begin() as connection:
        connection.execute(
            update(analysis_jobs)
            .where(analysis_jobs.c.id == job_id)
            .values(state="running", started_at=_now())
        )
    try:
        if "pipeline" not in _worker:
            _worker["pipeline"] = pipeline_for(_worker["stages"])
        outcomes = list(ingest_documents(engine, [document], _worker["pipeline"]))
    except Exception as error:  # the job's row must say it failed, whatever went wrong
        settle(engine, job_id, "failed", f"{type(error).__name__}: {error}")
        return
    failed = [outcome for outcome in outcomes if outcome.status == "failed"]
    if failed:
        settle(engine, job_id, "failed", str(failed[0].error))
    else:
        settle(engine, job_id, "done")
