"""Stages that expose spaCy's own output: sentences and named-entity mentions."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from newsgraph.model import Mention, Sentence
from newsgraph.nlp.loader import model_version
from newsgraph.stage import StageInput, provenance

_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")


class SentencesStage:
    """Sentence boundaries from the dependency parse, trimmed of surrounding whitespace."""

    name: ClassVar[str] = "sentences"
    version: ClassVar[str] = "1.0"
    requires: ClassVar[tuple[str, ...]] = ()
    produces: ClassVar[tuple[str, ...]] = ("sentences",)

    def run(self, data: StageInput) -> dict[str, list[Any]]:
        text = data.analysis.text
        bounds: list[tuple[int, int]] = []
        for sent in data.doc.sents:
            # The parser may run a sentence on over a paragraph break when a paragraph ends
            # without a full stop (a dash, a list item); a paragraph always ends a sentence.
            edges = [sent.start_char]
            for gap in _PARAGRAPH_BREAK.finditer(text, sent.start_char, sent.end_char):
                edges.extend(gap.span())
            edges.append(sent.end_char)
            for start, end in zip(edges[::2], edges[1::2], strict=True):
                while start < end and text[start].isspace():
                    start += 1
                while end > start and text[end - 1].isspace():
                    end -= 1
                if start < end:
                    bounds.append((start, end))
        sentences = [
            Sentence(id=f"s{number}", start=start, end=end, text=text[start:end])
            for number, (start, end) in enumerate(_reopen_quotes(text, bounds), start=1)
        ]
        return {"sentences": sentences}


# An opening quote mark that ends a sentence after a space: the parser tends to leave the mark
# that opens a quote ('He left. "We won," she said.') at the end of the sentence before.
_TRAILING_OPENER = re.compile(r"\s+(?:''|``|[\"“„«])$")


def _reopen_quotes(text: str, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence bounds with each stray opening quote mark moved to the sentence it opens."""
    result: list[tuple[int, int]] = []
    carried: int | None = None
    for index, (start, end) in enumerate(bounds):
        if carried is not None:
            start, carried = carried, None
        opener = _TRAILING_OPENER.search(text, start, end)
        following = bounds[index + 1] if index + 1 < len(bounds) else None
        if (
            opener is not None
            and opener.start() > start
            and following is not None
            and not text[end : following[0]].strip()
            and "\n" not in text[end : following[0]]
        ):
            carried = opener.end() - len(opener.group().lstrip())
            end = opener.start()
        result.append((start, end))
    return result


class MentionsStage:
    """spaCy's named entities as mentions, before any document-level repair."""

    name: ClassVar[str] = "mentions"
    version: ClassVar[str] = "1.0"
    requires: ClassVar[tuple[str, ...]] = ()
    produces: ClassVar[tuple[str, ...]] = ("mentions",)

    def __init__(self) -> None:
        self.model_label = model_version()

    def run(self, data: StageInput) -> dict[str, list[Any]]:
        text = data.analysis.text
        origin = provenance(self)
        origin.version = f"{self.version}; {self.model_label}"
        mentions: list[Mention] = []
        for ent in data.doc.ents:
            start, end = ent.start_char, ent.end_char
            # spaCy sometimes takes a trailing newline into a DATE ("January 10, 2025\n\n").
            while end > start and text[end - 1].isspace():
                end -= 1
            if start == end:
                continue
            mentions.append(
                Mention(
                    id=f"m{len(mentions) + 1}",
                    start=start,
                    end=end,
                    text=text[start:end],
                    label=ent.label_,
                    provenance=origin,
                )
            )
        return {"mentions": mentions}
