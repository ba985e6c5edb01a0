"""The working record of one mention while the entity rules refine it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsgraph.entities.lexicon import NAME_PARTICLES

NAME = "name"
ALIAS = "alias"
DESCRIPTION = "description"
PRONOUN = "pronoun"
DEMONYM = "demonym"


@dataclass
class Draft:
    """A mention under construction: offsets, label, how it refers, and its cluster."""

    start: int
    end: int
    text: str
    label: str
    form: str | None = NAME
    country: str | None = None  # ISO code, for demonyms and country epithets
    cluster: int | None = None
    confidence: float = 0.9
    origin: str = "spacy"

    @property
    def offsets(self) -> tuple[int, int]:
        return (self.start, self.end)

    def reshape(self, article: str, start: int, end: int) -> None:
        """Move the edges; the text is read from the article so it cannot disagree."""
        self.start, self.end, self.text = start, end, article[start:end]


_PREFIX = re.compile(r"^(?:al|el|ul|ad|an|as|ash|at|az)[-‐]", re.IGNORECASE)


def name_tokens(text: str) -> list[str]:
    """Comparable name parts: 'Bashar al-Assad' -> ['bashar', 'assad'] (particles dropped)."""
    parts = []
    for word in re.split(r"\s+", text.strip()):
        word = _PREFIX.sub("", word).strip(".,'’")
        if word and word.lower() not in NAME_PARTICLES:
            parts.append(word.lower())
    return parts


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _acronym(words: list[str]) -> str:
    return "".join(word[0] for word in words if word).upper()


def acronym_of(name: str) -> str:
    """Initials of a name, particles skipped: 'Hayat Tahrir al-Sham' -> 'HTS'."""
    return _acronym([part for part in name_tokens(name) if part[:1].isalpha()])
