"""The trained attribution tagger at run time: ONNX Runtime over the bundled int8 model.

The model (fine-tuned from all-MiniLM-L6-v2 on PolNeAR by training/train_attribution_tagger.py)
ships inside the package in `model/`; nothing is downloaded.
"""

from __future__ import annotations

import json
import os
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from newsgraph.attribution.syntax import piece_features, window_rows, word_features
from newsgraph.attribution.tagging import (
    ROLES,
    Tagging,
    decode_spans,
    encode,
    merge_window_predictions,
    softmax,
)

MODEL_DIR = Path(__file__).parent / "model"
# Windows per ONNX Runtime call. The model's activations grow with the batch (its attention
# scores alone take 12 x 256 x 256 floats a window), so an unbounded batch of a long article's
# windows took gigabytes. Large enough that a news article (PolNeAR's longest, 34,000
# characters, makes 33 windows of one length) still goes through in one call, as before: the
# int8 model quantizes its activations over the whole batch, so a smaller batch would change
# its predictions slightly.
MAX_BATCH = 48


class AttributionTagger:
    """Labels source, cue and content spans in an article."""

    def __init__(self, directory: Path | None = None) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        if directory is None:
            # A retrained model can be tried without reinstalling: point this at its folder.
            directory = Path(os.environ.get("NEWSGRAPH_ATTRIBUTION_MODEL") or MODEL_DIR)

        model_path = directory / "tagger.onnx"
        if not model_path.is_file():
            raise RuntimeError(
                f"attribution model missing at {model_path}; reinstall newsgraph or train one with "
                "training/train_attribution_tagger.py"
            )
        self.meta: dict[str, Any] = json.loads((directory / "meta.json").read_text("utf-8"))
        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        options = onnxruntime.SessionOptions()
        # 0 lets ONNX Runtime use every physical core, right for one process alone. Worker
        # processes (--workers N) share the cores, so each sets this to 1 unless the user did.
        options.intra_op_num_threads = int(os.environ.get("NEWSGRAPH_TAGGER_THREADS", "0"))
        options.inter_op_num_threads = 1
        # Windows come in batches of many shapes; ONNX Runtime's arena keeps the largest
        # buffers of every shape it has seen (about 150 MiB more after a few articles), while
        # plain allocation frees them and measured no slower.
        options.enable_cpu_mem_arena = False
        self.session = onnxruntime.InferenceSession(
            str(model_path), options, providers=["CPUExecutionProvider"]
        )
        cls_id, sep_id = self.tokenizer.token_to_id("[CLS]"), self.tokenizer.token_to_id("[SEP]")
        if cls_id is None or sep_id is None:
            raise RuntimeError(f"{directory / 'tokenizer.json'} lacks the [CLS]/[SEP] tokens")
        self.cls_id: int = cls_id
        self.sep_id: int = sep_id

    @cached_property
    def version(self) -> str:
        return f"minilm-l6 tagger ({self.meta.get('trained_on', '?')})"

    @cached_property
    def reads_syntax(self) -> bool:
        """Whether the model takes the parse's word features as a third input."""
        return any(node.name == "syntax" for node in self.session.get_inputs())

    def tag(self, text: str, doc: Any = None) -> Tagging:
        """Role spans of `text`; `doc` is its spaCy parse, which a model trained with syntax
        reads (the text is parsed here when it is not given)."""
        encoded = encode(self.tokenizer, text, self.cls_id, self.sep_id)
        features = None
        if self.reads_syntax:
            if doc is None:
                from newsgraph.nlp.loader import load_nlp
                from newsgraph.nlp.windows import parse

                doc = parse(load_nlp(), text)
            features = piece_features(word_features(doc), encoded.offsets)
        # Windows of equal length go through in one batch; none is padded, because padding
        # shifts the int8 model's dynamic activation ranges and with them its predictions.
        by_length: dict[int, list[int]] = {}
        for row, window in enumerate(encoded.windows):
            by_length.setdefault(len(window.ids), []).append(row)
        window_probabilities = [np.zeros(0, dtype=np.float32)] * len(encoded.windows)
        batches = [
            rows[first : first + MAX_BATCH]
            for rows in by_length.values()
            for first in range(0, len(rows), MAX_BATCH)
        ]
        for rows in batches:
            ids = np.array([encoded.windows[row].ids for row in rows], dtype=np.int64)
            inputs = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
            if features is not None:
                windows = [encoded.windows[row] for row in rows]
                inputs["syntax"] = np.stack(
                    [window_rows(features, window.first, len(window.ids)) for window in windows]
                )
            (logits,) = self.session.run(None, inputs)
            probabilities = softmax(np.asarray(logits, dtype=np.float32))
            for position, row in enumerate(rows):
                window_probabilities[row] = probabilities[position, 1:-1]
        merged = merge_window_predictions(encoded, window_probabilities)
        spans = decode_spans(merged, encoded.offsets, text)
        return Tagging({role: spans[role] for role in ROLES}, encoded.offsets, merged)
