"""Crawl headers: the `date 2025-09-15 Via The Cradle` lines some crawlers put above the text.

A header is a block of lines at the very top. Its first line is `date YYYY-MM-DD`, optionally
followed on the same line by `Via X`; further lines may be `via X` or `key: value` with key
`outlet`, `url`, `title` or `by`. Requiring the date line first keeps an article that merely
begins with "By the time ..." or "Title IX ..." from being read as a header.

"Via X" says the text reached the publishing site from outlet X; "Via X via Y" is a relay
chain, nearest first. The article text starts at the first non-blank character after the block.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from newsgraph.ingest.document import ReadOptions

_DATE_LINE = re.compile(
    r"^[ \t]*(?P<key>date)[ \t]*:?[ \t]+"
    r"(?P<value>\d{4}-\d{1,2}-\d{1,2}\S*(?:[ \t]+via[ \t]+\S.*?)?)[ \t]*$",
    re.I,
)
_MORE_LINE = re.compile(
    r"^[ \t]*(?:(?P<via>via)[ \t]+|(?P<key>outlet|url|title|by)[ \t]*:[ \t]*)"
    r"(?P<value>\S.*?)[ \t]*$",
    re.I,
)
_VIA_SPLIT = re.compile(r"\s+via\s+", re.I)
_DATE_THEN_VIA = re.compile(r"^(?P<date>\S+)(?:\s+via\s+(?P<via>.+))?$", re.I)


@dataclass
class CrawlHeader:
    raw: str = ""
    published: dt.date | None = None
    via: list[str] = field(default_factory=list)
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    byline: list[str] = field(default_factory=list)
    body_offset: int = 0


def split_header(text: str, path: str, options: ReadOptions | None = None) -> CrawlHeader:
    """Find and parse a crawl header; with none, return an empty header and offset 0."""
    header = CrawlHeader()
    position = 0
    lines: list[str] = []
    while position < len(text):
        newline = text.find("\n", position)
        line_end = len(text) if newline < 0 else newline
        line = text[position:line_end].rstrip("\r")
        match = (_MORE_LINE if lines else _DATE_LINE).match(line)
        if not match:
            break
        key = (match["key"] or match.groupdict().get("via") or "").lower()
        _apply(header, key, match["value"], path, len(lines) + 1, options or ReadOptions())
        lines.append(line)
        position = line_end + 1
    if not lines:
        return header
    header.raw = "\n".join(lines)
    body = min(position, len(text))
    while body < len(text) and text[body].isspace():
        body += 1
    header.body_offset = body
    return header


def _apply(
    header: CrawlHeader, key: str, value: str, path: str, line_number: int, options: ReadOptions
) -> None:
    where = f"line {line_number}"
    if key == "date":
        match = _DATE_THEN_VIA.match(value)
        assert match is not None  # the value is non-blank, so the pattern always matches
        header.published = options.published_from(match["date"], path, where)
        if match["via"]:
            header.via.extend(_VIA_SPLIT.split(match["via"].strip()))
    elif key == "via":
        header.via.extend(_VIA_SPLIT.split(value))
    elif key == "outlet":
        header.outlet = value
    elif key == "url":
        header.url = value
    elif key == "title":
        header.title = value
    elif key == "by":
        header.byline.extend(part.strip() for part in re.split(r",| and ", value) if part.strip())
