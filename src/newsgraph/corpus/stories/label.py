"""A story's label: its main entities and the dates its articles span."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

MAIN_ENTITIES = 3


def main_entities(
    documents_naming: Mapping[str, int],
    member_terms: Iterable[Mapping[str, int]],
    frequencies: Mapping[str, int],
    documents: int,
) -> list[str]:
    """The names most of the story's articles mention (`documents_naming`: entity name ->
    articles), at most MAIN_ENTITIES; a story whose articles hold no entities is named by its
    most distinctive terms instead (summed counts times idf)."""
    if documents_naming:
        ranked = sorted(documents_naming.items(), key=lambda item: (-item[1], item[0]))
        return [name for name, _count in ranked[:MAIN_ENTITIES]]
    summed: Counter[str] = Counter()
    for terms in member_terms:
        summed.update(terms)
    scored = {
        term: count * math.log((1 + documents) / (1 + frequencies.get(term, 0)))
        for term, count in summed.items()
        if not term.startswith("year:")
    }
    ranked_terms = sorted(scored.items(), key=lambda item: (-item[1], item[0]))
    return [term for term, _score in ranked_terms[:MAIN_ENTITIES]]


def story_label(names: Sequence[str], dates: Iterable[dt.date | None]) -> str:
    """ "Ellen DeGeneres, Oscars, Academy (2013-08-02 to 2013-08-03)"."""
    known = sorted(day for day in dates if day is not None)
    if not known:
        span = "undated"
    elif known[0] == known[-1]:
        span = known[0].isoformat()
    else:
        span = f"{known[0].isoformat()} to {known[-1].isoformat()}"
    return f"{', '.join(names) or 'no names'} ({span})"
