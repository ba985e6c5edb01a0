"""Main text and metadata of an HTML page: trafilatura finds the article, `furniture` drops
the lines of it that are no part of the story.

trafilatura runs in its precise mode with tables kept and comments left out; its prune_xpath
on captions, asides or "related", "share" and "newsletter" classes was tried and left out: on
the 181 benchmark pages it cut story text on some sites and gained nothing on the others.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import trafilatura
from trafilatura.settings import Document as ExtractedPage

from newsgraph.ingest.furniture import clean_lines


@dataclass(frozen=True)
class ExtractedArticle:
    """What the HTML reader keeps of a page."""

    text: str
    title: str | None = None
    published: str | None = None  # as the page states it, ISO form
    byline: list[str] = field(default_factory=list)
    sitename: str | None = None  # as trafilatura reads it: may be the bare host name
    hostname: str | None = None
    url: str | None = None

    @property
    def outlet(self) -> str | None:
        return self.sitename or self.hostname


def extract_article(
    html: str, url: str | None = None, crawled: str | None = None
) -> ExtractedArticle | None:
    """The page's main text without furniture, and its metadata; None when there is no text.

    The date is the page's own publication date (not a later modification date), taken from
    its metadata first; a page cannot be published after it was crawled, so the crawl date
    bounds the search but is never taken as the publication date."""
    extracted = _run_trafilatura(html, url, crawled, favor_precision=True)
    if _word_count(extracted) < SHORT_PAGE_WORDS:
        # On some pages the precise mode keeps only a notice and loses the story: the default
        # mode is taken when it finds several times more text.
        fuller = _run_trafilatura(html, url, crawled, favor_precision=False)
        if _word_count(fuller) > 3 * _word_count(extracted):
            extracted = fuller
    if extracted is None:
        return None
    # The title, the headline and the page's own address, where the text only repeats them.
    headlines = [h for h in (extracted.title, _leading_headline(extracted), url) if h]
    text = clean_lines(extracted.text or "", headlines)
    if not text.strip():
        return None
    return ExtractedArticle(
        text=text,
        title=extracted.title or None,
        published=extracted.date or None,
        byline=[a.strip() for a in (extracted.author or "").split(";") if a.strip()],
        sitename=extracted.sitename or None,
        hostname=extracted.hostname or None,
        url=extracted.url or url,
    )


SHORT_PAGE_WORDS = 100


def _run_trafilatura(
    html: str, url: str | None, crawled: str | None, *, favor_precision: bool
) -> ExtractedPage | None:
    extracted = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        favor_precision=favor_precision,
        include_comments=False,
        include_tables=True,
        date_extraction_params=_date_settings(crawled),
    )
    return extracted if isinstance(extracted, ExtractedPage) else None


def _word_count(extracted: ExtractedPage | None) -> int:
    return len(re.findall(r"\w+", extracted.text or "")) if extracted is not None else 0


def _leading_headline(extracted: ExtractedPage) -> str | None:
    """The text of a top-level heading that opens the extracted body: the page's headline,
    which trafilatura keeps as the first line although it is no part of the story."""
    body = extracted.body
    if body is None or len(body) == 0:
        return None
    first = body[0]
    if first.tag != "head" or first.get("rend") != "h1":
        return None
    return "".join(first.itertext()).strip() or None


def _date_settings(crawled: str | None) -> dict[str, object]:
    """htmldate settings: the original (published) date over the last modified one, searched
    in the page's markup and text; no date later than the crawl (or today)."""
    latest = dt.date.today().isoformat()
    if crawled and re.match(r"\d{4}-\d{2}-\d{2}", crawled):
        latest = crawled[:10]
    return {
        "original_date": True,
        "extensive_search": True,
        "max_date": latest,
        "outputformat": "%Y-%m-%d",
    }
