"""Reading the stories back from the store, largest first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from newsgraph.store import stories_tables as t
from newsgraph.store import tables


@dataclass
class StoryMember:
    document_id: str
    published: dt.date | None
    outlet: str | None
    similarity: float | None  # to the story when the article joined; None: it started it


@dataclass
class ListedStory:
    id: int
    label: str
    entities: list[str]
    first_published: dt.date | None
    last_published: dt.date | None
    documents: list[StoryMember]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "entities": self.entities,
            "first_published": _day(self.first_published),
            "last_published": _day(self.last_published),
            "document_ids": [member.document_id for member in self.documents],
            "documents": [
                {
                    "id": member.document_id,
                    "published": _day(member.published),
                    "outlet": member.outlet,
                    "similarity": member.similarity,
                }
                for member in self.documents
            ],
        }


def read_stories(
    connection: Connection,
    min_documents: int = 1,
    limit: int | None = None,
    *,
    offset: int = 0,
    story_id: int | None = None,
    document: str | None = None,
) -> list[ListedStory]:
    """Stories of at least `min_documents` articles, most articles first, then oldest; each
    story's articles in publication order. `story_id` picks one story, `document` the story
    holding that document id."""
    stories = t.stories
    query = (
        select(stories)
        .where(stories.c.document_count >= min_documents)
        .order_by(stories.c.document_count.desc(), stories.c.first_published, stories.c.id)
        .offset(offset)
    )
    if story_id is not None:
        query = query.where(stories.c.id == story_id)
    if document is not None:
        holding = (
            select(t.story_documents.c.story_id)
            .join(tables.documents, tables.documents.c.id == t.story_documents.c.document_id)
            .where(tables.documents.c.doc_id == document)
        )
        query = query.where(stories.c.id.in_(holding))
    if limit is not None:
        query = query.limit(limit)
    found = {
        row.id: ListedStory(
            row.id, row.label, list(row.entities), row.first_published, row.last_published, []
        )
        for row in connection.execute(query)
    }
    if not found:
        return []
    rows = t.story_documents
    documents = tables.documents
    members = connection.execute(
        select(
            rows.c.story_id,
            documents.c.doc_id,
            documents.c.published,
            documents.c.outlet,
            rows.c.similarity,
        )
        .join(documents, documents.c.id == rows.c.document_id)
        .where(rows.c.story_id.in_(list(found)))
        .order_by(documents.c.published, documents.c.id)
    )
    for story_id, doc_id, published, outlet, similarity in members:
        found[story_id].documents.append(StoryMember(doc_id, published, outlet, similarity))
    return list(found.values())


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
