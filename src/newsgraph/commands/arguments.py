"""What the store commands share: argument types, and opening a store that must exist."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine


def whole_number(minimum: int) -> Callable[[str], int]:
    """An argparse type: a whole number of at least `minimum`."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            number = minimum - 1
        if number < minimum:
            raise argparse.ArgumentTypeError(f"{value!r} is not a whole number >= {minimum}")
        return number

    return parse


def open_existing_store(url: str | None) -> Engine:
    """The store at `url` (default: $NEWSGRAPH_DB, else ./newsgraph.db), checked before any
    output is begun; a missing file is a StoreError, never created."""
    from newsgraph.store.engine import StoreError, check_revision, connect, resolve_url
    from newsgraph.store.queries import missing_file

    absent = missing_file(resolve_url(url))
    if absent:
        raise StoreError(absent)
    engine = connect(url)
    try:
        check_revision(engine, create=False)
    except BaseException:
        engine.dispose()
        raise
    return engine
