"""The copies step over a real store (SQLite and PostgreSQL): exact copies, near-copies and
partial reuse found with their spans, changes, credit and order; boilerplate and shared
quotations are no reuse; incremental updates agree with a rebuild."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence

import pytest
from sqlalchemy import Engine, func, select

from newsgraph.corpus.copies.report import CopyPair, read_pairs, relay_chains
from newsgraph.corpus.update import CorpusError, StepReport, update_corpus
from newsgraph.store import copies_tables
from newsgraph.store.documents import delete_document
from newsgraph.store.engine import check_revision, connect
from newsgraph.store.plain import insert_text
from tests.corpus.articles import paragraphs, story

DAY = dt.date(2025, 3, 3)
FOOTER = (
    "Copyright 2025 Coastline Herald. All rights reserved. This article may not be reproduced "
    "without the written permission of the publisher."
)


@pytest.fixture
def engine(store_url: str) -> Iterator[Engine]:
    made = connect(store_url)
    check_revision(made, create=True)
    yield made
    made.dispose()


def store(engine: Engine, *documents: tuple[str, str, dt.date, str, list[str]]) -> None:
    with engine.begin() as connection:
        for doc_id, text, day, outlet, via in documents:
            insert_text(connection, doc_id, text, day, outlet, via)


def pairs_by_ids(engine: Engine) -> dict[frozenset[str], CopyPair]:
    with engine.connect() as connection:
        return {frozenset((p.first, p.second)): p for p in read_pairs(connection)}


def a_story_and_its_copies() -> list[tuple[str, str, dt.date, str, list[str]]]:
    original = story(1)
    parts = paragraphs(original)
    near = parts[:-1]  # the last paragraph trimmed
    near[2] = re.sub(r"\d+", lambda m: str(int(m.group()) + 5), near[2], count=1)
    near = [near[0], *near[1:4], *near[5:]]  # a paragraph dropped
    near.append(FOOTER)
    host = paragraphs(story(2))
    reused = host[:3] + parts[3:5] + host[3:]
    return [
        ("original", original, DAY, "Black Sea Wire", []),
        ("exact", original, DAY + dt.timedelta(days=1), "Harbour Daily", ["Black Sea Wire"]),
        ("near", "\n\n".join(near), DAY + dt.timedelta(days=2), "Coastline Herald", []),
        ("partial", "\n\n".join(reused), DAY + dt.timedelta(days=3), "Port Gazette", []),
        ("unrelated", story(3), DAY, "Port Gazette", []),
    ]


def test_copies_are_found_with_spans_order_changes_and_credit(engine: Engine) -> None:
    documents = a_story_and_its_copies()
    store(engine, *documents)
    report = update_corpus(engine)[0]
    assert report.step == "copies" and report.processed == 5
    found = pairs_by_ids(engine)
    relations = {tuple(sorted(k)): p.relation for k, p in found.items()}
    assert relations == {
        ("exact", "original"): "exact",
        ("near", "original"): "near",
        ("exact", "near"): "near",
        ("original", "partial"): "partial",
        ("exact", "partial"): "partial",
        ("near", "partial"): "partial",  # the near copy kept one of the reused paragraphs
    }
    texts = {doc_id: text for doc_id, text, *_ in documents}
    exact = found[frozenset(("original", "exact"))]
    assert exact.earlier == "original" and exact.earlier_by == "published"
    assert exact.credited and exact.credit == "via Black Sea Wire"
    near = found[frozenset(("original", "near"))]
    assert near.earlier == "original" and not near.credited
    kinds = {c.kind for c in near.changes}
    assert {"sentence_dropped", "number_changed"} <= kinds
    for change in near.changes:
        if change.first is not None:
            assert texts["original"][change.first[0] : change.first[1]] == change.first_text
        if change.second is not None:
            assert texts["near"][change.second[0] : change.second[1]] == change.second_text
    partial = found[frozenset(("original", "partial"))]
    reused = [s for s in partial.spans if s.discounted is None]
    assert reused
    for span in partial.spans:  # passages begin and end with the same words on both sides
        left = texts["original"][span.first[0] : span.first[1]].split()
        right = texts["partial"][span.second[0] : span.second[1]].split()
        assert left[:3] == right[:3] and left[-3:] == right[-3:]
    shared = "\n\n".join(paragraphs(texts["original"])[3:5])
    longest = max(reused, key=lambda s: s.words)
    # Spans run from a word's first character to a word's last one.
    assert shared.rstrip(".") in texts["original"][longest.first[0] : longest.first[1]]


def test_relay_chain_names_who_copied_whom(engine: Engine) -> None:
    store(engine, *a_story_and_its_copies())
    update_corpus(engine)
    with engine.connect() as connection:
        pairs = read_pairs(connection)
        [chain] = relay_chains(connection, pairs)
    links = {link.document: link for link in chain}
    assert chain[0].document == "original" and chain[0].copied_from is None
    assert links["exact"].copied_from == "original" and links["exact"].credited
    assert links["near"].copied_from in ("original", "exact")
    assert links["partial"].relation == "partial"
    assert "unrelated" not in links


def test_incremental_updates_agree_with_a_rebuild(engine: Engine) -> None:
    documents = a_story_and_its_copies()
    store(engine, *documents[2:])
    update_corpus(engine)
    store(engine, *documents[:2])
    report = update_corpus(engine)[0]
    assert report.processed == 2  # only the new ones
    incremental = {k: (p.relation, p.earlier) for k, p in pairs_by_ids(engine).items()}
    update_corpus(engine, rebuild=True)
    rebuilt = {k: (p.relation, p.earlier) for k, p in pairs_by_ids(engine).items()}
    assert incremental == rebuilt and len(rebuilt) == 6
    again = update_corpus(engine)[0]
    assert again.processed == 0


def test_boilerplate_of_an_outlet_is_no_reuse(engine: Engine) -> None:
    """Twelve different stories of one outlet, each with the same footer and editor's note."""
    note = (
        "Editor's note: the Coastline Herald covers the harbour dispute with reporters in both "
        "towns and takes no money from either side of the conflict."
    )
    documents: list[tuple[str, str, dt.date, str, list[str]]] = []
    for number in range(12):
        parts = paragraphs(story(100 + number))
        text = "\n\n".join([parts[0], note, *parts[1:], FOOTER])
        documents.append((f"herald-{number}", text, DAY, "Coastline Herald", []))
    store(engine, *documents)
    update_corpus(engine)
    assert pairs_by_ids(engine) == {}


def test_two_articles_quoting_one_statement_are_no_copies(engine: Engine) -> None:
    statement = (
        "We will not sign any agreement that hands the harbour to a foreign operator, and we "
        "will not accept a single new tariff on our fishermen while these talks go on"
    )
    first = paragraphs(story(200))
    second = paragraphs(story(201))
    first.insert(2, f'"{statement}," the mayor of Varna said on Monday.')
    second.insert(4, f'Speaking to supporters, the mayor said: "{statement}."')
    store(
        engine,
        ("quoting-1", "\n\n".join(first), DAY, "Black Sea Wire", []),
        ("quoting-2", "\n\n".join(second), DAY, "Port Gazette", []),
    )
    update_corpus(engine)
    assert pairs_by_ids(engine) == {}


def test_a_deleted_document_is_forgotten(engine: Engine) -> None:
    store(engine, *a_story_and_its_copies())
    update_corpus(engine)
    with engine.begin() as connection:
        key = connection.execute(select(func.min(copies_tables.copy_pairs.c.first_id))).scalar_one()
        delete_document(connection, key)
    report = update_corpus(engine)[0]
    assert report.forgotten == 1
    assert "'original'" in report.notes[0] and "deleted or replaced" in report.notes[0]
    found = pairs_by_ids(engine)
    assert all("original" not in pair for pair in found)
    with engine.connect() as connection:
        left = connection.execute(
            select(func.count()).select_from(copies_tables.copy_fingerprints)
            .where(copies_tables.copy_fingerprints.c.document_id == key)
        ).scalar_one()  # fmt: skip
    assert left == 0


def test_an_empty_store_and_an_unknown_document_are_refused(engine: Engine) -> None:
    with pytest.raises(CorpusError, match="holds no documents; run `newsgraph ingest` first"):
        update_corpus(engine)
    store(engine, *a_story_and_its_copies()[:1])
    with pytest.raises(CorpusError, match="no stored document with id 'nowhere'"):
        update_corpus(engine, document_ids=["nowhere"])


class _NeedsAttribution:
    """A step that needs a layer the text-only documents lack."""

    name = "needs-attribution"
    version = "1"
    requires: tuple[str, ...] = ("attribution",)

    def __init__(self) -> None:
        self.seen: list[int] = []

    def process(self, connection: object, keys: Sequence[int]) -> list[str]:
        self.seen.extend(keys)
        return []

    def forget(self, connection: object, keys: Sequence[int]) -> None:
        pass

    def reset(self, connection: object) -> None:
        pass


def test_a_step_skips_documents_without_the_layer_it_needs(engine: Engine) -> None:
    store(engine, *a_story_and_its_copies()[:2])
    step = _NeedsAttribution()
    [report] = update_corpus(engine, steps=[step])
    assert isinstance(report, StepReport)
    assert step.seen == [] and report.skipped == 2
    assert "without the attribution layer" in report.notes[0]
