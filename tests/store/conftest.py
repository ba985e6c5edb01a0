"""Store fixtures: every store test runs on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph.ingest import IngestError, ReadOptions, read_inputs
from newsgraph.model import Analysis
from tests.conftest import EXAMPLES
from tests.store.postgres import fresh_database, postgres_server


@pytest.fixture(scope="session")
def postgres() -> Iterator[str]:
    with postgres_server() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty store, once for each kind of database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'newsgraph.db'}"
    server: str = request.getfixturevalue("postgres")
    return fresh_database(server)


@pytest.fixture(scope="session")
def analyses() -> list[Analysis]:
    """The bundled examples, analysed once per session by the whole pipeline."""
    from newsgraph.pipeline import Pipeline

    found = []
    for result in Pipeline().analyze_many(read_inputs([str(EXAMPLES)], ReadOptions(), None)):
        assert not isinstance(result, IngestError), str(result)
        found.append(result)
    return found
