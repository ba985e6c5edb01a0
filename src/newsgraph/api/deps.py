"""FastAPI dependencies shared by the routers: the store, a read connection, the write key."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request
from sqlalchemy import Connection, Engine

from newsgraph.api.settings import API_KEY_HEADER, ServeSettings


def get_engine(request: Request) -> Engine:
    """The store's Engine, opened once when the application was made."""
    engine: Engine = request.app.state.engine
    return engine


def get_settings(request: Request) -> ServeSettings:
    settings: ServeSettings = request.app.state.settings
    return settings


def get_connection(engine: Annotated[Engine, Depends(get_engine)]) -> Iterator[Connection]:
    """One connection for the request; reads only, so nothing is committed."""
    with engine.connect() as connection:
        yield connection


def require_write_key(
    settings: Annotated[ServeSettings, Depends(get_settings)],
    key: Annotated[
        str | None,
        Header(
            alias=API_KEY_HEADER,
            description="The API key; needed for writes when the server has one.",
        ),
    ] = None,
) -> None:
    """Refuse a write without the server's key (401) or with another key (403)."""
    if settings.api_key is None:
        return
    if not key:
        raise HTTPException(
            status_code=401,
            detail=f"this server needs an API key for writes: send it in the {API_KEY_HEADER} "
            "header",
            headers={"WWW-Authenticate": API_KEY_HEADER},
        )
    if not secrets.compare_digest(key.encode(), settings.api_key.encode()):
        raise HTTPException(status_code=403, detail="the API key is not this server's")


Engine_ = Annotated[Engine, Depends(get_engine)]
Reading = Annotated[Connection, Depends(get_connection)]
