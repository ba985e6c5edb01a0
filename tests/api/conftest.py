"""API fixtures: the examples analysed once, stored in SQLite and in a real PostgreSQL, and an
application (FastAPI's TestClient) over each store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from newsgraph.api.app import create_app
from newsgraph.api.settings import ServeSettings
from newsgraph.model import Analysis
from newsgraph.store import tables
from newsgraph.store.engine import connect
from tests.export.conftest import handmade
from tests.store.postgres import fresh_database
from tests.web.browser import fill_store

# Tables whose row counts are compared before and after a refused request.
WATCHED = (
    "documents",
    "attributions",
    "entities",
    "mentions",
    "events",
    "corpus_entities",
    "analysis_jobs",
    "copy_pairs",
    "stories",
    "claims",
)


@pytest.fixture(scope="session")
def analyses(analyses: list[Analysis]) -> list[Analysis]:
    """Every example (tests/conftest.py), and the handmade document (with an outlet, a relay
    chain, an event with participants)."""
    return [*analyses, handmade()]


def fill(url: str, analyses: list[Analysis]) -> str:
    """The analyses stored at `url` with the cross-article layer run over them."""
    return fill_store(url, analyses, corpus=True)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    analyses: list[Analysis],
) -> str:
    """The examples stored once per kind of database, for the tests that only read."""
    if request.param == "sqlite":
        return fill(f"sqlite:///{tmp_path_factory.mktemp('api') / 'newsgraph.db'}", analyses)
    return fill(fresh_database(request.getfixturevalue("postgres")), analyses)


@pytest.fixture
def client(store: str) -> Iterator[TestClient]:
    """A client of the application over the shared (read-only) store."""
    with TestClient(create_app(ServeSettings(db_url=store))) as test_client:
        yield test_client


def counts(url: str) -> dict[str, int]:
    """Rows in each watched table: what a refused request must leave as it was."""
    engine = connect(url)
    with engine.connect() as connection:
        found = {
            name: int(
                connection.execute(
                    select(func.count()).select_from(tables.metadata.tables[name])
                ).scalar_one()
            )
            for name in WATCHED
        }
    engine.dispose()
    return found
