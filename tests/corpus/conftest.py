"""Fixtures of the corpus tests: the multi-outlet example story, analysed once per session, and
stores on SQLite and PostgreSQL (tests/conftest.py)."""

from __future__ import annotations

import pytest

from newsgraph.model import Analysis
from newsgraph.store.documents import insert_analysis
from newsgraph.store.engine import check_revision, connect
from newsgraph.store.linking import link_document
from tests.conftest import EXAMPLES, under

STORY = EXAMPLES / "story"


@pytest.fixture(scope="session")
def story(analyses: list[Analysis]) -> list[Analysis]:
    """The four articles of examples/story (of the session's analyses), oldest first."""
    found = under(analyses, STORY)
    assert len(found) == len(list(STORY.glob("*.txt"))) >= 4
    return sorted(found, key=lambda a: (a.document.published, a.id))


def store_analyses(url: str, analyses: list[Analysis]) -> None:
    """Write analyses into the store at `url` as `newsgraph ingest` does (creating it)."""
    engine = connect(url)
    check_revision(engine, create=True)
    for analysis in analyses:
        with engine.begin() as connection:
            link_document(connection, insert_analysis(connection, analysis))
    engine.dispose()
