"""The type of each candidate trigger, decided by the trained classifier (`type_model`).

The lexicon finds the candidates and says which types their words can report (a feature the
classifier reads); the classifier, reading the trigger in its sentence, decides the type, or
that a candidate reports no event (NONE) by the thresholds chosen with the weights. An event
keeps the classifier's probability of its type among the event types as its confidence.

The training sentences code events told as fact, so the classifier learned that "did not",
"if" and "would" mean NONE: a candidate of the lexicon whose clause denies, doubts or puts off
the event (`framed`) is never dropped for NONE; it keeps the lexicon's sense, as the rules code
it, and is marked so by its factuality. YIELD, which the training data does not split, becomes
RETREAT or CONCEDE as the lexicon's senses of the trigger's words say; a trigger whose words
have neither sense is left out rather than given one by default.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from newsgraph.events.lexicon import NOUNS, PHRASES, VERBS, Sense
from newsgraph.events.triggers import Trigger
from newsgraph.events.type_features import sentence_context, trigger_parts
from newsgraph.events.type_model import NONE, YIELD, shared_model


def _senses(trigger: Trigger) -> list[Sense]:
    token = trigger.token
    lemma = token.lemma_.lower()
    senses = [trigger.sense] if trigger.sense.type else []
    senses.extend(VERBS.get(lemma, []))
    noun = NOUNS.get(lemma)
    if noun is not None:
        senses.append(noun)
    senses.extend(
        sense for child in token.children if (sense := PHRASES.get(f"{lemma} {child.lower_}"))
    )
    return senses


def _resolve(kind: str, trigger: Trigger) -> tuple[str, str | None] | None:
    """The type and mode to code: the lexicon gives the mode, and splits YIELD."""
    senses = _senses(trigger)
    if kind == YIELD:
        split = [s for s in senses if s.type in ("RETREAT", "CONCEDE")]
        if not split:
            return None
        best = max(split, key=lambda s: s.confidence)
        return best.type, best.mode
    modes = [s.mode for s in senses if s.type == kind]
    return kind, modes[0] if modes else None


def type_triggers(
    lexical: list[Trigger],
    fallback: list[Trigger],
    span: Any,
    framed: Callable[[Trigger], bool],
) -> list[Trigger]:
    """The candidates that report an event, each with the classifier's type and confidence."""
    candidates = [(t, False) for t in lexical] + [(t, True) for t in fallback]
    if not candidates:
        return []
    model = shared_model()
    context = sentence_context(span)
    parts = [trigger_parts(t, span, is_fallback, context) for t, is_fallback in candidates]
    probabilities = model.probabilities_of_parts(
        np.stack([dense for dense, _ in parts]), [buckets for _, buckets in parts]
    )
    none = model.classes.index(NONE)
    kept = []
    for (trigger, is_fallback), p in zip(candidates, probabilities, strict=True):
        limit = model.settings["none_fallback" if is_fallback else "none_lexical"]
        if p[none] >= limit:
            if not is_fallback and framed(trigger):
                kept.append(trigger)  # the lexicon's sense, as the rules code it
            continue
        events = p.copy()
        events[none] = 0.0
        events /= max(float(events.sum()), 1e-6)
        best = int(events.argmax())
        resolved = _resolve(model.classes[best], trigger)
        if resolved is None:
            continue
        trigger.sense = Sense(resolved[0], resolved[1], round(float(events[best]), 3))
        kept.append(trigger)
    return sorted(kept, key=lambda t: t.start)
