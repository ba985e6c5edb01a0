"""Shared fixtures. Data under ../shared is optional: tests that need it skip without it."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the checkout; tests using it are skipped where it is absent."""
    if not (SHARED / "data").is_dir():
        pytest.skip("../shared/data is not present on this machine")
    return SHARED
