"""What a copy changed against the earlier text: sentences added or dropped, and within the
sentences both keep, numbers, dates and names changed, quotes trimmed and attributions removed.

The stored layers say what a sentence holds (its timexes, its name mentions, the attributions
whose cue it contains); without them the sentence is split by punctuation and numbers, weekday
and month names and capitalised words stand in.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from rapidfuzz import fuzz

# Sentences of the two texts this similar (0-100) are one sentence, edited.
SAME_SENTENCE = 60.0
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})

_SENTENCE_END = re.compile(r"(?<=[.!?…”\"'])\s+(?=[\"“'‘(\[]?[A-Z0-9])|\n+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_DATE_WORD = re.compile(
    r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December|yesterday|today|"
    r"tomorrow|tonight)\b"
)
_NAME = re.compile(r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*")
_QUOTE = re.compile(r"\"[^\"\n]+\"|“[^”\n]+”|''[^\n]+?''")


@dataclass(frozen=True)
class Attribution:
    cue: tuple[int, int]
    source: tuple[int, int] | None
    source_text: str | None


@dataclass
class Layers:
    """The stored layers of one article that the comparison reads (any may be empty)."""

    sentences: list[tuple[int, int]] = field(default_factory=list)
    timexes: list[tuple[int, int, str | None]] = field(default_factory=list)
    names: list[tuple[int, int, str]] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)


@dataclass(frozen=True)
class Change:
    kind: str
    first: tuple[int, int] | None  # span in the earlier text
    second: tuple[int, int] | None  # span in the later text
    detail: str | None = None


def changes(first: str, second: str, first_layers: Layers, second_layers: Layers) -> list[Change]:
    """Every change from `first` (the earlier text) to `second`, in text order."""
    a = _sentences(first, first_layers)
    b = _sentences(second, second_layers)
    found: list[Change] = []
    old = [_norm(first[s:e]) for s, e in a]
    new = [_norm(second[s:e]) for s, e in b]
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        left, right = list(range(i1, i2)), list(range(j1, j2))
        for i, j in _pair_up(first, second, a, b, left, right):
            if j is None and i is not None:
                found.append(Change("sentence_dropped", a[i], None))
            elif i is None and j is not None:
                found.append(Change("sentence_added", None, b[j]))
            elif i is not None and j is not None:
                found.extend(_edited(first, second, a[i], b[j], first_layers, second_layers))
    return found


def _sentences(text: str, layers: Layers) -> list[tuple[int, int]]:
    if layers.sentences:
        return sorted(layers.sentences)
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if text[start : match.start()].strip():
            spans.append(_trimmed(text, start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append(_trimmed(text, start, len(text)))
    return spans


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _norm(sentence: str) -> str:
    return " ".join(re.findall(r"\w+", sentence.lower()))


def _pair_up(
    first: str,
    second: str,
    a: list[tuple[int, int]],
    b: list[tuple[int, int]],
    left: list[int],
    right: list[int],
) -> list[tuple[int | None, int | None]]:
    """Within one replaced block, each earlier sentence with its most similar later one (in
    order), the rest dropped or added."""
    pairs: list[tuple[int | None, int | None]] = []
    next_right = 0
    for i in left:
        best, best_score = None, SAME_SENTENCE
        for position in range(next_right, len(right)):
            s, e = b[right[position]]
            score = fuzz.ratio(_norm(first[a[i][0] : a[i][1]]), _norm(second[s:e]))
            if score >= best_score:
                best, best_score = position, score
        if best is None:
            pairs.append((i, None))
            continue
        pairs.extend((None, right[p]) for p in range(next_right, best))
        pairs.append((i, right[best]))
        next_right = best + 1
    pairs.extend((None, right[p]) for p in range(next_right, len(right)))
    return pairs


def _edited(
    first: str,
    second: str,
    a: tuple[int, int],
    b: tuple[int, int],
    first_layers: Layers,
    second_layers: Layers,
) -> list[Change]:
    old, new = first[a[0] : a[1]], second[b[0] : b[1]]
    found: list[Change] = []
    numbers_old, numbers_new = _NUMBER.findall(old), _NUMBER.findall(new)
    if Counter(numbers_old) != Counter(numbers_new):
        lost = [n for n in numbers_old if n not in numbers_new]
        gained = [n for n in numbers_new if n not in numbers_old]
        if lost or gained:
            detail = f"{', '.join(lost) or '-'} -> {', '.join(gained) or '-'}"
            found.append(Change("number_changed", a, b, detail))
    dates_old = _dates(first, a, first_layers)
    dates_new = _dates(second, b, second_layers)
    if dates_old != dates_new:
        detail = f"{', '.join(sorted(dates_old - dates_new)) or '-'} -> "
        detail += ", ".join(sorted(dates_new - dates_old)) or "-"
        found.append(Change("date_changed", a, b, detail))
    names_old, names_new = _names(first, a, first_layers), _names(second, b, second_layers)
    if names_old != names_new and (names_old - names_new or names_new - names_old):
        detail = f"{', '.join(sorted(names_old - names_new)) or '-'} -> "
        detail += ", ".join(sorted(names_new - names_old)) or "-"
        found.append(Change("name_changed", a, b, detail))
    quote = _trimmed_quote(old, new)
    if quote:
        found.append(Change("quote_trimmed", a, b, quote))
    for attribution in first_layers.attributions:
        if a[0] <= attribution.cue[0] < a[1]:
            cue = first[attribution.cue[0] : attribution.cue[1]].lower()
            if cue and cue not in new.lower():
                who = attribution.source_text or "the source"
                found.append(Change("attribution_removed", a, b, f"{who} {cue}"))
    if not found:
        found.append(Change("sentence_edited", a, b))
    return found


def _dates(text: str, span: tuple[int, int], layers: Layers) -> set[str]:
    if layers.timexes:
        return {
            value or text[s:e] for s, e, value in layers.timexes if span[0] <= s and e <= span[1]
        }
    return set(_DATE_WORD.findall(text[span[0] : span[1]]))


def _names(text: str, span: tuple[int, int], layers: Layers) -> set[str]:
    if layers.names:
        return {name for s, e, name in layers.names if span[0] <= s and e <= span[1]}
    sentence = text[span[0] : span[1]]
    # The first word of a sentence is capitalised anyway: only names after it count.
    return {m.group() for m in _NAME.finditer(sentence) if m.start() > 0} - set(
        _DATE_WORD.findall(sentence)
    )


def _trimmed_quote(old: str, new: str) -> str | None:
    """A quotation of the earlier sentence that the later one gives only in part."""
    kept = [q.group()[1:-1].strip() for q in _QUOTE.finditer(new)]
    for match in _QUOTE.finditer(old):
        whole = match.group()[1:-1].strip()
        for part in kept:
            if part and part != whole and len(part) < len(whole) and _norm(part) in _norm(whole):
                return f"{len(whole.split())} -> {len(part.split())} words"
    return None
