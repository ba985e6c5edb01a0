"""The entity map's frame: the point inside it, a scale bar true along its parallel."""

from __future__ import annotations

import math

import pytest

from newsgraph.web.geo import KM_PER_DEGREE, country_frame, country_number, frame


@pytest.mark.parametrize(
    ("latitude", "longitude"), [(16.27, -0.04), (41.69, 44.83), (-54.8, -68.3), (89.0, 179.9)]
)
def test_point_is_inside_and_the_bar_is_true(latitude: float, longitude: float) -> None:
    found = frame(latitude, longitude)
    assert found is not None
    assert found.x <= found.point_x <= found.x + found.width
    assert found.y <= found.point_y <= found.y + found.height
    assert found.x >= -180 and found.x + found.width <= 180
    km_per_degree = KM_PER_DEGREE * math.cos(math.radians(latitude))
    assert found.bar_length * km_per_degree == pytest.approx(found.bar_km)
    assert found.bar_length <= found.width / 4


def test_impossible_coordinates_have_no_map() -> None:
    assert frame(95.0, 0.0) is None
    assert frame(0.0, 200.0) is None


def test_countries_by_two_and_three_letter_codes() -> None:
    assert country_number("ML") == country_number("MLI") == "466"  # Mali
    assert country_number("XX") is None and country_number(None) is None
    mali = country_frame("ML")
    assert mali is not None and mali.country == "466" and not mali.show_point
    # Mali's centre (about 17 N, 4 W) is in the frame.
    assert mali.x < -4 < mali.x + mali.width and mali.y < -17 < mali.y + mali.height
