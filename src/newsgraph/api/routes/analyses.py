"""/api/analyses: submit an article (a JSON body or an uploaded file) for analysis, and poll
its job. The analysis runs in a worker process; the answer is 202 with where to poll.

Everything that can be refused is refused before the job is recorded: a missing or wrong key
(401/403), a body over the limit (413), a body that is not an article (422), an id already
stored with other text (409). A refused request leaves the store as it was.
"""

from __future__ import annotations

import hashlib
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Path, Request, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Engine, select

from newsgraph.api.deps import Engine_, Reading, get_settings, require_write_key
from newsgraph.api.jobs import Job, JobRunner, new_job, read_job
from newsgraph.api.schemas import MAX_TEXT, NO_NUL, Day, Problem, Text
from newsgraph.api.settings import ServeSettings
from newsgraph.ingest import Document, IngestError, ReadOptions
from newsgraph.ingest.document import make_document
from newsgraph.ingest.readers import read_html, read_text
from newsgraph.ingest.sources import format_of
from newsgraph.model import SourceInfo
from newsgraph.store import tables

router = APIRouter(tags=["analyses"])

# Ids a submission may choose: they appear in URLs (/api/documents/ID), so no slash, no space.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$"
SOURCE = "api"  # the SourceInfo.path of a submitted article: never a name the client chose

REFUSALS: dict[int | str, dict[str, Any]] = {
    401: {"model": Problem, "description": "the server needs an API key for writes"},
    403: {"model": Problem, "description": "the API key is not this server's"},
    409: {"model": Problem, "description": "the id is stored with other text"},
    413: {"model": Problem, "description": "the body is over the upload limit"},
    422: {"model": Problem, "description": "not an article (empty, binary, a bad field)"},
}


class Submission(BaseModel):
    """An article to analyse. Without `id`, one is made from the text (the same text always
    gets the same id, so a resubmission is not stored twice)."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="the article's text")
    id: str | None = Field(default=None, pattern=ID_PATTERN, description="the document's id")
    published: Day | None = Field(default=None, description="publication date, YYYY-MM-DD")
    outlet: str | None = Field(default=None, max_length=MAX_TEXT, pattern=NO_NUL)
    title: str | None = Field(default=None, max_length=4 * MAX_TEXT, pattern=NO_NUL)
    url: str | None = Field(default=None, max_length=4 * MAX_TEXT, pattern=NO_NUL)
    via: list[Text] = Field(
        default_factory=list, max_length=20, description="relay outlets, the nearest first"
    )


class Accepted(BaseModel):
    """A job was recorded: poll `poll` until `state` is done (or failed)."""

    job_id: str
    state: str
    document_id: str
    poll: str


@router.post(
    "/analyses",
    status_code=202,
    response_model=Accepted,
    responses=REFUSALS,
    dependencies=[Depends(require_write_key)],
)
def submit(
    request: Request,
    engine: Engine_,
    settings: Annotated[ServeSettings, Depends(get_settings)],
    submission: Submission,
) -> JSONResponse:
    """Submit an article as JSON for analysis."""
    encoded = submission.text.encode("utf-8")
    if len(encoded) > settings.upload_limit:
        raise HTTPException(
            status_code=413,
            detail=f"the text is over the limit of {settings.upload_limit} bytes",
        )
    doc_id = submission.id or _made_id(encoded)
    document = _refusing(
        lambda: make_document(
            doc_id=doc_id,
            text=submission.text,
            source=SourceInfo(path=SOURCE, format="text"),
            published=submission.published,
            outlet=submission.outlet,
            via=submission.via,
            url=submission.url,
            title=submission.title,
            max_chars=settings.upload_limit,
        )
    )
    return _accept(request, engine, document)


@router.post(
    "/analyses/upload",
    status_code=202,
    response_model=Accepted,
    responses=REFUSALS,
    dependencies=[Depends(require_write_key)],
)
async def upload(
    request: Request,
    engine: Engine_,
    settings: Annotated[ServeSettings, Depends(get_settings)],
    file: Annotated[UploadFile, File(description="a .txt or .html article")],
    id: Annotated[str | None, Form(pattern=ID_PATTERN)] = None,
    published: Annotated[Day | None, Form()] = None,
) -> JSONResponse:
    """Submit an article file (plain text, with or without a crawl header line, or an HTML
    page) for analysis. Its name is only used to tell text from HTML."""
    raw = await file.read(settings.upload_limit + 1)
    if len(raw) > settings.upload_limit:
        raise HTTPException(
            status_code=413, detail=f"the file is over the limit of {settings.upload_limit} bytes"
        )
    kind = format_of(file.filename or "", raw)
    if kind not in ("text", "html"):
        raise HTTPException(
            status_code=422,
            detail=f"one article a submission: plain text or HTML, not {kind} "
            "(use `newsgraph ingest` for feeds and archives)",
        )
    doc_id = id or _made_id(raw)
    options = ReadOptions(published=published, max_chars=settings.upload_limit)
    reader = read_html if kind == "html" else read_text
    document = _refusing(lambda: reader(raw, SOURCE, doc_id, options))
    return _accept(request, engine, document)


@router.get(
    "/analyses/{job_id}",
    response_model=Job,
    responses={404: {"model": Problem, "description": "no job with this id"}},
)
def poll(connection: Reading, job_id: Annotated[str, Path(max_length=100)]) -> Job:
    """Where a submitted article stands: pending, running, done (then it is at
    /api/documents/{document_id}) or failed (`error` says why)."""
    job = read_job(connection, job_id)
    if job is None:
        raise HTTPException(status_code=404, detail=f"no analysis job {job_id!r}")
    return job


def _made_id(raw: bytes) -> str:
    return f"submitted-{hashlib.sha1(raw).hexdigest()[:16]}"


def _refusing(read: Any) -> Document:
    try:
        document: Document = read()
    except IngestError as error:
        raise HTTPException(status_code=422, detail=error.problem) from None
    return document


def _accept(request: Request, engine: Engine, document: Document) -> JSONResponse:
    d = tables.documents
    with engine.begin() as connection:
        stored = connection.execute(
            select(d.c.content_sha1).where(d.c.doc_id == document.id)
        ).scalar()
        if stored is not None and stored != document.meta.content_sha1:
            raise HTTPException(
                status_code=409,
                detail=f"document {document.id!r} is already stored with other text; "
                "submit it under another id",
            )
        job_id = new_job(connection, document.id)
    runner: JobRunner = request.app.state.jobs
    runner.submit(job_id, document)
    where = f"/api/analyses/{job_id}"
    body = Accepted(job_id=job_id, state="pending", document_id=document.id, poll=where)
    return JSONResponse(status_code=202, content=body.model_dump(), headers={"Location": where})
