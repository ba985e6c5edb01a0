"""Response shapes shared by the routers, and the checked types of query parameters."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query
from pydantic import AfterValidator, BaseModel, BeforeValidator, Field, StringConstraints

T = TypeVar("T")

MAX_LIMIT = 200
# Offsets past this would only ever give empty pages; bounding them keeps every value a
# database integer.
MAX_OFFSET = 1_000_000
MAX_TEXT = 500  # characters of a name, an outlet or a search
# Ids of rows the store numbers itself (corpus entities): PostgreSQL's INTEGER, so a larger
# one is refused as a bad parameter instead of failing in the database.
MAX_ROW_ID = 2**31 - 1
NO_NUL = r"^[^\x00]*$"
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _no_nul(value: str) -> str:
    # PostgreSQL refuses NUL in text; refusing it here makes it a 422, not a database error.
    if "\x00" in value:
        raise ValueError("must not contain the NUL character")
    return value


def _iso_day(value: Any) -> Any:
    # pydantic would also read a number as seconds since 1970 ("0.0" is 1970-01-01): a date
    # here is only ever written YYYY-MM-DD.
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not ISO_DAY.fullmatch(value):
        raise ValueError("must be a date written YYYY-MM-DD")
    return value


# The pattern documents the NUL refusal in the OpenAPI description; the validator says it
# in words.
Text = Annotated[
    str,
    StringConstraints(max_length=MAX_TEXT),
    AfterValidator(_no_nul),
    Field(json_schema_extra={"pattern": NO_NUL}),
]
Day = Annotated[dt.date, BeforeValidator(_iso_day)]
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
