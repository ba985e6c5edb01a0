"""Turn what the user names on the command line (files, folders, globs, `-`) into Documents."""

from __future__ import annotations

import glob
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal

from newsgraph.ingest.document import Document, ReadOptions
from newsgraph.ingest.errors import IngestError
from newsgraph.ingest.jsonl import read_jsonl
from newsgraph.ingest.readers import ReadResult, read_file_bytes, read_html, read_text
from newsgraph.ingest.warc import read_warc

InputFormat = Literal["text", "html", "jsonl", "warc"]
INPUT_FORMATS: tuple[InputFormat, ...] = ("text", "html", "jsonl", "warc")

_SUFFIXES: dict[str, InputFormat] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
    ".warc.gz": "warc",
    ".arc": "warc",
    ".arc.gz": "warc",
}
STDIN = "-"


def format_of(name: str, raw: bytes) -> InputFormat:
    """By file name first; for unknown names, by the first bytes."""
    lowered = name.lower()
    for suffix in sorted(_SUFFIXES, key=len, reverse=True):
        if lowered.endswith(suffix):
            return _SUFFIXES[suffix]
    head = raw[:512].lstrip()
    if head.startswith(b"WARC/") or raw[:2] == b"\x1f\x8b":
        return "warc"
    lowered_head = head.lower()
    if lowered_head.startswith((b"<!doctype html", b"<html")) or b"<body" in lowered_head:
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    return "text"


def expand(specs: Iterable[str]) -> Iterator[str | IngestError]:
    """File paths (or `-`) in a stable order; folders are walked for known suffixes."""
    for spec in specs:
        if spec == STDIN:
            yield STDIN
            continue
        path = Path(spec)
        if path.is_dir():
            found = sorted(
                str(p)
                for p in path.rglob("*")
                if p.is_file() and not _hidden(p.relative_to(path)) and _known_suffix(p.name)
            )
            if not found:
                yield IngestError(
                    spec, "folder holds no readable articles (.txt, .html, .jsonl, .warc)"
                )
            yield from found
        elif path.exists() or not glob.has_magic(spec):
            yield spec
        else:
            matches = sorted(m for m in glob.glob(spec, recursive=True) if Path(m).is_file())
            if not matches:
                yield IngestError(spec, "no files match this pattern")
            yield from matches


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _known_suffix(name: str) -> bool:
    return any(name.lower().endswith(suffix) for suffix in _SUFFIXES)


def read_path(
    path: str, options: ReadOptions, forced: InputFormat | None = None
) -> Iterator[ReadResult]:
    """All documents in one file, each bad record as an IngestError."""
    try:
        raw = sys.stdin.buffer.read() if path == STDIN else read_file_bytes(Path(path))
    except IngestError as error:
        yield error
        return
    name = "<stdin>" if path == STDIN else path
    stem = "stdin" if path == STDIN else _stem(Path(path))
    kind = forced or format_of(name, raw)
    try:
        if kind == "jsonl":
            yield from read_jsonl(raw, name, stem, options)
        elif kind == "warc":
            yield from read_warc(raw, name, stem, options)
        elif kind == "html":
            yield read_html(raw, name, stem, options)
        else:
            yield read_text(raw, name, stem, options)
    except IngestError as error:
        yield error
    except Exception as error:  # a reader's bug must cost one file, not the whole batch
        yield IngestError(name, f"internal error while reading: {type(error).__name__}: {error}")


def _stem(path: Path) -> str:
    name = path.name
    for suffix in sorted(_SUFFIXES, key=len, reverse=True):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)] or name
    return path.stem or name


def read_inputs(
    specs: Iterable[str], options: ReadOptions | None = None, forced: InputFormat | None = None
) -> Iterator[ReadResult]:
    """Every document named by `specs`, with ids made unique across the batch."""
    options = options or ReadOptions()
    seen: dict[str, int] = {}
    for item in expand(specs):
        if isinstance(item, IngestError):
            yield item
            continue
        for result in read_path(item, options, forced):
            if isinstance(result, Document):
                count = seen.get(result.id, 0) + 1
                seen[result.id] = count
                if count > 1:
                    result.id = f"{result.id}-{count}"
            yield result
