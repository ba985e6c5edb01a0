"""/api/stories: the articles grouped by the happening they report (the corpus layer's
stories step), each with its label, dates and articles in publication order."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query

from newsgraph.api.deps import Reading
from newsgraph.api.schemas import MAX_ROW_ID, Limit, Offset, Page, Problem, Text
from newsgraph.corpus.stories.report import ListedStory, read_stories

router = APIRouter(tags=["stories"])

NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": Problem, "description": "no story with this id"}
}


@router.get("/stories", response_model=Page[ListedStory])
def list_stories(
    connection: Reading,
    document_id: Annotated[
        Text | None, Query(description="the story holding this document")
    ] = None,
    min_documents: Annotated[
        int, Query(ge=1, le=MAX_ROW_ID, description="stories of at least this many articles")
    ] = 1,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Page[ListedStory]:
    """Stories, those of the most articles first; each article with its document id, date,
    outlet and its similarity to the story when it joined (null for the one that began it)."""
    rows = read_stories(connection, min_documents, limit=limit, offset=offset, document=document_id)
    return Page.of(rows, limit, offset)


@router.get("/stories/{story_id}", response_model=ListedStory, responses=NOT_FOUND)
def get_story(
    connection: Reading, story_id: Annotated[int, Path(ge=1, le=MAX_ROW_ID)]
) -> ListedStory:
    """One story with all its articles."""
    found = read_stories(connection, story_id=story_id, limit=1)
    if not found:
        raise HTTPException(status_code=404, detail=f"no story {story_id}")
    return found[0]
