"""The API application: `create_app(settings)` opens the store and mounts every router."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from newsgraph import __version__
from newsgraph.api import errors
from newsgraph.api.jobs import JobRunner, fail_unfinished
from newsgraph.api.limits import BodyLimit
from newsgraph.api.routes import ROUTERS
from newsgraph.api.settings import ServeSettings
from newsgraph.store.engine import check_revision, connect

DESCRIPTION = """\
The newsgraph store over HTTP: who claims what, about whom, when and where, on whose authority.
Every item names its document (`document_id`) and the character offsets (`start`, `end`) of
what it reports in that document's text. Lists are paginated with `limit` and `offset`; each
page says the `next_offset` (null on the last page)."""


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    app.state.jobs.close()
    app.state.engine.dispose()


def create_app(settings: ServeSettings) -> FastAPI:
    """The application over the store `settings.db_url` (created there when empty). The
    Engine is kept in `app.state.engine`, the settings in `app.state.settings`."""
    engine = connect(settings.db_url)
    check_revision(engine, create=True)
    app = FastAPI(
        title="newsgraph",
        version=__version__,
        description=DESCRIPTION,
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    # Jobs an earlier server left unfinished will never finish: a poll must say so.
    fail_unfinished(engine)
    # The analysis worker processes start with the first submission.
    app.state.jobs = JobRunner(engine, settings.analysis_workers, settings.analysis_stages)
    errors.install(app)
    app.add_middleware(BodyLimit, limit=settings.upload_limit)
    for router in ROUTERS:
        app.include_router(router, prefix="/api")
    _include_pages(app)
    return app


# --- The web pages --------------------------------------------------------------------------
def _include_pages(app: FastAPI) -> None:
    """Where the web pages (newsgraph.web) are registered on the application; the API above
    does not depend on them."""
    from newsgraph.web import register_pages

    register_pages(app)
