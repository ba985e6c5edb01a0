"""Turn raw bytes into text without silently guessing the encoding wrong."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from newsgraph.ingest.errors import IngestError

# Above this "chaos" (share of odd characters) charset-normalizer's best guess is not trusted.
_MAX_CHAOS = 0.2
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(raw: bytes, path: str, encoding: str | None = None) -> tuple[str, str]:
    """Return (text, encoding). A declared encoding must fit; otherwise BOM, UTF-8, then detect."""
    if encoding:
        try:
            return raw.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as error:
            raise IngestError(path, f"cannot decode as {encoding}: {error}") from None
    for bom, name in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(name), name
            except UnicodeDecodeError as error:
                raise IngestError(path, f"undecodable bytes after a {name} BOM: {error}") from None
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        if b"\x00" in raw:
            raise IngestError(path, "binary data, not text (contains NUL bytes)") from None
        if _looks_like_broken_utf8(raw):
            # Mostly UTF-8 with a few bad bytes: any 8-bit guess would garble every accent.
            raise IngestError(
                path,
                f"undecodable bytes: invalid UTF-8 ({utf8_error.reason}) at byte {utf8_error.start}"
                " in otherwise UTF-8 text; pass --encoding to name another encoding",
            ) from None
        best = from_bytes(raw).best()
        if best is None or best.chaos > _MAX_CHAOS:
            raise IngestError(
                path,
                f"undecodable bytes (not UTF-8: {utf8_error.reason} at byte {utf8_error.start}, "
                "and no other encoding fits); pass --encoding to name it",
            ) from None
        return str(best), best.encoding


def _looks_like_broken_utf8(raw: bytes) -> bool:
    """True when the bytes hold well-formed multi-byte UTF-8 sequences next to invalid ones.

    Legacy 8-bit text almost never forms valid UTF-8 sequences by chance, so their presence
    means the file is UTF-8 that got damaged, not a file in another encoding."""
    decoded = raw.decode("utf-8", errors="replace")
    return any(ord(char) > 127 and char != "\ufffd" for char in decoded)


def encoding_warnings(used: str, declared: str | None) -> list[str]:
    """A detected encoding other than UTF-8 is a guess the user should be able to see."""
    if declared or used.lower().replace("_", "-") in {"utf-8", "utf-8-sig", "ascii"}:
        return []
    return [f"text was not UTF-8; decoded as {used} (detected; pass --encoding to override)"]
