"""Sentence embeddings at run time: all-MiniLM-L6-v2 through ONNX Runtime, nothing downloaded.

The model in `embedder/` (int8 weights, float activations) was exported once by
training/export_sentence_embedder.py, with mean pooling and L2 normalisation inside the graph,
so an embedding's dot product with another is their cosine similarity. Stages and corpus steps
that compare texts (stories, claims, event types) share one loaded embedder per process
through `shared_embedder()`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

EMBEDDER_DIR = Path(__file__).parent / "embedder"
DIMENSIONS = 384
# Sentences per ONNX Runtime call. Texts are sorted by length first, so a batch pads little;
# 32 keeps the attention activations of 256-piece inputs to a few tens of MiB.
BATCH_SIZE = 32

Embeddings = npt.NDArray[np.float32]


class SentenceEmbedder:
    """Turns texts into unit-length 384-dimensional vectors (longer texts cut at 256 pieces)."""

    def __init__(self, directory: Path | None = None) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        directory = directory or EMBEDDER_DIR
        model_path = directory / "model.onnx"
        if not model_path.is_file():
            raise RuntimeError(
                f"sentence embedder missing at {model_path}; reinstall newsgraph or export it "
                "with training/export_sentence_embedder.py"
            )
        self.meta: dict[str, Any] = json.loads((directory / "meta.json").read_text("utf-8"))
        self.max_length = int(self.meta.get("max_length", 256))
        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=self.max_length)
        self.tokenizer.no_padding()
        options = onnxruntime.SessionOptions()
        # As for the attribution tagger: 0 uses every core in a process of its own; worker
        # processes that share the cores set NEWSGRAPH_EMBEDDER_THREADS (or the user does).
        options.intra_op_num_threads = int(os.environ.get("NEWSGRAPH_EMBEDDER_THREADS", "0"))
        options.inter_op_num_threads = 1
        options.enable_cpu_mem_arena = False
        self.session = onnxruntime.InferenceSession(
            str(model_path), options, providers=["CPUExecutionProvider"]
        )

    @property
    def version(self) -> str:
        return "all-minilm-l6-v2 onnx (int8 weights)"

    def encode(self, texts: Sequence[str], batch_size: int = BATCH_SIZE) -> Embeddings:
        """One row per text, in the order given; an empty text gets the zero vector.

        A text's vector does not depend on the texts batched with it (the activations are not
        quantized), so results are the same however a corpus is split into calls."""
        result = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        encodings = self.tokenizer.encode_batch(list(texts)) if texts else []
        # Only [CLS] and [SEP]: nothing to embed.
        order = [i for i in np.argsort([len(e.ids) for e in encodings]) if texts[i].strip()]
        for first in range(0, len(order), batch_size):
            rows = order[first : first + batch_size]
            width = max(len(encodings[i].ids) for i in rows)
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            for slot, i in enumerate(rows):
                pieces = encodings[i].ids
                ids[slot, : len(pieces)] = pieces
                mask[slot, : len(pieces)] = 1
            vectors = self.session.run(["embedding"], {"input_ids": ids, "attention_mask": mask})
            result[rows] = vectors[0]
        return result

    def encode_one(self, text: str) -> Embeddings:
        vector: Embeddings = self.encode([text])[0]
        return vector


@cache
def shared_embedder() -> SentenceEmbedder:
    """The process's one embedder, loaded on first use (about 0.3 s and 60 MiB)."""
    return SentenceEmbedder()
