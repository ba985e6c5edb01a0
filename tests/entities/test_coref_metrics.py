"""MUC, B-cubed and CEAF-e on partitions small enough to check by hand."""

from __future__ import annotations

import pytest

from newsgraph.evaluate.coref import b_cubed, ceaf_e, muc, score_document

KEY = [frozenset("abc"), frozenset("d")]
RESPONSE = [frozenset("ab"), frozenset("cd")]


def test_perfect_response_scores_one() -> None:
    scores = score_document(KEY, KEY)
    assert scores.conll == pytest.approx(1.0)


def test_muc_counts_links() -> None:
    # Key needs 2 links (a-b, b-c); the response keeps 1. Response has 2 links, 1 right.
    result = muc(KEY, RESPONSE)
    assert result.recall == pytest.approx(1 / 2)
    assert result.precision == pytest.approx(1 / 2)


def test_b_cubed_weighs_mentions() -> None:
    result = b_cubed(KEY, RESPONSE)
    # Recall: a, b see 2/3 of their chain, c 1/3, d 1/1  -> (2/3 + 2/3 + 1/3 + 1) / 4
    assert result.recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    # Precision: a, b 2/2; c 1/2; d 1/2 -> (1 + 1 + 1/2 + 1/2) / 4
    assert result.precision == pytest.approx(3 / 4)


def test_ceaf_e_aligns_entities_one_to_one() -> None:
    result = ceaf_e(KEY, RESPONSE)
    # Best alignment: abc-ab (2*2/5) and d-cd (2*1/3).
    best = 4 / 5 + 2 / 3
    assert result.recall == pytest.approx(best / 2)
    assert result.precision == pytest.approx(best / 2)


def test_twinless_mentions_earn_nothing() -> None:
    result = b_cubed([frozenset("ab")], [frozenset("xy")])
    assert result.recall == 0.0 and result.precision == 0.0
    assert muc([frozenset("ab")], []).recall == 0.0
