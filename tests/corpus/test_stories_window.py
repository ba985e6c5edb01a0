"""The stories step's date window: a story is a candidate only within WINDOW_DAYS of an
article's day (its publication date, else the day it was stored)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, select

from newsgraph.corpus.stories.cluster import WINDOW_DAYS, Member, Story, within
from newsgraph.corpus.stories.step import StoriesStep
from newsgraph.corpus.update import update_corpus
from newsgraph.store import tables
from newsgraph.store.engine import check_revision, connect
from newsgraph.store.plain import insert_text
from newsgraph.store.stories_tables import stories, story_documents
from tests.corpus.stories_articles import articles

KESSEL_START = dt.date(2024, 3, 4)


@pytest.fixture
def engine(store_url: str) -> Iterator[Engine]:
    made = connect(store_url)
    check_revision(made, create=True)
    with made.begin() as connection:
        for doc_id, text, day in articles():
            insert_text(connection, doc_id, text, day)
    yield made
    made.dispose()


def _kessel_text() -> str:
    return next(text for doc_id, text, _day in articles() if doc_id == "kessel-flood-0")


def _story_of(engine: Engine, doc_id: str) -> int:
    documents = tables.documents
    with engine.connect() as connection:
        return int(
            connection.execute(
                select(story_documents.c.story_id)
                .join(documents, documents.c.id == story_documents.c.document_id)
                .where(documents.c.doc_id == doc_id)
            ).scalar_one()
        )


def _add(engine: Engine, doc_id: str, day: dt.date | None, step: StoriesStep) -> None:
    with engine.begin() as connection:
        insert_text(connection, doc_id, _kessel_text(), day)
    update_corpus(engine, steps=[step])


def test_a_retelling_inside_the_window_joins_and_one_outside_starts_a_story(
    engine: Engine,
) -> None:
    step = StoriesStep()
    update_corpus(engine, steps=[step])
    kessel = _story_of(engine, "kessel-flood-0")
    _add(engine, "kessel-soon", KESSEL_START + dt.timedelta(days=WINDOW_DAYS), step)
    assert _story_of(engine, "kessel-soon") == kessel
    # The story now reaches to day WINDOW_DAYS; one more window beyond its last day is out.
    late = KESSEL_START + dt.timedelta(days=2 * WINDOW_DAYS + 1)
    _add(engine, "kessel-late", late, step)
    assert _story_of(engine, "kessel-late") != kessel
    with engine.connect() as connection:
        row = connection.execute(select(stories).where(stories.c.id == kessel)).one()
    assert (row.first_day, row.last_day) == (
        KESSEL_START,
        KESSEL_START + dt.timedelta(days=WINDOW_DAYS),
    )


def test_without_a_window_the_same_retelling_joins_however_late(engine: Engine) -> None:
    step = StoriesStep(window_days=None)
    update_corpus(engine, steps=[step])
    _add(engine, "kessel-years-later", dt.date(2027, 1, 1), step)
    assert _story_of(engine, "kessel-years-later") == _story_of(engine, "kessel-flood-0")


def test_an_undated_article_counts_from_the_day_it_was_stored(engine: Engine) -> None:
    step = StoriesStep()
    update_corpus(engine, steps=[step])
    _add(engine, "kessel-undated", None, step)  # stored today, long after March 2024
    placed = _story_of(engine, "kessel-undated")
    assert placed != _story_of(engine, "kessel-flood-0")
    with engine.connect() as connection:
        row = connection.execute(select(stories).where(stories.c.id == placed)).one()
    assert row.first_day == row.last_day == dt.datetime.now(dt.UTC).date()
    assert row.first_published is None and row.label.endswith("(undated)")


def test_window_compares_ranges_of_days() -> None:
    march = (dt.date(2024, 3, 1), dt.date(2024, 3, 10))
    assert within(march, (dt.date(2024, 4, 9), dt.date(2024, 4, 9)), 30)
    assert not within(march, (dt.date(2024, 4, 10), dt.date(2024, 4, 12)), 30)
    assert within(march, (None, None), 30) and within(march, (dt.date(2030, 1, 1),) * 2, None)
    story = Story(1)
    story.add(Member(1, {"a": 1}, dt.date(2024, 3, 5)), {"a": 1.0})
    story.add(Member(2, {"a": 1}, dt.date(2024, 3, 2)), {"a": 1.0})
    assert (story.first_day, story.last_day) == (dt.date(2024, 3, 2), dt.date(2024, 3, 5))


def test_migration_0009_goes_down_and_up(store_url: str) -> None:
    from alembic import command
    from sqlalchemy import inspect

    from newsgraph.store.engine import _alembic_config

    made = connect(store_url)
    check_revision(made, create=True)

    def columns() -> set[str]:
        return {column["name"] for column in inspect(made).get_columns("stories")}

    assert {"first_day", "last_day"} <= columns()
    command.downgrade(_alembic_config(made), "0008")
    assert not {"first_day", "last_day"} & columns()
    command.upgrade(_alembic_config(made), "head")
    assert {"first_day", "last_day"} <= columns()
    made.dispose()
