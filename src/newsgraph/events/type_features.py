"""What the event-type classifier reads about one trigger: numbers taken from the parse alone.

Dense part: spaCy's contextual token vectors (`doc.tensor`, 96 numbers a token, computed by the
parse anyway) of the trigger, of the verb whose clause frames it and averaged over that clause
and over the sentence; the types the lexicon gives the trigger's words, with their confidences;
a few facts of its shape (noun or verb, passive, sides found). Sparse part: hashed indicator
features of the words around it (its lemma, its frame's lemma, the lemmas of its object and
prepositions, the content lemmas of the sentence). Nothing here needs a model beyond the
parse, so typing an event costs a dot product.

Training (training/train_event_classifier.py) and the stage both build features with
`trigger_features`, so they cannot drift apart; `FEATURE_VERSION` is stored with the weights
and checked on load.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from newsgraph.events.lexicon import NOUNS, PHRASES, VERBS
from newsgraph.events.plover import TYPES
from newsgraph.events.triggers import Trigger

FEATURE_VERSION = 1
TENSOR_WIDTH = 96
# Buckets of the hashed word features: few enough that the weights stay small, enough that
# the words of ~1,000 training sentences rarely share one.
HASH_BUCKETS = 4096
_TYPE_INDEX = {kind: number for number, kind in enumerate(TYPES)}
_SHAPE = ("noun", "phrase", "fallback", "passive", "has_actor", "has_target", "negated")
DENSE_WIDTH = 4 * TENSOR_WIDTH + 2 * len(TYPES) + len(_SHAPE)
_CONTENT_POS = frozenset({"VERB", "NOUN", "PROPN", "ADJ"})

FloatArray = npt.NDArray[np.float32]


def _bucket(name: str) -> int:
    return zlib.crc32(name.encode("utf-8")) % HASH_BUCKETS


def _tensor(doc: Any) -> FloatArray:
    tensor = getattr(doc, "tensor", None)
    if tensor is None or len(tensor) != len(doc) or tensor.shape[-1] != TENSOR_WIDTH:
        # A parse without token vectors (another spaCy model) still types by the words.
        return np.zeros((len(doc), TENSOR_WIDTH), dtype=np.float32)
    return np.asarray(tensor, dtype=np.float32)


def _mean(rows: FloatArray, start: int, end: int) -> FloatArray:
    """The mean vector of tokens start..end-1 (a clause or sentence is a run of tokens: the
    parse is projective, so a subtree spans its left to its right edge)."""
    if end <= start:
        return np.zeros(TENSOR_WIDTH, dtype=np.float32)
    return np.asarray(rows[start:end].mean(axis=0), dtype=np.float32)


def _lexicon_types(trigger: Trigger) -> FloatArray:
    """Every type the lexicon has for the trigger's words, at its confidence."""
    found = np.zeros(len(TYPES), dtype=np.float32)
    token = trigger.token
    lemma = token.lemma_.lower()
    senses = list(VERBS.get(lemma, [])) if token.pos_ in ("VERB", "AUX") else []
    noun = NOUNS.get(lemma) or NOUNS.get(token.lower_)
    if noun is not None:
        senses.append(noun)
    for child in token.children:
        phrase = PHRASES.get(f"{lemma} {child.lower_}") or PHRASES.get(
            f"{lemma} {child.lemma_.lower()}"
        )
        if phrase is not None and child.i > token.i:
            senses.append(phrase)
    for sense in senses:
        index = _TYPE_INDEX[sense.type]
        found[index] = max(found[index], sense.confidence)
    return found


@dataclass(frozen=True)
class SentenceContext:
    """What every trigger of one sentence shares: the sentence's mean token vector and the
    buckets of its content lemmas. Computed once a sentence, not once a trigger."""

    mean: FloatArray
    words: frozenset[int]


def sentence_context(span: Any) -> SentenceContext:
    rows = _tensor(span.doc)
    words = frozenset(
        _bucket(f"w={word.lemma_.lower()}")
        for word in span
        if word.pos_ in _CONTENT_POS and not word.is_stop
    )
    return SentenceContext(_mean(rows, span.start, span.end), words)


def _sparse(trigger: Trigger, context: SentenceContext) -> list[int]:
    token, frame = trigger.token, trigger.frame
    lemma = token.lemma_.lower()
    names = [f"t={lemma}", f"f={frame.lemma_.lower()}", f"tf={lemma}|{frame.lemma_.lower()}"]
    for child in token.children:
        if child.dep_ in ("prep", "prt", "agent", "dative"):
            names.append(f"tp={lemma}|{child.lower_}")
            names.append(f"p={child.lower_}")
        elif child.dep_ in ("dobj", "obj", "attr", "xcomp", "ccomp"):
            names.append(f"to={lemma}|{child.lemma_.lower()}")
            names.append(f"o={child.lemma_.lower()}")
        elif child.dep_ in ("nsubj", "nsubjpass", "poss"):
            names.append(f"s={child.ent_type_ or child.lemma_.lower()}")
    if frame.i != token.i:
        names.append(f"fd={frame.lemma_.lower()}|{token.dep_}")
    if token.dep_ in ("xcomp", "ccomp", "advcl", "conj", "acl", "relcl", "pobj"):
        names.append(f"h={token.head.lemma_.lower()}|{token.dep_}")
    return sorted({_bucket(name) for name in names} | context.words)


def trigger_features(
    trigger: Trigger, span: Any, fallback: bool = False, context: SentenceContext | None = None
) -> FloatArray:
    """The trigger's feature row: DENSE_WIDTH numbers, then HASH_BUCKETS indicators."""
    dense, buckets = trigger_parts(trigger, span, fallback, context)
    sparse = np.zeros(HASH_BUCKETS, dtype=np.float32)
    sparse[buckets] = 1.0
    return np.concatenate([dense, sparse]).astype(np.float32)


def trigger_parts(
    trigger: Trigger, span: Any, fallback: bool = False, context: SentenceContext | None = None
) -> tuple[FloatArray, list[int]]:
    """The trigger's DENSE_WIDTH numbers and the hashed buckets that are 1 (the row of
    `trigger_features` without its zeros). `context` is `sentence_context(span)`, passed in
    when several triggers of the sentence are read."""
    doc = span.doc
    rows = _tensor(doc)
    if context is None:
        context = sentence_context(span)
    token, frame = trigger.token, trigger.frame
    clause = max(frame.left_edge.i, span.start), min(frame.right_edge.i + 1, span.end)
    chosen = np.zeros(len(TYPES), dtype=np.float32)
    if not fallback:
        chosen[_TYPE_INDEX[trigger.sense.type]] = trigger.sense.confidence
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in frame.children)
    negated = any(c.dep_ == "neg" for c in (*token.children, *frame.children))
    shape = [
        token.pos_ == "NOUN",
        trigger.end > token.idx + len(token.text),
        fallback,
        passive,
        bool(trigger.roles.actors),
        bool(trigger.roles.targets),
        negated,
    ]
    dense = np.concatenate(
        [
            rows[token.i],
            rows[frame.i],
            _mean(rows, *clause),
            context.mean,
            _lexicon_types(trigger),
            chosen,
            np.asarray(shape, dtype=np.float32),
        ]
    )
    return dense.astype(np.float32), _sparse(trigger, context)
