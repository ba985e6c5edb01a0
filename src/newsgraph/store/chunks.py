"""Long lists cut into pieces small enough for one statement: SQLite allows 32,766 bound
values, and one `IN (...)` or multi-row insert of 500 rows stays well under it for every
table here."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")
CHUNK = 500


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[list[T]]:
    """Consecutive pieces of `items`, each of at most `size`."""
    for start in range(0, len(items), size):
        yield list(items[start : start + size])
