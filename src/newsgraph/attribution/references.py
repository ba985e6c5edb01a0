"""Statements that point back at earlier ones.

"Sharaa ... made the comments in an interview with Al-Ikhbariya TV" says nothing new: it tells
the channel (and sometimes the date) of the statements already reported. Such a sentence is
folded into the attribution it refers to rather than kept as an attribution of its own.

"During the interview, Sharaa claimed ..." names a channel by a definite description; the
channel gets a link back to the first, fuller description of the same medium.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

from newsgraph.attribution.assemble import sentence_at
from newsgraph.attribution.channel import find_channel
from newsgraph.entities.lookup import entity_at
from newsgraph.intervals import SpanIndex
from newsgraph.model import Analysis, Attribution, Span
from newsgraph.temporal.linking import timex_for_span

CharSpan = tuple[int, int]
# "made the comments", "gave these remarks": a verb of uttering with an anaphoric object.
_REFERRING = re.compile(
    r"\b(?P<verb>made|makes|making|gave|gives|giving|delivered|delivers|issued|issues|"
    r"voiced|voices|offered|offers)\s+(?:the|these|those|his|her|their|its|such)\s+"
    r"(?:[\w-]+\s+)?(?:comments?|remarks?|statements?|claims?|allegations?|assertions?|"
    r"accusations?|admissions?|revelations?)\b",
    re.IGNORECASE,
)
_DEFINITE = re.compile(r"(?:the|that|this)\s+", re.IGNORECASE)


@dataclass
class Referring:
    """A sentence that tells where or when earlier statements were made."""

    sentence: CharSpan
    speaker: str | None  # entity id of the verb's subject
    channel: CharSpan | None
    timex: str | None


def find_referring(analysis: Analysis, doc: Any, sentences: list[CharSpan]) -> list[Referring]:
    text = analysis.text
    found: list[Referring] = []
    for match in _REFERRING.finditer(text):
        sentence = sentence_at(sentences, match.start())
        if sentence is None:
            continue
        speaker = _subject_entity(analysis, doc, match.span("verb"))
        timex = timex_for_span(analysis.timexes, sentence[0], sentence[1], focus=match.start())
        channel = find_channel(text, match.end(), sentence[1], [])
        found.append(Referring(sentence, speaker, channel, timex.id if timex else None))
    return found


def _subject_entity(analysis: Analysis, doc: Any, verb: CharSpan) -> str | None:
    """The entity of the verb's subject: "Sharaa, formerly known as ..., made the comments"."""
    span = doc.char_span(*verb)
    if span is None:
        return None
    for token in span.root.children:
        if token.dep_ in ("nsubj", "nsubjpass"):
            return entity_at(analysis, token.idx, token.idx + len(token.text))
    return None


def fold_referring(
    attributions: list[Attribution], referring: list[Referring], text: str
) -> list[Attribution]:
    """Hand each referring sentence's channel and timex to the statements it refers to (the
    run of statements by the same speaker just before it, else the one statement just before)
    and drop what the tagger found inside it: the sentence reports no statement of its own."""
    told = SpanIndex(r.sentence for r in referring)
    kept = [a for a in attributions if a.cue is None or not told.holds(a.cue.start)]
    # `attributions` come in text order (by position), so the statements before a sentence
    # are a prefix of these.
    statements = [a for a in kept if a.kind != "own_voice"]
    positions = [position(a) for a in statements]
    for sentence in referring:
        before = bisect_left(positions, sentence.sentence[0])
        for target in _referred(statements, before, sentence.speaker):
            if target.channel is None and sentence.channel is not None:
                target.channel = Span.of(text, *sentence.channel)
            if target.timex is None:
                target.timex = sentence.timex
    return kept


def position(attribution: Attribution) -> int:
    """Where an attribution stands in the text: its cue, else its source, else its content."""
    anchor = attribution.cue or attribution.source or attribution.content[0]
    return anchor.start


def _referred(statements: list[Attribution], before: int, speaker: str | None) -> list[Attribution]:
    """The statements a referring sentence means, among statements[:before]."""
    last = statements[before - 1 : before] if before > 0 else []
    if speaker is None:
        return last
    run: list[Attribution] = []
    for index in range(before - 1, -1, -1):
        if statements[index].source_entity != speaker:
            break
        run.append(statements[index])
    return run or last


def link_channel_antecedents(text: str, attributions: list[Attribution]) -> None:
    """'the interview' after 'an interview with Al-Ikhbariya TV': the first, fuller mention."""
    # The channels seen so far under each of their words, in text order: only those with the
    # head word can be the antecedent.
    by_word: dict[str, list[Attribution]] = {}
    for attribution in attributions:
        channel = attribution.channel
        if channel is None:
            continue
        words = channel.text.split()
        definite = _DEFINITE.match(channel.text) is not None and len(words) >= 2
        if definite:
            head = words[1].lower().rstrip(".,;:")
            for earlier in by_word.get(head, []):
                assert earlier.channel is not None
                earlier_text = earlier.channel.text
                if (
                    head in earlier_text.lower().split()
                    and len(earlier_text) > len(channel.text)
                    and earlier.channel.start < channel.start
                ):
                    attribution.channel_antecedent = earlier.channel
                    break
        for word in dict.fromkeys(channel.text.lower().split()):
            by_word.setdefault(word, []).append(attribution)
