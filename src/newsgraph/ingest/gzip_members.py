"""Checking that a gzip file (a .warc.gz: one member per record) is whole.

warcio, like most gzip readers, hands back whatever a cut or damaged member decompresses to
and says nothing, so a truncated archive would look like a shorter good one. Each member is
decompressed here to its end, where zlib checks its CRC-32 and length."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 20


@dataclass(frozen=True)
class GzipDamage:
    """Where the first damaged member starts (byte offset in the file) and what is wrong."""

    offset: int
    problem: str


def find_damage(raw: bytes) -> GzipDamage | None:
    """The first damaged gzip member of `raw`, or None when every member is whole."""
    position = 0
    while position < len(raw):
        if raw[position : position + 2] != GZIP_MAGIC:
            return GzipDamage(position, "data after the last gzip member is not gzip")
        end = _member_end(raw, position)
        if isinstance(end, GzipDamage):
            return end
        position = end
    return None


def _member_end(raw: bytes, start: int) -> int | GzipDamage:
    """Where the member starting at `start` ends, or what is wrong with it."""
    decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    position = start
    try:
        while not decompressor.eof:
            if position >= len(raw):
                return GzipDamage(start, "truncated gzip member: the file ends inside it")
            chunk = raw[position : position + _CHUNK]
            position += len(chunk)
            # The output is only checked, never kept: bound it so a bomb cannot fill memory.
            decompressor.decompress(chunk, _CHUNK)
            while decompressor.unconsumed_tail and not decompressor.eof:
                decompressor.decompress(decompressor.unconsumed_tail, _CHUNK)
    except zlib.error as error:
        return GzipDamage(start, f"corrupt gzip member ({_describe(error)})")
    return position - len(decompressor.unused_data)


def _describe(error: zlib.error) -> str:
    """zlib's message in words: 'Error -3 while decompressing data: invalid distance ...'."""
    reason = str(error).partition(": ")[2] or str(error)
    return "checksum mismatch" if "incorrect data check" in reason else reason
