"""HTML main text without page furniture, and the page's own publication date."""

from __future__ import annotations

import pytest

from newsgraph.ingest.extract import extract_article
from newsgraph.ingest.furniture import clean_lines, furniture_kind

STORY = [
    "The harbour board of Berbera voted on Tuesday to reopen talks with the two shipping "
    "lines that left the port last spring, after a month of pressure from local traders.",
    "Board chair Amina Warsame said the vote was close and that the terms on offer were not "
    "yet good enough for the dock workers who had lost their shifts.",
    "Traders in the old market said the closure had doubled the price of imported rice and "
    "flour since March, and that many shops now open only three days a week.",
]


def page(middle: str, *, head: str = "", before: str = "", after: str = "") -> str:
    """A small article page with furniture placed inside the article element itself, where
    trafilatura keeps it, so only the rules can remove it."""
    paragraphs = "".join(f"<p>{p}</p>" for p in STORY)
    return f"""<!doctype html><html><head><title>Berbera port talks resume</title>
<meta property="og:site_name" content="Harbour Ledger">{head}</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>{before}{paragraphs}{middle}<p>The board meets again on Friday.</p>{after}</article>
</body></html>"""


def text_of(html: str) -> str:
    article = extract_article(html)
    assert article is not None
    return article.text


def test_a_clean_page_keeps_every_paragraph() -> None:
    text = text_of(page(""))
    for paragraph in STORY:
        assert paragraph in text


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Read more: Somaliland signs a new port deal with Ethiopia", "link"),
        ("READ MORE: Red Sea shipping costs climb again", "link"),
        ("[Related: Traders count the cost of the closure]", "link"),
        ("Also on ledger.com Berbera dockers strike over unpaid wages", "link"),
        ("(Reporting by Abdi Sheikh; Editing by Mark Heinrich)", "credit"),
        ("Additional reporting by Omar Faruk in Mogadishu", "credit"),
        ("Hassan Yusuf contributed reporting from Hargeisa.", "credit"),
        ("Follow her on Twitter @lenavarga or on Facebook.", "social"),
        ("Follow Harbour Ledger on Facebook, Twitter and Instagram.", "social"),
        ("lena.varga@harbourledger.example", "social"),
        ("Sign up for our newsletter to get the day's top stories in your inbox.", "newsletter"),
        ("Get the latest updates delivered to your inbox.", "newsletter"),
        ("Like this story? Share it with a friend!", "share"),
        ("Share this article", "share"),
        ("12 comments", "share"),
        ("© Reuters 2020", "copyright"),
        ("Copyright 2024 Harbour Ledger. All rights reserved.", "copyright"),
        ("Photo: A container ship at the Berbera quay", "photo"),
        ("(Credit: Harbour Ledger/Ali Nur)", "photo"),
        ("Updated at 1:23 p.m.", "label"),
        ("Filed under: Ports | Trade", "label"),
        ("November 20, 2019 - 11:28 AMT", "stamp"),
        ("Download: https://harbourledger.example/podcast/615", "link"),
        ("More port news: https://ledger.example/ports and https://x.example/ledger", "link"),
        ("Write to Lena Varga at lena.varga@harbourledger.example", "social"),
        ("Morning Ledger Newsletter", "newsletter"),
        ("An error has occurred, please try again later.", "share"),
        ("This article has been sent to", "share"),
        ("Print Article", "share"),
    ],
)
def test_furniture_line_kinds(line: str, kind: str) -> None:
    assert furniture_kind(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        *STORY,
        "More than 200 dock workers have lost their shifts since the closure.",
        "Read the full statement, the board said, and judge for yourself.",
        "Reporters were not allowed into the meeting.",
        "The board said it would follow the advice of its lawyers.",
        "Photographs of the empty quay were shared widely on social media last week.",
        "Related talks in Djibouti ended without a deal.",
        "Comments from the ministry were not available on Tuesday.",
        "https://harbourledger.example/sources/port-report.pdf",
        "Thank you for the question, Warsame told the traders.",
    ],
)
def test_article_sentences_are_not_furniture(line: str) -> None:
    assert furniture_kind(line) is None


def test_related_headlines_after_a_label_are_dropped_until_the_story_goes_on() -> None:
    text = "\n".join(
        [
            STORY[0],
            "Don't miss",
            "Dockers strike over unpaid wages [INSIGHT]",
            "Why rice costs twice as much in Hargeisa",
            STORY[1],
        ]
    )
    assert clean_lines(text).split("\n") == [STORY[0], STORY[1]]


def test_bulleted_links_after_a_related_link_are_dropped() -> None:
    text = "\n".join(
        [
            STORY[0],
            "Related: The Red Sea ports in pictures",
            "- Ten things to know about Berbera",
            "- How the port deal came about",
            STORY[1],
        ]
    )
    assert clean_lines(text).split("\n") == [STORY[0], STORY[1]]


def test_runs_of_section_and_headline_links_are_dropped() -> None:
    text = "\n".join(
        [
            *STORY,
            "Ports 2024 | Djibouti opens a second container quay",
            "Ports 2024 | Why Berbera matters to Ethiopia",
        ]
    )
    assert clean_lines(text).split("\n") == STORY


def test_title_case_bulleted_headlines_are_dropped_unless_introduced() -> None:
    links = ["- Ten Things to Know About Berbera", "- How the Port Deal Came About"]
    assert clean_lines("\n".join([*STORY, *links])).split("\n") == STORY
    introduced = [*STORY, "The two lines are:", "- Red Sea Feeder Lines", "- Gulf Meridian Ports"]
    assert clean_lines("\n".join(introduced)).split("\n") == introduced


def test_tags_after_their_label_are_dropped() -> None:
    text = "\n".join([*STORY, "Tags", "berbera, ports, shipping, somaliland, trade, rice prices"])
    assert clean_lines(text).split("\n") == STORY


def test_the_page_address_repeated_at_the_top_is_dropped() -> None:
    url = "https://harbourledger.example/2024/05/02/berbera-port"
    assert clean_lines("\n".join([url, *STORY]), [url]).split("\n") == STORY


def test_the_repeated_headline_is_dropped_only_at_the_top() -> None:
    title = "Berbera port talks resume"
    text = "\n".join([title, *STORY, title])
    assert clean_lines(text, [title]).split("\n") == [*STORY, title]


def test_button_text_glued_to_a_sentence_is_cut() -> None:
    assert clean_lines("The port is the town's lungs.Click To Tweet") == (
        "The port is the town's lungs."
    )


@pytest.mark.parametrize(
    "furniture",
    [
        "<p>Read more: Somaliland signs a new port deal with Ethiopia</p>",
        "<p>(Reporting by Abdi Sheikh; Editing by Mark Heinrich)</p>",
        "<p>Follow Harbour Ledger on Facebook, Twitter and Instagram.</p>",
        "<p>Sign up for our newsletter to get the day's top stories in your inbox.</p>",
        "<p>© Reuters 2020</p>",
    ],
)
def test_furniture_inside_the_article_is_left_out_of_the_page_text(furniture: str) -> None:
    plain = text_of(page(""))
    furnished = text_of(page(furniture))
    assert furnished == plain


def test_the_h1_headline_is_not_article_text() -> None:
    text = text_of(page("", before="<h1>Talks resume at Berbera after a month</h1>"))
    assert "Talks resume" not in text
    assert text.startswith(STORY[0])


def test_published_date_wins_over_the_modified_date() -> None:
    head = (
        '<meta property="article:published_time" content="2024-05-02T08:00:00Z">'
        '<meta property="article:modified_time" content="2024-06-20T10:00:00Z">'
    )
    article = extract_article(page("", head=head))
    assert article is not None and article.published == "2024-05-02"


def test_a_date_after_the_crawl_is_not_taken() -> None:
    head = '<meta property="article:published_time" content="2024-05-02T08:00:00Z">'
    article = extract_article(page("", head=head), crawled="2024-03-01T00:00:00Z")
    assert article is not None and article.published != "2024-05-02"
