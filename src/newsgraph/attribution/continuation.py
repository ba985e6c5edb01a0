"""Quotes that run on past the paragraph of their cue.

Two newspaper conventions carry a speaker's words into later paragraphs without a new cue:

- a quote left open at the end of a paragraph continues in the next one, which reopens it
  with a quote mark ("... next week.¶"After that, traffic can return.");
- a paragraph that is nothing but a quote, right after a paragraph that ends with the
  speaker's quote (and its cue: '"...," Lind said.'), goes on with the same speaker.

The tagger sees one window at a time and the grouping keeps content in its cue's paragraph,
so both are added here from the quote marks alone. A third convention, the lead-in
("Caddell continued:¶"The health issue ..."), puts the whole statement in the paragraph after
a cue that ends with a colon.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from newsgraph.attribution.assemble import Group
from newsgraph.attribution.quotes import closes_quote, holding, opens_quote
from newsgraph.entities.drafts import overlaps
from newsgraph.intervals import SpanIndex

CharSpan = tuple[int, int]
_PARAGRAPH_END = re.compile(r"\n\s*\n\s*")
_ANOTHER_SENTENCE = re.compile(r"[.!?][\"'”’)]*\s+\S")
_WHOLE_PARAGRAPH_SHARE = 0.9  # of a paragraph's letters inside quote marks


def continue_quotes(text: str, groups: list[Group], regions: list[CharSpan]) -> None:
    """Add to each quoting group the quotes that carry on its last quoted content piece."""
    starts = {region[0]: region for region in regions}
    taken = SpanIndex(span for g in groups for span in (g.cue, g.source, *g.content) if span)
    for group in groups:
        if not group.content:
            continue
        last = max(group.content)
        region = holding(regions, last)
        while region is not None:
            following = _next_quote(text, region, starts)
            if following is None or taken.overlaps(following):
                break
            group.content.append(following)
            taken.add(following)
            region = following


def _next_quote(text: str, region: CharSpan, starts: dict[int, CharSpan]) -> CharSpan | None:
    """The quote that carries on `region`: the next paragraph's opening quote when `region` is
    left open at the end of its paragraph, or a next paragraph that is all quote when nothing
    but the rest of the quote's own sentence ("..., Lind said.") follows `region`."""
    paragraph_end = _PARAGRAPH_END.search(text, region[1])
    if paragraph_end is None:
        return None
    following = starts.get(paragraph_end.end())
    if following is None or not opens_quote(text, following[0]):
        return None
    trailing = text[region[1] : paragraph_end.start()]
    if not closes_quote(text, region[1]):
        return following if not trailing.strip() else None  # a quote left open runs on
    if _ANOTHER_SENTENCE.search(trailing.strip()):
        return None  # the narrative moves on before the paragraph ends
    end = _PARAGRAPH_END.search(text, following[0])
    stop = end.start() if end else len(text)
    letters = sum(char.isalnum() for char in text[following[0] : stop])
    quoted = sum(char.isalnum() for char in text[following[0] : following[1]])
    return following if letters and quoted / letters >= _WHOLE_PARAGRAPH_SHARE else None


_LEAD_IN = re.compile(r"\s*:?\s*\n\s*\n\s*")


def lead_ins(text: str, groups: list[Group], regions: list[CharSpan]) -> None:
    """A cue left without content that ends its paragraph with a colon takes the next
    paragraph (its opening quote, or all of it) as content, away from the cues outside it that
    had claimed its pieces, unless that paragraph has a statement of its own."""
    first_region: dict[int, CharSpan] = {}
    for region in regions:
        first_region.setdefault(region[0], region)
    # Groups by where their cue starts, in list order among equal starts: only the groups
    # whose cue lies in the next paragraph are looked at, not all of them.
    order = sorted(range(len(groups)), key=lambda index: groups[index].cue[0])
    cue_starts = [groups[index].cue[0] for index in order]
    # How far any content piece lies from its cue: a group whose pieces may overlap a
    # paragraph has its cue within this distance of it.
    reach = max(
        (max(abs(p[0] - g.cue[0]), abs(p[1] - g.cue[0])) for g in groups for p in g.content),
        default=0,
    )

    def near(span: CharSpan, distance: int) -> list[Group]:
        low = bisect_left(cue_starts, span[0] - distance)
        high = bisect_left(cue_starts, span[1] + distance)
        return [groups[index] for index in sorted(order[low:high])]

    for group in groups:
        if group.content:
            continue
        gap = _LEAD_IN.match(text, group.cue[1])
        if gap is None or ":" not in text[group.cue[1] - 1 : gap.end()]:
            continue
        start = gap.end()
        end = _PARAGRAPH_END.search(text, start)
        paragraph = (start, end.start() if end else len(text.rstrip()))
        following = first_region.get(start, paragraph)
        if following[0] >= following[1] or any(
            text[other.cue[0]] == ":" or not following[0] <= other.cue[0] < following[1]
            for other in near(paragraph, 0)
        ):
            # Empty, or a paragraph with a statement of its own: a cue after its quote ('"...,"
            # Lind said.') or a transcript's speaker line ("WALLACE: ...").
            continue
        for other in near(following, reach):
            if not (following[0] <= other.cue[0] < following[1]):
                other.content = [p for p in other.content if not overlaps(p, following)]
        group.content = [following]
        reach = max(reach, abs(following[0] - group.cue[0]), abs(following[1] - group.cue[0]))
