"""A small offline map: the world's outlines (static/world.svg, drawn at build time from
Natural Earth data in equirectangular degrees) framed around one point or one country, with a
scale bar; the country is highlighted by drawing its outline again (`<use href=...#c268>`).

In that projection x is the longitude and y the negated latitude, so placing a point needs
no library; the scale bar is measured along the point's parallel, where one degree of
longitude is 111.32 km times the cosine of the latitude.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache

from newsgraph.web import STATIC

KM_PER_DEGREE = 111.32
WIDTH_DEGREES, HEIGHT_DEGREES = 40.0, 24.0
_ROUND_LENGTHS_KM = (10, 20, 50, 100, 200, 250, 500, 1000, 2000)


@dataclass(frozen=True)
class MapFrame:
    """The viewBox of the map, the point, and a scale bar (start, length in degrees)."""

    x: float
    y: float
    width: float
    height: float
    point_x: float
    point_y: float
    bar_x: float
    bar_y: float
    bar_length: float
    bar_km: int
    latitude: float
    longitude: float
    country: str | None = None  # ISO 3166-1 numeric code of the country drawn highlighted
    show_point: bool = True

    @property
    def unit(self) -> float:
        """Degrees that look like one unit of the default 40-degree frame (sizes of marks)."""
        return self.width / WIDTH_DEGREES

    @property
    def view_box(self) -> str:
        return f"{self.x:.3f} {self.y:.3f} {self.width:.3f} {self.height:.3f}"


@cache
def _country_bounds() -> dict[str, list[float]]:
    """ISO numeric code -> [west, south, east, north], written by the front-end build."""
    loaded: dict[str, list[float]] = json.loads(
        (STATIC / "countries.json").read_text(encoding="utf-8")
    )
    return loaded


def country_number(code: str | None) -> str | None:
    """The ISO 3166-1 numeric code of a two- or three-letter code, when the map has it."""
    if not code:
        return None
    import pycountry

    upper = code.upper()
    if len(upper) == 2:
        found = pycountry.countries.get(alpha_2=upper)
    else:
        found = pycountry.countries.get(alpha_3=upper)
    number = getattr(found, "numeric", None)
    return number if number in _country_bounds() else None


def frame(
    latitude: float, longitude: float, country_code: str | None = None, zoom: float = 1.0
) -> MapFrame | None:
    """A frame around the point, kept inside the world, with the point's country highlighted
    when known; None for impossible coordinates. `zoom` < 1 shows a wider area."""
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    width = min(WIDTH_DEGREES / zoom, 360.0)
    height = min(HEIGHT_DEGREES / zoom, 180.0)
    x = min(max(longitude - width / 2, -180), 180 - width)
    y = min(max(-latitude - height / 2, -90), 90 - height)
    km_per_degree = KM_PER_DEGREE * max(math.cos(math.radians(latitude)), 1e-3)
    # The longest round length that fits in a quarter of the frame.
    fitting = [km for km in _ROUND_LENGTHS_KM if km / km_per_degree <= width / 4]
    bar_km = fitting[-1] if fitting else _ROUND_LENGTHS_KM[0]
    return MapFrame(
        x=x,
        y=y,
        width=width,
        height=height,
        country=country_number(country_code),
        point_x=longitude,
        point_y=-latitude,
        bar_x=x + width / 25,
        bar_y=y + height - height / 16,
        bar_length=bar_km / km_per_degree,
        bar_km=bar_km,
        latitude=latitude,
        longitude=longitude,
    )


def country_frame(country_code: str | None) -> MapFrame | None:
    """A frame around a country (no coordinates of its own), the country highlighted."""
    number = country_number(country_code)
    if number is None:
        return None
    west, south, east, north = _country_bounds()[number]
    if east - west > 180:  # wraps round the antimeridian: show the whole world
        west, east = -180.0, 180.0
    # Wide enough for the country and its neighbours, in the map's 5:3 shape.
    span = max((east - west) * 1.6, (north - south) * 1.6 * WIDTH_DEGREES / HEIGHT_DEGREES, 12.0)
    found = frame((north + south) / 2, (east + west) / 2, country_code, WIDTH_DEGREES / span)
    if found is None:
        return None
    return MapFrame(**{**found.__dict__, "show_point": False})
