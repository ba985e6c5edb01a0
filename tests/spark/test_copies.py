"""The copies step against brute force on a synthetic corpus with planted copies."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from newsgraph.spark.copies import CopySettings, find_copies
from newsgraph.spark.synthetic import SyntheticDocument, jaccard, shingles, synthetic_corpus

pytestmark = pytest.mark.usefixtures("spark")


def _frame(spark: Any, documents: list[SyntheticDocument]) -> Any:
    rows = [(d.doc_id, d.content_sha1, d.text, d.published) for d in documents]
    return spark.createDataFrame(
        rows, "doc_id string, content_sha1 string, text string, published date"
    )


def _earlier(a: SyntheticDocument, b: SyntheticDocument) -> bool:
    return (a.published, a.doc_id) <= (b.published, b.doc_id)


def test_copies_are_every_pair_over_the_threshold(spark: Any) -> None:
    documents = synthetic_corpus(300, seed=11)
    assert sum(d.kind == "near" for d in documents) >= 20
    assert sum(d.kind == "exact" for d in documents) >= 10
    settings = CopySettings(threshold=0.5)
    found = {
        (row.doc_id, row.copy_of): (row.kind, row.similarity)
        for row in find_copies(_frame(spark, documents), settings).collect()
    }
    # Brute force: each exact copy points at the earliest document with its text, and near
    # copies are the pairs of distinct texts (their earliest documents) over the threshold.
    first: dict[str, SyntheticDocument] = {}
    expected: dict[tuple[str, str], tuple[str, float]] = {}
    for document in sorted(documents, key=lambda d: (d.published, d.doc_id)):
        earliest = first.setdefault(document.content_sha1, document)
        if earliest is not document:
            expected[(document.doc_id, earliest.doc_id)] = ("exact", 1.0)
    sets = {d.doc_id: shingles(d.text) for d in first.values()}
    for a, b in itertools.combinations(first.values(), 2):
        similarity = jaccard(sets[a.doc_id], sets[b.doc_id])
        if similarity >= settings.threshold:
            later, earlier = (b, a) if _earlier(a, b) else (a, b)
            expected[(later.doc_id, earlier.doc_id)] = ("near", similarity)
    assert found.keys() == expected.keys()
    for pair, (kind, similarity) in expected.items():
        assert found[pair][0] == kind
        assert found[pair][1] == pytest.approx(similarity, abs=1e-9)
    # Most planted near copies are found (the rest were edited below the threshold).
    planted = {(d.doc_id, d.copy_of) for d in documents if d.kind == "near"}
    assert len(planted & found.keys()) >= 0.5 * len(planted)


def test_a_short_text_and_an_undated_document(spark: Any) -> None:
    import datetime as dt

    base = " ".join(f"word{n}" for n in range(40))
    documents = [
        SyntheticDocument("late", base + " extra", dt.date(2025, 2, 1), None, None),
        SyntheticDocument("early", base, dt.date(2025, 1, 1), None, None),
        SyntheticDocument("short", "Too short", dt.date(2025, 1, 1), None, None),
    ]
    rows: list[tuple[str, str, str, dt.date | None]] = [
        (d.doc_id, d.content_sha1, d.text, d.published) for d in documents
    ]
    rows.append(("undated", documents[1].content_sha1, base, None))
    frame = spark.createDataFrame(
        rows, "doc_id string, content_sha1 string, text string, published date"
    )
    found = {(r.doc_id, r.copy_of, r.kind) for r in find_copies(frame).collect()}
    assert found == {("late", "early", "near"), ("undated", "early", "exact")}
