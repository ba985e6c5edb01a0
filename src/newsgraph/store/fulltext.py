"""Full-text search over article text and attribution contents, with the matching spans.

SQLite (FTS5, revision 0002):
- `documents_fts` is an *external-content* table over `documents` (rowid = documents.id): the
  text is already stored once, and FTS5's highlight() reads it back from there to say exactly
  which characters matched. A contentless table could not: it keeps no text to highlight.
- `attribution_contents_fts` keeps its own copy of each content piece (they are short) with the
  piece's key in UNINDEXED columns. It cannot be external-content: attribution_contents has no
  INTEGER PRIMARY KEY, and SQLite's VACUUM may renumber the implicit rowids an external table
  would point at. Its rowid packs the document key (document_id * 2**20 + the piece's number in
  the document), so a document's rows are deleted by one rowid range.
FTS5 rows are not kept up to date by SQLite itself: `index_document` and `unindex_document` are
called by the document writer. PostgreSQL uses GIN indexes over to_tsvector('english', ...),
which it maintains on its own; both calls do nothing there.

Matching spans come from the database's own highlighter (FTS5 highlight(), PostgreSQL
ts_headline() with HighlightAll), so stemmed matches ("talks" for "talk") are found exactly as
the index found them; offsets are into `documents.text`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import Connection, bindparam, text

# A document's content pieces take rowids [key * ROWS_PER_DOCUMENT, (key + 1) * ...).
# Migration 0002 spells the same number: never change it.
ROWS_PER_DOCUMENT = 1 << 20
OPEN, CLOSE = "\x02", "\x03"
_MARKER = re.compile("[\x02\x03]")
_WORD = re.compile(r"\w+")

Within = Literal["documents", "contents"]
# A full-text hit: document key, offset of the highlighted text in the article, the text with
# OPEN/CLOSE markers around each matching stretch.
Hit = tuple[int, int, str]


@dataclass(frozen=True)
class SearchMatch:
    """One matching stretch of an article: offsets into the article text; `attribution_id` is
    the attribution whose content holds it, if any."""

    document_id: str
    start: int
    end: int
    text: str
    attribution_id: str | None
    # The words around the match, on one line, for showing it.
    context: str


def index_document(connection: Connection, key: int) -> None:
    """Add one stored document (and its attribution contents) to the full-text index."""
    if connection.dialect.name != "sqlite":
        return
    connection.execute(
        text("INSERT INTO documents_fts(rowid, text) SELECT id, text FROM documents WHERE id = :k"),
        {"k": key},
    )
    connection.execute(
        text(
            "INSERT INTO attribution_contents_fts"
            "(rowid, text, document_id, attribution_ordinal, position, start) "
            "SELECT :base + ROW_NUMBER() OVER (ORDER BY attribution_ordinal, position) - 1, "
            "text, document_id, attribution_ordinal, position, start "
            "FROM attribution_contents WHERE document_id = :k"
        ),
        {"k": key, "base": key * ROWS_PER_DOCUMENT},
    )


def unindex_document(connection: Connection, key: int) -> None:
    """Remove one document from the full-text index; call it while the document row exists
    (an external-content FTS5 table needs the old text to forget it)."""
    if connection.dialect.name != "sqlite":
        return
    connection.execute(
        text(
            "INSERT INTO documents_fts(documents_fts, rowid, text) "
            "SELECT 'delete', id, text FROM documents WHERE id = :k"
        ),
        {"k": key},
    )
    connection.execute(
        text("DELETE FROM attribution_contents_fts WHERE rowid >= :low AND rowid < :high"),
        {"low": key * ROWS_PER_DOCUMENT, "high": (key + 1) * ROWS_PER_DOCUMENT},
    )


def rebuild(connection: Connection) -> None:
    """Index every stored document again (after rows were written without the writer)."""
    if connection.dialect.name != "sqlite":
        return
    connection.execute(text("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')"))
    connection.execute(text("DELETE FROM attribution_contents_fts"))
    keys = connection.execute(text("SELECT DISTINCT document_id FROM attribution_contents"))
    for (key,) in keys.all():
        connection.execute(
            text(
                "INSERT INTO attribution_contents_fts"
                "(rowid, text, document_id, attribution_ordinal, position, start) "
                "SELECT :base + ROW_NUMBER() OVER (ORDER BY attribution_ordinal, position) - 1,"
                " text, document_id, attribution_ordinal, position, start "
                "FROM attribution_contents WHERE document_id = :k"
            ),
            {"k": key, "base": key * ROWS_PER_DOCUMENT},
        )


def words(query: str) -> list[str]:
    """The words of a search: every word must occur (punctuation and operators are ignored, so
    that any user text is a valid query on both databases)."""
    return _WORD.findall(query)


def search(
    connection: Connection, query: str, limit: int = 20, within: Within = "documents"
) -> list[SearchMatch]:
    """Matching spans of the `limit` best documents (or content pieces, with
    within="contents") that contain every word of `query`; best first, then in text order."""
    terms = words(query)
    if not terms or limit <= 0:
        return []
    postgresql = connection.dialect.name == "postgresql"
    hits: list[Hit]
    if within == "contents":
        hits = (
            _postgresql_contents(connection, terms, limit)
            if postgresql
            else _sqlite_contents(connection, terms, limit)
        )
    else:
        hits = (
            _postgresql_documents(connection, terms, limit)
            if postgresql
            else _sqlite_documents(connection, terms, limit)
        )
    return _matches(connection, hits)


def _fts5_query(terms: list[str]) -> str:
    return " ".join('"' + term.replace('"', "") + '"' for term in terms)


def _sqlite_documents(connection: Connection, terms: list[str], limit: int) -> list[Hit]:
    rows = connection.execute(
        text(
            "SELECT rowid, highlight(documents_fts, 0, :open, :close) FROM documents_fts "
            "WHERE documents_fts MATCH :q ORDER BY rank LIMIT :limit"
        ),
        {"q": _fts5_query(terms), "open": OPEN, "close": CLOSE, "limit": limit},
    )
    return [(int(key), 0, marked) for key, marked in rows]


def _sqlite_contents(connection: Connection, terms: list[str], limit: int) -> list[Hit]:
    rows = connection.execute(
        text(
            "SELECT document_id, start, highlight(attribution_contents_fts, 0, :open, :close) "
            "FROM attribution_contents_fts WHERE attribution_contents_fts MATCH :q "
            "ORDER BY rank LIMIT :limit"
        ),
        {"q": _fts5_query(terms), "open": OPEN, "close": CLOSE, "limit": limit},
    )
    return [(int(key), int(start), marked) for key, start, marked in rows]


_HEADLINE = f'StartSel="{OPEN}", StopSel="{CLOSE}", HighlightAll=true'


def _postgresql_documents(connection: Connection, terms: list[str], limit: int) -> list[Hit]:
    # Newest first: ranking would compute every matching document's tsvector again.
    rows = connection.execute(
        text(
            "SELECT d.id, ts_headline('english', d.text, q, :options) "
            "FROM documents d, plainto_tsquery('english', :q) q "
            "WHERE to_tsvector('english', d.text) @@ q "
            "ORDER BY d.published DESC NULLS LAST, d.id DESC LIMIT :limit"
        ),
        {"q": " ".join(terms), "options": _HEADLINE, "limit": limit},
    )
    return [(int(key), 0, marked) for key, marked in rows]


def _postgresql_contents(connection: Connection, terms: list[str], limit: int) -> list[Hit]:
    rows = connection.execute(
        text(
            "SELECT c.document_id, c.start, ts_headline('english', c.text, q, :options) "
            "FROM attribution_contents c, plainto_tsquery('english', :q) q "
            "WHERE to_tsvector('english', c.text) @@ q "
            "ORDER BY c.document_id DESC, c.attribution_ordinal, c.position LIMIT :limit"
        ),
        {"q": " ".join(terms), "options": _HEADLINE, "limit": limit},
    )
    return [(int(key), int(start), marked) for key, start, marked in rows]


def marked_spans(marked: str, offset: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each stretch between OPEN and CLOSE markers, as offsets into the text
    without markers, shifted by `offset`."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for seen, marker in enumerate(_MARKER.finditer(marked)):
        position = marker.start() - seen + offset
        if marker.group() == OPEN:
            opened = position
        elif opened is not None:
            if position > opened:
                spans.append((opened, position))
            opened = None
    return spans


def _matches(connection: Connection, hits: list[Hit]) -> list[SearchMatch]:
    if not hits:
        return []
    keys = sorted({key for key, _, _ in hits})
    documents = _documents(connection, keys)
    contents = _contents(connection, keys)
    found: list[SearchMatch] = []
    seen: set[tuple[int, int, int]] = set()
    for key, offset, marked in hits:
        doc_id, article = documents[key]
        for start, end in marked_spans(marked, offset):
            # A stretch the highlighter moved (or a text that held marker characters) is
            # dropped rather than reported at the wrong place.
            if (key, start, end) in seen or end > len(article):
                continue
            seen.add((key, start, end))
            found.append(
                SearchMatch(
                    document_id=doc_id,
                    start=start,
                    end=end,
                    text=article[start:end],
                    attribution_id=_holder(contents.get(key, []), start, end),
                    context=context(article, start, end),
                )
            )
    return found


def context(article: str, start: int, end: int, width: int = 60) -> str:
    """The stretch with up to `width` characters either side, whitespace squeezed."""
    before = article[max(0, start - width) : start]
    after = article[end : end + width]
    return " ".join(f"{before}{article[start:end]}{after}".split())


def _documents(connection: Connection, keys: list[int]) -> dict[int, tuple[str, str]]:
    rows = connection.execute(
        text("SELECT id, doc_id, text FROM documents WHERE id IN :keys").bindparams(
            bindparam("keys", expanding=True)
        ),
        {"keys": keys},
    )
    return {int(key): (doc_id, article) for key, doc_id, article in rows}


def _contents(connection: Connection, keys: list[int]) -> dict[int, list[tuple[int, int, str]]]:
    rows = connection.execute(
        text(
            'SELECT c.document_id, c.start, c."end", a.local_id FROM attribution_contents c '
            "JOIN attributions a ON a.document_id = c.document_id "
            "AND a.ordinal = c.attribution_ordinal WHERE c.document_id IN :keys "
            "ORDER BY c.document_id, c.start"
        ).bindparams(bindparam("keys", expanding=True)),
        {"keys": keys},
    )
    pieces: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for key, start, end, local_id in rows:
        pieces[int(key)].append((int(start), int(end), str(local_id)))
    return pieces


def _holder(pieces: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    """The attribution whose content piece holds [start, end); the innermost (shortest) one
    when attributions nest."""
    holders = [(e - s, local_id) for s, e, local_id in pieces if s <= start and end <= e]
    return min(holders)[1] if holders else None
