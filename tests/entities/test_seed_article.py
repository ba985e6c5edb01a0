"""The seed article from ../shared: its entities, kinds, aliases, pronouns and places."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.entities import entity_at
from newsgraph.ingest import read_inputs
from newsgraph.model import Analysis
from newsgraph.pipeline import Pipeline
from tests.entities.helpers import entity_named, surfaces

SEED = "seeds/article-2025-09-15.txt"


@pytest.fixture(scope="module")
def seed(shared_dir: Path) -> Analysis:
    documents = list(read_inputs([str(shared_dir / SEED)]))
    (analysis,) = Pipeline(["entities"]).analyze_many(documents)
    assert isinstance(analysis, Analysis)
    return analysis


def test_spans_agree_with_text(seed: Analysis) -> None:
    assert seed.check_spans() == []


def test_sharaa_holds_all_his_names_and_the_pronouns_where_he_speaks(seed: Analysis) -> None:
    sharaa = entity_named(seed, "Ahmad al-Sharaa")
    names = set(surfaces(seed, sharaa))
    assert {
        "Ahmad al-Sharaa",
        "Sharaa",
        "Jolani",
        "Abu Mohammad al-Jolani",
        "Jolani-Sharaa",
    } <= names
    assert "The interim Syrian president" in names
    text = seed.text
    added = text.index(" he added")
    speaker = entity_at(seed, added + 1, added + 3)
    assert speaker == sharaa.id
    quoted = text.index("he was quoted as saying")
    assert entity_at(seed, quoted, quoted + 2) == sharaa.id
    assert sharaa.kind == "person"
    assert sharaa.key == "person:ahmad-al-sharaa"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("HTS", "organization"),
        ("Russia", "country"),
        ("Israel", "country"),
        ("Iran", "country"),
        ("Syria", "country"),
        ("US", "country"),
        ("Reuters", "organization"),
        ("The Cradle", "organization"),
        ("Al-Ikhbariya", "organization"),
        ("Vladimir Putin", "person"),
        ("Kerchner", "person"),
        ("Mark Ames", "person"),
        ("Bernie Bellan", "person"),
        ("Bashar al-Assad", "person"),
        ("Hafez al-Assad", "person"),
    ],
)
def test_distinct_typed_entities(seed: Analysis, name: str, kind: str) -> None:
    assert entity_named(seed, name).kind == kind


def test_the_named_entities_are_all_distinct(seed: Analysis) -> None:
    names = ["HTS", "Russia", "Israel", "Iran", "Syria", "US", "Reuters", "The Cradle",
             "Al-Ikhbariya", "Vladimir Putin", "Kerchner", "Mark Ames", "Bernie Bellan",
             "Bashar al-Assad", "Hafez al-Assad", "Ahmad al-Sharaa"]  # fmt: skip
    ids = [entity_named(seed, name).id for name in names]
    assert len(set(ids)) == len(names)


def test_hts_is_the_organisation_with_its_full_name(seed: Analysis) -> None:
    hts = entity_named(seed, "HTS")
    assert hts.name == "Hayat Tahrir al-Sham"
    assert all(m.label != "PERSON" for m in seed.mentions if m.text == "Tahrir al-Sham")


def test_sharaa_is_never_an_organisation_or_a_work(seed: Analysis) -> None:
    labels = {m.label for m in seed.mentions if m.text == "Sharaa"}
    assert labels == {"PERSON"}


def test_namesakes_father_and_son_kept_apart(seed: Analysis) -> None:
    bashar = entity_named(seed, "Bashar al-Assad")
    hafez = entity_named(seed, "Hafez al-Assad")
    assert "Bashar" in surfaces(seed, bashar)
    son = seed.text.index("His son Bashar")
    assert entity_at(seed, son, son + 3) == hafez.id
    assert surfaces(seed, bashar).count("Assad") >= 3


def test_epithet_and_demonyms_link_to_their_country(seed: Analysis) -> None:
    iran = entity_named(seed, "Iran")
    assert "the Islamic Republic" in surfaces(seed, iran)
    russia = entity_named(seed, "Russia")
    demonyms = [m for m in seed.mentions if m.text == "Russian"]
    assert demonyms and all(m.entity == russia.id and m.form == "demonym" for m in demonyms)
    israeli = [m for m in seed.mentions if m.text == "Israeli"]
    assert israeli and all(m.form == "demonym" for m in israeli)


def test_lower_case_us_and_may_as_a_verb_are_no_entities(seed: Analysis) -> None:
    assert not [m for m in seed.mentions if m.text == "us"]
    may = seed.text.index("May explain")
    assert not [m for m in seed.mentions if m.start == may]


@pytest.mark.parametrize("name", ["Damascus", "Aleppo", "Hama", "Homs", "Jableh", "Tartus"])
def test_cities_geocoded_in_syria(seed: Analysis, name: str) -> None:
    place = entity_named(seed, name)
    assert place.kind == "place"
    assert place.geo is not None and place.geo.country_code == "SY"
    assert place.geo.geonames_id is not None
    assert place.geo.latitude is not None and 32 < place.geo.latitude < 37.5


@pytest.mark.parametrize("name", ["Hmeimim", "Golan Heights"])
def test_small_places_have_coordinates(seed: Analysis, name: str) -> None:
    place = entity_named(seed, name)
    assert place.kind == "place"
    assert place.geo is not None and place.geo.latitude is not None
    assert place.geo.country_code == "SY"
