"""Parse long texts in bounded windows of whole paragraphs, joined back into one Doc.

spaCy's cost and memory per document grow faster than its length (and it refuses texts over
`nlp.max_length`), while a transcript, a live blog or a whole-issue dump may run to millions of
characters. A text longer than WINDOW characters is cut at paragraph breaks into windows of at
most about that size, the windows are parsed as a batch, and `Doc.from_docs` joins them. Each
window keeps the whitespace that follows it, so the joined text is the original character for
character and every offset stays valid; this is checked. Shorter texts are parsed whole, as
they always were: news articles come out exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

# Longer than every PolNeAR article (the longest has about 34,000 characters) and every bundled
# example, so those are parsed whole; short enough that a window's parse stays cheap.
WINDOW = 40_000
# Where a window may end, best first: after a blank line, a line break, a sentence end, any
# whitespace. A cut is looked for in the last three quarters of the window, so windows never
# get much smaller than a quarter of WINDOW.
_CUTS = (
    re.compile(r"\n[^\S\n]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"[.!?][\"'”’)\]]*\s+"),
    re.compile(r"\s+"),
)


def split_windows(text: str, size: int = WINDOW) -> list[str]:
    """`text` cut into consecutive pieces of at most about `size` characters whose
    concatenation is `text`; a text of at most `size` characters is one piece."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        cut = _cut(text, start, size)
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def _cut(text: str, start: int, size: int) -> int:
    """Where the window that begins at `start` ends: after the last break of the best kind in
    its last three quarters, whitespace that follows included (it may run past `size`)."""
    low, high = start + size // 4, start + size
    for pattern in _CUTS:
        last = None
        for match in pattern.finditer(text, low, high):
            last = match
        if last is not None:
            # The whitespace run may go on past the search region: take all of it, so that
            # the next window starts with a word.
            end = last.end()
            while end < len(text) and text[end].isspace() and end < start + 2 * size:
                end += 1
            return end
    return high  # no whitespace in a whole window: cut anywhere rather than grow


def parse(nlp: Any, text: str, size: int = WINDOW) -> Any:
    """The Doc of `text`: parsed whole when short, else window by window and joined."""
    pieces = split_windows(text, size)
    if len(pieces) == 1:
        return nlp(text)
    # One window at a time: spaCy's working memory grows with the text of a whole batch.
    return join(nlp, text, list(nlp.pipe(pieces, batch_size=1)))


def pipe(
    nlp: Any, items: Iterable[tuple[str, Any]], batch_size: int, size: int = WINDOW
) -> Iterator[tuple[Any, Any]]:
    """Like `nlp.pipe(items, as_tuples=True)`, with long texts parsed in windows: a run of
    short texts is parsed in batches exactly as nlp.pipe would parse it."""
    short: list[tuple[str, Any]] = []
    for text, context in items:
        if len(text) <= size:
            short.append((text, context))
            if len(short) < batch_size:
                continue
        if short:
            yield from nlp.pipe(short, as_tuples=True, batch_size=batch_size)
            short = []
        if len(text) > size:
            yield parse(nlp, text, size), context
    if short:
        yield from nlp.pipe(short, as_tuples=True, batch_size=batch_size)


def join(nlp: Any, text: str, parts: list[Any]) -> Any:
    """One Doc from the Docs of consecutive windows of `text`."""
    from spacy.tokens import Doc

    doc = Doc.from_docs(parts, ensure_whitespace=False)
    if doc.text != text:  # a broken invariant would shift every offset after it
        raise RuntimeError("windowed parse: the joined windows differ from the text")
    return doc
