"""`Document`: what every reader returns, the input of the pipeline."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from newsgraph.ingest.dateline import add_relay, find_dateline
from newsgraph.ingest.decode import binary_problem
from newsgraph.ingest.errors import IngestError
from newsgraph.model import DocumentMeta, SourceInfo, Span


@dataclass
class Document:
    """An article's text and metadata, before any analysis."""

    id: str
    text: str
    meta: DocumentMeta
    warnings: list[str] = field(default_factory=list)


# The parser's limit (newsgraph.nlp.loader.MAX_CHARACTERS) and far beyond any news article:
# longer texts are most often a whole dump pasted into one record.
DEFAULT_MAX_CHARS = 5_000_000


@dataclass(frozen=True)
class ReadOptions:
    """Choices the user makes for a whole batch."""

    encoding: str | None = None  # force this encoding instead of detecting
    published: dt.date | None = None  # overrides every document's own date, bad ones included
    max_chars: int = DEFAULT_MAX_CHARS  # a longer article is refused at read time

    def published_from(self, value: object, path: str, where: str | None) -> dt.date | None:
        """The document's publication date: the override, else `value` parsed, else None."""
        if self.published is not None:
            return self.published
        if value is None or value == "":
            return None
        return parse_date(str(value), path, where)


def parse_date(value: str, path: str, where: str | None = None) -> dt.date:
    """Read an ISO date (a full timestamp is cut to its date); anything else is an IngestError."""
    candidate = value.strip()
    try:
        if len(candidate) > 10 and candidate[10] in "T ":
            return dt.datetime.fromisoformat(candidate.replace("Z", "+00:00")).date()
        return dt.date.fromisoformat(candidate)
    except (ValueError, IndexError):
        raise IngestError(
            path, f"bad publication date {value!r}: expected YYYY-MM-DD", where
        ) from None


def make_document(
    *,
    doc_id: str,
    text: str,
    source: SourceInfo,
    published: dt.date | None = None,
    outlet: str | None = None,
    via: list[str] | None = None,
    url: str | None = None,
    title: str | None = None,
    byline: list[str] | None = None,
    warnings: list[str] | None = None,
    max_chars: int | None = None,
) -> Document:
    """Assemble a Document, refusing an article with no words in it, one longer than
    `max_chars` characters, or one that is binary data rather than text. A dateline that opens
    the text is recorded, and the agency it credits joins the relay chain."""
    path = source.path or "-"
    if not text.strip():
        raise IngestError(path, "empty article: no text to analyse", source.record)
    if max_chars is not None and len(text) > max_chars:
        raise IngestError(
            path,
            f"article too long: {len(text):,} characters, over the limit of {max_chars:,} "
            "(--max-chars)",
            source.record,
        )
    problem = binary_problem(text)
    if problem:
        raise IngestError(path, problem, source.record)
    dateline = find_dateline(text)
    credit = dateline.credit if dateline else None
    meta = DocumentMeta(
        published=published,
        outlet=outlet or None,
        via=add_relay(via or [], outlet, credit),
        url=url or None,
        title=title or None,
        byline=byline or [],
        content_sha1=hashlib.sha1(text.encode("utf-8")).hexdigest(),
        dateline=Span.of(text, dateline.start, dateline.end) if dateline else None,
        dateline_place=dateline.place if dateline else None,
        dateline_credit=credit,
        source=source,
    )
    return Document(id=doc_id, text=text, meta=meta, warnings=warnings or [])
