"""Social-media posts pasted into an article as text, with their signature line:
"... pic.twitter.com/abc — Name (@handle) January 10, 2025"."""

from __future__ import annotations

import re
from dataclasses import dataclass

CharSpan = tuple[int, int]

_SIGNATURE = re.compile(
    r"(?:\s*(?:pic\.twitter\.com|https?://t\.co)/\S+)?\s*[—–]{1,2}\s*"
    r"(?P<name>[^\s()—–][^()\n—–]{0,80}?)\s*\((?P<handle>@\w{1,30})\)\s*"
    r"(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4})?[ \t]*$",
    re.M,
)


@dataclass
class EmbeddedPost:
    content: CharSpan
    author: CharSpan
    handle: CharSpan
    date: CharSpan | None


def find_posts(text: str) -> list[EmbeddedPost]:
    posts = []
    for match in _SIGNATURE.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        body_start = line_start
        while body_start < match.start() and text[body_start].isspace():
            body_start += 1
        body_end = match.start()
        while body_end > body_start and text[body_end - 1].isspace():
            body_end -= 1
        if body_end - body_start < 10:
            continue
        posts.append(
            EmbeddedPost(
                content=(body_start, body_end),
                author=match.span("name"),
                handle=match.span("handle"),
                date=match.span("date") if match.group("date") else None,
            )
        )
    return posts
