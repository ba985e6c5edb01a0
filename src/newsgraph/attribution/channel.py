"""The medium of a statement when the sentence names it: an interview, a post, a paper."""

from __future__ import annotations

import re

from newsgraph.attribution.lexicon import CHANNEL_NOUNS

CharSpan = tuple[int, int]

_NAME = r"[A-Z@][\w.'’&-]*(?:\s+(?:[A-Z][\w.'’&-]*|TV|and|of|de|al-\w+))*"
_NOUN = "|".join(sorted((re.escape(n) for n in CHANNEL_NOUNS), key=len, reverse=True))
_MEDIUM = re.compile(
    r"\b(?i:in|during|on|at|via|through)\s+"
    rf"(?P<channel>(?:(?:an?|the|his|her|their|its|a\s+recent|a\s+televised)\s+)?"
    rf"(?:[\w-]+\s+){{0,2}}?(?:{_NOUN})s?\b"
    rf"(?:\s+(?:with|on|to|in|for|by|from)\s+(?:the\s+)?(?:[a-z-]+\s+)?{_NAME}"
    r"(?:\s+(?:TV|television|channel|network|newspaper|radio|broadcaster))?)?)"
)
_WRITTEN_IN = re.compile(
    rf"\b(?:wrote|writes|writing|asked|asks|argued|argues|said|says|claimed|stated)\s+in\s+"
    rf"(?P<channel>(?:the\s+)?(?:[a-z-]+\s+){{0,2}}?{_NAME})"
)
_TOLD = re.compile(rf"\b(?:told|tells|telling)\s+(?P<channel>(?:the\s+)?{_NAME})")
_SPOKE = re.compile(
    rf"\b(?:spoke|speaking|talking|talked|spoken)\s+(?:with|to)\s+(?P<channel>(?:the\s+)?{_NAME})"
)
_TRAILING = re.compile(r"(?:\s+(?:and|of|de)|[.,;:'’-])+$")


def find_channel(text: str, start: int, end: int, excluded: list[CharSpan]) -> CharSpan | None:
    """The channel phrase within [start, end) that is not inside `excluded` (the content)."""
    for pattern in (_WRITTEN_IN, _TOLD, _MEDIUM, _SPOKE):
        for match in pattern.finditer(text, start, end):
            span_start, span_end = match.span("channel")
            trailing = _TRAILING.search(text, span_start, span_end)
            if trailing:
                span_end = trailing.start()
            if any(s <= span_start < e for s, e in excluded):
                continue
            return span_start, span_end
    return None
