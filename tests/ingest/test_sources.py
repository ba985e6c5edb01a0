from __future__ import annotations

from pathlib import Path

from newsgraph.ingest import Document, IngestError, read_inputs
from newsgraph.ingest.sources import expand, format_of


def make_tree(root: Path) -> None:
    (root / "a").mkdir()
    (root / "a" / "one.txt").write_text("First article text.", "utf-8")
    (root / "a" / "notes.pdf").write_bytes(b"%PDF")
    (root / "b").mkdir()
    (root / "b" / "one.txt").write_text("Second article, same file name.", "utf-8")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "skip.txt").write_text("Not read.", "utf-8")


def test_folder_is_walked_for_known_suffixes_in_stable_order(tmp_path: Path) -> None:
    make_tree(tmp_path)
    found = list(expand([str(tmp_path)]))
    assert found == [str(tmp_path / "a" / "one.txt"), str(tmp_path / "b" / "one.txt")]


def test_same_stem_in_two_folders_gets_unique_ids(tmp_path: Path) -> None:
    make_tree(tmp_path)
    documents = [r for r in read_inputs([str(tmp_path)]) if isinstance(r, Document)]
    assert [d.id for d in documents] == ["one", "one-2"]


def test_glob_and_missing_paths(tmp_path: Path) -> None:
    make_tree(tmp_path)
    results = list(read_inputs([str(tmp_path / "*" / "*.txt"), str(tmp_path / "nope.txt")]))
    assert [type(r).__name__ for r in results] == ["Document", "Document", "IngestError"]
    assert str(results[2]) == f"{tmp_path / 'nope.txt'}: no such file"
    [unmatched] = list(read_inputs([str(tmp_path / "*.html")]))
    assert isinstance(unmatched, IngestError)
    assert "no files match" in str(unmatched)


def test_empty_folder_and_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "blank.txt").write_text("  \n\n ", "utf-8")
    results = list(read_inputs([str(tmp_path / "empty"), str(tmp_path / "blank.txt")]))
    assert all(isinstance(r, IngestError) for r in results)
    assert "no readable articles" in str(results[0])
    assert str(results[1]) == f"{tmp_path / 'blank.txt'}: empty article: no text to analyse"


def test_format_by_content_when_the_name_says_nothing() -> None:
    assert format_of("x", b"WARC/1.0\r\n") == "warc"
    assert format_of("x", b"\x1f\x8b\x08") == "warc"
    assert format_of("x", b"<!DOCTYPE html><html>") == "html"
    assert format_of("x", b'{"text": "a"}\n') == "jsonl"
    assert format_of("x", b"date 2025-01-01\n\nText") == "text"
    assert format_of("feed.NDJSON", b"") == "jsonl"
