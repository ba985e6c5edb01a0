"""The Python API over a store: `Corpus(url).quotes(by="Abu Yahya")` and friends.

Every method returns typed results (the dataclasses of newsgraph.store.queries, or the
Analysis of a document); a list of results has `.to_pandas()` (needs the `frames` extra).

    from newsgraph import Corpus
    corpus = Corpus("newsgraph.db")
    corpus.quotes(by="Yahya-Tamelit", stance="distancing").to_pandas()
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

from sqlalchemy import Connection, Engine

from newsgraph.ingest import ReadOptions
from newsgraph.model import Analysis
from newsgraph.store import queries
from newsgraph.store.engine import StoreError, check_revision, connect, resolve_url
from newsgraph.store.fulltext import Within

T = TypeVar("T")


class Results(list[T], Generic[T]):
    """A list of query results that can become a pandas DataFrame, one row a result (nested
    fields such as a quote's content pieces stay lists of dicts)."""

    def to_pandas(self) -> Any:
        try:
            import pandas
        except ModuleNotFoundError:
            raise ModuleNotFoundError(
                "to_pandas() needs pandas: pip install 'newsgraph[frames]'"
            ) from None
        return pandas.DataFrame([dataclasses.asdict(r) for r in self])  # type: ignore[call-overload]


class Corpus:
    """A store of analysed articles (SQLite file or PostgreSQL URL; default as
    newsgraph.store.engine.resolve_url). The schema is checked on first use: an empty store
    or one at another revision raises StoreError with what to do."""

    def __init__(self, url: str | None = None) -> None:
        self.url = resolve_url(url)
        self._engine: Engine | None = None

    def _ready(self, create: bool = False) -> Engine:
        if self._engine is None:
            absent = None if create else queries.missing_file(self.url)
            if absent:
                raise StoreError(absent)
            engine = connect(self.url)
            check_revision(engine, create=create)
            self._engine = engine
        return self._engine

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        with self._ready().connect() as connection:
            yield connection

    def _ask(self, question: Callable[..., list[T]], *args: Any, **kwargs: Any) -> Results[T]:
        with self._reading() as connection:
            return Results(question(connection, *args, **kwargs))

    def quotes(
        self,
        by: str | None = None,
        about: str | None = None,
        stance: str | None = None,
        kind: str | None = None,
        outlet: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> Results[queries.Quote]:
        """Attributions, newest first (see newsgraph.store.queries.quotes)."""
        return self._ask(
            queries.quotes,
            by=by,
            about=about,
            stance=stance,
            kind=kind,
            outlet=outlet,
            since=since,
            until=until,
            limit=limit,
            offset=offset,
        )

    def entity(self, name: str, limit: int = 10) -> Results[queries.EntityReport]:
        """Every corpus entity some article called `name`."""
        return self._ask(queries.entity, name, limit=limit)

    def search(
        self, text: str, limit: int = 20, within: Within = "documents"
    ) -> Results[queries.SearchMatch]:
        """Full-text search: the matching spans of the best `limit` documents."""
        return self._ask(queries.search, text, limit=limit, within=within)

    def documents(
        self,
        outlet: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> Results[queries.DocumentSummary]:
        """Stored documents, newest first, with counts of each layer."""
        return self._ask(
            queries.documents, outlet=outlet, since=since, until=until, limit=limit, offset=offset
        )

    def document(self, doc_id: str) -> Analysis:
        """The stored Analysis of a document, exactly as written; KeyError if unknown."""
        from newsgraph.store.documents import read_analysis

        with self._reading() as connection:
            analysis = read_analysis(connection, doc_id)
        if analysis is None:
            raise KeyError(f"no document {doc_id!r} in {self.url}")
        return analysis

    def ingest(
        self,
        paths: Iterable[str],
        stages: Sequence[str] | None = None,
        reanalyze: bool = False,
        options: ReadOptions | None = None,
    ) -> Counter[str]:
        """Analyse and store the articles at `paths` (files, folders, globs), as
        `newsgraph ingest` does; returns how many items ended in each status (stored,
        unchanged, replaced, failed). Documents already stored are not analysed again."""
        from newsgraph.analyzing import pipeline_for
        from newsgraph.ingest import read_inputs
        from newsgraph.store.ingest import ingest_documents

        engine = self._ready(create=True)
        chosen = tuple(stages) if stages else None
        counts: Counter[str] = Counter()
        items = read_inputs(list(paths), options or ReadOptions())
        for outcome in ingest_documents(engine, items, lambda: pipeline_for(chosen), reanalyze):
            counts[outcome.status] += 1
        return counts
