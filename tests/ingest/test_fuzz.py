"""Property-based tests of the readers: whatever the bytes, a reader yields Documents and
one-line IngestErrors, never raises anything else, never loses a good record next to a bad one
and never passes a damaged archive off as whole. No spaCy here: only the readers run."""

from __future__ import annotations

import io
import json
import zlib
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.archiveiterator import ArchiveIterator

from newsgraph.ingest import Document, IngestError, ReadOptions, read_inputs
from newsgraph.ingest.gzip_members import find_damage
from newsgraph.ingest.jsonl import read_jsonl
from newsgraph.ingest.readers import ReadResult, read_html, read_text
from newsgraph.ingest.warc import read_warc
from tests.warc_files import html_page, warc_bytes

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Each archive example runs trafilatura on every page in it: fewer examples, same cut points
# over the runs as hypothesis keeps the failing ones in its database.
FUZZ_ARCHIVES = settings(FUZZ, max_examples=50)
OPTIONS = ReadOptions(max_chars=50_000)
PARAGRAPHS = [
    "The port authority in Berbera said on Tuesday that the concession talks had stalled.",
    "According to a shipping official, the Gulf investors want a 30-year lease on the port.",
]


def collect(results: Iterable[ReadResult] | Callable[[], Document], path: str) -> list[ReadResult]:
    """All results of a reader; a one-document reader's IngestError counts as its result."""
    if callable(results):
        try:
            return [results()]
        except IngestError as error:
            return [error]
    return list(results)


def check_reported(results: list[ReadResult], path: str) -> None:
    """Every item is a Document or a one-line error that names the file."""
    for result in results:
        assert isinstance(result, Document | IngestError), type(result)
        if isinstance(result, IngestError):
            message = str(result)
            assert message.startswith(f"{path}"), message
            assert message.isprintable(), message
            assert "internal error" not in message, message
        else:
            assert result.text.strip()
            assert len(result.text) <= OPTIONS.max_chars


@FUZZ
@given(raw=st.binary(max_size=3000))
def test_random_bytes_to_every_reader(raw: bytes) -> None:
    readers: dict[str, Iterable[ReadResult] | Callable[[], Document]] = {
        "a.txt": lambda: read_text(raw, "a.txt", "a", OPTIONS),
        "a.html": lambda: read_html(raw, "a.html", "a", OPTIONS),
        "a.jsonl": read_jsonl(raw, "a.jsonl", "a", OPTIONS),
        "a.warc": read_warc(raw, "a.warc", "a", OPTIONS),
    }
    for path, reader in readers.items():
        check_reported(collect(reader, path), path)


@FUZZ
@given(raw=st.binary(min_size=1, max_size=600))
def test_random_bytes_after_a_gzip_header(raw: bytes) -> None:
    # Starting with the gzip magic sends the bytes down the .warc.gz path.
    data = b"\x1f\x8b\x08\x00" + raw
    results = list(read_warc(data, "a.warc.gz", "a", OPTIONS))
    check_reported(results, "a.warc.gz")
    assert any(isinstance(r, IngestError) for r in results)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=8,
)
FIELDS = [
    "id",
    "text",
    "published",
    "publication_date",
    "outlet",
    "publisher",
    "via",
    "url",
    "title",
    "byline",
    "author",
]


@settings(FUZZ, max_examples=100)
@given(
    values=st.dictionaries(st.sampled_from(FIELDS), JSON_VALUES, min_size=1),
    keep_text=st.booleans(),
)
def test_any_json_value_in_any_field(values: dict[str, Any], keep_text: bool) -> None:
    record = ({"text": PARAGRAPHS[1]} if keep_text else {}) | values
    lines = [
        json.dumps({"id": "before", "text": PARAGRAPHS[0]}),
        json.dumps(record),
        json.dumps({"id": "after", "text": PARAGRAPHS[1]}),
    ]
    raw = ("\n".join(lines) + "\n").encode("utf-8")
    results = list(read_jsonl(raw, "f.jsonl", "f", OPTIONS))
    check_reported(results, "f.jsonl")
    assert len(results) == 3
    first, middle, last = results
    assert isinstance(first, Document) and first.id == "before"
    assert isinstance(last, Document) and last.id == "after"
    if isinstance(middle, IngestError):
        assert middle.where == "line 2"
        return
    # Accepted: every value is taken as given, never as a Python repr of a list or number.
    meta = middle.meta
    assert isinstance(record["text"], str) and middle.text == record["text"]
    for name, value in (("title", meta.title), ("url", meta.url), ("outlet", meta.outlet)):
        assert value is None or isinstance(value, str), name
        assert value is None or value in record.values(), (name, value)
    given_strings = {v for v in record.values() if isinstance(v, str)}
    given_strings |= {i for v in record.values() if isinstance(v, list) for i in v}
    for item in [*meta.via, *meta.byline]:
        assert isinstance(item, str) and item in given_strings, item
    given_id = record.get("id")
    if (isinstance(given_id, str) and given_id.strip()) or type(given_id) is int:
        assert middle.id == str(given_id)


@cache
def archive(compressed: bool) -> tuple[bytes, list[int]]:
    """A valid archive of three pages and the byte offsets where its records end."""
    pages = [
        (f"https://ledger.example/{n}", "text/html", html_page(f"Page {n}", PARAGRAPHS))
        for n in range(3)
    ]
    raw = warc_bytes(pages, gzip=compressed)
    iterator = ArchiveIterator(io.BytesIO(raw))
    ends = []
    for record in iterator:
        record.content_stream().read()
        ends.append(iterator.get_record_offset() + iterator.get_record_length())
    return raw, ends


def record_ends(compressed: bool) -> list[int]:
    return archive(compressed)[1]


@pytest.mark.parametrize("compressed", [False, True], ids=["warc", "warc.gz"])
@FUZZ_ARCHIVES
@given(cut=st.floats(min_value=0.0, max_value=1.0, exclude_max=True))
def test_truncated_archive_is_never_reported_whole(compressed: bool, cut: float) -> None:
    raw, ends = archive(compressed)
    length = max(1, int(len(raw) * cut))
    path = "cut.warc.gz" if compressed else "cut.warc"
    results = list(read_warc(raw[:length], path, "cut", OPTIONS))
    check_reported(results, path)
    whole_before_cut = sum(1 for end in ends if end <= length)
    titles = [r.meta.title for r in results if isinstance(r, Document)]
    # Every record wholly before the cut is kept, in order ...
    assert titles[:whole_before_cut] == [f"Page {n}" for n in range(whole_before_cut)]
    assert len(titles) <= whole_before_cut
    # ... and a cut anywhere but between two records is reported. In a plain WARC a record is
    # followed by two CRLFs; in a .warc.gz they are inside its gzip member.
    boundaries = ends if compressed else [end + 4 for end in ends]
    if length not in boundaries:
        assert any(isinstance(r, IngestError) for r in results), (length, ends)


@FUZZ
@given(data=st.binary(min_size=1, max_size=2000), cut=st.floats(0.0, 1.0, exclude_max=True))
def test_truncated_gzip_is_always_found(data: bytes, cut: float) -> None:
    compressed = zlib.compress(data, wbits=31)
    assert find_damage(compressed) is None
    damage = find_damage(compressed[: max(1, int(len(compressed) * cut))])
    assert damage is not None and damage.offset == 0


@FUZZ_ARCHIVES
@given(position=st.integers(min_value=0), flip=st.integers(min_value=1, max_value=255))
def test_corrupt_warc_gz_keeps_the_records_before_the_damage(position: int, flip: int) -> None:
    raw, ends = archive(True)
    damaged = bytearray(raw)
    damaged[position % len(raw)] ^= flip
    results = list(read_warc(bytes(damaged), "bad.warc.gz", "bad", OPTIONS))
    check_reported(results, "bad.warc.gz")
    untouched = sum(1 for end in ends if end <= position % len(raw))
    titles = [r.meta.title for r in results if isinstance(r, Document)]
    assert titles[:untouched] == [f"Page {n}" for n in range(untouched)]


@pytest.fixture(scope="module")
def batch_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-batch")


SUFFIXES = [".txt", ".html", ".jsonl", ".warc", ".warc.gz", ".dat"]


@FUZZ
@given(junk=st.binary(max_size=1500), suffix=st.sampled_from(SUFFIXES))
def test_a_bad_file_in_a_batch_costs_only_itself(
    batch_folder: Path, junk: bytes, suffix: str
) -> None:
    before, after = batch_folder / "a-before.txt", batch_folder / "c-after.txt"
    before.write_text(PARAGRAPHS[0], "utf-8")
    after.write_text(PARAGRAPHS[1], "utf-8")
    bad = batch_folder / f"b-junk{suffix}"
    bad.write_bytes(junk)
    try:
        results = list(read_inputs([str(before), str(bad), str(after)], OPTIONS))
    finally:
        bad.unlink()
    check_reported([r for r in results if not _from(r, bad)], str(batch_folder))
    assert isinstance(results[0], Document) and results[0].id == "a-before"
    assert isinstance(results[-1], Document) and results[-1].id == "c-after"
    middle = results[1:-1]
    assert middle and all(_from(r, bad) for r in middle)
    check_reported(middle, str(bad))


def _from(result: ReadResult, path: Path) -> bool:
    if isinstance(result, IngestError):
        return result.path == str(path)
    return result.meta.source.path == str(path)
