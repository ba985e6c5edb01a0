"""Small generated articles for the store tests: quick to parse, distinct in id and text."""

from __future__ import annotations

import json
from pathlib import Path

CITIES = ("Tbilisi", "Menaka", "Tadjourah", "Niksic", "Batumi", "Gao", "Obock", "Podgorica")
PEOPLE = ("Nino Beridze", "Amadou Toure", "Hassan Ali", "Milo Kovac")

# The stages the store tests run: a parse and two cheap layers, unless a test needs more.
QUICK_STAGES = "sentences,mentions"


def article(number: int) -> str:
    city, person = CITIES[number % len(CITIES)], PEOPLE[number % len(PEOPLE)]
    return (
        f"{person} said on Monday that the port of {city} will reopen in {2000 + number}. "
        f"Officials in {city} denied the report number {number}."
    )


def write_feed(path: Path, count: int, first: int = 0) -> Path:
    """A JSONL feed of `count` articles with ids doc-<n>."""
    with path.open("w", encoding="utf-8") as handle:
        for number in range(first, first + count):
            record = {"id": f"doc-{number}", "text": article(number), "published": "2025-03-03"}
            handle.write(json.dumps(record) + "\n")
    return path
