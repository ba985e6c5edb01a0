"""Tagging slips the attribution stage mends or drops.

The tagger's spans are mended before they become attributions (a source cut at its possessive,
content that strays into its own source, a lone preposition or date taken for content), and
cue kinds that report no statement are recognised (the writer's hedge, a name, a physical
strike).
"""

from __future__ import annotations

import re
from typing import Any

from newsgraph.attribution.assemble import Group
from newsgraph.attribution.lexicon import DEED_VERBS, FORCE_VERBS, WRITER_HEDGES
from newsgraph.attribution.quotes import touches_quote_mark
from newsgraph.model import Analysis, Attribution
from newsgraph.temporal.linking import timexes_covering, timexes_starting

CharSpan = tuple[int, int]
_FUNCTION_TAGS = {"ADP", "DET", "CCONJ", "SCONJ", "PART", "PUNCT", "AUX"}


def mend_cues(text: str, doc: Any, analysis: Analysis, cues: list[CharSpan]) -> list[CharSpan]:
    """Cue pieces the tagger broke apart are joined ("said on" + "Tuesday": two statements are
    never cued by touching words), and a piece that is only an auxiliary ("has") or a date is
    dropped before grouping, so that its content finds the real cue. So is a piece that is only
    a name ("wrote in the Caspian Energy Review": a title is the channel, never the cue)."""
    joined: list[CharSpan] = []
    for cue in sorted(cues):
        if joined and not text[joined[-1][1] : cue[0]].strip():
            joined[-1] = (joined[-1][0], max(joined[-1][1], cue[1]))
        else:
            joined.append(cue)
    return [
        cue
        for cue in joined
        if not _only_auxiliaries(doc, cue)
        and not _within_timex(analysis, cue)
        and not _only_a_name(doc, cue)
    ]


def _pos_tags(doc: Any, piece: CharSpan) -> set[str] | None:
    """The parts of speech of the words a piece touches; None where it meets no word."""
    span = doc.char_span(piece[0], piece[1], alignment_mode="expand")
    return None if span is None else {token.pos_ for token in span}


def _only_auxiliaries(doc: Any, piece: CharSpan) -> bool:
    return _pos_tags(doc, piece) == {"AUX"}


_NAME_TAGS = {"PROPN", "ADJ", "DET", "NUM", "PUNCT", "SPACE"}


def _only_a_name(doc: Any, piece: CharSpan) -> bool:
    """Whether a piece is a proper name with at most its article and adjectives ("the weekly
    Crnogorski Pregled"): such a piece names a speaker or a medium, it is no cue. On PolNeAR dev
    dropping them raised cue exact F1 by 0.0007."""
    tags = _pos_tags(doc, piece)
    return tags is not None and "PROPN" in tags and tags <= _NAME_TAGS


def mend_group(group: Group, doc: Any, analysis: Analysis) -> None:
    """Mend a group's cue, source and content pieces in place."""
    group.cue = _whole_cue(doc, group.cue)
    if group.source is not None:
        source = _with_modifiers(doc, _with_possessor(doc, group.source))
        group.source = _without_trailing_aside(doc, analysis, source)
        group.content = _outside(analysis.text, group.content, group.source)
        if not _names_someone(doc, group.source):
            group.source = None
    group.content = [
        _without_dangling_link(analysis.text, piece)
        for piece in group.content
        if not _lone_function_word(doc, piece) and not _within_timex(analysis, piece)
    ]
    group.content = _without_stray_lead(doc, analysis.text, group)


def _names_someone(doc: Any, source: CharSpan) -> bool:
    """Whether a source has a word that can name a speaker; a lone "the" or "of" the tagger
    left behind names no one, and a source missing is better than a wrong one."""
    tags = _pos_tags(doc, source)
    return tags is None or bool(tags & {"NOUN", "PROPN", "PRON", "NUM", "X"})


def _without_stray_lead(doc: Any, text: str, group: Group) -> list[CharSpan]:
    """When a content goes on after its cue, an unquoted piece before the cue belongs to it
    only if the two are one clause ("The deal, she said, is dead": "deal" hangs on "is"). A
    piece with no such link sets the scene for the statement ("In February, Reuters reported
    that ...", "If anything, ...") and is no part of what was said. On PolNeAR dev this
    raised content exact F1 by about 0.009."""
    after = [piece for piece in group.content if piece[0] >= group.cue[1]]
    if not after:
        return group.content
    after_words = {token.i for piece in after for token in _words_in(doc, piece)}
    kept: list[CharSpan] = []
    for piece in group.content:
        if piece[1] <= group.cue[0] and not touches_quote_mark(text, piece):
            words = _words_in(doc, piece)
            own = {token.i for token in words}
            linked = any(token.head.i in after_words for token in words) or any(
                doc[index].head.i in own for index in after_words
            )
            if not linked:
                continue
        kept.append(piece)
    return kept


def _words_in(doc: Any, piece: CharSpan) -> list[Any]:
    span = doc.char_span(piece[0], piece[1], alignment_mode="contract")
    return [] if span is None else [token for token in span if not token.is_punct]


# Words that link to what follows; PolNeAR contents almost never end on one (train: 10 of
# 23,289 pieces end on and, but, or, nor, yet, when, while, because or whose).
_DANGLING = re.compile(r"[\s,;]+(?:and|but|or|nor|yet|when|while|because|whose)$", re.IGNORECASE)


def _without_dangling_link(text: str, piece: CharSpan) -> CharSpan:
    """A content the tagger ran on into the next clause's linking word ("... by March and")
    ends before it."""
    link = _DANGLING.search(text, piece[0], piece[1])
    return (piece[0], link.start()) if link is not None and link.start() > piece[0] else piece


# Words a cue takes in around its verb, as PolNeAR's annotators do: auxiliaries, negation and
# adverbs before it ("has also alleged", "did not deny"), a particle after it ("pointed out").
_CUE_BEFORE = {"aux", "auxpass", "neg", "advmod"}
_CUE_AFTER = {"prt"}


def _whole_cue(doc: Any, cue: CharSpan) -> CharSpan:
    span = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    if span is None or len(span) == 0:
        return cue
    last = span.end - 1
    first = _leftmost_dependent(doc, span.start, last, _CUE_BEFORE)
    while (
        last + 1 < len(doc)
        and doc[last + 1].dep_ in _CUE_AFTER
        and first <= doc[last + 1].head.i <= last
    ):
        last += 1
    start = min(cue[0], doc[first].idx)
    end = max(cue[1], doc[last].idx + len(doc[last].text))
    return start, end


def reports_statement(doc: Any, attribution: Attribution) -> bool:
    """False for cues that report no statement: the writer's hedge ("appear to"), a name
    ("formerly known as"), a force verb over a mere noun phrase ("attacked Russia's ally")."""
    if attribution.cue_lemma in WRITER_HEDGES or _names(attribution):
        return False
    return attribution.cue_lemma not in FORCE_VERBS or _says_something(doc, attribution)


_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}


def reports_a_deed(doc: Any, attribution: Attribution) -> bool:
    """Whether an indirect attribution tells of a deed rather than a statement: a deed verb
    ("negotiating", "refused") over a content with no finite verb ("a security agreement", "to
    reach a peace agreement"). "Backed the claim that taxes would rise" still reports a claim."""
    if attribution.kind != "indirect" or attribution.cue_lemma not in DEED_VERBS:
        return False
    for piece in attribution.content:
        span = doc.char_span(piece.start, piece.end, alignment_mode="expand")
        if span is None or any(token.tag_ in _FINITE_TAGS for token in span):
            return False
    return True


_NAMING = re.compile(r"(?:\w+\s+)?known\s+as$", re.IGNORECASE)


def _names(attribution: Attribution) -> bool:
    """Whether the cue only names ("Sharaa, formerly known as Jolani"): no statement."""
    return attribution.cue is not None and _NAMING.search(attribution.cue.text) is not None


def _says_something(doc: Any, attribution: Attribution) -> bool:
    """Whether the content holds a verb or is a quote (an attribution's content is a clause or
    a quote, not only a noun phrase)."""
    if attribution.kind in ("direct", "mixed"):
        return True
    for piece in attribution.content:
        span = doc.char_span(piece.start, piece.end, alignment_mode="expand")
        if span is not None and any(token.pos_ in ("VERB", "AUX") for token in span):
            return True
    return False


def _without_trailing_aside(doc: Any, analysis: Analysis, source: CharSpan) -> CharSpan:
    """A source ends before a date that qualifies its noun ("A group of doctors in 2015"; not
    the date inside a clause, as in "a report released last year") and before an aside set
    off by commas that names no one ("Younger black voters, in particular,")."""
    text = analysis.text
    start, end = source
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return source
    # Only timexes that start inside the source can qualify (`end` only shrinks below).
    for timex in timexes_starting(analysis.timexes, start + 1, end):
        if not start < timex.start < end <= timex.end + 1:
            continue
        if any(t.pos_ in ("VERB", "AUX") and t.idx < timex.start for t in span):
            continue
        words = [t for t in span if t.idx < timex.start]
        if words and words[-1].pos_ == "ADP":
            words.pop()
        if words:
            end = words[-1].idx + len(words[-1].text)
    comma = text.find(",", start, end)
    if comma > start:
        aside = doc.char_span(comma + 1, end, alignment_mode="expand")
        if (
            aside is not None
            and len(aside)
            and aside[0].pos_ in ("ADP", "ADV")
            and not any(t.pos_ == "PROPN" for t in aside)
        ):
            end = comma
    return _strip(text, start, end)


def _with_possessor(doc: Any, source: CharSpan) -> CharSpan:
    """A source that starts at a possessive ending ("'s finance chief") takes in its possessor
    ("The council's finance chief")."""
    span = doc.char_span(source[0], source[1], alignment_mode="expand")
    if span is None or len(span) == 0 or span[0].tag_ != "POS" or span[0].i == 0:
        return source
    possessor = doc[span[0].i - 1]
    return (possessor.left_edge.idx, source[1])


# Words before a noun that belong to its name or title ("Harbour master Petra Sandoval").
_NAME_PARTS = {"compound", "amod", "det", "poss", "nummod", "nmod", "case"}


def _with_modifiers(doc: Any, source: CharSpan) -> CharSpan:
    """A source cut inside its noun phrase ("Sandoval" of "Harbour master Petra Sandoval")
    takes in the words before it that modify it."""
    span = doc.char_span(source[0], source[1], alignment_mode="expand")
    if span is None or len(span) == 0:
        return source
    first = _leftmost_dependent(doc, span.start, span.end - 1, _NAME_PARTS)
    return (min(source[0], doc[first].idx), source[1])


def _leftmost_dependent(doc: Any, first: int, last: int, labels: set[str]) -> int:
    """Walks left from word `first` over the words attached to words in [first, last] with one
    of the dependency labels; returns the leftmost word reached."""
    while (
        first > 0
        and doc[first - 1].dep_ in labels
        and first - 1 < doc[first - 1].head.i <= last
        and not doc[first - 1].is_punct
    ):
        first -= 1
    return first


def _outside(text: str, pieces: list[CharSpan], source: CharSpan) -> list[CharSpan]:
    """Content pieces with the characters of their own source taken out: what a source says
    does not include the source."""
    result: list[CharSpan] = []
    for start, end in pieces:
        if end <= source[0] or source[1] <= start:
            result.append((start, end))
            continue
        for part_start, part_end in ((start, min(end, source[0])), (max(start, source[1]), end)):
            part = _strip(text, part_start, part_end)
            if part[1] - part[0] > 1:
                result.append(part)
    return result


def _strip(text: str, start: int, end: int) -> CharSpan:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _within_timex(analysis: Analysis, piece: CharSpan) -> bool:
    """A piece that is only a date ("in 2022, Bellan asked ...") tells when, not what."""
    return bool(timexes_covering(analysis.timexes, piece[0], piece[1]))


def _lone_function_word(doc: Any, piece: CharSpan) -> bool:
    """A content piece that is one preposition, article or conjunction ("In" of "In February,
    Reuters reported that ...") is a tagging slip."""
    span = doc.char_span(piece[0], piece[1], alignment_mode="expand")
    return span is not None and len(span) == 1 and span[0].pos_ in _FUNCTION_TAGS
