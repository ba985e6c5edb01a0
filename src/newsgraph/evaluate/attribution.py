"""`newsgraph evaluate attribution GOLD.jsonl`: PolNeAR-style scores of the attribution stage.

GOLD.jsonl holds one article a line, as in PolNeAR converted to JSONL: `id`, `text`,
`publication_date` and `attributions`, each with `source`, `cue` and `content` as lists of
[start, end] character pieces. Every text is analysed with its publication date, and the
attributions found are scored per role with one-to-one matching inside each article, for exact
spans (same characters after trimming whitespace and quote marks at the edges) and for
overlapping spans. The outlet's own-voice statements are left out: PolNeAR does not annotate
them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path
from typing import Any

from newsgraph.evaluate.polnear import (
    ROLES,
    GoldArticle,
    Piece,
    add_scores,
    read_gold,
    score_article,
)
from newsgraph.evaluate.spans import Score
from newsgraph.ingest.document import make_document
from newsgraph.model import Analysis, Attribution, SourceInfo
from newsgraph.pipeline import Pipeline


def as_roles(attribution: Attribution) -> dict[str, list[Piece]]:
    return {
        "source": [(attribution.source.start, attribution.source.end)]
        if attribution.source
        else [],
        "cue": [(attribution.cue.start, attribution.cue.end)] if attribution.cue else [],
        "content": [(span.start, span.end) for span in attribution.content],
    }


def _published(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def evaluate(articles: list[GoldArticle], pipeline: Pipeline) -> dict[str, dict[str, Score]]:
    documents = [
        make_document(
            doc_id=article.id,
            text=article.text,
            source=SourceInfo(path="gold", format="jsonl"),
            published=_published(article.published),
        )
        for article in articles
    ]
    by_id = {article.id: article for article in articles}
    total: dict[str, dict[str, Score]] = {}
    for result in pipeline.analyze_many(documents):
        if not isinstance(result, Analysis):
            raise RuntimeError(str(result))
        article = by_id[result.id]
        system = [as_roles(a) for a in result.attributions if a.kind != "own_voice"]
        add_scores(total, score_article(article.text, article.attributions, system))
    return total


def format_table(scores: dict[str, dict[str, Score]]) -> str:
    lines = [f"{'role':<9}{'match':<9}{'P':>8}{'R':>8}{'F1':>8}{'gold':>8}{'system':>8}"]
    for role in ROLES:
        for mode in ("exact", "overlap"):
            s = scores[mode][role]
            lines.append(
                f"{role:<9}{mode:<9}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}{s.gold:>8}{s.system:>8}"
            )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="newsgraph evaluate attribution",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("gold", type=Path, metavar="GOLD.jsonl")
    parser.add_argument("--json", type=Path, metavar="REPORT", help="also write a JSON report")
    parser.add_argument("--limit", type=int, default=0, help="score the first N articles only")
    args = parser.parse_args(argv)
    try:
        articles = list(read_gold(args.gold))
    except (OSError, ValueError) as error:
        print(f"newsgraph: {error}", file=sys.stderr)
        return 1
    if args.limit:
        articles = articles[: args.limit]
    started = time.perf_counter()
    scores = evaluate(articles, Pipeline(["attribution"]))
    seconds = time.perf_counter() - started
    print(f"{len(articles)} articles from {args.gold}, {seconds:.1f}s")
    print(format_table(scores))
    if args.json:
        report: dict[str, Any] = {
            "gold": str(args.gold),
            "articles": len(articles),
            "seconds": round(seconds, 2),
            "scores": {
                m: {r: s.as_dict() for r, s in roles.items()} for m, roles in scores.items()
            },
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
