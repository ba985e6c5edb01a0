"""JSON Lines: one article a line, every field's type checked before it is used."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from newsgraph.ingest.decode import decode_bytes
from newsgraph.ingest.document import Document, ReadOptions, make_document
from newsgraph.ingest.errors import IngestError
from newsgraph.ingest.readers import ReadResult
from newsgraph.model import SourceInfo

# Each field of the output and the record keys it is read from, first found first.
_PUBLISHED = ("published", "publication_date")
_OUTLET = ("outlet", "publisher")
_BYLINE = ("byline", "author")


def read_jsonl(raw: bytes, path: str, stem: str, options: ReadOptions) -> Iterator[ReadResult]:
    """One article per line: {"text": ..., optional "id", "published", "outlet", "via", "url",
    "title", "byline"}. A bad line is reported with its line number; the others still count."""
    try:
        decoded = decode_bytes(raw, path, options.encoding)
    except IngestError as error:
        yield error
        return
    # Only "\n" ends a record: str.splitlines would also cut at U+2028 or U+0085, which JSON
    # allows unescaped inside a string.
    records = 0
    for number, line in enumerate(decoded.text.split("\n"), start=1):
        if not line.strip():
            continue
        records += 1
        where = f"line {number}"
        try:
            yield _jsonl_document(
                line, path, where, f"{stem}-{number}", decoded.encoding, decoded.warnings, options
            )
        except IngestError as error:
            yield error
    if records == 0:
        yield IngestError(path, "empty file: no JSON records in it")


def _jsonl_document(
    line: str,
    path: str,
    where: str,
    default_id: str,
    encoding: str,
    warnings: list[str],
    options: ReadOptions,
) -> Document:
    record = _parse(line, path, where)
    fields = _Fields(record, path, where)
    article = record.get("text")
    if article is None:
        raise IngestError(path, 'malformed record: no "text" field', where)
    if not isinstance(article, str):
        raise IngestError(path, 'field "text" must be a string', where)
    published = None if options.published else fields.string(_PUBLISHED, "YYYY-MM-DD")
    return make_document(
        doc_id=fields.identifier() or default_id,
        text=article,
        source=SourceInfo(path=path, format="jsonl", record=where, encoding=encoding),
        published=options.published_from(published, path, where),
        outlet=fields.string(_OUTLET),
        via=fields.strings(("via",)),
        url=fields.string(("url",)),
        title=fields.string(("title",)),
        byline=fields.strings(_BYLINE),
        warnings=list(warnings),
        max_chars=options.max_chars,
    )


def _parse(line: str, path: str, where: str) -> dict[str, Any]:
    try:
        record: Any = json.loads(line)
    except json.JSONDecodeError as error:
        # Some of json's messages end in "at" ("Unterminated string starting at").
        joint = " " if error.msg.endswith(" at") else " at "
        raise IngestError(
            path, f"malformed JSON: {error.msg}{joint}column {error.colno}", where
        ) from None
    except RecursionError:
        raise IngestError(path, "malformed JSON: nested too deeply", where) from None
    if not isinstance(record, dict):
        raise IngestError(path, "malformed record: expected a JSON object", where)
    return record


class _Fields:
    """Typed access to a record's optional fields; a value of the wrong type is an error."""

    def __init__(self, record: dict[str, Any], path: str, where: str) -> None:
        self.record = record
        self.path = path
        self.where = where

    def _first(self, keys: tuple[str, ...]) -> tuple[str, Any]:
        """The first key with a value (null, "" and [] count as none), and that value."""
        for key in keys:
            value = self.record.get(key)
            if value is not None and value != "" and value != []:
                return key, value
        return keys[0], None

    def _wrong(self, key: str, expected: str) -> IngestError:
        return IngestError(self.path, f'field "{key}" must be {expected}', self.where)

    def identifier(self) -> str | None:
        key, value = self._first(("id",))
        # bool is an int to Python, but `true` is no id.
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return None if value is None else str(value)
        if isinstance(value, str):
            return value if value.strip() else None
        raise self._wrong(key, "a string or an integer")

    def string(self, keys: tuple[str, ...], form: str | None = None) -> str | None:
        key, value = self._first(keys)
        if value is None or isinstance(value, str):
            return value
        raise self._wrong(key, f"a string ({form})" if form else "a string")

    def strings(self, keys: tuple[str, ...]) -> list[str]:
        key, value = self._first(keys)
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return [item for item in value if item.strip()]
        raise self._wrong(key, "a string or a list of strings")
