"""Error answers: every refusal is JSON {"detail": "one clear sentence"} with the right status.

FastAPI's own 422 lists pydantic errors; here they are also summed up in one sentence naming
the parameter ("query parameter limit: ..."), which is what a user reads first.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from newsgraph.store.engine import StoreError


def _where(location: tuple[Any, ...]) -> str:
    if not location:
        return "request"
    kind, *rest = location
    if kind == "body":
        return "body" + "".join(
            f".{part}" if isinstance(part, str) else f"[{part}]" for part in rest
        )
    name = ".".join(str(part) for part in rest)
    return f"{kind} parameter {name}" if name else str(kind)


def describe_validation(error: RequestValidationError) -> str:
    problems = []
    for item in error.errors():
        location = tuple(item.get("loc", ()))
        message = str(item.get("msg", "is not valid"))
        if item.get("type") == "json_invalid":
            # The location's second part is the character where the JSON went wrong.
            error = item.get("ctx", {}).get("error", message)
            at = location[1] if len(location) > 1 else 0
            problems.append(f"body: malformed JSON at character {at}: {error}")
            continue
        problems.append(f"{_where(location)}: {message}")
    return "; ".join(problems) or "the request is not valid"


def install(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, error: RequestValidationError) -> JSONResponse:
        errors = [
            {
                "loc": list(item.get("loc", ())),
                "msg": str(item.get("msg", "")),
                "type": item.get("type"),
            }
            for item in error.errors()
        ]
        return JSONResponse(
            status_code=422, content={"detail": describe_validation(error), "errors": errors}
        )

    @app.exception_handler(StoreError)
    async def _store(_request: Request, error: StoreError) -> JSONResponse:
        # The store itself is unusable (gone, locked, at another revision): not the request's
        # fault, so a 503 that says why.
        return JSONResponse(status_code=503, content={"detail": str(error)})
