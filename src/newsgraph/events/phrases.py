"""Noun phrases over the spaCy parse: the characters that name a participant or a place."""

from __future__ import annotations

from typing import Any

from newsgraph.model import Mention

CharSpan = tuple[int, int]
_SKIP_LEFT = frozenset({"punct", "cc", "preconj"})


def phrase_span(token: Any, mentions: list[Mention]) -> CharSpan:
    """The phrase headed by `token`, without its clauses and prepositional tails: "the Syrian
    government" of "the Syrian government, which ...", "a spokesman" of "a spokesman for ...".
    A named mention over the head is taken whole ("Hayat Tahrir al-Sham")."""
    left = token.left_edge
    while left.i < token.i and left.dep_ in _SKIP_LEFT:
        left = left.doc[left.i + 1]
    start, end = left.idx, token.idx + len(token.text)
    for child in token.rights:
        if child.dep_ in ("compound", "flat"):
            end = max(end, child.idx + len(child.text))
    for mention in mentions:
        if mention.start <= token.idx < mention.end:
            start, end = min(start, mention.start), max(end, mention.end)
    return start, end


def coordinated(token: Any) -> list[Any]:
    """A head and the heads coordinated with it: "Iran, Libya and Sudan" -> three tokens."""
    heads = [token]
    queue = [token]
    while queue:
        current = queue.pop()
        for child in current.children:
            if child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN", "PRON", "ADJ"):
                heads.append(child)
                queue.append(child)
    return sorted(heads, key=lambda t: t.i)
