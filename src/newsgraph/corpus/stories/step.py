"""The stories step over the store: place each new article in a story, or start one.

The step reads the article text (and, for the label, the entities and publication dates when
stored), so it requires no layer. Each update loads only the candidate stories: those whose
range of days comes within `window_days` (WINDOW_DAYS unless told) of the new articles' days,
an article's day being its publication date or, when it has none, the day it was stored. It
loads their members' terms and the counts of the terms it weighs, places the new articles in
publication order (newsgraph.corpus.stories.cluster, which applies the window to each article),
merges stories that grew together, writes what changed and relabels the stories it touched.
So an update reads what the last weeks hold, not the whole corpus. Undated articles ingested
together (as in the ECB+ evaluation) share their storage day, so the window keeps them all
comparable; `window_days=None` compares every story, as the step did before the window.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    and_,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)

from newsgraph.corpus.stories.cluster import (
    JOIN,
    MERGE,
    WINDOW_DAYS,
    Clusterer,
    Member,
    Story,
    Weights,
)
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

    def __init__(
        self,
        join: float | None = None,
        merge: float | None = None,
        window_days: int | None = WINDOW_DAYS,
    ) -> None:
        self.join = JOIN if join is None else join
        self.merge = MERGE if merge is None else merge
        self.window_days = window_days

    def process(self, connection: Connection, keys: Sequence[int]) -> list[str]:
        documents = tables.documents
        texts: dict[int, tuple[str, dt.date]] = {}
        for chunk in chunks(list(keys)):
            for row in connection.execute(
                select(
                    documents.c.id, documents.c.text, documents.c.published, documents.c.stored_at
                ).where(documents.c.id.in_(chunk))
            ):
                texts[row.id] = (row.text, _day(row.published, row.stored_at))
        notes = [
            f"document #{key} was deleted before it could be placed in a story; skipped"
            for key in keys
            if key not in texts
        ]
        new = [
            Member(key, article_terms(texts[key][0]), texts[key][1]) for key in keys if key in texts
        ]
        if not new:
            return notes
        held = connection.execute(select(func.count()).select_from(t.story_documents)).scalar_one()
        stored = _candidate_stories(connection, [m.day for m in new if m.day], self.window_days)
        frequencies = _add_counts(connection, new)
        weighed = {term for story in stored for m in story.members for term in m.terms}
        frequencies.update(_term_counts(connection, weighed - set(frequencies)))
        clusterer = Clusterer(
            Weights(frequencies, held + len(new)),
            stored,
            self.join,
            self.merge,
            self.window_days,
        )
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


def _add_counts(connection: Connection, new: Sequence[Member]) -> dict[str, int]:
    """Count the new articles' terms in `story_term_counts`; their counts, as now stored."""
    counts = t.story_term_counts
    added: Counter[str] = Counter()
    for member in new:
        added.update(member.terms.keys())
    frequencies = _term_counts(connection, added)
    fresh = [term for term in added if term not in frequencies]
    for part in chunks(fresh, 1000):
        connection.execute(
            insert(counts), [{"term": term, "documents": added[term]} for term in part]
        )
    _shift_counts(connection, {term: n for term, n in added.items() if term in frequencies})
    return {term: frequencies.get(term, 0) + n for term, n in added.items()}


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


def _term_counts(connection: Connection, terms: Iterable[str]) -> dict[str, int]:
    """The stored counts of these terms (a term no article holds is left out)."""
    counts = t.story_term_counts
    found: dict[str, int] = {}
    for part in chunks(sorted(set(terms))):
        found.update(
            (term, documents)
            for term, documents in connection.execute(
                select(counts.c.term, counts.c.documents).where(counts.c.term.in_(part))
            )
        )
    return found


def _day(published: dt.date | None, stored_at: dt.datetime | None) -> dt.date:
    """The day the window compares: the publication date, else the day of storing."""
    if published is not None:
        return published
    return (stored_at or dt.datetime.now(dt.UTC)).date()


def _candidate_stories(
    connection: Connection, days: Sequence[dt.date], window: int | None
) -> list[Story]:
    """The stored stories the new articles may join: with a window, those whose days come
    within it of the articles' days (and any written before the window, without days)."""
    rows, stories_table, documents = t.story_documents, t.stories, tables.documents
    query = (
        select(
            rows.c.story_id,
            rows.c.document_id,
            rows.c.terms,
            documents.c.published,
            documents.c.stored_at,
        )
        .join(documents, documents.c.id == rows.c.document_id)
        .order_by(rows.c.story_id, rows.c.document_id)
    )
    if window is not None and days:
        reach = dt.timedelta(days=window)
        near = select(stories_table.c.id).where(
            or_(
                and_(
                    stories_table.c.last_day >= min(days) - reach,
                    stories_table.c.first_day <= max(days) + reach,
                ),
                stories_table.c.last_day.is_(None),
            )
        )
        query = query.where(rows.c.story_id.in_(near))
        # A story that went on for months is weighed by its articles of these weeks, so the
        # update reads a bounded slice of it; the others stay where they are (see _write).
        low, high = min(days) - reach, max(days) + reach
        stored_day: ColumnElement[Any]
        if connection.dialect.name == "sqlite":  # dates are ISO text there
            stored_day = func.date(documents.c.stored_at)
            bounds: tuple[object, object] = (low.isoformat(), high.isoformat())
        else:
            stored_day = func.cast(documents.c.stored_at, Date)
            bounds = (low, high)
        query = query.where(func.coalesce(documents.c.published, stored_day).between(*bounds))
    stories: dict[int, Story] = {}
    for row in connection.execute(query):
        member = Member(row.document_id, row.terms, _day(row.published, row.stored_at))
        stories.setdefault(row.story_id, Story(row.story_id)).members.append(member)
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
        for gone in story.absorbed_keys:  # members of merged stories that were not loaded
            connection.execute(
                update(rows).where(rows.c.story_id == gone).values(story_id=story.key)
            )
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
    held = connection.execute(select(func.count()).select_from(rows)).scalar_one()
    for story_id in wanted:
        members = connection.execute(
            select(rows.c.document_id, rows.c.terms, documents.c.published, documents.c.stored_at)
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
        # Term counts name only a story whose articles hold no entities.
        frequencies = (
            {} if naming else _term_counts(connection, {w for row in members for w in row.terms})
        )
        names = main_entities(naming, (row.terms for row in members), frequencies, held)
        dates: list[dt.date | None] = [row.published for row in members]
        known = [day for day in dates if day is not None]
        days = [_day(row.published, row.stored_at) for row in members]
        connection.execute(
            update(t.stories)
            .where(t.stories.c.id == story_id)
            .values(
                label=story_label(names, dates),
                entities=names,
                first_published=min(known) if known else None,
                last_published=max(known) if known else None,
                first_day=min(days),
                last_day=max(days),
                document_count=len(members),
                version=VERSION,
            )
        )


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
