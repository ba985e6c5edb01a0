"""The web pages: server-rendered HTML over the store, served by the API application.

`register_pages(app)` adds the page routes (documents, article, entities, timeline, graph,
search, and the cross-article stories, claims and copies) and mounts the built static files
(CSS, the article and graph scripts, the world map), which ship inside the package so that no
Node is needed to serve them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

STATIC = Path(__file__).parent / "static"

__all__ = ["STATIC", "register_pages"]


def register_pages(app: FastAPI) -> None:
    """Add the pages to `app`, whose `state.engine` is the store's Engine."""
    from fastapi.staticfiles import StaticFiles

    from newsgraph.web.corpus_pages import router as corpus_router
    from newsgraph.web.navigation import add_page
    from newsgraph.web.pages import router

    app.include_router(router)
    app.include_router(corpus_router)
    for label, path in (("Stories", "/stories"), ("Claims", "/claims"), ("Copies", "/copies")):
        add_page(label, path)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
