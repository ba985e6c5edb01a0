"""Property-based fuzzing of the API from its own OpenAPI description (schemathesis): every
operation, with valid and invalid parameters and bodies, on a store holding the examples, on
SQLite and PostgreSQL. No answer may be a 5xx, and every answer must be one the description
documents (status, content type, headers), in the shape it documents.

Writes are fuzzed without the key (each must be refused) and with it (accepted, or refused
with a documented 4xx). Bounded and derandomized, so a run is quick and repeatable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from newsgraph.api.app import create_app
from newsgraph.api.settings import API_KEY_HEADER, ServeSettings

KEY = "fuzz-key"
# Small: an oversized body is cheap to generate, and is refused with 413 before it is read.
UPLOAD_LIMIT = 4000
QUICK_STAGES = ("sentences", "mentions")
BOUNDED = settings(
    max_examples=12,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(scope="module")
def app(store: str) -> Iterator[FastAPI]:
    """The application over the examples, guarding writes with a key; its analysis workers
    are stopped when the module is done."""
    application = create_app(
        ServeSettings(
            db_url=store, api_key=KEY, upload_limit=UPLOAD_LIMIT, analysis_stages=QUICK_STAGES
        )
    )
    yield application
    application.state.jobs.close()
    application.state.engine.dispose()


@pytest.fixture(scope="module")
def api_schema(app: FastAPI) -> Any:
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def _operations(api_schema: Any, method: str | None = None) -> list[Any]:
    found = [result.ok() for result in api_schema.get_all_operations()]
    assert found, "the description lists no operation"
    return [op for op in found if method is None or op.method.upper() == method]


def _fuzz(operation: Any, mode: GenerationMode, check: Callable[[Any], None]) -> None:
    @BOUNDED
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        check(case)

    try:
        run()
    except Unsatisfiable:
        # Some parameters have no invalid value (any string is a document id): nothing to send.
        assert mode is GenerationMode.NEGATIVE
    except Exception as error:
        raise AssertionError(
            f"{operation.method.upper()} {operation.path} ({mode.value})"
        ) from error


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_answer_is_documented_and_never_a_server_error(
    api_schema: Any, mode: GenerationMode
) -> None:
    def check(case: Any) -> None:
        response = case.call_and_validate()
        if case.method.upper() == "POST":  # without the key every write is refused
            assert response.status_code in (401, 403, 413, 422), (case.path, response.status_code)

    for operation in _operations(api_schema):
        _fuzz(operation, mode, check)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_writes_with_the_key(api_schema: Any, mode: GenerationMode) -> None:
    def check(case: Any) -> None:
        # A text that the schema allows can still be no article (binary, only blanks): that
        # 422 is documented, so a valid body need not be accepted.
        response = case.call_and_validate(
            headers={API_KEY_HEADER: KEY}, excluded_checks=[positive_data_acceptance]
        )
        assert response.status_code not in (401, 403), response.text

    for operation in _operations(api_schema, "POST"):
        _fuzz(operation, mode, check)
