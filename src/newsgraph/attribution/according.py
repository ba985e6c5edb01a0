"""'According to X, ...' and '..., according to X.': a fixed construction that needs no model.

The source is the noun phrase after "according to"; the content is the rest of the sentence on
the other side of the comma that closes or opens the construction."""

from __future__ import annotations

import re
from typing import Any

from newsgraph.attribution.assemble import Group, sentence_at

CharSpan = tuple[int, int]
_ACCORDING = re.compile(r"\b[Aa]ccording to\b")
_EDGE = " \t\n,;:.\"'“”‘’"


def according_to_groups(text: str, doc: Any, sentences: list[CharSpan]) -> list[Group]:
    groups = []
    for match in _ACCORDING.finditer(text):
        sentence = sentence_at(sentences, match.start())
        if sentence is None:
            continue
        source = _source_after(doc, match.end(), sentence[1])
        if source is None:
            continue
        if text[sentence[0] : match.start()].strip(_EDGE) == "":
            content = _trim(text, source[1], sentence[1])
        else:
            content = _trim(text, sentence[0], match.start())
        if content[1] - content[0] < 8:
            continue
        groups.append(Group(cue=match.span(), source=source, content=[content]))
    return groups


def _source_after(doc: Any, start: int, limit: int) -> CharSpan | None:
    """The noun phrase governed by "to": its subtree, relative clauses included, up to the
    comma or sentence end."""
    span = doc.char_span(start, limit, alignment_mode="expand")
    if span is None:
        return None
    head = next((t for t in span if t.dep_ == "pobj" and t.head.lower_ == "to"), None)
    if head is None:
        head = next((t for t in span if t.pos_ in ("NOUN", "PROPN", "PRON")), None)
    if head is None:
        return None
    tokens = [t for t in head.subtree if t.idx >= start and t.idx < limit]
    if not tokens:
        return None
    end = tokens[-1].idx + len(tokens[-1].text)
    return tokens[0].idx, end


def _trim(text: str, start: int, end: int) -> CharSpan:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end
