"""Cutting an article at every span boundary, and the HTML built from the cuts (no browser)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from newsgraph.web.article import paragraphs, parse_range, render_text
from newsgraph.web.layers import MarkInfo
from newsgraph.web.segments import Mark, segment

TEXT = "Ag Tamelit said that “the truce will hold.”\n\nReuters reported it."


@st.composite
def text_and_marks(draw: st.DrawFn) -> tuple[str, list[Mark]]:
    text = draw(st.text(alphabet="ab \n“”", min_size=0, max_size=40))
    count = draw(st.integers(0, 8))
    marks = []
    for number in range(count):
        start = draw(st.integers(0, max(len(text), 0)))
        end = draw(st.integers(start, len(text) + 2))
        marks.append(Mark(f"m{number}", start, end))
    return text, marks


@given(text_and_marks())
def test_segments_cover_the_text_and_name_exactly_the_marks_over_them(
    case: tuple[str, list[Mark]],
) -> None:
    text, marks = case
    pieces = segment(text, marks)
    assert "".join(p.text for p in pieces) == text
    for piece in pieces:
        assert piece.start < piece.end or text == ""
        covering = {
            m.id for m in marks if m.start <= piece.start and piece.end <= m.end and m.start < m.end
        }
        covering = {i for i in covering if next(m for m in marks if m.id == i).end <= len(text)}
        assert set(piece.marks) == covering
        lengths = [next(m.end - m.start for m in marks if m.id == i) for i in piece.marks]
        assert lengths == sorted(lengths, reverse=True)  # outermost first


def _mark(mark_id: str, layer: str, start: int, end: int, **facets: str) -> MarkInfo:
    return MarkInfo(mark_id, layer, start, end, TEXT[start:end], dict(facets), mark_id)


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.paragraphs: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)
        if tag == "p":
            self.paragraphs.append("")
        self.ids += [value or "" for name, value in attrs if name == "id"]

    def handle_endtag(self, tag: str) -> None:
        assert self.stack.pop() == tag, "elements must close in order"

    def handle_data(self, data: str) -> None:
        self.paragraphs[-1] += data


def test_overlapping_spans_across_paragraphs_render_as_well_formed_html() -> None:
    quote_start = TEXT.index("“")
    marks = [
        _mark("a1.source", "source", 0, 10),
        _mark("m1", "entity", 0, 10, kind="person"),
        _mark("m2", "entity", 3, 10, kind="person"),  # nested in m1
        _mark("a1.content0", "content", quote_start, len(TEXT), kind="direct", stance="assertive"),
        _mark("a2.content0", "content", quote_start + 1, 30, kind="direct", stance="distancing"),
    ]
    html = render_text(TEXT, marks, at=(11, 15))
    parsed = _Collect()
    parsed.feed(str(html))
    assert parsed.stack == []
    assert parsed.paragraphs == [TEXT[s:e] for s, e in paragraphs(TEXT)]
    assert parsed.ids == ["at"]
    # The content that crosses the paragraph break is cut in both paragraphs.
    assert len(re.findall(r'data-m="[^"]*a1\.content0', str(html))) >= 3
    nested = re.search(r'<span class="([^"]*)"[^>]*data-m="a1.content0 a2.content0"', str(html))
    assert nested is not None and "st-distancing" in nested.group(1)  # the innermost stance
    assert "nested" in nested.group(1)
    assert re.search(r'data-m="a1.source m1 m2"', str(html))


def test_text_is_escaped() -> None:
    text = "<script>alert(1)</script> & more"
    html = str(render_text(text, [MarkInfo("m1", "entity", 0, 8, "<script>", {"kind": "x"}, "")]))
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp; more" in html


def test_parse_range() -> None:
    assert parse_range("3-9", 10) == (3, 9)
    for bad in (None, "", "9-3", "3-11", "a-b", "3", "-1-4", "3-3"):
        assert parse_range(bad, 10) is None
