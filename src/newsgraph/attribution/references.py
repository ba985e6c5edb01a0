"""Statements that point back at earlier ones.

"Sharaa ... made the comments in an interview with Al-Ikhbariya TV" says nothing new: it tells
the channel (and sometimes the date) of the statements already reported. Such a sentence is
folded into the attribution it refers to rather than kept as an attribution of its own.

"During the interview, Sharaa claimed ..." names a channel by a definite description; the
channel gets a link back to the first, fuller description of the same medium.
"""

from __future__ import annotations

import re

from newsgraph.model import Attribution

# Verbs that, with an anaphoric object ("the comments"), refer to statements already reported.
_REFERRING_VERBS = {"make", "give", "deliver", "issue", "offer", "voice"}
_ANAPHORIC_OBJECT = re.compile(
    r"\s+(?:the|these|those|his|her|their|its|such)\s+(?:[\w-]+\s+)?"
    r"(?:comments?|remarks?|statements?|claims?|allegations?|assertions?|accusations?|"
    r"admissions?|revelations?)\b",
    re.IGNORECASE,
)
_DEFINITE = re.compile(r"(?:the|that|this)\s+", re.IGNORECASE)


def is_referring(text: str, attribution: Attribution) -> bool:
    """Whether the attribution's cue is "made the comments" or the like."""
    cue = attribution.cue
    return (
        cue is not None
        and attribution.cue_lemma in _REFERRING_VERBS
        and _ANAPHORIC_OBJECT.match(text, cue.end) is not None
    )


def fold_referring(
    text: str, attributions: list[Attribution]
) -> tuple[list[Attribution], list[Attribution]]:
    """Split off the referring attributions (returned second), handing their channel and timex
    to the statements they refer to: the run of statements by the same speaker just before
    (where one lacks them), else the one statement just before."""
    kept: list[Attribution] = []
    folded: list[Attribution] = []
    for attribution in attributions:
        if not is_referring(text, attribution):
            kept.append(attribution)
            continue
        folded.append(attribution)
        for target in _referred(kept, attribution.source_entity):
            if target.channel is None:
                target.channel = attribution.channel
            if target.timex is None:
                target.timex = attribution.timex
    return kept, folded


def _referred(earlier: list[Attribution], speaker: str | None) -> list[Attribution]:
    statements = [a for a in earlier if a.kind != "own_voice"]
    if speaker is None:
        return statements[-1:]
    run: list[Attribution] = []
    for statement in reversed(statements):
        if statement.source_entity != speaker:
            break
        run.append(statement)
    return run or statements[-1:]


def link_channel_antecedents(text: str, attributions: list[Attribution]) -> None:
    """'the interview' after 'an interview with Al-Ikhbariya TV': the first, fuller mention."""
    described: list[Attribution] = []
    for attribution in attributions:
        channel = attribution.channel
        if channel is None:
            continue
        words = channel.text.split()
        definite = _DEFINITE.match(channel.text) is not None and len(words) >= 2
        if definite:
            head = words[1].lower().rstrip(".,;:")
            for earlier in described:
                assert earlier.channel is not None
                earlier_text = earlier.channel.text
                if (
                    head in earlier_text.lower().split()
                    and len(earlier_text) > len(channel.text)
                    and earlier.channel.start < channel.start
                ):
                    attribution.channel_antecedent = earlier.channel
                    break
        described.append(attribution)
