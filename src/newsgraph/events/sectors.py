"""Country and sector of a participant, from its entity and the words of its phrase."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

import pycountry

from newsgraph.model import Entity, Mention

# Head words and the sector they mark; the last matching word of the phrase decides ("the
# Syrian government's forces" are military), so phrases are scanned from the right.
_SECTOR_WORDS: dict[str, str] = {}
for _sector, _words in {
    "military": "army armies military forces force troops soldier soldiers navy airforce "
    "commander commanders jets warplanes marines battalion brigade regiment",
    "government": "government governments ministry minister ministers president presidents "
    "premier administration authorities authority official officials cabinet parliament "
    "senate congress state embassy ambassador diplomat diplomats king regime leader leaders "
    "spokesman spokeswoman spokesperson mayor governor secretary department council",
    "police": "police policemen officers gendarmerie",
    "rebels": "rebels rebel insurgents insurgent militants militant jihadists fighters "
    "militia militias guerrillas separatists opposition-fighters",
    "party": "party parties opposition",
    "business": "company companies firm firms corporation bank banks business businesses "
    "industry investors",
    "civilians": "civilians civilian residents villagers people protesters demonstrators "
    "students workers citizens refugees migrants women children",
    "media": "newspaper journalists journalist reporter reporters media broadcaster",
    "judiciary": "court courts judge judges prosecutor prosecutors tribunal",
    "international": "un nations nato eu union imf alliance",
}.items():
    for _word in _words.split():
        _SECTOR_WORDS[_word] = _sector
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")


def sector_of(phrase: str, entity: Entity | None) -> str | None:
    if entity is not None and entity.kind == "country" and phrase.strip() == entity.name:
        return None
    for word in reversed(_WORD.findall(phrase)):
        sector = _SECTOR_WORDS.get(word.lower())
        if sector is not None:
            return sector
    return None


@lru_cache(maxsize=512)
def alpha3(alpha2: str | None) -> str | None:
    if not alpha2:
        return None
    country = pycountry.countries.get(alpha_2=alpha2.upper())
    return country.alpha_3 if country is not None else None


def country_of(
    by_id: Mapping[str, Entity],
    mentions: Sequence[Mention],
    entity: Entity | None,
    start: int,
    end: int,
) -> str | None:
    """The participant's country: its own if it is one, else that of a country name or demonym
    inside its phrase ("Israeli forces", "Syria's interim president"); `mentions` holds at
    least those inside the phrase, in mention-list order."""
    if entity is not None and entity.kind == "country" and entity.geo is not None:
        return alpha3(entity.geo.country_code)
    for mention in mentions:
        inner = by_id.get(mention.entity) if mention.entity is not None else None
        inside = start <= mention.start and mention.end <= end
        if inside and inner is not None and inner.kind == "country" and inner.geo is not None:
            return alpha3(inner.geo.country_code)
    return None
