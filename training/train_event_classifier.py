"""Train the event-type classifier of the events stage and export its weights.

    python training/train_event_classifier.py ../shared/data/events/plv_train.jsonl \
        --extra ../shared/data/events/plover_gsr.jsonl

Reads only the training four-fifths of the PLOVER news sentences (`--split train` of
`newsgraph evaluate events`; the held-out fifth is never read) and, with --extra, the PLOVER
codebook examples as further training rows. Every candidate trigger of a sentence (the
lexicon's and the verbs it does not know) becomes a row: labelled with the gold type when its
actor or target is the gold one best, else NONE. The L2 strength and the NONE thresholds are
chosen by 5-fold cross-validation over the training sentences (codebook rows only ever train),
scored as `newsgraph evaluate events` scores records; then the model is fitted on all of it and
written to src/newsgraph/events/model/event_types.npz. Needs only numpy and scipy; about a
minute on two cores.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from scipy.optimize import minimize

from newsgraph.evaluate.events import GoldRecord, read_gold, select_split
from newsgraph.events.phrases import coordinated, phrase_span
from newsgraph.events.triggers import Trigger, fallback_triggers, find_triggers
from newsgraph.events.type_features import DENSE_WIDTH, trigger_features
from newsgraph.events.type_model import MODEL_PATH, NONE, TypeModel
from newsgraph.nlp.loader import load_nlp

CLASSES = (
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "YIELD", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", NONE,
)  # fmt: skip
FOLDS = 5
L2_GRID = (3e-3, 1e-2, 3e-2)
NONE_GRID = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.01)


@dataclass
class Candidate:
    sentence: int  # index of the gold sentence (text) it comes from
    features: np.ndarray
    label: int
    fallback: bool
    fits: list[tuple[int, int]]  # (record index, actor hit + target hit) for its records


def _spans(heads: list[Any]) -> list[tuple[int, int]]:
    return [phrase_span(word, []) for head in heads for word in coordinated(head)]


def _hits(gold: Sequence[tuple[int, int]], spans: list[tuple[int, int]]) -> bool:
    return any(s < e2 and s2 < e for s, e in gold for s2, e2 in spans)


def candidates(
    texts: list[str], records_of: dict[str, list[tuple[int, GoldRecord]]]
) -> list[Candidate]:
    nlp = load_nlp()
    rows: list[Candidate] = []
    for number, doc in enumerate(nlp.pipe(texts, batch_size=64)):
        records = records_of[texts[number]]
        found: list[tuple[Trigger, bool, Any]] = []
        for sentence in doc.sents:
            lexical = find_triggers(sentence)
            found.extend((t, False, sentence) for t in lexical)
            found.extend((t, True, sentence) for t in fallback_triggers(sentence, lexical))
        fits = []
        for trigger, _, _ in found:
            actors, targets = _spans(trigger.roles.actors), _spans(trigger.roles.targets)
            fits.append(
                [
                    (i, int(_hits(r.actors, actors)) + int(_hits(r.targets, targets)))
                    for i, r in records
                ]
            )
        labels = [CLASSES.index(NONE)] * len(found)
        for position, (_, record) in enumerate(records):
            best = max((f[position][1] for f in fits), default=0)
            if best == 0:
                continue
            for k, f in enumerate(fits):
                if f[position][1] == best and labels[k] == CLASSES.index(NONE):
                    labels[k] = CLASSES.index(record.type)
        for (trigger, fallback, sentence), label, fit in zip(found, labels, fits, strict=True):
            features = trigger_features(trigger, sentence, fallback)
            rows.append(Candidate(number, features, label, fallback, fit))
    return rows


def fit_model(x: np.ndarray, y: np.ndarray, l2: float) -> TypeModel:
    mean = x[:, :DENSE_WIDTH].mean(axis=0)
    scale = x[:, :DENSE_WIDTH].std(axis=0) + 1e-3
    z = x.copy()
    z[:, :DENSE_WIDTH] = (z[:, :DENSE_WIDTH] - mean) / scale
    z = sparse.csr_matrix(z)  # the hashed word features are nearly all zero
    n, d = z.shape
    k = len(CLASSES)
    onehot = np.zeros((n, k))
    onehot[np.arange(n), y] = 1.0

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[: d * k].reshape(d, k), theta[d * k :]
        logits = z @ w + b
        logits -= logits.max(axis=1, keepdims=True)
        log_p = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
        value = -(onehot * log_p).sum() / n + l2 * (w * w).sum()
        grad_logits = (np.exp(log_p) - onehot) / n
        grad_w = np.asarray(z.T @ grad_logits) + 2 * l2 * w
        return float(value), np.concatenate([grad_w.ravel(), grad_logits.sum(axis=0)])

    theta = np.zeros(d * k + k)
    result = minimize(loss, theta, jac=True, method="L-BFGS-B", options={"maxiter": 250})
    w, b = result.x[: d * k].reshape(d, k), result.x[d * k :]
    return TypeModel(
        classes=CLASSES,
        weights=w.astype(np.float32),
        bias=b.astype(np.float32),
        mean=mean.astype(np.float32),
        scale=scale.astype(np.float32),
        settings={"l2": l2},
    )


def score_fold(
    rows: list[Candidate],
    probabilities: np.ndarray,
    records: list[tuple[int, GoldRecord]],
    none_lexical: float,
    none_fallback: float,
) -> tuple[int, int, int, int]:
    """(records typed right, records found whole, events kept, events no record explains),
    counted the way `newsgraph evaluate events` counts them."""
    none = CLASSES.index(NONE)
    kept: dict[int, list[tuple[Candidate, int, float]]] = {}
    for row, p in zip(rows, probabilities, strict=True):
        limit = none_fallback if row.fallback else none_lexical
        if p[none] >= limit:
            continue
        real = p.copy()
        real[none] = -1.0
        kind = int(real.argmax())
        kept.setdefault(row.sentence, []).append((row, kind, float(real[kind])))
    right = whole = events = unexplained = 0
    for index, record in records:
        options = kept.get(_sentence_of[index], [])
        target = CLASSES.index(record.type)
        if options:
            row, kind, _ = max(options, key=lambda o: (dict(o[0].fits).get(index, 0), o[2]))
            right += kind == target
        whole += any(kind == target and dict(o.fits).get(index, 0) == 2 for o, kind, _ in options)
    for options in kept.values():
        for row, kind, _ in options:
            events += 1
            explained = any(
                fit > 0 and CLASSES.index(_record_type[i]) == kind for i, fit in row.fits
            )
            unexplained += not explained
    return right, whole, events, unexplained


_sentence_of: dict[int, int] = {}
_record_type: dict[int, str] = {}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path, help="plv_train.jsonl")
    parser.add_argument("--extra", type=Path, help="more training records (plover_gsr.jsonl)")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)

    train = select_split(read_gold(args.gold), "train")
    extra = read_gold(args.extra) if args.extra else []
    texts = list(dict.fromkeys(r.text for r in train))
    extra_texts = [t for t in dict.fromkeys(r.text for r in extra) if t not in set(texts)]
    all_texts = texts + extra_texts
    records_of: dict[str, list[tuple[int, GoldRecord]]] = {t: [] for t in all_texts}
    position = {t: k for k, t in enumerate(all_texts)}
    for index, record in enumerate([*train, *extra]):
        if record.text in records_of:
            records_of[record.text].append((index, record))
            _sentence_of[index] = position[record.text]
            _record_type[index] = record.type
    print(f"{len(train)} training records ({len(texts)} sentences), {len(extra)} extra")
    rows = candidates(all_texts, records_of)
    x = np.stack([r.features for r in rows])
    y = np.array([r.label for r in rows])
    print(f"{len(rows)} candidates, {int((y != CLASSES.index(NONE)).sum())} labelled events")
    fold_of = [zlib.crc32(t.encode("utf-8")) % FOLDS for t in texts]
    sentence_fold = {s: fold_of[s] if s < len(texts) else -1 for s in range(len(all_texts))}
    train_records = [(i, r) for i, r in enumerate(train)]

    results: dict[tuple[float, float, float], list[int]] = {}

    def merit(key: tuple[float, float, float]) -> float:
        right, whole, events, unexplained = results[key]
        n = len(train_records)
        return right / n + whole / n - 0.25 * (unexplained / events if events else 0.0)

    for l2 in L2_GRID:
        for fold in range(FOLDS):
            fit_rows = [k for k, r in enumerate(rows) if sentence_fold[r.sentence] != fold]
            test_rows = [k for k, r in enumerate(rows) if sentence_fold[r.sentence] == fold]
            model = fit_model(x[fit_rows], y[fit_rows], l2)
            probabilities = model.probabilities(x[test_rows])
            fold_records = [
                (i, r) for i, r in train_records if sentence_fold[_sentence_of[i]] == fold
            ]
            for lex, fb in itertools.product(NONE_GRID, NONE_GRID):
                counts = score_fold(
                    [rows[k] for k in test_rows], probabilities, fold_records, lex, fb
                )
                total = results.setdefault((l2, lex, fb), [0, 0, 0, 0])
                for position, value in enumerate(counts):
                    total[position] += value
        best_here = max((k for k in results if k[0] == l2), key=merit)
        print(f"l2 {l2}: best {best_here} {results[best_here]}", flush=True)

    best = max(results, key=merit)
    right, whole, events, unexplained = results[best]
    n = len(train_records)
    report = {
        "l2": best[0],
        "none_lexical": best[1],
        "none_fallback": best[2],
        "cv_type_accuracy": round(right / n, 4),
        "cv_triple_recall": round(whole / n, 4),
        "cv_unexplained": round(unexplained / events, 4) if events else 0.0,
    }
    print(json.dumps(report))
    model = fit_model(x, y, best[0])
    settings = {"l2": best[0], "none_lexical": best[1], "none_fallback": best[2]}
    final = TypeModel(model.classes, model.weights, model.bias, model.mean, model.scale, settings)
    final.save(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
