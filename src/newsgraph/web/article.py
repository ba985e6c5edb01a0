"""The article page's content: the text cut into paragraphs and highlight segments, and the
list of who says what in it (the outlet's own voice included).

The HTML of the text is built here rather than in a template: every character must come out
exactly once, in order, with no whitespace added between segments.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup, escape

from newsgraph.model import Analysis, Attribution
from newsgraph.web.layers import MarkInfo, build_marks, facet_values, nesting, speaker_name
from newsgraph.web.segments import Segment, segment

# A blank line (possibly with spaces) between paragraphs.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")


@dataclass(frozen=True)
class Statement:
    """One row of the side list: an attribution as the reader sees it."""

    id: str
    speaker: str
    speaker_url: str | None
    kind: str
    stance: str
    cue: str | None
    channel: str | None
    date: str | None
    content: str
    start: int
    end: int
    depth: int
    own_voice: bool


@dataclass(frozen=True)
class ArticleView:
    html: Markup
    marks: list[MarkInfo]
    facets: dict[str, dict[str, list[str]]]
    statements: list[Statement]
    counts: dict[str, int]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank paragraph, separated by blank lines."""
    found, start = [], 0
    for gap in _PARAGRAPH_BREAK.finditer(text):
        found.append((start, gap.start()))
        start = gap.end()
    found.append((start, len(text)))
    return [(s, e) for s, e in found if text[s:e].strip()]


def parse_range(value: str | None, length: int) -> tuple[int, int] | None:
    """An `at=START-END` value within the text, or None when absent or not a range."""
    if not value:
        return None
    match = re.fullmatch(r"(\d{1,9})-(\d{1,9})", value)
    if not match:
        return None
    start, end = int(match.group(1)), int(match.group(2))
    if not 0 <= start < end <= length:
        return None
    return start, end


def segment_classes(segment_marks: list[MarkInfo]) -> list[str]:
    """CSS classes of a segment with every layer shown: one per layer present, and the
    stance of its innermost content and the kind of its innermost entity (the browser code
    recomputes the same when layers are switched)."""
    classes = ["seg"]
    for mark in segment_marks:
        layer_class = f"l-{mark.layer}"
        if layer_class not in classes:
            classes.append(layer_class)
    contents = [m for m in segment_marks if m.layer == "content"]
    if contents:
        classes.append(f"st-{contents[-1].facets['stance']}")
        if len(contents) > 1:
            classes.append("nested")
    entities = [m for m in segment_marks if m.layer == "entity"]
    if entities:
        classes.append(f"ek-{entities[-1].facets['kind']}")
    return classes


def _css_token(value: str) -> str:
    return re.sub(r"[^a-z0-9_-]", "-", value.lower())


def render_text(text: str, marks: list[MarkInfo], at: tuple[int, int] | None = None) -> Markup:
    """The article as <p> elements; annotated segments are focusable <span>s naming their
    marks in `data-m`; the segments overlapping `at` are marked, the first with id="at"."""
    by_id = {mark.id: mark for mark in marks}
    segments = segment(text, [mark.as_mark() for mark in marks])
    out: list[str] = []
    anchored = False
    index = 0
    for start, end in paragraphs(text):
        out.append('<p class="para">')
        while index < len(segments) and segments[index].end <= start:
            index += 1
        position = index
        while position < len(segments) and segments[position].start < end:
            piece = segments[position]
            left, right = max(piece.start, start), min(piece.end, end)
            anchor = at is not None and left < at[1] and at[0] < right
            out.append(_segment_html(piece, text[left:right], left, by_id, anchor, anchored))
            anchored = anchored or anchor
            if piece.end > end:
                break  # the segment goes on in the next paragraph
            position += 1
        index = position
        out.append("</p>")
    return Markup("".join(out))


def _segment_html(
    piece: Segment,
    text: str,
    start: int,
    by_id: Mapping[str, MarkInfo],
    anchor: bool,
    anchored: bool,
) -> str:
    if not piece.marks and not anchor:
        return str(escape(text))
    covering = [by_id[i] for i in piece.marks]
    classes = [_css_token(c) for c in segment_classes(covering)] if covering else ["seg"]
    if anchor:
        classes.append("at")
    attributes = [f'class="{" ".join(classes)}"', f'data-s="{start}"']
    if covering:
        attributes.append(f'data-m="{escape(" ".join(piece.marks))}"')
        attributes.append('tabindex="0"')
    elif anchor:
        attributes.append('tabindex="-1"')  # focusable by script when linked to
    if anchor and not anchored:
        attributes.append('id="at"')
    return f"<span {' '.join(attributes)}>{escape(text)}</span>"


def _statement(
    analysis: Analysis,
    attribution: Attribution,
    entity_urls: Mapping[str, str],
    timex_values: Mapping[str, str],
) -> Statement:
    pieces = [*attribution.content]
    spans = [s for s in (attribution.source, attribution.cue, *pieces) if s is not None]
    start = min((s.start for s in spans), default=0)
    end = max((s.end for s in spans), default=0)
    published = analysis.document.published
    date = timex_values.get(attribution.timex or "") or (
        published.isoformat() if published else None
    )
    url = entity_urls.get(attribution.source_entity) if attribution.source_entity else None
    return Statement(
        id=attribution.id,
        speaker=speaker_name(analysis, attribution),
        speaker_url=url,
        kind=attribution.kind,
        stance=attribution.stance,
        cue=attribution.cue.text if attribution.cue else None,
        channel=attribution.channel.text if attribution.channel else None,
        date=date,
        content=" … ".join(p.text for p in pieces),
        start=start,
        end=end,
        depth=len(nesting(analysis, attribution)),
        own_voice=attribution.kind == "own_voice",
    )


def article_view(
    analysis: Analysis, entity_urls: Mapping[str, str], at: tuple[int, int] | None = None
) -> ArticleView:
    marks = build_marks(analysis, entity_urls)
    timex_values = {t.id: t.value for t in analysis.timexes if t.value}
    statements = [_statement(analysis, a, entity_urls, timex_values) for a in analysis.attributions]
    statements.sort(key=lambda s: (s.start, s.id))
    counts: dict[str, int] = {}
    for mark in marks:
        counts[mark.layer] = counts.get(mark.layer, 0) + 1
    return ArticleView(
        html=render_text(analysis.text, marks, at),
        marks=marks,
        facets=facet_values(marks),
        statements=statements,
        counts=counts,
    )
