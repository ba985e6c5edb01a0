"""The page routes: server-rendered HTML over the store, one handler per page.

Each handler opens one read connection, asks the store, and renders a Jinja2 template. Bad
parameters are a 4xx (FastAPI validates the typed ones); an unknown document or entity is a
404 page.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi import Path as PathParameter
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from sqlalchemy import Connection, Engine

from newsgraph.api.schemas import MAX_ROW_ID, Text
from newsgraph.corpus.claims.report import list_claims
from newsgraph.corpus.copies.report import read_pairs
from newsgraph.corpus.stories.report import read_stories
from newsgraph.store import queries
from newsgraph.store.documents import read_analysis
from newsgraph.store.fulltext import Within
from newsgraph.web import data, geo
from newsgraph.web.article import article_view, parse_range
from newsgraph.web.graph import article_url, graph_elements
from newsgraph.web.layers import LAYER_NAMES
from newsgraph.web.navigation import NAVIGATION
from newsgraph.web.timeline import timeline_groups

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.globals["navigation"] = NAVIGATION
templates.env.globals["layer_names"] = LAYER_NAMES
templates.env.globals["article_url"] = article_url

PAGE_SIZE = 20
# Statements (and documents) an entity page lists of each kind, the newest first; the API
# pages through the rest. More would only make the page slow for the busiest speakers.
ENTITY_LIST = 50
router = APIRouter(include_in_schema=False)


def _connection(request: Request) -> Iterator[Connection]:
    engine: Engine = request.app.state.engine
    with engine.connect() as connection:
        yield connection


Reading = Annotated[Connection, Depends(_connection)]


def json_for_script(value: Any) -> Markup:
    """JSON safe to place inside a <script type="application/json"> element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def render_page(
    request: Request, name: str, status_code: int = 200, **context: Any
) -> HTMLResponse:
    context.setdefault("current", request.url.path)
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def not_found(request: Request, what: str) -> HTMLResponse:
    return render_page(request, "not_found.html", status_code=404, title="Not found", what=what)


@router.get("/", response_class=HTMLResponse)
def home() -> Response:
    return RedirectResponse("/documents", status_code=307)


@router.get("/documents", response_class=HTMLResponse)
def documents_page(
    request: Request,
    connection: Reading,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    outlet: Annotated[Text | None, Query()] = None,
) -> HTMLResponse:
    # One more row than shown says whether there is a next page.
    rows = queries.documents(
        connection, outlet=outlet or None, limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE
    )
    return render_page(
        request,
        "documents.html",
        title="Documents",
        rows=rows[:PAGE_SIZE],
        page=page,
        has_next=len(rows) > PAGE_SIZE,
        outlet=outlet or "",
        outlets=data.outlets(connection),
    )


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse)
def article_page(
    request: Request,
    connection: Reading,
    doc_id: Annotated[Text, PathParameter()],
    at: Annotated[str | None, Query(max_length=40, description="START-END to mark")] = None,
) -> HTMLResponse:
    analysis = read_analysis(connection, doc_id)
    if analysis is None:
        return not_found(request, f"No document {doc_id!r} in this store.")
    urls = data.document_entity_urls(connection, doc_id)
    view = article_view(analysis, urls, parse_range(at, len(analysis.text)))
    stories = read_stories(connection, document=doc_id, limit=1)
    return render_page(
        request,
        "article.html",
        title=analysis.document.title or doc_id,
        analysis=analysis,
        view=view,
        marks_json=json_for_script([mark.as_json() for mark in view.marks]),
        anchored=parse_range(at, len(analysis.text)) is not None,
        story=stories[0] if stories else None,
        copies=len(read_pairs(connection, document=doc_id)),
        claims=list_claims(connection, document=doc_id),
    )


@router.get("/entities", response_class=HTMLResponse)
def entities_page(
    request: Request,
    connection: Reading,
    kind: Annotated[Text | None, Query()] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    rows = data.entity_list(
        connection, kind=kind or None, limit=PAGE_SIZE * 2 + 1, offset=(page - 1) * PAGE_SIZE * 2
    )
    return render_page(
        request,
        "entities.html",
        title="Entities",
        rows=rows[: PAGE_SIZE * 2],
        page=page,
        has_next=len(rows) > PAGE_SIZE * 2,
        kind=kind or "",
        kinds=data.entity_kinds(connection),
    )


@router.get("/entities/{corpus_id}", response_class=HTMLResponse)
def entity_page(
    request: Request,
    connection: Reading,
    corpus_id: Annotated[int, PathParameter(ge=1, le=MAX_ROW_ID)],
) -> HTMLResponse:
    row = data.corpus_entity(connection, corpus_id)
    if row is None:
        return not_found(request, f"No entity {corpus_id} in this store.")
    found = queries.entity(connection, row.name, limit=ENTITY_LIST)
    reports = [r for r in found if r.id == corpus_id]
    report = reports[0] if reports else None
    if row.latitude is not None and row.longitude is not None:
        places = geo.frame(row.latitude, row.longitude, row.country_code)
    else:
        places = geo.country_frame(row.country_code)
    return render_page(
        request,
        "entity.html",
        title=row.name,
        entity=row,
        report=report,
        map=places,
        shown=ENTITY_LIST,
    )


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(
    request: Request,
    connection: Reading,
    entity: Annotated[Text | None, Query()] = None,
    outlet: Annotated[Text | None, Query()] = None,
) -> HTMLResponse:
    said = queries.quotes(connection, by=entity or None, outlet=outlet or None, limit=300)
    about = (
        queries.quotes(connection, about=entity, outlet=outlet or None, limit=300) if entity else []
    )
    happened = data.events(connection, entity=entity or None, outlet=outlet or None, limit=300)
    groups = timeline_groups([*said, *about], happened)
    return render_page(
        request,
        "timeline.html",
        title="Timeline",
        groups=groups,
        entity=entity or "",
        outlet=outlet or "",
        outlets=data.outlets(connection),
    )


@router.get("/graph", response_class=HTMLResponse)
def graph_page(
    request: Request,
    connection: Reading,
    entity: Annotated[Text | None, Query()] = None,
    outlet: Annotated[Text | None, Query()] = None,
) -> HTMLResponse:
    rows = data.statements(connection, entity=entity or None, outlet=outlet or None)
    elements, edges = graph_elements(rows)
    return render_page(
        request,
        "graph.html",
        title="Graph",
        elements_json=json_for_script(elements),
        edges=edges,
        entity=entity or "",
        outlet=outlet or "",
        outlets=data.outlets(connection),
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    connection: Reading,
    q: Annotated[Text, Query()] = "",
    within: Annotated[Within, Query()] = "documents",
) -> HTMLResponse:
    matches = queries.search(connection, q, limit=50, within=within) if q.strip() else []
    return render_page(request, "search.html", title="Search", q=q, within=within, matches=matches)


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else "undated"


def _round(value: float) -> str:
    return f"{value:.2f}" if math.isfinite(value) else ""


templates.env.filters["date"] = _date
templates.env.filters["coordinate"] = _round
