"""Quotes that run on past the paragraph of their cue.

Two newspaper conventions carry a speaker's words into later paragraphs without a new cue:

- a quote left open at the end of a paragraph continues in the next one, which reopens it
  with a quote mark ("... next week.¶"After that, traffic can return.");
- a paragraph that is nothing but a quote, right after a paragraph that ends with the
  speaker's quote (and its cue: '"...," Lind said.'), goes on with the same speaker.

The tagger sees one window at a time and the grouping keeps content in its cue's paragraph,
so both are added here from the quote marks alone.
"""

from __future__ import annotations

import re

from newsgraph.attribution.assemble import Group
from newsgraph.attribution.quotes import closes_quote, opens_quote
from newsgraph.entities.drafts import overlaps

CharSpan = tuple[int, int]
_PARAGRAPH_END = re.compile(r"\n\s*\n\s*")
_ANOTHER_SENTENCE = re.compile(r"[.!?][\"'”’)]*\s+\S")
_WHOLE_PARAGRAPH_SHARE = 0.9  # of a paragraph's letters inside quote marks


def continue_quotes(text: str, groups: list[Group], regions: list[CharSpan]) -> None:
    """Add to each quoting group the quotes that carry on its last quoted content piece."""
    starts = {region[0]: region for region in regions}
    taken = [span for g in groups for span in (g.cue, g.source, *g.content) if span]
    for group in groups:
        if not group.content:
            continue
        last = max(group.content)
        region = _holding(regions, last)
        while region is not None:
            following = _next_quote(text, region, starts)
            if following is None or any(overlaps(following, span) for span in taken):
                break
            group.content.append(following)
            taken.append(following)
            region = following


def _holding(regions: list[CharSpan], piece: CharSpan) -> CharSpan | None:
    return next((r for r in regions if r[0] <= piece[0] and piece[1] <= r[1] + 1), None)


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
