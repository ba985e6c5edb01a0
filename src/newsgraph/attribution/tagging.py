"""Token windows, BIO labels and span decoding for the attribution tagger.

The tagger labels every word piece three times, once per role (source, cue, content), with
O / B / I. Roles may overlap each other (the content of one attribution holds the source and
cue of a nested one), so each role has its own label layer. Long articles are cut into
overlapping windows; each word piece takes its label from the window where it sits farthest
from an edge, where the model sees the most context around it.

Pure NumPy and the `tokenizers` library: the same code prepares training data and serves
predictions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

ROLES = ("source", "cue", "content")
OUTSIDE, BEGIN, INSIDE = 0, 1, 2
MAX_LENGTH = 256  # word pieces per window, [CLS] and [SEP] included
STRIDE = 224  # window start step; the overlap gives both windows context at the seam

CharSpan = tuple[int, int]


@dataclass
class Window:
    ids: list[int]  # [CLS] pieces [SEP]
    first: int  # index of the window's first piece in the article's piece sequence
    own_from: int  # the pieces this window decides, as article piece indices [own_from, own_to)
    own_to: int


@dataclass
class Encoded:
    ids: list[int]
    offsets: list[CharSpan]
    windows: list[Window]


def encode(tokenizer: object, text: str, cls_id: int, sep_id: int) -> Encoded:
    """Word pieces with character offsets, cut into windows."""
    encoding = tokenizer.encode(text, add_special_tokens=False)  # type: ignore[attr-defined]
    ids: list[int] = list(encoding.ids)
    offsets: list[CharSpan] = [(int(s), int(e)) for s, e in encoding.offsets]
    return Encoded(ids=ids, offsets=offsets, windows=make_windows(ids, cls_id, sep_id))


def make_windows(ids: Sequence[int], cls_id: int, sep_id: int) -> list[Window]:
    """Windows of at most MAX_LENGTH pieces, STRIDE apart, the last one flush with the end.
    Neighbours split their overlap at its middle: each piece is decided by exactly one window."""
    inner = MAX_LENGTH - 2
    count = len(ids)
    starts = [0]
    while starts[-1] + inner < count:
        starts.append(min(starts[-1] + STRIDE, count - inner))
    windows: list[Window] = []
    for number, start in enumerate(starts):
        end = min(start + inner, count)
        own_from = windows[-1].own_to if windows else 0
        last = number == len(starts) - 1
        own_to = count if last else (starts[number + 1] + end) // 2
        windows.append(Window([cls_id, *ids[start:end], sep_id], start, own_from, own_to))
    return windows


def token_labels(
    offsets: Sequence[CharSpan], spans: dict[str, list[CharSpan]]
) -> NDArray[np.int64]:
    """Gold labels [pieces, roles] from character spans; a longer span wins where two overlap."""
    labels = np.zeros((len(offsets), len(ROLES)), dtype=np.int64)
    starts = np.array([s for s, _ in offsets]) if offsets else np.zeros(0, dtype=np.int64)
    ends = np.array([e for _, e in offsets]) if offsets else np.zeros(0, dtype=np.int64)
    for role_index, role in enumerate(ROLES):
        for start, end in sorted(spans.get(role, []), key=lambda s: s[0] - s[1]):
            inside = np.nonzero((starts < end) & (ends > start))[0]
            if len(inside) == 0 or (labels[inside, role_index] != OUTSIDE).any():
                continue
            labels[inside, role_index] = INSIDE
            labels[inside[0], role_index] = BEGIN
    return labels


def merge_window_predictions(
    encoded: Encoded, window_probabilities: Sequence[NDArray[np.float32]]
) -> NDArray[np.float32]:
    """Per-piece label probabilities [pieces, roles, 3] for the article from the windows' own
    (each without [CLS]/[SEP])."""
    merged = np.zeros((len(encoded.ids), len(ROLES), 3), dtype=np.float32)
    merged[:, :, OUTSIDE] = 1.0
    for window, probabilities in zip(encoded.windows, window_probabilities, strict=True):
        own = slice(window.own_from, window.own_to)
        merged[own] = probabilities[window.own_from - window.first : window.own_to - window.first]
    return merged


@dataclass
class Tagging:
    """Decoded role spans and how sure the tagger was of each piece being in a role."""

    spans: dict[str, list[CharSpan]]
    offsets: Sequence[CharSpan]
    probabilities: NDArray[np.float32]  # [pieces, roles, 3]

    def __post_init__(self) -> None:
        edges = np.array(self.offsets, dtype=np.int64).reshape(-1, 2)
        self._starts, self._ends = edges[:, 0], edges[:, 1]

    def confidence(self, role: str, span: CharSpan) -> float:
        """Mean probability, over the word pieces of `span`, that a piece is in `role`."""
        pieces = np.nonzero((self._starts < span[1]) & (self._ends > span[0]))[0]
        if len(pieces) == 0:
            return 1.0
        inside = 1.0 - self.probabilities[pieces, ROLES.index(role), OUTSIDE]
        return float(inside.mean())


def softmax(logits: NDArray[np.float32]) -> NDArray[np.float32]:
    shifted = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return np.asarray(shifted / shifted.sum(axis=-1, keepdims=True), dtype=np.float32)


# Decoding follows the likeliest label of each piece, with one exception chosen on PolNeAR
# dev: the tagger wavers inside sources ("Her daughter", "House panel"), so a running source
# goes on while P(B) + P(I) stays above CONTINUE_AT, and only a confident B (SPLIT_AT) cuts it
# in two. For cues and contents the same leniency did not help.
CONTINUE_AT = {"source": 0.25}
SPLIT_AT = {"source": 0.9}
# Contents follow the likeliest label sequence in which I never follows O (Viterbi): a dip to O
# inside a long content no longer breaks it in two unless the tagger is sure a new one begins.
# On PolNeAR dev this raised content exact F1 by 0.014; for cues and sources it did not help.
SEQUENCE_DECODED = ("content",)


def decode_spans(
    probabilities: NDArray[np.float32], offsets: Sequence[CharSpan], text: str
) -> dict[str, list[CharSpan]]:
    """Character spans per role from per-piece label probabilities [pieces, roles, 3]. An I
    after O opens a span too: a missed B costs less that way."""
    result: dict[str, list[CharSpan]] = {role: [] for role in ROLES}
    labels = probabilities.argmax(axis=-1)
    for role in SEQUENCE_DECODED:
        role_index = ROLES.index(role)
        labels[:, role_index] = bio_viterbi(probabilities[:, role_index])
    inside = probabilities[:, :, BEGIN] + probabilities[:, :, INSIDE]
    for role_index, role in enumerate(ROLES):
        continue_at = CONTINUE_AT.get(role, 1.0)
        split_at = SPLIT_AT.get(role, 0.0)
        spans: list[CharSpan] = []
        current: list[int] | None = None
        for piece, (start, end) in enumerate(offsets):
            label = labels[piece, role_index]
            if current is None:
                if label != OUTSIDE:
                    current = [start, end]
            elif label == BEGIN and probabilities[piece, role_index, BEGIN] >= split_at:
                spans.append((current[0], current[1]))
                current = [start, end]
            elif label != OUTSIDE or inside[piece, role_index] >= continue_at:
                current[1] = end
            else:
                spans.append((current[0], current[1]))
                current = None
        if current is not None:
            spans.append((current[0], current[1]))
        result[role] = [
            _extend_to_word(text, s, e) for s, e in spans if _names_something(role, text[s:e])
        ]
    return result


def bio_viterbi(probabilities: NDArray[np.float32]) -> NDArray[np.int64]:
    """The likeliest O/B/I sequence [pieces] from per-piece probabilities [pieces, 3] under the
    one BIO constraint: I continues a span, so it never follows O or starts the sequence."""
    count = len(probabilities)
    labels = np.zeros(count, dtype=np.int64)
    if count == 0:
        return labels
    logs = np.log(np.clip(probabilities, 1e-9, 1.0)).tolist()
    impossible = -1e18
    outside, begin, inside = logs[0][OUTSIDE], logs[0][BEGIN], impossible
    # back[i] holds, for O, B and I at piece i, the best label at piece i - 1.
    back: list[tuple[int, int, int]] = [(OUTSIDE, OUTSIDE, OUTSIDE)]
    for log in logs[1:]:
        best_open = BEGIN if begin >= inside else INSIDE  # best predecessor for I
        open_score = max(begin, inside)
        best_any = max((outside, OUTSIDE), (begin, BEGIN), (inside, INSIDE))
        back.append((best_any[1], best_any[1], best_open))
        outside, begin, inside = (
            best_any[0] + log[OUTSIDE],
            best_any[0] + log[BEGIN],
            open_score + log[INSIDE],
        )
    label = max((outside, OUTSIDE), (begin, BEGIN), (inside, INSIDE))[1]
    for piece in range(count - 1, -1, -1):
        labels[piece] = label
        label = back[piece][label]
    return labels


def _names_something(role: str, span_text: str) -> bool:
    """A span of punctuation alone (a stray comma) names nothing, except the colon that is the
    cue of a headline or transcript line ("Pence: Flowers won't be at the debate")."""
    return any(char.isalnum() for char in span_text) or (role == "cue" and span_text.strip() == ":")


def _extend_to_word(text: str, start: int, end: int) -> CharSpan:
    """Word pieces can stop inside a word; a span always covers whole words."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    # Nor half of a two-apostrophe quote mark ('' ... '').
    if 0 < start < end and text[start - 1 : start + 1] == "''":
        start -= 1
    if start < end < len(text) and text[end - 1 : end + 1] == "''":
        end += 1
    return start, end
