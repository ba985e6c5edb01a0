"""Span index and windowed parsing: the same answers as a plain scan and a whole parse."""

from __future__ import annotations

import random

from newsgraph.intervals import SpanIndex
from newsgraph.nlp import load_nlp, windows


def test_span_index_answers_as_a_scan_of_every_span() -> None:
    rng = random.Random(7)
    spans: list[tuple[int, int]] = []
    index = SpanIndex()
    for _ in range(400):
        start = rng.randrange(0, 2000)
        span = (start, start + rng.choice([0, 1, 3, 40, 300]))
        spans.append(span)
        index.add(span)
        if rng.random() < 0.2:
            gone = spans.pop(rng.randrange(len(spans)))
            index.remove(gone)
        query = rng.randrange(0, 2300)
        probe = (query, query + rng.choice([0, 1, 5, 80]))
        assert index.overlaps(probe) == any(s < probe[1] and probe[0] < e for s, e in spans)
        assert index.holds(query) == any(s <= query < e for s, e in spans)


def paragraphs(count: int) -> str:
    return "\n\n".join(
        f"Paragraph {number}: the minister said on Monday that talks in Doha would resume. "
        f"“We are ready,” Amina Warsame told reporters."
        for number in range(count)
    )


def test_long_text_is_cut_at_paragraph_breaks_into_bounded_windows() -> None:
    text = paragraphs(200)
    pieces = windows.split_windows(text, 2_000)
    assert "".join(pieces) == text
    assert len(pieces) > 1
    assert all(len(piece) <= 2_000 for piece in pieces)
    # Each window but the last ends with its paragraph break; the next starts with a word.
    assert all(piece.endswith("\n\n") for piece in pieces[:-1])
    assert all(not piece[0].isspace() for piece in pieces)


def test_text_without_breaks_is_still_cut_into_bounded_windows() -> None:
    text = "word " * 5_000 + "x" * 3_000
    pieces = windows.split_windows(text, 1_000)
    assert "".join(pieces) == text
    assert max(len(piece) for piece in pieces) <= 2_000


def test_windowed_parse_keeps_every_offset_of_the_text() -> None:
    nlp = load_nlp()
    text = paragraphs(60)
    doc = windows.parse(nlp, text, size=1_500)
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)
    assert all(text[e.start_char : e.end_char] == e.text for e in doc.ents)
    # Sentences and entities come through the join: as many as parsing paragraph by paragraph.
    sentences = sum(len(list(nlp(p).sents)) for p in text.split("\n\n"))
    assert len(list(doc.sents)) >= sentences
    assert any(e.text == "Amina Warsame" for e in doc.ents)


def test_short_text_is_parsed_whole_as_before() -> None:
    nlp = load_nlp()
    text = paragraphs(3)
    whole, windowed = nlp(text), windows.parse(nlp, text)
    assert [(t.idx, t.tag_, t.dep_, t.head.i) for t in windowed] == [
        (t.idx, t.tag_, t.dep_, t.head.i) for t in whole
    ]


def test_text_longer_than_spacys_limit_is_parsed() -> None:
    nlp = load_nlp()
    text = paragraphs(40)
    limit = nlp.max_length
    nlp.max_length = 3_000  # stands for the 1,000,000 of a default spaCy pipeline
    try:
        docs = [doc for doc, _ in windows.pipe(nlp, [(text, None)], batch_size=4, size=2_000)]
    finally:
        nlp.max_length = limit
    assert docs[0].text == text
