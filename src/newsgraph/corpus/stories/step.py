"""The stories step over the store: place each new article in a story, or start one.

The step reads the article text (and, for the label, the entities and publication dates when
stored), so it requires no layer. Each update loads the term counts and the members' terms of
the stored stories, places the new articles in publication order (newsgraph.corpus.stories.
cluster), merges stories that grew together, writes what changed and relabels the stories it
touched.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, delete, func, insert, select, update

from newsgraph.corpus.stories.cluster import JOIN, MERGE, Clusterer, Member, Story, Weights
from newsgraph.corpus.stories.label import main_entities, story_label
from newsgraph.corpus.stories.terms import article_terms
from newsgraph.store import stories_tables as t
from newsgraph.store import tables
from newsgraph.store.chunks import chunks

NAME = "stories"
VERSION = "1.0"


class StoriesStep:
    name = NAME
    version = VERSION
    requires: tuple[str, ...] = ()  # text only; entities and dates name the story when stored

    def __init__(self, join: float | None = None, merge: float | None = None) -> None:
        self.join = JOIN if join is None else join
        self.merge = MERGE if merge is None else merge

    def process(self, connection: Connection, keys: Sequence[int]) -> list[str]:
        documents = tables.documents
        texts: dict[int, str] = {}
        for chunk in chunks(list(keys)):
            for key, text in connection.execute(
                select(documents.c.id, documents.c.text).where(documents.c.id.in_(chunk))
            ):
                texts[key] = text
        notes = [
            f"document #{key} was deleted before it could be placed in a story; skipped"
            for key in keys
            if key not in texts
        ]
        new = [Member(key, article_terms(texts[key])) for key in keys if key in texts]
        if not new:
            return notes
        frequencies = _add_counts(connection, new)
        stored = _stored_stories(connection)
        held = sum(len(story.members) for story in stored)
        clusterer = Clusterer(Weights(frequencies, held + len(new)), stored, self.join, self.merge)
        placed = {member.key: clusterer.place(member).similarity for member in new}
        clusterer.merge_grown_together()
        touched = _write(connection, clusterer, placed)
        relabel(connection, touched)
        return notes

    def forget(self, connection: Connection, keys: Sequence[int]) -> None:
        """Remove the articles that are gone from their stories and the term counts."""
        if not keys:
            return
        rows = t.story_documents
        lowered: Counter[str] = Counter()
        affected: set[int] = set()
        for chunk in chunks(list(keys)):
            for story_id, terms in connection.execute(
                select(rows.c.story_id, rows.c.terms).where(rows.c.document_id.in_(chunk))
            ):
                affected.add(story_id)
                lowered.update(terms.keys())
            connection.execute(delete(rows).where(rows.c.document_id.in_(chunk)))
        counts = t.story_term_counts
        _shift_counts(connection, {term: -times for term, times in lowered.items()})
        connection.execute(delete(counts).where(counts.c.documents <= 0))
        relabel(connection, affected)

    def reset(self, connection: Connection) -> None:
        for table in (t.story_documents, t.stories, t.story_term_counts):
            connection.execute(delete(table))


def _add_counts(connection: Connection, new: Sequence[Member]) -> Counter[str]:
    """Count the new articles' terms in `story_term_counts`; every count, as now stored."""
    counts = t.story_term_counts
    frequencies = Counter(_term_counts(connection))
    added: Counter[str] = Counter()
    for member in new:
        added.update(member.terms.keys())
    fresh = [term for term in added if term not in frequencies]
    for part in chunks(fresh, 1000):
        connection.execute(
            insert(counts), [{"term": term, "documents": added[term]} for term in part]
        )
    _shift_counts(connection, {term: n for term, n in added.items() if term in frequencies})
    frequencies.update(added)
    return frequencies


def _shift_counts(connection: Connection, changes: dict[str, int]) -> None:
    """Add each change to its stored term count, one statement per distinct change."""
    counts = t.story_term_counts
    by_change: dict[int, list[str]] = {}
    for term, change in changes.items():
        by_change.setdefault(change, []).append(term)
    for change, terms in by_change.items():
        for part in chunks(terms):
            connection.execute(
                update(counts)
                .where(counts.c.term.in_(part))
                .values(documents=counts.c.documents + change)
            )


def _term_counts(connection: Connection) -> dict[str, int]:
    counts = t.story_term_counts
    return {
        term: documents
        for term, documents in connection.execute(select(counts.c.term, counts.c.documents))
    }


def _stored_stories(connection: Connection) -> list[Story]:
    rows = t.story_documents
    stories: dict[int, Story] = {}
    for story_id, key, terms in connection.execute(
        select(rows.c.story_id, rows.c.document_id, rows.c.terms).order_by(
            rows.c.story_id, rows.c.document_id
        )
    ):
        stories.setdefault(story_id, Story(story_id)).members.append(Member(key, terms))
    return list(stories.values())


def _write(
    connection: Connection, clusterer: Clusterer, placed: dict[int, float | None]
) -> set[int]:
    """Store the new stories and members and the merges; the ids of the stories touched."""
    rows = t.story_documents
    kept_keys = {story.key for story in clusterer.stories if story.key is not None}
    absorbed = {gone.key for _kept, gone in clusterer.merged if gone.key is not None} - kept_keys
    touched: set[int] = set()
    for story in clusterer.stories:
        if not story.touched:
            continue
        if story.key is None:
            story.key = connection.execute(
                insert(t.stories).returning(t.stories.c.id),
                {"label": "", "entities": [], "document_count": 0, "version": VERSION},
            ).scalar_one()
        touched.add(story.key)
        moved = [m.key for m in story.members if m.key not in placed]
        for part in chunks(moved):
            connection.execute(
                update(rows).where(rows.c.document_id.in_(part)).values(story_id=story.key)
            )
        joined = [
            {
                "document_id": m.key,
                "story_id": story.key,
                "similarity": _rounded(placed[m.key]),
                "terms": dict(m.terms),
            }
            for m in story.members
            if m.key in placed
        ]
        if joined:
            connection.execute(insert(rows), joined)
    for part in chunks(sorted(absorbed)):
        connection.execute(delete(t.stories).where(t.stories.c.id.in_(part)))
    return touched


def relabel(connection: Connection, story_ids: Iterable[int]) -> None:
    """Recount and rename these stories; a story left with no article is removed."""
    wanted = sorted(set(story_ids))
    if not wanted:
        return
    rows = t.story_documents
    documents = tables.documents
    entities = tables.entities
    frequencies = _term_counts(connection)
    held = connection.execute(select(func.count()).select_from(rows)).scalar_one()
    for story_id in wanted:
        members = connection.execute(
            select(rows.c.document_id, rows.c.terms, documents.c.published)
            .join(documents, documents.c.id == rows.c.document_id)
            .where(rows.c.story_id == story_id)
        ).all()
        if not members:
            connection.execute(delete(t.stories).where(t.stories.c.id == story_id))
            continue
        keys = [row.document_id for row in members]
        naming: Counter[str] = Counter()
        for part in chunks(keys):
            seen = {
                (key, name)
                for key, name in connection.execute(
                    select(entities.c.document_id, entities.c.name).where(
                        entities.c.document_id.in_(part)
                    )
                )
            }
            naming.update(name for _key, name in seen)
        names = main_entities(naming, (row.terms for row in members), frequencies, held)
        dates: list[dt.date | None] = [row.published for row in members]
        known = [day for day in dates if day is not None]
        connection.execute(
            update(t.stories)
            .where(t.stories.c.id == story_id)
            .values(
                label=story_label(names, dates),
                entities=names,
                first_published=min(known) if known else None,
                last_published=max(known) if known else None,
                document_count=len(members),
                version=VERSION,
            )
        )


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
