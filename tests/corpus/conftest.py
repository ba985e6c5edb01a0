"""Fixtures of the corpus tests: the multi-outlet example story, analysed once per session, and
stores on SQLite and PostgreSQL (tests/store/conftest.py)."""

from __future__ import annotations

import pytest

from newsgraph.ingest import read_inputs
from newsgraph.model import Analysis
from newsgraph.store.documents import insert_analysis
from newsgraph.store.engine import check_revision, connect
from newsgraph.store.linking import link_document
from tests.conftest import EXAMPLES
from tests.store.conftest import postgres, store_url

__all__ = ["postgres", "store_url"]

STORY = EXAMPLES / "story"


@pytest.fixture(scope="session")
def story() -> list[Analysis]:
    """The four articles of examples/story through the whole pipeline, oldest first."""
    from newsgraph.pipeline import Pipeline

    results = list(Pipeline().analyze_many(read_inputs([str(STORY)])))
    found = [r for r in results if isinstance(r, Analysis)]
    assert len(found) == len(results) == len(list(STORY.glob("*.txt"))) >= 4, results
    return sorted(found, key=lambda a: (a.document.published, a.id))


def store_analyses(url: str, analyses: list[Analysis]) -> None:
    """Write analyses into the store at `url` as `newsgraph ingest` does (creating it)."""
    engine = connect(url)
    check_revision(engine, create=True)
    for analysis in analyses:
        with engine.begin() as connection:
            link_document(connection, insert_analysis(connection, analysis))
    engine.dispose()
