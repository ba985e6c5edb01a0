"""Articles made up for the corpus tests: distinct stories that share no passage by chance,
and the copies, rewrites and reused passages real reposts make of them."""

from __future__ import annotations

import random

SUBJECTS = (
    "The harbour authority", "A spokesman for the ministry", "The regional governor",
    "Opposition lawmakers", "The fishermen's union", "Two senior diplomats", "The port operator",
    "Local residents", "The coast guard commander", "An adviser to the prime minister",
    "The energy regulator", "Farmers near the border", "The state broadcaster",
    "A consortium of lenders", "The election commission", "Teachers in the capital",
)  # fmt: skip
VERBS = (
    "warned that", "insisted that", "argued that", "told reporters that", "denied that",
    "announced that", "complained that", "conceded that", "predicted that", "confirmed that",
)  # fmt: skip
CLAIMS = (
    "the {noun} in {place} would cost {number} million euros more than planned",
    "talks over the {noun} had stalled after {number} days",
    "the {noun} near {place} was closed to traffic for {number} hours",
    "at least {number} families had left {place} since the {noun} began",
    "the vote on the {noun} was postponed until {weekday}",
    "inspectors had found {number} faults in the {noun} outside {place}",
    "the {noun} would reopen on {weekday} under military escort",
    "prices in {place} had risen by {number} percent because of the {noun}",
)  # fmt: skip
NOUNS = (
    "pipeline", "ferry terminal", "grain silo", "power line", "customs post", "rail bridge",
    "water treaty", "fishing quota", "airport runway", "border crossing", "refinery", "dam",
)  # fmt: skip
PLACES = (
    "Varna", "Batumi", "Obock", "Menaka", "Niksic", "Kartli", "Tadjourah", "Gao", "Shabla",
    "Balchik", "Poti", "Kotor", "Tessalit", "Zugdidi", "Ulcinj", "Djibouti",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def sentence(rng: random.Random) -> str:
    claim = rng.choice(CLAIMS).format(
        noun=rng.choice(NOUNS),
        place=rng.choice(PLACES),
        number=rng.randrange(2, 900),
        weekday=rng.choice(WEEKDAYS),
    )
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {claim}."


def story(seed: int, paragraphs: int = 8) -> str:
    """A headline and `paragraphs` paragraphs of two or three sentences."""
    rng = random.Random(seed)
    headline = f"{rng.choice(PLACES)} {rng.choice(NOUNS)} dispute deepens as talks drag on"
    body = [" ".join(sentence(rng) for _ in range(rng.choice((2, 3)))) for _ in range(paragraphs)]
    return "\n\n".join([headline, *body])


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")
