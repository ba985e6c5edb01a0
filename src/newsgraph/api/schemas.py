"""Response shapes shared by the routers, and the checked types of query parameters."""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar

from fastapi import Query
from pydantic import AfterValidator, BaseModel, Field, StringConstraints

T = TypeVar("T")

MAX_LIMIT = 200
# Offsets past this would only ever give empty pages; bounding them keeps every value a
# database integer.
MAX_OFFSET = 1_000_000
MAX_TEXT = 500  # characters of a name, an outlet or a search


def _no_nul(value: str) -> str:
    # PostgreSQL refuses NUL in text; refusing it here makes it a 422, not a database error.
    if "\x00" in value:
        raise ValueError("must not contain the NUL character")
    return value


Text = Annotated[str, StringConstraints(max_length=MAX_TEXT), AfterValidator(_no_nul)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items to skip")]


class Page(BaseModel, Generic[T]):
    """One page of a list: `next_offset` is the offset of the next page, null on the last."""

    items: list[T]
    limit: int
    offset: int
    next_offset: int | None = Field(description="offset of the next page; null on the last one")

    @classmethod
    def of(cls, items: list[T], limit: int, offset: int, more: bool | None = None) -> Page[T]:
        """A page of `items`. Without `more`, a full page is taken to have a next one."""
        full = len(items) >= limit if more is None else more
        return cls(
            items=items, limit=limit, offset=offset, next_offset=offset + limit if full else None
        )


class Problem(BaseModel):
    """What every refused request answers: one sentence saying what was wrong."""

    detail: str
