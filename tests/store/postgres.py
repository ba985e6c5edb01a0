"""The PostgreSQL server of the store tests (newsgraph.store.testserver), started once per
session. Without one the PostgreSQL tests skip with one line, except under CI, where they must
run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from newsgraph.store.testserver import ServerUnavailableError, fresh_database
from newsgraph.store.testserver import postgres_server as _start

__all__ = ["fresh_database", "postgres_server"]


@contextmanager
def postgres_server() -> Iterator[str]:
    try:
        with _start() as url:
            yield url
    except ServerUnavailableError as error:  # raised before the server starts, never later
        if os.environ.get("CI"):
            pytest.fail(f"{error}: CI must run the PostgreSQL tests")
        pytest.skip(f"PostgreSQL tests skipped: {error}")
