from __future__ import annotations

import datetime as dt

import pytest

from newsgraph.ingest import IngestError, ReadOptions
from newsgraph.ingest.header import split_header


def test_date_and_via_on_one_line_with_leading_space() -> None:
    text = " date 2025-09-15 Via The Cradle\n\nSyrian officials said ..."
    header = split_header(text, "a.txt")
    assert header.published == dt.date(2025, 9, 15)
    assert header.via == ["The Cradle"]
    assert text[header.body_offset :].startswith("Syrian officials")
    assert header.raw == " date 2025-09-15 Via The Cradle"


def test_relay_chain_keeps_every_outlet_nearest_first() -> None:
    header = split_header("date 2024-01-02 Via Harbour Ledger via AFP\n\nText.", "a.txt")
    assert header.via == ["Harbour Ledger", "AFP"]


def test_further_header_lines() -> None:
    text = (
        "date 2024-01-02\nvia Reuters\ntitle: Port talks stall\nby: Ana Ruiz and Tom Berg\n\nText."
    )
    header = split_header(text, "a.txt")
    assert header.via == ["Reuters"]
    assert header.title == "Port talks stall"
    assert header.byline == ["Ana Ruiz", "Tom Berg"]
    assert text[header.body_offset :] == "Text."


@pytest.mark.parametrize(
    "text",
    [
        "By the time the convoy arrived, it was dark.",
        "Title IX cases rose.",
        "Date night is off.\n",
    ],
)
def test_article_that_only_looks_like_a_header_is_left_alone(text: str) -> None:
    header = split_header(text, "a.txt")
    assert header.body_offset == 0
    assert header.published is None


def test_bad_date_names_file_and_line() -> None:
    with pytest.raises(IngestError) as caught:
        split_header("date 2025-13-45 Via X\n\nBody.", "bad.txt")
    assert (
        str(caught.value)
        == "bad.txt:line 1: bad publication date '2025-13-45': expected YYYY-MM-DD"
    )


def test_override_replaces_even_a_bad_date() -> None:
    options = ReadOptions(published=dt.date(2020, 2, 2))
    header = split_header("date 2025-13-45\n\nBody.", "bad.txt", options)
    assert header.published == dt.date(2020, 2, 2)
