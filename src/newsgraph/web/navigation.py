"""The site's navigation, in one list so that pages added later (stories, claims, copies)
appear in it by one call to `add_page`, without touching the templates."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    label: str
    path: str


NAVIGATION: list[NavItem] = [
    NavItem("Documents", "/documents"),
    NavItem("Entities", "/entities"),
    NavItem("Timeline", "/timeline"),
    NavItem("Graph", "/graph"),
    NavItem("Search", "/search"),
]


def add_page(label: str, path: str) -> None:
    """Show another page in the navigation (once; a path already there is left as it is)."""
    if all(item.path != path for item in NAVIGATION):
        NAVIGATION.append(NavItem(label, path))


def is_current(item: NavItem, current: str) -> bool:
    """Whether the page at `current` belongs to this navigation item."""
    return current == item.path or current.startswith(item.path + "/")
