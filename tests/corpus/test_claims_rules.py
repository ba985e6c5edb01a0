"""The parts of the claims layer that need no store: terms, matching and the two flags."""

from __future__ import annotations

import datetime as dt

from newsgraph.corpus.claims.flags import Appearance, flags
from newsgraph.corpus.claims.matching import Comparable, SourceRelation, margin, source_relation
from newsgraph.corpus.claims.text import numbers_conflict, terms, word_overlap

DAY = dt.date(2025, 3, 1)


def later(days: int) -> dt.date:
    return DAY + dt.timedelta(days=days)


def test_terms_fold_stem_and_keep_numbers() -> None:
    found = terms("The patrol ship rammed 1,800 fishing boats in Ménaka, it said")
    assert {"patrol", "ship", "ramm", "fish", "boat", "menaka"} <= found.words
    assert found.numbers == {"1800"}
    assert "said" not in found.words and "the" not in found.words
    assert terms("ramming").words == terms("rammed").words


def test_different_figures_are_different_claims() -> None:
    fourteen = terms("at least 14 vessels were waiting at anchorage")
    twenty = terms("At least 20 vessels were waiting at anchorage")
    assert numbers_conflict(fourteen, twenty)
    assert not numbers_conflict(fourteen, terms("vessels were waiting at anchorage"))
    assert word_overlap(fourteen, twenty) > 0.5  # the words alone would match them


def test_a_trimmed_quote_overlaps_its_whole() -> None:
    whole = terms("Nobody likes paying more, but nobody likes waiting twenty minutes on a platform")
    trimmed = terms("Nobody likes paying more")
    assert word_overlap(whole, trimmed) > word_overlap(whole, terms("Fares rise on Monday"))


def comparable(
    text: str,
    document: int = 1,
    start: int = 0,
    source: str | None = "the ministry",
    key: str | None = None,
    attributed: bool = True,
) -> Comparable:
    return Comparable(
        document, start, start + len(text), attributed, source, key, terms(text), None
    )


def test_source_relations() -> None:
    ministry = comparable("x", key="org:ministry")
    assert source_relation(ministry, comparable("x", key="org:ministry")) is SourceRelation.SAME
    assert source_relation(ministry, comparable("x", key="org:union")) is SourceRelation.DIFFERENT
    union = comparable("x", source="The Dock Workers Union", key="org:union")
    assert source_relation(union, comparable("x", source="the union")) is SourceRelation.SAME
    own = comparable("x", source=None, attributed=False)
    assert source_relation(ministry, own) is SourceRelation.OPEN


def test_a_statement_never_joins_the_one_it_is_nested_in() -> None:
    parent = comparable("Reuters reported that the talks had stalled", start=10)
    child = comparable("the talks had stalled", start=32)
    assert margin(child, parent) is None
    elsewhere = comparable("the talks had stalled", document=2, start=32)
    gap = margin(elsewhere, parent)
    assert gap is not None


def test_laundering_and_hardening_follow_the_dates() -> None:
    alleged = Appearance(1, DAY, True, "distancing")
    said = Appearance(2, later(1), True, "neutral")
    own_voice = Appearance(3, later(2), False, "neutral")
    assert flags([alleged, said]).hardening and not flags([alleged, said]).laundering
    both = flags([alleged, said, own_voice])
    assert both.hardening and both.laundering
    # Softening is not hardening; nor is insisting after saying (the speaker's manner).
    assert not flags(
        [Appearance(1, DAY, True, "neutral"), Appearance(2, later(1), True, "distancing")]
    ).hardening
    assert not flags(
        [Appearance(1, DAY, True, "neutral"), Appearance(2, later(1), True, "assertive")]
    ).hardening
    # Stated as fact first and attributed later is neither.
    early_fact = flags(
        [Appearance(1, DAY, False, "neutral"), Appearance(2, later(1), True, "neutral")]
    )
    assert not early_fact.laundering and not early_fact.hardening


def test_a_document_that_also_attributes_the_claim_does_not_launder_it() -> None:
    alleged = Appearance(1, DAY, True, "distancing")
    lead = Appearance(2, later(1), False, "neutral")
    body = Appearance(2, later(1), True, "distancing")
    assert flags([alleged, lead, body]) == flags([alleged, body])


def test_documents_of_one_day_or_undated_are_not_ordered() -> None:
    alleged = Appearance(1, DAY, True, "distancing")
    assert not flags([alleged, Appearance(2, DAY, False, "neutral")]).laundering
    assert not flags([alleged, Appearance(2, None, False, "neutral")]).laundering
