"""An Analysis written to the store reads back equal, on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt

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
    StageRun,
    Timex,
)
from newsgraph.store.documents import insert_analysis, read_analysis
from newsgraph.store.engine import check_revision, connect

TEXT = 'Kartli\'s minister said on Monday that the pipeline "will not close". Tbilisi denied it.'


def _span(part: str) -> Span:
    start = TEXT.index(part)
    return Span.of(TEXT, start, start + len(part))


def _provenance() -> Provenance:
    return Provenance(component="test", version="1", confidence=0.5)


def _analysis() -> Analysis:
    minister = _span("Kartli's minister")
    return Analysis(
        id="doc-1",
        text=TEXT,
        document=DocumentMeta(
            published=dt.date(2025, 3, 3),
            outlet="Caspian Wire",
            via=["Reuters", "AFP"],
            content_sha1="x",
        ),
        stages=[StageRun(name="parse", version="p"), StageRun(name="attribution", version="a")],
        warnings=["a warning"],
        sentences=[Sentence(id="s1", **_span(TEXT[:69]).model_dump())],
        mentions=[
            Mention(
                id="m1",
                **minister.model_dump(),
                label="PERSON",
                entity="e1",
                provenance=_provenance(),
            ),
            Mention(
                id="m2", **_span("Tbilisi").model_dump(), label="GPE", provenance=_provenance()
            ),
        ],
        entities=[
            Entity(
                id="e1",
                key="person:minister",
                name="minister",
                kind="person",
                mentions=["m1"],
                aliases=["Kartli's minister", "Ministre"],
                provenance=_provenance(),
            ),
            Entity(
                id="e2",
                name="Tbilisi",
                kind="place",
                mentions=["m2"],
                geo=GeoInfo(geonames_id=611717, latitude=41.69, longitude=44.83, country_code="GE"),
                provenance=_provenance(),
            ),
        ],
        timexes=[
            Timex(
                id="t1",
                **_span("on Monday").model_dump(),
                type="DATE",
                value="2025-03-03",
                anchor="publication",
                provenance=_provenance(),
            )
        ],
        attributions=[
            Attribution(
                id="a1",
                kind="mixed",
                source=minister,
                source_entity="e1",
                cue=_span("said"),
                cue_lemma="say",
                content=[_span("the pipeline"), _span('"will not close"')],
                stance="neutral",
                timex="t1",
                provenance=_provenance(),
            ),
            Attribution(
                id="a2",
                kind="own_voice",
                source_description="Caspian Wire",
                content=[_span("Tbilisi denied it.")],
                parent=None,
                provenance=_provenance(),
            ),
        ],
        events=[
            Event(
                id="v1",
                type="REJECT",
                trigger=_span("denied"),
                mentions=[_span("close")],
                actors=[
                    EventParticipant(
                        span=_span("Tbilisi"), entity="e2", country="GEO", sector="government"
                    )
                ],
                targets=[EventParticipant(span=minister, entity="e1")],
                when_source="publication",
                asserted_by="a2",
                factuality="negated",
                provenance=_provenance(),
            )
        ],
    )


def test_every_layer_reads_back_equal(store_url: str) -> None:
    engine = connect(store_url)
    check_revision(engine, create=True)
    written = _analysis()
    assert not written.check_spans()
    with engine.begin() as connection:
        insert_analysis(connection, written)
    with engine.connect() as connection:
        assert read_analysis(connection, "doc-1") == written
        assert read_analysis(connection, "no-such-document") is None
    engine.dispose()


def test_entities_link_to_one_corpus_entity_per_key(store_url: str) -> None:
    from sqlalchemy import func, select

    from newsgraph.store import tables
    from newsgraph.store.linking import link_document, relink_all

    engine = connect(store_url)
    check_revision(engine, create=True)
    first = _analysis()
    second = first.model_copy(update={"id": "doc-2"})
    with engine.begin() as connection:
        for analysis in (first, second):
            assert link_document(connection, insert_analysis(connection, analysis)) == 2
    with engine.begin() as connection:
        count = connection.execute(select(func.count()).select_from(tables.corpus_entities))
        assert count.scalar_one() == 2  # the minister by key, Tbilisi by kind and name
        keys = connection.execute(select(tables.corpus_entities.c.key)).scalars().all()
        assert sorted(keys) == ["person:minister", "place:tbilisi"]
        assert relink_all(connection) == 4
        assert (
            connection.execute(
                select(func.count()).select_from(tables.corpus_entities)
            ).scalar_one()
            == 2
        )
    engine.dispose()
