"""One router per resource; `ROUTERS` is what the application mounts under /api. A new view
is a new module here and one more entry in the list."""

from __future__ import annotations

from fastapi import APIRouter

from newsgraph.api.routes import (
    analyses,
    attributions,
    claims,
    copies,
    documents,
    entities,
    events,
    graph,
    search,
    stories,
    timeline,
)

ROUTERS: list[APIRouter] = [
    documents.router,
    analyses.router,
    entities.router,
    attributions.router,
    search.router,
    timeline.router,
    graph.router,
    events.router,
    copies.router,
    stories.router,
    claims.router,
]
