"""The stories step: terms, single-pass clustering with its merge pass, labels, the step over
the store (one update or two, deleted articles) and `newsgraph stories`."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from sqlalchemy import Engine, delete, select

from newsgraph.cli import main
from newsgraph.corpus.stories.cluster import Clusterer, Member, Weights, cluster
from newsgraph.corpus.stories.label import main_entities, story_label
from newsgraph.corpus.stories.step import StoriesStep
from newsgraph.corpus.stories.terms import NAME_WEIGHT, YEAR_WEIGHT, article_terms
from newsgraph.corpus.update import update_corpus
from newsgraph.store import tables
from newsgraph.store.engine import check_revision, connect
from newsgraph.store.plain import insert_text
from newsgraph.store.stories_tables import stories, story_documents, story_term_counts
from tests.corpus.stories_articles import articles, happening


def partition(ids: Sequence[str], labels: Sequence[object]) -> set[frozenset[str]]:
    groups: dict[object, set[str]] = {}
    for doc_id, label in zip(ids, labels, strict=True):
        groups.setdefault(label, set()).add(doc_id)
    return {frozenset(group) for group in groups.values()}


def gold_partition() -> set[frozenset[str]]:
    ids = [doc_id for doc_id, _text, _day in articles()]
    return partition(ids, [happening(doc_id) for doc_id in ids])


def test_names_count_more_years_are_terms_and_web_words_are_none() -> None:
    terms = article_terms(
        "Floods hit Kessel in 2024. Rescue teams reached Kessel.\nhttp: / / www. news. com / x"
    )
    assert terms["kessel"] == 2 * NAME_WEIGHT  # inside sentences: a name both times
    assert terms["floods"] == 1 and terms["rescue"] == 1  # sentence starts are no sign
    assert terms["year:2024"] == YEAR_WEIGHT and "2024" not in terms
    assert not {"http", "www", "com", "news", "in"} & set(terms)


def test_articles_of_one_happening_form_one_story_and_kinds_do_not_merge() -> None:
    found = articles()
    labels = cluster([article_terms(text) for _id, text, _day in found])
    assert partition([doc_id for doc_id, _t, _d in found], labels) == gold_partition()


def test_a_story_started_alone_is_merged_once_articles_link_it() -> None:
    weights = Weights({}, 10)  # one idf for every term: cosines of raw counts
    linked = Clusterer(weights, join=0.6, merge=0.4)
    first = linked.place(Member(1, {"flood": 1, "kessel": 1}))
    second = linked.place(Member(2, {"kessel": 1, "rescue": 1}))
    assert second.similarity is None and second.story is not first.story  # cosine 0.5 < 0.6
    linked.merge_grown_together()
    assert len(linked.stories) == 1 and len(linked.stories[0].members) == 2
    apart = Clusterer(weights, join=0.6, merge=0.6)
    apart.place(Member(1, {"flood": 1, "kessel": 1}))
    apart.place(Member(2, {"kessel": 1, "rescue": 1}))
    apart.merge_grown_together()
    assert len(apart.stories) == 2


def test_label_names_main_entities_and_the_date_range() -> None:
    names = main_entities({"Ilse Varga": 2, "Kessel": 3, "Ambra": 1, "Red Cross": 1}, [], {}, 3)
    assert names == ["Kessel", "Ilse Varga", "Ambra"]
    days = [dt.date(2024, 3, 6), None, dt.date(2024, 3, 4)]
    assert story_label(names, days) == "Kessel, Ilse Varga, Ambra (2024-03-04 to 2024-03-06)"
    assert story_label(["Kessel"], [None]) == "Kessel (undated)"
    # No entities stored: the most distinctive terms (years left out) name it.
    fallback = main_entities(
        {}, [Counter({"kessel": 4, "flood": 2, "year:2024": 9})], {"flood": 5, "kessel": 1}, 5
    )
    assert fallback[:2] == ["kessel", "flood"] and "year:2024" not in fallback


@pytest.fixture
def engine(store_url: str) -> Iterator[Engine]:
    made = connect(store_url)
    check_revision(made, create=True)
    yield made
    made.dispose()


def store(engine: Engine, found: Sequence[tuple[str, str, dt.date]]) -> None:
    with engine.begin() as connection:
        for doc_id, text, day in found:
            insert_text(connection, doc_id, text, day)


def stored_partition(engine: Engine) -> set[frozenset[str]]:
    documents = tables.documents
    with engine.connect() as connection:
        rows = connection.execute(
            select(documents.c.doc_id, story_documents.c.story_id).join(
                story_documents, story_documents.c.document_id == documents.c.id
            )
        ).all()
    return partition([doc_id for doc_id, _ in rows], [story for _, story in rows])


def test_the_step_stores_stories_in_one_update_or_two(engine: Engine, tmp_path: Path) -> None:
    found = articles()
    half = len(found) // 2
    store(engine, found[:half])
    [first] = update_corpus(engine, steps=[StoriesStep()])
    assert first.processed == half
    store(engine, found[half:])
    [second] = update_corpus(engine, steps=[StoriesStep()])
    assert second.processed == len(found) - half
    assert stored_partition(engine) == gold_partition()
    at_once = connect(f"sqlite:///{tmp_path / 'once.db'}")
    check_revision(at_once, create=True)
    store(at_once, found)
    update_corpus(at_once, steps=[StoriesStep()])
    assert stored_partition(at_once) == gold_partition()
    at_once.dispose()
    with engine.connect() as connection:
        rows = connection.execute(select(stories).order_by(stories.c.first_published)).all()
        counted = {
            term: number
            for term, number in connection.execute(
                select(story_term_counts.c.term, story_term_counts.c.documents)
            )
        }
    assert [row.document_count for row in rows] == [3, 3, 3]
    kessel = rows[0]
    assert kessel.first_published == dt.date(2024, 3, 4)
    assert kessel.last_published == dt.date(2024, 3, 6)
    assert kessel.label.endswith("(2024-03-04 to 2024-03-06)")
    assert "kessel" in kessel.entities  # no entities stored: named by its terms
    assert counted["kessel"] == 3 and counted["varnia"] == 3


def test_deleted_articles_leave_their_story(engine: Engine) -> None:
    store(engine, articles())
    update_corpus(engine, steps=[StoriesStep()])
    documents = tables.documents
    with engine.begin() as connection:
        connection.execute(delete(documents).where(documents.c.doc_id.like("election-%")))
    [report] = update_corpus(engine, steps=[StoriesStep()])
    assert report.forgotten == 3
    with engine.connect() as connection:
        left = connection.execute(select(stories.c.document_count)).scalars().all()
        terms = set(connection.execute(select(story_term_counts.c.term)).scalars())
    assert sorted(left) == [3, 3]
    assert "varnia" not in terms and "kessel" in terms


def test_stories_command_lists_labels_and_document_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    made = connect(url)
    check_revision(made, create=True)
    store(made, articles())
    made.dispose()
    assert main(["stories", "--db", url]) == 0
    assert "no stories found" in capsys.readouterr().out
    assert main(["corpus", "update", "--db", url]) == 0
    assert "corpus stories: 9 new document(s) processed" in capsys.readouterr().err
    assert main(["stories", "--db", url, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {frozenset(s["document_ids"]) for s in listed} == gold_partition()
    assert all(s["label"] and s["first_published"] for s in listed)
    assert main(["stories", "--db", url, "--min-documents", "4"]) == 0
    assert "no stories found" in capsys.readouterr().out
    assert main(["stories", "--db", url]) == 0
    table = capsys.readouterr().out
    assert "kessel-flood-0" in table and "(2024-03-05 to 2024-03-07)" in table


def test_a_missing_store_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stories", "--db", str(tmp_path / "none.db")]) == 1
    assert capsys.readouterr().err.count("\n") == 1


def test_migration_0008_goes_down_and_up(store_url: str) -> None:
    from alembic import command
    from sqlalchemy import inspect

    from newsgraph.store.engine import _alembic_config

    engine = connect(store_url)
    check_revision(engine, create=True)
    names = {"stories", "story_documents", "story_term_counts"}
    assert names <= set(inspect(engine).get_table_names())
    command.downgrade(_alembic_config(engine), "0007")
    left = set(inspect(engine).get_table_names())
    assert not names & left and "analysis_jobs" in left
    command.upgrade(_alembic_config(engine), "head")
    assert names <= set(inspect(engine).get_table_names())
    engine.dispose()
