"""Datelines are parsed into the document's metadata for every input format, and only real
datelines: an ordinary first sentence is left alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.ingest import Document, read_inputs
from newsgraph.ingest.dateline import add_relay, find_dateline
from newsgraph.ingest.document import make_document
from newsgraph.model import SourceInfo
from tests.warc_files import html_page, warc_bytes

BODY = "Indonesia's president said on Monday the capital would move to Borneo by 2024."


@pytest.mark.parametrize(
    ("opening", "place", "credit"),
    [
        ("JAKARTA (Reuters) -", "JAKARTA", "Reuters"),
        ("TRENTON -", "TRENTON", None),
        ("WASHINGTON, March 3 (AP) —", "WASHINGTON", "AP"),
        ("LONDON, Sept 15 (Reuters) -", "LONDON", "Reuters"),
        ("SANTA FE, N.M. (AP) —", "SANTA FE, N.M.", "AP"),
        ("HANOI, Vietnam (AP) —", "HANOI, Vietnam", "AP"),
        ("DUBAI, United Arab Emirates —", "DUBAI, United Arab Emirates", None),
        ("WASHINGTON, Nov. 18 —", "WASHINGTON", None),
        ("BERLIN --", "BERLIN", None),
        ("NEW DELHI:", "NEW DELHI", None),
        ("BERLIN (dpa) -", "BERLIN", "dpa"),
        ("Washington (CNN) —", "Washington", "CNN"),
        ("JERUSALEM (AP)_", "JERUSALEM", "AP"),
        ("NEWARK, N.J. _", "NEWARK, N.J.", None),
        ("INDEPENDENCE, MO. (AP)--", "INDEPENDENCE, MO.", "AP"),
    ],
)
def test_datelines(opening: str, place: str, credit: str | None) -> None:
    text = f"{opening} {BODY}"
    dateline = find_dateline(text)
    assert dateline is not None
    assert text[dateline.start : dateline.end] == opening
    assert (dateline.place, dateline.credit) == (place, credit)


@pytest.mark.parametrize(
    "text",
    [
        "Georgia has suspended work on a new gas pipeline from Azerbaijan.",
        "NATO said on Monday - in a statement - that it would send more ships.",
        "NASA - which launched the probe - said it was healthy.",
        "BREAKING - Sources say the talks have collapsed.",
        "UPDATE: The road has reopened.",
        "DEAR ABBY: My husband never listens.",
        "UK - China talks resume in London.",
        "New York - The city council voted on Monday.",
        "President Joko Widodo (pictured) - Said little on Monday.",
        "Apple (AAPL) - Shares rose 3% on Monday.",
        "Montenegro's opposition Citizens' Front (CF) refused on Monday to recognise the result.",
        "WASHINGTON-based lobbyists said the bill would pass.",
        "The ministry (MoD) said the drills would go on.",
        "NCAA: Three coaches were fired on Monday.",
        "Port talks stall.\n\nThe board of Berbera said on Tuesday - again - that it would wait.",
        "Ports, shipping and trade in the Horn of Africa: what the new concession means for "
        "Ethiopia and for Djibouti, and why it matters\n\nTRENTON - The governor said.",
    ],
)
def test_ordinary_openings_are_not_datelines(text: str) -> None:
    assert find_dateline(text) is None


def test_a_dateline_on_its_own_line_or_after_a_headline() -> None:
    text = "\n\nDAR ES SALAAM, Tanzania (AP) _\n\nTanzania expelled five diplomats."
    dateline = find_dateline(text)
    assert dateline is not None
    assert text[dateline.start : dateline.end] == "DAR ES SALAAM, Tanzania (AP) _"
    text = "Virginian could make history. Again.\n\nNEWPORT NEWS, Va. - In a tradition ..."
    dateline = find_dateline(text)
    assert dateline is not None
    assert text[dateline.start : dateline.end] == "NEWPORT NEWS, Va. -"
    assert dateline.place == "NEWPORT NEWS, Va."


def test_the_agency_joins_the_relay_chain_unless_it_is_the_outlet() -> None:
    assert add_relay(["The Cradle"], None, "Reuters") == ["The Cradle", "Reuters"]
    assert add_relay([], "Reuters", "Reuters") == []
    assert add_relay([], "www.reuters.com", "Reuters") == []
    assert add_relay([], "apnews.com", "AP") == []
    assert add_relay([], "The Japan Times", "AP") == ["AP"]
    assert add_relay(["Reuters"], "The Star", "Reuters") == ["Reuters"]
    assert add_relay([], "The Star", None) == []


def test_make_document_records_the_dateline_as_a_span() -> None:
    text = f"  JAKARTA (Reuters) - {BODY}"
    document = make_document(doc_id="d", text=text, source=SourceInfo(), outlet="The Star")
    meta = document.meta
    assert meta.dateline is not None
    assert meta.dateline.text == text[meta.dateline.start : meta.dateline.end]
    assert meta.dateline.text == "JAKARTA (Reuters) -"
    assert (meta.dateline_place, meta.dateline_credit) == ("JAKARTA", "Reuters")
    assert meta.via == ["Reuters"]


def test_no_dateline_leaves_the_metadata_as_it_was() -> None:
    meta = make_document(doc_id="d", text=BODY, source=SourceInfo(), via=["X"]).meta
    assert meta.dateline is None and meta.dateline_place is None and meta.dateline_credit is None
    assert meta.via == ["X"]


def read_one(paths: list[str]) -> list[Document]:
    results = list(read_inputs(paths))
    assert all(isinstance(r, Document) for r in results), [str(r) for r in results]
    return [r for r in results if isinstance(r, Document)]


def test_every_format_reads_the_dateline(tmp_path: Path) -> None:
    opening = "LONDON, Sept 15 (Reuters) -"
    paragraphs = [
        f"{opening} Britain's ports said on Monday that they would hire more staff this winter.",
        "The union said the plan did not go far enough and called for talks with the ministry.",
        "Shipping lines have warned of delays at Felixstowe and Southampton since the summer.",
    ]
    (tmp_path / "a.txt").write_text(f"date 2024-09-15 Via The Cradle\n\n{paragraphs[0]}\n")
    feed = {"id": "f1", "text": " ".join(paragraphs), "outlet": "The Star"}
    (tmp_path / "b.jsonl").write_text(json.dumps(feed) + "\n")
    (tmp_path / "c.html").write_text(html_page("Ports to hire", paragraphs), "utf-8")
    page = html_page("Ports to hire", paragraphs)
    (tmp_path / "d.warc").write_bytes(warc_bytes([("https://l.example/a", "text/html", page)]))
    documents = read_one([str(tmp_path)])
    assert len(documents) == 4
    for document in documents:
        meta = document.meta
        assert meta.dateline is not None, meta.source.format
        assert document.text[meta.dateline.start : meta.dateline.end] == opening
        assert meta.dateline_credit == "Reuters" and meta.dateline_place == "LONDON"
        assert meta.via[-1] == "Reuters"
    text_doc = next(d for d in documents if d.meta.source.format == "text")
    assert text_doc.meta.via == ["The Cradle", "Reuters"]
