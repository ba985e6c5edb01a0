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
        sentences: list[Sentence] = []
        for sent in data.doc.sents:
            # The parser may run a sentence on over a paragraph break when a paragraph ends
            # without a full stop (a dash, a list item); a paragraph always ends a sentence.
            bounds = [sent.start_char]
            for gap in _PARAGRAPH_BREAK.finditer(text, sent.start_char, sent.end_char):
                bounds.extend(gap.span())
            bounds.append(sent.end_char)
            for start, end in zip(bounds[::2], bounds[1::2], strict=True):
                while start < end and text[start].isspace():
                    start += 1
                while end > start and text[end - 1].isspace():
                    end -= 1
                if start < end:
                    sentence_id = f"s{len(sentences) + 1}"
                    sentences.append(
                        Sentence(id=sentence_id, start=start, end=end, text=text[start:end])
                    )
        return {"sentences": sentences}


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
