"""Turn raw bytes into text without silently guessing the encoding wrong."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

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
_UTF8_NAMES = {"utf-8", "utf8", "utf-8-sig"}
# Browsers read a page that declares Latin-1 or ASCII as windows-1252 (WHATWG Encoding).
_DECLARED_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252"}
# Text holds next to no control characters; past this share the bytes are data, not prose.
MAX_CONTROL_SHARE = 0.01
# C0 controls but tab, newline, vertical tab, form feed and carriage return; DEL; C1 controls.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# In UTF-16 text in a Latin script every other byte is NUL; in other data NULs are not so tidy.
_UTF16_NUL_SHARE = 0.3
_UTF16_STRAY_NUL_SHARE = 0.05
_SNIFF_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.I)


@dataclass(frozen=True)
class Decoded:
    """Text, the encoding it was read in, and what the user should know about that choice."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def decode_bytes(
    raw: bytes,
    path: str,
    encoding: str | None = None,
    declared: str | None = None,
    where: str | None = None,
) -> Decoded:
    """Decode `raw`. A forced `encoding` must fit; otherwise a BOM, BOM-less UTF-16, UTF-8, the
    charset the document `declared` (an HTML page's meta tag, a WARC record's HTTP header),
    then detection. Binary data is refused whatever the encoding. Errors name `path` and
    `where` (the record in it)."""
    try:
        decoded = _decode(raw, path, encoding, declared)
    except IngestError as error:
        raise IngestError(path, error.problem, where) from None
    problem = binary_problem(decoded.text)
    if problem:
        raise IngestError(path, problem, where)
    return decoded


def _decode(raw: bytes, path: str, encoding: str | None, declared: str | None) -> Decoded:
    if encoding:
        try:
            return Decoded(raw.decode(encoding), encoding)
        except (UnicodeDecodeError, LookupError) as error:
            raise IngestError(path, f"cannot decode as {encoding}: {error}") from None
    for bom, name in _BOMS:
        if raw.startswith(bom):
            try:
                return Decoded(raw.decode(name), name)
            except UnicodeDecodeError as error:
                raise IngestError(path, f"undecodable bytes after a {name} BOM: {error}") from None
    utf16 = _bomless_utf16(raw)
    if utf16 is not None:
        return utf16
    try:
        return Decoded(raw.decode("utf-8"), "utf-8")
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
        declared_name = _known_text_encoding(declared)
        if declared_name and declared_name not in _UTF8_NAMES:
            try:
                return Decoded(raw.decode(declared_name), declared_name)
            except UnicodeDecodeError:
                pass
        guess = _detect(raw)
        if guess is None:
            raise IngestError(
                path,
                f"undecodable bytes (not UTF-8: {utf8_error.reason} at byte {utf8_error.start}, "
                "and no other encoding fits); pass --encoding to name it",
            ) from None
        text, used = guess
        if declared:
            why = f"declared charset {declared} does not fit the bytes; decoded as {used}"
        else:
            why = f"text was not UTF-8; decoded as {used}"
        return Decoded(text, used, [f"{why} (detected; pass --encoding to override)"])


def _detect(raw: bytes) -> tuple[str, str] | None:
    """charset-normalizer's best guess, but windows-1252 when it fits as well.

    Western European text fits several 8-bit code pages equally well by charset-normalizer's
    measure (cp1250, cp775, cp1257 ...) and it then picks one of them, garbling "à" into "ŕ".
    windows-1252 is by far the most common of them on the web, so a tie goes to it; Cyrillic or
    Greek bytes read as windows-1252 look like accented junk and do not tie."""
    best = from_bytes(raw).best()
    if best is None or best.chaos > _MAX_CHAOS:
        return None
    if best.encoding != "cp1252":
        western = from_bytes(raw, cp_isolation=["cp1252"]).best()
        if western is not None and western.chaos <= best.chaos:
            return str(western), "cp1252"
    return str(best), best.encoding


def _bomless_utf16(raw: bytes) -> Decoded | None:
    """UTF-16 without a byte-order mark, told by its NUL bytes (Latin-script text only)."""
    sample = raw[:_SNIFF_BYTES]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul >= _UTF16_NUL_SHARE and even_nul <= _UTF16_STRAY_NUL_SHARE:
        name, label = "utf-16-le", "UTF-16-LE"
    elif even_nul >= _UTF16_NUL_SHARE and odd_nul <= _UTF16_STRAY_NUL_SHARE:
        name, label = "utf-16-be", "UTF-16-BE"
    else:
        return None
    try:
        text = raw.decode(name)
    except UnicodeDecodeError:
        return None
    warning = (
        f"text had no byte-order mark; decoded as {label}, judging by its NUL bytes "
        "(pass --encoding to override)"
    )
    return Decoded(text, name, [warning])


def _known_text_encoding(name: str | None) -> str | None:
    """The codec name for a declared charset, or None when Python knows no such text codec."""
    if not name or not is_text_encoding(name):
        return None
    canonical = codecs.lookup(name).name.replace("_", "-")
    return _DECLARED_ALIASES.get(canonical, canonical)


def is_text_encoding(name: str) -> bool:
    """True when `name` is a codec that decodes bytes to text (not base64, rot13, ...)."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        return False
    # CodecInfo marks the bytes-to-bytes and str-to-str codecs with this flag.
    return bool(getattr(info, "_is_text_encoding", True))


def html_declared_charset(raw: bytes) -> str | None:
    """The charset an HTML page declares near its top (meta tag or XML declaration)."""
    head = raw[:_SNIFF_BYTES]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return match[1].decode("ascii") if match else None


def http_declared_charset(content_type: str | None) -> str | None:
    """The charset parameter of an HTTP Content-Type header, if any."""
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", content_type or "", re.I)
    return match[1] if match else None


def binary_problem(text: str) -> str | None:
    """Why `text` is data rather than prose (too many control characters), or None."""
    if not text:
        return None
    controls = len(text) - len(_CONTROL.sub("", text))
    if controls == 0 or controls / len(text) <= MAX_CONTROL_SHARE:
        return None
    nuls = text.count("\x00")
    what = "NUL bytes" if nuls * 2 >= controls else "control characters"
    return (
        f"binary data, not text ({controls / len(text):.0%} of its {len(text):,} characters are "
        f"{what})"
    )


def _looks_like_broken_utf8(raw: bytes) -> bool:
    """True when the bytes hold well-formed multi-byte UTF-8 sequences next to invalid ones.

    Legacy 8-bit text almost never forms valid UTF-8 sequences by chance, so their presence
    means the file is UTF-8 that got damaged, not a file in another encoding."""
    decoded = raw.decode("utf-8", errors="replace")
    return any(ord(char) > 127 and char != "\ufffd" for char in decoded)
