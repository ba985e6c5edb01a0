from __future__ import annotations

import pytest

from newsgraph.ingest import IngestError
from newsgraph.ingest.decode import decode_bytes, encoding_warnings

SAMPLE = "Le ministre a déclaré que l’accord « reste fragile » à Tripoli, selon l’agence."


def test_utf8_and_bom() -> None:
    assert decode_bytes(SAMPLE.encode("utf-8"), "a.txt") == (SAMPLE, "utf-8")
    text, used = decode_bytes(b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "a.txt")
    assert text == SAMPLE and used == "utf-8-sig"
    text, used = decode_bytes(SAMPLE.encode("utf-16"), "a.txt")
    assert text == SAMPLE and used == "utf-16"


def test_legacy_encoding_is_detected_and_flagged() -> None:
    raw = (SAMPLE.replace("’", "'") * 4).encode("cp1252")
    text, used = decode_bytes(raw, "a.txt")
    assert text == SAMPLE.replace("’", "'") * 4
    assert encoding_warnings(used, None) != []
    assert encoding_warnings("utf-8", None) == []


def test_declared_encoding_must_fit() -> None:
    with pytest.raises(IngestError, match=r"a\.txt: cannot decode as ascii"):
        decode_bytes(SAMPLE.encode("utf-8"), "a.txt", "ascii")


def test_binary_bytes_are_refused_with_the_file_name() -> None:
    with pytest.raises(IngestError) as caught:
        decode_bytes(bytes(range(256)) * 8, "blob.txt")
    message = str(caught.value)
    assert message.startswith("blob.txt: ")
    assert "\n" not in message


def test_damaged_utf8_is_refused_not_garbled() -> None:
    raw = SAMPLE.encode("utf-8") + b" \xff\xfe " + SAMPLE.encode("utf-8")
    with pytest.raises(IngestError, match=r"invalid UTF-8 .* at byte \d+"):
        decode_bytes(raw, "a.txt")


def test_high_bytes_without_structure_are_refused() -> None:
    with pytest.raises(IngestError, match="undecodable bytes"):
        decode_bytes(bytes(range(128, 256)) * 6, "noise.txt")
