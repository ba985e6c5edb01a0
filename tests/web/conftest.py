"""Page fixtures: the bundled examples (analysed once, tests/conftest.py), stored once per
kind of database (SQLite and a real PostgreSQL, as the store tests do), served by the real
application under uvicorn, and read by Debian's headless Chromium.

Without Chromium or Playwright the browser tests skip with one line; with CI=true set they
fail instead, since CI must run them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsgraph.model import Analysis
from tests.store.postgres import fresh_database
from tests.web.browser import chromium, chromium_missing, fill_store, serve


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def site(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    analyses: list[Analysis],
) -> Iterator[str]:
    """The base address of the application over a store holding the examples."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'newsgraph.db'}"
    else:
        url = fresh_database(request.getfixturevalue("postgres"))
    fill_store(url, analyses, corpus=True)
    with serve(url) as address:
        yield address


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    missing = chromium_missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{missing}: CI must run the browser tests")
        pytest.skip(f"browser tests skipped: {missing}")
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page at a laptop's screen size."""
    context = browser.new_context(viewport={"width": 1366, "height": 800})
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    yield opened
    context.close()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    from tests.web.browser import AXE

    if not AXE.is_file():
        reason = f"{AXE} is missing (npm --prefix web ci)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}: CI must run the accessibility checks")
        pytest.skip(f"accessibility checks skipped: {reason}")
    return AXE
