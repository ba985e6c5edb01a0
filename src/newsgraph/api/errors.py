"""Error answers: every refusal is JSON {"detail": "one clear sentence"} with the right status.

FastAPI's own 422 lists pydantic errors; here they are also summed up in one sentence naming
the parameter ("query parameter limit: ..."), which is what a user reads first.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from newsgraph.store.engine import StoreError

# FastAPI's own names for the 422 answer in the OpenAPI description; they are replaced by the
# shape this module answers with.
OPENAPI_422 = "HTTPValidationError"
OPENAPI_422_ITEM = "ValidationError"


class ValidationIssue(BaseModel):
    """One problem with a request, as pydantic found it."""

    loc: list[str | int]
    msg: str
    type: str | None


class ValidationProblem(BaseModel):
    """A request FastAPI refused (422): the problems summed up in one sentence, then each."""

    detail: str
    errors: list[ValidationIssue]


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


def describe_422(app: FastAPI) -> None:
    """Make the OpenAPI description document the 422 answer the handler below sends."""
    make_description = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            description = make_description()
            schemas = description.setdefault("components", {}).setdefault("schemas", {})
            if OPENAPI_422 in schemas:
                shape = ValidationProblem.model_json_schema(
                    ref_template="#/components/schemas/{model}"
                )
                schemas.update(shape.pop("$defs", {}))
                schemas[OPENAPI_422] = shape
                schemas.pop(OPENAPI_422_ITEM, None)
            app.openapi_schema = description
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def install(app: FastAPI) -> None:
    describe_422(app)

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

    @app.exception_handler(HTTPException)
    async def _http(request: Request, error: HTTPException) -> Response:
        # FastAPI and Starlette answer 400 only for a body they cannot decode (JSON that is
        # not UTF-8, a broken multipart form); no route here does. Such a body is as malformed
        # as JSON that does not parse: 422, as documented.
        if error.status_code == 400:
            return JSONResponse(
                status_code=422, content={"detail": f"body: cannot be decoded: {error.detail}"}
            )
        return await http_exception_handler(request, error)

    @app.exception_handler(StoreError)
    async def _store(_request: Request, error: StoreError) -> JSONResponse:
        # The store itself is unusable (gone, locked, at another revision): not the request's
        # fault, so a 503 that says why.
        return JSONResponse(status_code=503, content={"detail": str(error)})
