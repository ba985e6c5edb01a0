from __future__ import annotations

import pytest

from newsgraph.ingest import IngestError
from newsgraph.ingest.decode import (
    binary_problem,
    decode_bytes,
    html_declared_charset,
    http_declared_charset,
)

SAMPLE = "Le ministre a déclaré que l’accord « reste fragile » à Tripoli, selon l’agence."


def test_utf8_and_bom() -> None:
    decoded = decode_bytes(SAMPLE.encode("utf-8"), "a.txt")
    assert (decoded.text, decoded.encoding, decoded.warnings) == (SAMPLE, "utf-8", [])
    decoded = decode_bytes(b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "a.txt")
    assert decoded.text == SAMPLE and decoded.encoding == "utf-8-sig"
    decoded = decode_bytes(SAMPLE.encode("utf-16"), "a.txt")
    assert decoded.text == SAMPLE and decoded.encoding == "utf-16"


def test_legacy_encoding_is_detected_and_flagged() -> None:
    raw = (SAMPLE.replace("’", "'") * 4).encode("cp1252")
    decoded = decode_bytes(raw, "a.txt")
    assert decoded.text == SAMPLE.replace("’", "'") * 4
    assert decoded.warnings != []


@pytest.mark.parametrize(
    "sentence",
    [
        "El acuerdo firmado en Luanda según el ministro, señaló la agencia.",
        "Le ministre a déclaré à Tripoli que l'accord était fragile.",
        "Größere Einigung in München erzielt, sagte der Minister.",
    ],
)
def test_western_text_that_fits_several_code_pages_is_read_as_windows_1252(sentence: str) -> None:
    # charset-normalizer alone picks cp775 or cp1250 here ("seg·n", "ŕ Tripoli").
    decoded = decode_bytes(sentence.encode("cp1252"), "a.txt")
    assert decoded.text == sentence
    assert decoded.encoding == "cp1252"


def test_cyrillic_is_not_taken_for_windows_1252() -> None:
    sentence = "Президент заявил, что переговоры продолжатся в Москве на следующей неделе."
    decoded = decode_bytes(sentence.encode("cp1251"), "a.txt")
    assert decoded.text == sentence


def test_a_declared_charset_that_fits_is_used_without_a_warning() -> None:
    sentence = "Zgoda w Łodzi: minister podpisał porozumienie, zaś opozycja protestuje."
    decoded = decode_bytes(sentence.encode("iso-8859-2"), "a.html", declared="ISO-8859-2")
    assert decoded.text == sentence
    assert decoded.warnings == []


def test_declared_utf8_that_does_not_fit_says_so() -> None:
    sentence = "El acuerdo firmado en Luanda según el ministro, señaló la agencia."
    decoded = decode_bytes(sentence.encode("latin-1"), "a.html", declared="utf-8")
    assert decoded.text == sentence
    assert "declared charset utf-8 does not fit" in decoded.warnings[0]


def test_declared_charsets_are_found() -> None:
    assert html_declared_charset(b'<html><head><meta charset="ISO-8859-1">') == "ISO-8859-1"
    assert (
        html_declared_charset(
            b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        )
        == "windows-1251"
    )
    assert html_declared_charset(b'<?xml version="1.0" encoding="koi8-r"?><html>') == "koi8-r"
    assert html_declared_charset(b"<html><p>no charset</p>") is None
    assert http_declared_charset("text/html; charset=utf-8") == "utf-8"
    assert http_declared_charset("text/html") is None
    assert http_declared_charset(None) is None


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_decoded_with_a_warning(codec: str) -> None:
    decoded = decode_bytes(SAMPLE.encode(codec), "a.txt")
    assert decoded.text == SAMPLE
    assert decoded.encoding == codec
    assert "no byte-order mark" in decoded.warnings[0]


@pytest.mark.parametrize(
    "raw",
    [b"\x00" * 500, bytes(range(1, 32)) * 20, ("word \x01\x02\x03 " * 50).encode()],
    ids=["nul", "controls", "controls-in-utf8"],
)
def test_binary_looking_text_is_refused_even_when_it_is_valid_utf8(raw: bytes) -> None:
    with pytest.raises(IngestError, match=r"^junk\.txt: binary data, not text \(\d+% of"):
        decode_bytes(raw, "junk.txt")


def test_a_few_control_characters_in_prose_are_kept() -> None:
    text = SAMPLE * 20 + "\x0c\x1b" + "\tend\r\n"
    assert binary_problem(text) is None
    assert decode_bytes(text.encode(), "a.txt").text == text


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
