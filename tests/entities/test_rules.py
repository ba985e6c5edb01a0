"""Entity rules on short texts made for each case (no shared data needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.entities import entity_at
from newsgraph.entities.aliasbook import ALIASES_ENV, AliasBook
from newsgraph.entities.stage import EntitiesStage
from newsgraph.pipeline import Pipeline
from tests.entities.helpers import analyse, entity_named, surfaces

FATHER_AND_SON = (
    "Former Lebanese minister Samir Haddad refused every offer. His son Karim Haddad took a "
    "softer line. Haddad said on Tuesday that he would meet the French envoy in Beirut. "
    "The Cedar Resistance Brigades (CRB), formerly known as the Southern Front, agreed. "
    'Karim Haddad (Abu Faris) told reporters: "They can call us any time." The CRB may '
    "sign in May."
)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(["entities"])


def test_namesakes_and_short_name_by_latest_mention(pipeline: Pipeline) -> None:
    analysis = analyse(pipeline, FATHER_AND_SON)
    samir = entity_named(analysis, "Samir Haddad")
    karim = entity_named(analysis, "Karim Haddad")
    assert samir.id != karim.id
    short = FATHER_AND_SON.index("Haddad said")
    assert entity_at(analysis, short, short + 6) == karim.id
    his = FATHER_AND_SON.index("His son")
    assert entity_at(analysis, his, his + 3) == samir.id
    said = FATHER_AND_SON.index("he would")
    assert entity_at(analysis, said, said + 2) == karim.id
    assert "Abu Faris" in surfaces(analysis, karim)


def test_acronym_and_former_name_join_the_organisation(pipeline: Pipeline) -> None:
    analysis = analyse(pipeline, FATHER_AND_SON)
    brigades = entity_named(analysis, "Cedar Resistance Brigades")
    assert brigades.kind == "organization"
    names = surfaces(analysis, brigades)
    assert names.count("CRB") == 2
    assert "Southern Front" in names


def test_lower_case_us_and_modal_may_are_dropped(pipeline: Pipeline) -> None:
    analysis = analyse(pipeline, FATHER_AND_SON)
    assert not [m for m in analysis.mentions if m.text == "us"]
    modal = FATHER_AND_SON.index("may sign")
    assert not [m for m in analysis.mentions if m.start == modal]


def test_demonym_is_a_modifier_of_its_country(pipeline: Pipeline) -> None:
    analysis = analyse(pipeline, FATHER_AND_SON)
    french = [m for m in analysis.mentions if m.text == "French"]
    assert french and french[0].form == "demonym"
    france = next(e for e in analysis.entities if e.id == french[0].entity)
    assert france.kind == "country" and france.key == "country:FR"


def test_places_resolved_by_the_country_the_text_names(pipeline: Pipeline) -> None:
    text = "Fighting spread from Homs to Tartus, Syrian officials said, and Tripoli in Lebanon."
    analysis = analyse(pipeline, text)
    tartus = entity_named(analysis, "Tartus")
    assert tartus.geo is not None and tartus.geo.country_code == "SY"
    tripoli = entity_named(analysis, "Tripoli")
    assert tripoli.geo is not None and tripoli.geo.country_code == "LB"


def test_same_key_across_documents_for_any_form(pipeline: Pipeline) -> None:
    first = analyse(pipeline, "Jolani spoke to reporters in Damascus on Monday.", "a")
    second = analyse(pipeline, "Syrian President Ahmad al-Sharaa met envoys in Damascus.", "b")
    assert entity_named(first, "Jolani").key == entity_named(second, "Ahmad al-Sharaa").key
    assert entity_named(first, "Damascus").key == entity_named(second, "Damascus").key


def test_user_alias_file_maps_variants_to_one_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    aliases = tmp_path / "aliases.csv"
    aliases.write_text(
        "alias,canonical,kind,key\n"
        "# a comment line\n"
        "Abu Faris,Karim Haddad,person,person:karim-haddad\n"
        "Karim Haddad,Karim Haddad,person,person:karim-haddad\n",
        encoding="utf-8",
    )
    book = AliasBook(aliases)
    entry = book.lookup("abu  faris", "person")
    assert entry is not None and entry.key == "person:karim-haddad"
    assert book.lookup("Abu Faris", "organization") is None
    monkeypatch.setenv(ALIASES_ENV, str(aliases))
    assert EntitiesStage().book.lookup("Abu Faris", None) is not None


def test_every_mention_has_an_entity_that_lists_it(pipeline: Pipeline) -> None:
    analysis = analyse(pipeline, FATHER_AND_SON)
    assert analysis.check_spans() == []
    by_id = {e.id: e for e in analysis.entities}
    for mention in analysis.mentions:
        if mention.entity is not None:
            assert mention.id in by_id[mention.entity].mentions


def test_span_lookup_prefers_the_name_over_its_modifiers(pipeline: Pipeline) -> None:
    text = "Syrian President Ahmad al-Sharaa spoke in Damascus. He thanked Russia."
    analysis = analyse(pipeline, text)
    sharaa = entity_named(analysis, "Ahmad al-Sharaa")
    assert entity_at(analysis, 0, len("Syrian President Ahmad al-Sharaa")) == sharaa.id
    he = text.index("He ")
    assert entity_at(analysis, he, he + 2) == sharaa.id
    assert entity_at(analysis, 0, 6) == entity_named(analysis, "Syria").id
    assert entity_at(analysis, text.index("spoke"), text.index("spoke") + 5) is None
