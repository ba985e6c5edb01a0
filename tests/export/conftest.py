"""Export fixtures: the bundled example articles analysed once, stored in each test's store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import func, select

from newsgraph.model import (
    Analysis,
    Attribution,
    DocumentMeta,
    Entity,
    Event,
    EventParticipant,
    GeoInfo,
    Mention,
    Provenance,
    Sentence,
    Span,
    Timex,
)
from newsgraph.store import tables
from newsgraph.store.documents import insert_analysis
from newsgraph.store.engine import check_revision, connect
from newsgraph.store.linking import link_document
from tests.conftest import EXAMPLES, under

# A small handmade document with what the examples lack: an outlet and a two-outlet relay
# chain, a nested statement, an event with participants, a geocoded place.
TEXT = "Reuters reported that the Ardvan minister said the dam opened in Kesh on Monday."


def _span(part: str) -> Span:
    start = TEXT.index(part)
    return Span.of(TEXT, start, start + len(part))


def _provenance() -> Provenance:
    return Provenance(component="test", version="1", confidence=None)


def handmade() -> Analysis:
    minister = _span("the Ardvan minister")
    return Analysis(
        id="handmade/1",
        text=TEXT,
        document=DocumentMeta(
            published=dt.date(2025, 11, 3),
            outlet="Delta Post",
            via=["Kesh Wire", "Reuters"],
            content_sha1="0" * 40,
            byline=["A. Writer"],
        ),
        sentences=[Sentence(id="s1", **_span(TEXT).model_dump())],
        mentions=[
            Mention(
                id="m1",
                **_span("Reuters").model_dump(),
                label="ORG",
                entity="e1",
                provenance=_provenance(),
            ),
            Mention(
                id="m2",
                **minister.model_dump(),
                label="PERSON",
                entity="e2",
                provenance=_provenance(),
            ),
            Mention(
                id="m3",
                **_span("Kesh").model_dump(),
                label="GPE",
                entity="e3",
                provenance=_provenance(),
            ),
        ],
        entities=[
            Entity(
                id="e1",
                key="org:reuters",
                name="Reuters",
                kind="organization",
                mentions=["m1"],
                provenance=_provenance(),
            ),
            Entity(
                id="e2",
                key="person:ardvan-minister",
                name="Ardvan minister",
                kind="person",
                mentions=["m2"],
                aliases=["the Ardvan minister"],
                provenance=_provenance(),
            ),
            Entity(
                id="e3",
                key="place:kesh",
                name="Kesh",
                kind="place",
                mentions=["m3"],
                geo=GeoInfo(geonames_id=1, latitude=1.5, longitude=2.5, country_code="AR"),
                provenance=_provenance(),
            ),
        ],
        timexes=[
            Timex(
                id="t1",
                **_span("on Monday").model_dump(),
                type="DATE",
                value="2025-11-03",
                anchor="publication",
                provenance=_provenance(),
            )
        ],
        attributions=[
            Attribution(
                id="a1",
                kind="indirect",
                source=_span("Reuters"),
                source_entity="e1",
                cue=_span("reported"),
                cue_lemma="report",
                content=[_span(TEXT[TEXT.index("the Ardvan") : -1])],
                provenance=_provenance(),
            ),
            Attribution(
                id="a2",
                kind="indirect",
                source=minister,
                source_entity="e2",
                cue=_span("said"),
                cue_lemma="say",
                stance="neutral",
                content=[_span("the dam opened in Kesh on Monday")],
                timex="t1",
                parent="a1",
                provenance=_provenance(),
            ),
        ],
        events=[
            Event(
                id="v1",
                type="OTHER",
                trigger=_span("opened"),
                mentions=[_span("dam")],
                actors=[EventParticipant(span=minister, entity="e2", country="ARD")],
                targets=[EventParticipant(span=_span("Kesh"), entity="e3")],
                when="t1",
                when_source="timex",
                date="2025-11-03",
                where="e3",
                asserted_by="a2",
                provenance=_provenance(),
            )
        ],
    )


@pytest.fixture(scope="session")
def analyses(analyses: list[Analysis]) -> list[Analysis]:
    """The example articles (of the session's analyses, tests/conftest.py) and the handmade
    document."""
    found = under(analyses, EXAMPLES / "articles")
    assert len(found) == len(list((EXAMPLES / "articles").glob("*.txt"))) >= 4
    return [*found, handmade()]


def fill(url: str, analyses: list[Analysis]) -> None:
    engine = connect(url)
    check_revision(engine, create=True)
    with engine.begin() as connection:
        for analysis in analyses:
            link_document(connection, insert_analysis(connection, analysis))
    engine.dispose()


@pytest.fixture
def filled_store(store_url: str, analyses: list[Analysis]) -> str:
    """A store holding the analysed examples, linked to corpus entities."""
    fill(store_url, analyses)
    return store_url


@pytest.fixture
def empty_store(store_url: str) -> str:
    """A store at the current schema without any document."""
    engine = connect(store_url)
    check_revision(engine, create=True)
    engine.dispose()
    return store_url


class StoreFacts:
    """What a test compares an export with, read straight from the store's tables."""

    def __init__(self, url: str) -> None:
        self.engine = connect(url)

    def count(self, table: str) -> int:
        with self.engine.connect() as connection:
            total: int = connection.execute(
                select(func.count()).select_from(tables.metadata.tables[table])
            ).scalar_one()
            return total

    def rows(self, table: str) -> list[dict[str, Any]]:
        with self.engine.connect() as connection:
            return [
                dict(r)
                for r in connection.execute(select(tables.metadata.tables[table])).mappings()
            ]

    def texts(self) -> dict[str, str]:
        return {row["doc_id"]: row["text"] for row in self.rows("documents")}


@pytest.fixture
def facts(filled_store: str) -> Iterator[StoreFacts]:
    found = StoreFacts(filled_store)
    yield found
    found.engine.dispose()
