"""Shared fixtures. Data under ../shared is optional: tests that need it skip without it.

One PostgreSQL server and one analysis of the bundled examples serve every test directory
(store, export, corpus, API, pages): a session fixture defined in two conftest files would be
two servers and two analyses.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph.model import Analysis

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the checkout; tests using it are skipped where it is absent."""
    if not (SHARED / "data").is_dir():
        pytest.skip("../shared/data is not present on this machine")
    return SHARED


@pytest.fixture(scope="session")
def postgres() -> Iterator[str]:
    """The URL of a real PostgreSQL server started for this session (tests/store/postgres.py)."""
    from tests.store.postgres import postgres_server

    with postgres_server() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty store, once for each kind of database."""
    from tests.store.postgres import fresh_database

    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'newsgraph.db'}"
    server: str = request.getfixturevalue("postgres")
    return fresh_database(server)


@pytest.fixture(scope="session")
def analyses() -> list[Analysis]:
    """Every bundled example (articles, the story, the feed) through the whole pipeline, once
    per session, in the order they are read."""
    from newsgraph.ingest import IngestError, ReadOptions, read_inputs
    from newsgraph.pipeline import Pipeline

    found = []
    for result in Pipeline().analyze_many(read_inputs([str(EXAMPLES)], ReadOptions(), None)):
        assert not isinstance(result, IngestError), str(result)
        found.append(result)
    return found


def under(analyses: list[Analysis], folder: Path) -> list[Analysis]:
    """The analyses of the files in `folder`."""
    return [a for a in analyses if Path(a.document.source.path or "").parent == folder]
