"""`newsgraph evaluate extraction DIR_OR_GROUND_TRUTH`: how well the HTML reader finds the
article body of real web pages.

The set is laid out as in the article-extraction benchmark: `ground-truth.json` maps each page
id to `{"articleBody": ..., "url": ...}` and the page itself is `html/<id>.html.gz` beside it
(`html/<id>.html` is read too). Each page goes through newsgraph's HTML reader; its text and the
true body are compared as multisets of 4-token shingles (tokens are `\\w+` runs). Per page the
shared, extra and missing shingles give a precision and a recall; both are averaged over pages
(a long page weighs no more than a short one) and F1 is computed from the two means.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from newsgraph.ingest.document import ReadOptions
from newsgraph.ingest.errors import IngestError
from newsgraph.ingest.readers import read_html

SHINGLE_SIZE = 4
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class TruePage:
    id: str
    body: str
    url: str | None
    html_path: Path


@dataclass(frozen=True)
class PageScore:
    id: str
    precision: float
    recall: float
    extracted: bool  # False when the reader found no text at all


@dataclass(frozen=True)
class Summary:
    precision: float
    recall: float
    f1: float
    pages: int
    empty: int


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """The text's overlapping runs of `size` tokens, counted; a text shorter than that is one
    shingle of all its tokens, so a short body still counts."""
    tokens = _TOKEN.findall(text)
    if not tokens:
        return Counter()
    last = max(1, len(tokens) - size + 1)
    return Counter(tuple(tokens[i : i + size]) for i in range(last))


def score_page(true_text: str, predicted: str) -> tuple[float, float]:
    """Precision and recall of one page's shingles. Two empty texts agree perfectly; an empty
    side against a non-empty one scores zero."""
    truth, guess = shingles(true_text), shingles(predicted)
    shared = sum((truth & guess).values())
    extra = sum(guess.values()) - shared
    missing = sum(truth.values()) - shared
    if extra == missing == 0:
        return 1.0, 1.0
    precision = shared / (shared + extra) if shared + extra else 0.0
    recall = shared / (shared + missing) if shared + missing else 0.0
    return precision, recall


def summarise(scores: list[PageScore]) -> Summary:
    if not scores:
        return Summary(0.0, 0.0, 0.0, 0, 0)
    precision = sum(s.precision for s in scores) / len(scores)
    recall = sum(s.recall for s in scores) / len(scores)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    empty = sum(not s.extracted for s in scores)
    return Summary(precision, recall, f1, len(scores), empty)


def read_ground_truth(location: Path) -> list[TruePage]:
    """The pages of a set: `location` is its folder or its ground-truth.json."""
    truth_path = location / "ground-truth.json" if location.is_dir() else location
    try:
        records = json.loads(truth_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IngestError(str(truth_path), "no such file") from None
    except json.JSONDecodeError as error:
        raise IngestError(str(truth_path), f"malformed JSON: {error.msg}") from None
    if not isinstance(records, dict):
        raise IngestError(str(truth_path), "expected a JSON object of page id -> record")
    pages = []
    html_dir = truth_path.parent / "html"
    for page_id in sorted(records):
        record = records[page_id]
        body = record.get("articleBody") if isinstance(record, dict) else None
        if not isinstance(body, str):
            raise IngestError(str(truth_path), "record has no articleBody string", page_id)
        html_path = html_dir / f"{page_id}.html.gz"
        if not html_path.exists():
            html_path = html_dir / f"{page_id}.html"
        pages.append(TruePage(page_id, body, record.get("url"), html_path))
    return pages


def extracted_text(page: TruePage) -> str:
    """What newsgraph's HTML reader makes of the page; '' when it finds no article."""
    try:
        raw = page.html_path.read_bytes()
    except FileNotFoundError:
        raise IngestError(str(page.html_path), "no such file") from None
    if page.html_path.suffix == ".gz":
        raw = gzip.decompress(raw)
    try:
        return read_html(raw, str(page.html_path), page.id, ReadOptions(), url=page.url).text
    except IngestError:
        return ""


def evaluate(pages: list[TruePage]) -> list[PageScore]:
    scores = []
    for page in pages:
        text = extracted_text(page)
        precision, recall = score_page(page.body, text)
        scores.append(PageScore(page.id, precision, recall, bool(text.strip())))
    return scores


def format_table(summary: Summary) -> str:
    header = f"{'P':>8}{'R':>8}{'F1':>8}{'pages':>8}{'empty':>8}"
    row = (
        f"{summary.precision:>8.3f}{summary.recall:>8.3f}{summary.f1:>8.3f}"
        f"{summary.pages:>8}{summary.empty:>8}"
    )
    return f"{header}\n{row}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="newsgraph evaluate extraction",
        description="Score the HTML reader's main text against the true article bodies of a "
        "set of pages (ground-truth.json + html/<id>.html.gz): shingle precision and recall "
        "averaged over pages.",
    )
    parser.add_argument("gold", type=Path, metavar="DIR_OR_GROUND_TRUTH")
    parser.add_argument("--json", type=Path, metavar="REPORT", help="also write a JSON report")
    parser.add_argument("--limit", type=int, metavar="N", help="score only the first N pages")
    args = parser.parse_args(argv)
    try:
        pages = read_ground_truth(args.gold)[: args.limit]
        started = time.perf_counter()
        scores = evaluate(pages)
    except IngestError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    summary = summarise(scores)
    print(format_table(summary))
    print(f"{len(pages)} pages in {time.perf_counter() - started:.1f}s")
    if args.json:
        report = {"summary": asdict(summary), "pages": [asdict(s) for s in scores]}
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0
