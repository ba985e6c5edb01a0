"""When an event happened: a timex of its own clause, the story's time, or the publication.

A timex dates an event when the parse ties it to the event's clause: climbing from the timex
to the first verb (or event noun) above it reaches the event's trigger or frame. A sentence
that dates nothing of its own goes on in the time the story last named for an event
("narrative"); with none, the publication date dates the event.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsgraph.model import EventWhenSource, Timex

_POINT_TYPES = ("DATE", "TIME")


@dataclass(frozen=True)
class Dating:
    timex: str | None
    source: EventWhenSource
    value: str | None


def _anchor_word(doc: Any, timex: Timex) -> Any | None:
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    return span.root if span is not None else None


def _clause_of(word: Any, stops: set[int]) -> Any:
    """The first verb above a word, or an event trigger reached on the way."""
    current = word
    # spaCy makes a new Token object at each access: the root is its own head by index only.
    while current.head.i != current.i:
        current = current.head
        if current.i in stops or current.pos_ in ("VERB", "AUX"):
            return current
    return current


def own_timex(
    doc: Any, timexes: list[Timex], frame_words: set[int], stops: set[int]
) -> Timex | None:
    """The point timex of the sentence tied to the event's clause, nearest first."""
    tied = []
    for timex in timexes:
        if timex.type not in _POINT_TYPES or timex.value is None or "REF" in timex.value:
            continue
        word = _anchor_word(doc, timex)
        if word is None:
            continue
        if _clause_of(word, stops).i in frame_words:
            tied.append(timex)
    return tied[0] if tied else None


def publication(published: str | None) -> Dating:
    return Dating(None, "publication", published)
