"""A small offline map: the world's outlines (static/world.svg, drawn at build time from
Natural Earth data in equirectangular degrees) framed around one point, with a scale bar.

In that projection x is the longitude and y the negated latitude, so placing a point needs
no library; the scale bar is measured along the point's parallel, where one degree of
longitude is 111.32 km times the cosine of the latitude.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

KM_PER_DEGREE = 111.32
WIDTH_DEGREES, HEIGHT_DEGREES = 40.0, 24.0
_ROUND_LENGTHS_KM = (50, 100, 200, 250, 500, 1000, 2000)


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

    @property
    def view_box(self) -> str:
        return f"{self.x:.3f} {self.y:.3f} {self.width:.3f} {self.height:.3f}"


def frame(latitude: float, longitude: float) -> MapFrame | None:
    """A frame around the point, kept inside the world; None for impossible coordinates."""
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    x = min(max(longitude - WIDTH_DEGREES / 2, -180), 180 - WIDTH_DEGREES)
    y = min(max(-latitude - HEIGHT_DEGREES / 2, -90), 90 - HEIGHT_DEGREES)
    km_per_degree = KM_PER_DEGREE * max(math.cos(math.radians(latitude)), 0.05)
    # The longest round length that fits in a quarter of the frame.
    fitting = [km for km in _ROUND_LENGTHS_KM if km / km_per_degree <= WIDTH_DEGREES / 4]
    bar_km = fitting[-1] if fitting else _ROUND_LENGTHS_KM[0]
    return MapFrame(
        x=x,
        y=y,
        width=WIDTH_DEGREES,
        height=HEIGHT_DEGREES,
        point_x=longitude,
        point_y=-latitude,
        bar_x=x + 1.5,
        bar_y=y + HEIGHT_DEGREES - 1.5,
        bar_length=bar_km / km_per_degree,
        bar_km=bar_km,
        latitude=latitude,
        longitude=longitude,
    )
