"""The attribution stage: who says what, through which cue, in which channel, when.

The trained tagger marks source, cue and content spans; `assemble` groups them into one
attribution per cue. Rules over the parse then give each attribution its kind (direct,
indirect, mixed, according_to), the stance of its cue, its channel, the timex that dates it,
its speaker entity or a description of an unnamed source (`speakers`) and the attribution it
is nested in. Pasted social-media posts come from their signature line. Sentences that no
source claims are the outlet's own voice.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Any, ClassVar

from newsgraph.attribution.according import according_to_groups
from newsgraph.attribution.assemble import Group, group_roles, sentence_at, split_at_paragraphs
from newsgraph.attribution.channel import find_channel
from newsgraph.attribution.continuation import continue_quotes, lead_ins
from newsgraph.attribution.lexicon import stance_of
from newsgraph.attribution.posts import find_posts
from newsgraph.attribution.quotes import quoted_regions, quoted_share
from newsgraph.attribution.references import (
    find_referring,
    fold_referring,
    link_channel_antecedents,
    position,
)
from newsgraph.attribution.slips import (
    mend_cues,
    mend_group,
    reports_a_deed,
    reports_statement,
)
from newsgraph.attribution.speakers import describe, is_description, speaker_entity
from newsgraph.attribution.tagger import AttributionTagger
from newsgraph.entities.lookup import entity_at
from newsgraph.intervals import SpanIndex
from newsgraph.model import Analysis, Attribution, AttributionKind, Span, Timex
from newsgraph.stage import StageInput, provenance
from newsgraph.temporal.linking import timex_for_span, timexes_within

CharSpan = tuple[int, int]
# A cue whose content has no piece of this many words is a tagging slip, not a claim: the
# tagger breaks what it is unsure of into one-word scraps ("Israel attacked Russia's ally").
_MIN_CONTENT_WORDS = 2
# A cue the tagger is unsure of (mean in-cue probability of its word pieces) is more often a
# false cue than a real one, and a false cue takes content from the real cue next to it. Chosen
# on PolNeAR dev among 0.6, 0.65 and 0.7 (each gave every role a higher exact F1 than keeping
# all cues); from 0.8 up, source and content fall.
_CUE_CONFIDENCE = 0.65


class AttributionStage:
    name: ClassVar[str] = "attribution"
    version: ClassVar[str] = "1.0"
    requires: ClassVar[tuple[str, ...]] = ("sentences", "entities", "temporal")
    produces: ClassVar[tuple[str, ...]] = ("attributions",)

    def __init__(self) -> None:
        self.tagger = AttributionTagger()

    def run(self, data: StageInput) -> dict[str, list[Any]]:
        analysis, doc = data.analysis, data.doc
        text = analysis.text
        posts = find_posts(text)
        post_regions = [p.content for p in posts]
        tagging = self.tagger.tag(text, doc)
        spans = {role: split_at_paragraphs(text, pieces) for role, pieces in tagging.spans.items()}
        sentences = [(s.start, s.end) for s in analysis.sentences]
        fixed = according_to_groups(text, doc, sentences)
        taken = SpanIndex(span for g in fixed for span in (g.cue, *(g.content), g.source) if span)
        free = {
            role: [p for p in pieces if not taken.overlaps(p)] for role, pieces in spans.items()
        }
        cues = [
            cue
            for cue in mend_cues(text, doc, analysis, free["cue"])
            if tagging.confidence("cue", cue) >= _CUE_CONFIDENCE
            and not _names_the_channel(text, cue, sentences)
        ]
        tagged = group_roles(text, cues, free["source"], free["content"], sentences)
        quotes = quoted_regions(text)
        lead_ins(text, tagged, quotes)
        continue_quotes(text, tagged, quotes)
        for group in tagged:
            mend_group(group, doc, analysis)
        posted = SpanIndex(post_regions)
        groups = [
            g
            for g in [*tagged, *fixed]
            if max((_words(text, [piece]) for piece in g.content), default=0) >= _MIN_CONTENT_WORDS
            and not any(_inside(g.cue, region) for region in posted.near(*g.cue))
        ]
        origin = provenance(self)
        origin.version = f"{self.version}; {self.tagger.version}"
        attributions: list[Attribution] = []
        for group in groups:
            attribution = self._from_group(group, analysis, doc, quotes, sentences, origin)
            if reports_statement(doc, attribution):
                attributions.append(attribution)
        for post in posts:
            attributions.append(self._from_post(post, analysis, origin))
        attributions.sort(key=position)
        referring = find_referring(analysis, doc, sentences)
        attributions = fold_referring(attributions, referring, text)
        link_channel_antecedents(text, attributions)
        for number, attribution in enumerate(attributions, start=1):
            attribution.id = f"a{number}"
        _link_parents(attributions)
        _describe_repeated_sources(attributions)
        # A "made the comments" sentence tells of statements, so it is no own-voice claim.
        told = [r.sentence for r in referring]
        attributions.extend(_own_voice(analysis, doc, attributions, told, origin))
        return {"attributions": attributions}

    def _from_group(
        self,
        group: Group,
        analysis: Analysis,
        doc: Any,
        quotes: list[CharSpan],
        sentences: list[CharSpan],
        origin: Any,
    ) -> Attribution:
        text = analysis.text
        sentence = sentence_at(sentences, group.cue[0]) or group.cue
        channel = find_channel(text, sentence[0], sentence[1], group.content)
        group.cue = _trim_cue(text, group.cue, channel)
        cue_lemma = _cue_lemma(doc, group.cue)
        kind: AttributionKind
        if cue_lemma == "according to":
            kind = "according_to"
        else:
            kind = _quote_kind(text, quotes, group.content)
        timex = _dating_timex(analysis.timexes, sentence, group)
        source_entity = None
        description = None
        if group.source is not None:
            source_entity = speaker_entity(analysis, doc, group.source)
            if source_entity is None or is_description(text, group.source):
                description = describe(doc, text, group.source, [group.cue, *group.content])
        return Attribution(
            id="",
            kind=kind,
            source=Span.of(text, *group.source) if group.source else None,
            source_entity=source_entity,
            source_description=description,
            cue=Span.of(text, *group.cue),
            cue_lemma=cue_lemma,
            content=[Span.of(text, s, e) for s, e in group.content],
            stance=stance_of(cue_lemma),
            channel=Span.of(text, *channel) if channel else None,
            timex=timex.id if timex else None,
            provenance=origin,
        )

    def _from_post(self, post: Any, analysis: Analysis, origin: Any) -> Attribution:
        text = analysis.text
        timex = None
        if post.date is not None:
            timex = timex_for_span(analysis.timexes, post.date[0], post.date[1])
        return Attribution(
            id="",
            kind="embedded_post",
            source=Span.of(text, *post.author),
            source_entity=entity_at(analysis, *post.author),
            cue=None,
            cue_lemma="post",
            content=[Span.of(text, *post.content)],
            stance="neutral",
            channel=Span.of(text, *post.handle),
            timex=timex.id if timex else None,
            provenance=origin,
        )


_CUE_TAIL = re.compile(r"(?:\s+(?:the|a|an|his|her|their|its))+$", re.I)


def _names_the_channel(text: str, cue: CharSpan, sentences: list[CharSpan]) -> bool:
    """Whether a cue piece lies inside the channel its sentence names ("asked in the weekly
    Crnogorski Pregled"): the title of a paper is where something was said, not a cue, and
    taken for one it would take the content of the real cue before it."""
    sentence = sentence_at(sentences, cue[0])
    if sentence is None:
        return False
    channel = find_channel(text, sentence[0], sentence[1], [])
    return channel is not None and channel[0] <= cue[0] and cue[1] <= channel[1]


def _trim_cue(text: str, cue: CharSpan, channel: CharSpan | None) -> CharSpan:
    """A cue ends with its verb or preposition ("asked in"), never with the channel's article,
    and never inside the channel's name ("wrote in the Caspian" of "wrote in the Caspian Energy
    Review"); a cue that takes in the whole channel keeps it."""
    if channel is not None and channel[0] < cue[1] < channel[1] and cue[0] < channel[0]:
        cue = (cue[0], len(text[: channel[0]].rstrip()))
    tail = _CUE_TAIL.search(text, cue[0], cue[1])
    return (cue[0], tail.start()) if tail and tail.start() > cue[0] else cue


def _words(text: str, pieces: list[CharSpan]) -> int:
    return sum(len(text[s:e].split()) for s, e in pieces)


def _quote_kind(text: str, quotes: list[CharSpan], content: list[CharSpan]) -> AttributionKind:
    """direct: every piece lies within quote marks (edge punctuation aside); mixed: some of
    the content is quoted; indirect: none of it."""
    shares = []
    for start, end in content:
        while start < end and not text[start].isalnum():
            start += 1
        while end > start and not text[end - 1].isalnum():
            end -= 1
        shares.append(quoted_share(quotes, start, end))
    if shares and min(shares) >= 1.0:
        return "direct"
    return "mixed" if max(shares, default=0.0) > 0.0 else "indirect"


def _inside(span: CharSpan, region: CharSpan) -> bool:
    return region[0] <= span[0] and span[1] <= region[1]


def _cue_lemma(doc: Any, cue: CharSpan) -> str:
    span = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    if span is None or len(span) == 0:
        return ""
    words = span.text.lower().split()
    if words[:2] == ["according", "to"]:
        return "according to"
    verbs = [t for t in span if t.pos_ == "VERB"]
    if verbs:
        # "was quoted as saying": the first verb carries the stance.
        return str(verbs[0].lemma_.lower())
    return str(span.root.lemma_.lower())


def _dating_timex(timexes: list[Timex], sentence: CharSpan, group: Group) -> Timex | None:
    """A date in the cue's sentence outside the content dates the statement itself."""
    outside = [
        t
        for t in timexes_within(timexes, sentence[0], sentence[1])
        if not any(s <= t.start and t.end <= e for s, e in group.content)
    ]
    return timex_for_span(outside, sentence[0], sentence[1], focus=group.cue[0])


def _link_parents(attributions: list[Attribution]) -> None:
    """An attribution whose cue sits inside another's content is nested in it."""
    # Every content piece with the index of its attribution, by start: the pieces that can
    # hold a cue start at most `longest` characters before its end.
    pieces = sorted(
        (c.start, c.end, number) for number, a in enumerate(attributions) for c in a.content
    )
    starts = [start for start, _, _ in pieces]
    longest = max((end - start for start, end, _ in pieces), default=0)
    for inner in attributions:
        if inner.cue is None:
            continue
        cue = inner.cue
        nearby = pieces[bisect_left(starts, cue.end - longest) : bisect_right(starts, cue.start)]
        numbers = sorted(
            {n for s, e, n in nearby if s <= cue.start and cue.end <= e}
        )  # in list order, as a scan of all attributions would meet them
        holders = [attributions[n] for n in numbers if attributions[n] is not inner]
        if holders:
            inner.parent = min(holders, key=lambda a: sum(c.end - c.start for c in a.content)).id


def _describe_repeated_sources(attributions: list[Attribution]) -> None:
    """'the officer' after 'a former officer in the Syrian Army ...' is the same unnamed source."""
    described: list[Attribution] = []
    # Per head word: how many of `described` were looked at for it, and the latest match then.
    # Only the ones described since are looked at the next time: a long article repeats "the
    # officer" often.
    latest: dict[str, tuple[int, str | None]] = {}
    for attribution in attributions:
        if attribution.source is None or attribution.source_entity is not None:
            continue
        words = attribution.source.text.lower().split()
        if words and words[0] == "the" and len(words) <= 3:
            head = words[-1]
            seen, found = latest.get(head, (0, None))
            for earlier in reversed(described[seen:]):
                if earlier.source_description and head in earlier.source_description.lower():
                    found = earlier.source_description
                    break
            latest[head] = (len(described), found)
            if found is not None:
                attribution.source_description = found
        if attribution.source_description:
            described.append(attribution)


def _own_voice(
    analysis: Analysis,
    doc: Any,
    attributions: list[Attribution],
    told: list[CharSpan],
    origin: Any,
) -> list[Attribution]:
    """Sentences that no attribution of a statement touches, and that tell of no statement
    (`told`), are the outlet's own statements. A deed reported in one ("Syria is negotiating a
    security agreement") is nested in it: the outlet is the one who says it happened."""
    deeds: list[Attribution] = []
    statements: list[Attribution] = []
    for attribution in attributions:
        (deeds if reports_a_deed(doc, attribution) else statements).append(attribution)
    covered = SpanIndex(told)
    for attribution in statements:
        for span in (attribution.source, attribution.cue, *attribution.content):
            if span is not None:
                covered.add((span.start, span.end))
    # Deeds by where their cue starts, in list order among equal starts.
    deeds_by_cue = sorted(
        ((deed.cue.start, number) for number, deed in enumerate(deeds) if deed.cue is not None)
    )
    cue_starts = [start for start, _ in deeds_by_cue]
    meta = analysis.document
    voice = meta.via[-1] if meta.via else meta.outlet or "the outlet"
    result = []
    count = len(attributions)
    for sentence in analysis.sentences:
        if covered.overlaps((sentence.start, sentence.end)):
            continue
        if sum(ch.isalpha() for ch in sentence.text) < 12:
            continue
        count += 1
        own = Attribution(
            id=f"a{count}",
            kind="own_voice",
            source_description=voice,
            content=[Span.of(analysis.text, sentence.start, sentence.end)],
            stance="neutral",
            provenance=origin,
        )
        low = bisect_left(cue_starts, sentence.start)
        for _, number in deeds_by_cue[low : bisect_left(cue_starts, sentence.end)]:
            if deeds[number].parent is None:
                deeds[number].parent = own.id
        result.append(own)
    return result
