"""Cross-validate the whole events stage on the training four-fifths of the PLOVER sentences.

    python training/crossval_events.py ../shared/data/events/plv_train.jsonl \
        --extra ../shared/data/events/plover_gsr.jsonl [--errors misses.jsonl]

Each training sentence is coded by the events stage with a classifier fitted, as
`train_event_classifier.py` fits it (with the committed L2 strength and NONE thresholds), on
the other four folds and the codebook examples; the records are then scored as `newsgraph
evaluate events` scores them. The held-out fifth is never read. The parse and the stages
before events run once and are kept in a cache file, so that a change to the events rules
costs only the refits and the events stage.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import zlib
from pathlib import Path
from typing import Any

import numpy as np
import train_event_classifier as trainer

import newsgraph.events.classify as classify
from newsgraph.evaluate.events import format_report, misses, read_gold, score, select_split
from newsgraph.events.stage import EventsStage
from newsgraph.events.type_model import TypeModel, shared_model
from newsgraph.stage import StageInput


def _prepared(texts: list[str], cache: Path) -> dict[str, tuple[Any, Any]]:
    """(doc, analysis before events) of every text, from the cache where it has them."""
    stored: dict[str, tuple[Any, Any]] = {}
    if cache.is_file():
        stored = pickle.loads(cache.read_bytes())
    missing = [t for t in texts if t not in stored]
    if missing:
        from newsgraph.evaluate.events import analyze_sentences

        captured: dict[str, tuple[Any, Any]] = {}
        original = EventsStage.run

        def capture(self: EventsStage, data: StageInput) -> dict[str, list[Any]]:
            captured[data.analysis.text] = (data.doc, data.analysis.model_copy(deep=True))
            return {"events": []}

        EventsStage.run = capture  # type: ignore[method-assign]
        try:
            analyze_sentences(missing)
        finally:
            EventsStage.run = original  # type: ignore[method-assign]
        stored.update(captured)
        cache.write_bytes(pickle.dumps(stored))
    return stored


class _CachedParser:
    """Stands in for the spaCy pipeline in the trainer: hands back the cached parses."""

    def __init__(self, prepared: dict[str, tuple[Any, Any]]) -> None:
        self.prepared = prepared

    def pipe(self, texts: list[str], batch_size: int = 64) -> list[Any]:
        return [self.prepared[t][0] for t in texts]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--extra", type=Path)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/newsgraph-events-cv.pickle"))
    parser.add_argument("--errors", type=Path, help="write the missed records here (JSONL)")
    parser.add_argument("--committed", action="store_true", help="also score committed weights")
    args = parser.parse_args(argv)

    train = select_split(read_gold(args.gold), "train")
    extra = read_gold(args.extra) if args.extra else []
    texts = list(dict.fromkeys(r.text for r in train))
    extra_texts = [t for t in dict.fromkeys(r.text for r in extra) if t not in set(texts)]
    all_texts = texts + extra_texts
    prepared = _prepared(all_texts, args.cache)

    records_of: dict[str, list[Any]] = {t: [] for t in all_texts}
    position = {t: k for k, t in enumerate(all_texts)}
    for index, record in enumerate([*train, *extra]):
        if record.text in records_of:
            records_of[record.text].append((index, record))
            trainer._sentence_of[index] = position[record.text]
            trainer._record_type[index] = record.type
    trainer.load_nlp = lambda: _CachedParser(prepared)  # type: ignore[assignment]
    rows = trainer.candidates(all_texts, records_of)
    x = np.stack([r.features for r in rows])
    y = np.array([r.label for r in rows])
    fold_of = {t: zlib.crc32(t.encode("utf-8")) % trainer.FOLDS for t in texts}
    committed = shared_model()
    settings = dict(committed.settings)

    stage = EventsStage()

    def code(text_list: list[str]) -> dict[str, list[Any]]:
        out = {}
        for text in text_list:
            doc, analysis = prepared[text]
            out[text] = stage.run(StageInput(doc=doc, analysis=analysis))["events"]
        return out

    events_of: dict[str, list[Any]] = {}
    for fold in range(trainer.FOLDS):
        fit = [k for k, r in enumerate(rows) if fold_of.get(all_texts[r.sentence], -1) != fold]
        model = trainer.fit_model(x[fit], y[fit], settings["l2"])
        fold_model = TypeModel(
            model.classes, model.weights, model.bias, model.mean, model.scale, settings
        )
        classify.shared_model = lambda m=fold_model: m  # type: ignore[misc]
        events_of.update(code([t for t in texts if fold_of[t] == fold]))
    report = score(train, events_of)
    print("cross-validated (train four-fifths)")
    print(format_report(report))
    if args.errors:
        with args.errors.open("w", encoding="utf-8") as out:
            by_id = {r.id: r for r in train}
            for miss in misses(train, events_of):
                record = by_id[miss["id"]]
                miss["actor"] = " | ".join(record.text[s:e] for s, e in record.actors)
                miss["target"] = " | ".join(record.text[s:e] for s, e in record.targets)
                out.write(json.dumps(miss) + "\n")
    if args.committed:
        classify.shared_model = lambda: committed  # type: ignore[misc]
        print("committed weights (trained on these records: no held-out score)")
        print(format_report(score(train, code(texts))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
