"""Build entities-dev.jsonl and entities-heldout.jsonl from their annotated sources.

Two source forms:

* `*.txt`: the article with inline marks, `[surface]{k.cluster}`; marks may nest
  (`[the [Syrian]{c.syria} president]{p.sharaa}`). `k` gives the kind: p person,
  o organization, c country, l place, g group, e event, x other.
* `*.ann`: stand-off marks for an article kept elsewhere. First line `source: PATH` (relative to
  the repository root); then one mention per line in reading order, `surface | k.cluster`,
  optionally `| skip=N` to pass over N earlier occurrences. Each surface is searched from the
  previous mention's start, on word boundaries.

Every mention is checked: `text[start:end] == surface`. Run: python data/gold/build_entities_gold.py
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
KINDS = {
    "p": "person", "o": "organization", "c": "country", "l": "place", "g": "group",
    "e": "event", "x": "other",
}  # fmt: skip
MARK = re.compile(r"\[|\]\{([a-z])\.([A-Za-z0-9_-]+)\}")


def parse_inline(marked: str) -> tuple[str, list[dict[str, object]]]:
    out: list[str] = []
    length = 0
    stack: list[int] = []
    mentions: list[dict[str, object]] = []
    position = 0
    for match in MARK.finditer(marked):
        piece = marked[position : match.start()]
        out.append(piece)
        length += len(piece)
        position = match.end()
        if match.group() == "[":
            stack.append(length)
            continue
        start = stack.pop()
        kind, name = match.group(1), match.group(2)
        mentions.append(
            {"start": start, "end": length, "cluster": f"{kind}.{name}", "kind": KINDS[kind]}
        )
    out.append(marked[position:])
    if stack:
        raise ValueError(f"unclosed mark at {stack}")
    text = "".join(out)
    for mention in mentions:
        mention["text"] = text[int(mention["start"]) : int(mention["end"])]  # type: ignore[call-overload]
    return text, mentions


def article_text(path: Path) -> str:
    """The article text exactly as newsgraph reads it (crawl header line removed)."""
    from newsgraph.ingest import read_inputs

    documents = list(read_inputs([str(path)]))
    return documents[0].text  # type: ignore[union-attr]


def parse_standoff(lines: list[str]) -> tuple[str, list[dict[str, object]]]:
    source = lines[0].split(":", 1)[1].strip()
    text = article_text(REPO / source)
    mentions: list[dict[str, object]] = []
    cursor = 0
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("|")]
        surface, cluster = fields[0], fields[1]
        found = None
        skip = int(fields[2].split("=")[1]) if len(fields) > 2 else 0
        pattern = re.compile(rf"(?<![\w]){re.escape(surface)}(?![\w])")
        search_from = cursor
        wanted = skip + 1
        while wanted:
            found = pattern.search(text, search_from)
            if found is None:
                raise ValueError(f"line {number}: {surface!r} not found after {search_from}")
            search_from = found.start() + 1
            # A short name inside a longer name of the same cluster is not a mention of its own.
            inside = any(
                m["cluster"] == cluster and m["start"] <= found.start() and found.end() <= m["end"]
                for m in mentions
            )
            if not inside:
                wanted -= 1
        assert found is not None
        kind = cluster.split(".")[0]
        mentions.append(
            {"start": found.start(), "end": found.end(), "cluster": cluster, "kind": KINDS[kind],
             "text": surface}
        )  # fmt: skip
        cursor = found.start()
    return text, mentions


# Source folder -> output file. The held-out set was written after the rules were frozen and
# is never used to change them.
SETS = {"entities-src": "entities-dev.jsonl", "entities-heldout-src": "entities-heldout.jsonl"}


def build_set(source: Path, target: Path) -> None:
    records = []
    for path in sorted(source.iterdir()):
        content = path.read_text(encoding="utf-8")
        if path.suffix == ".txt":
            text, mentions = parse_inline(content.strip() + "\n")
        elif path.suffix == ".ann":
            text, mentions = parse_standoff(content.splitlines())
        else:
            continue
        for mention in mentions:
            start, end = int(mention["start"]), int(mention["end"])  # type: ignore[call-overload]
            if text[start:end] != mention["text"]:
                raise ValueError(f"{path.name}: offsets disagree for {mention}")
        mentions.sort(key=lambda m: (m["start"], m["end"]))  # type: ignore[return-value]
        records.append({"id": path.stem, "text": text, "mentions": mentions})
    with target.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    total = sum(len(r["mentions"]) for r in records)  # type: ignore[misc, arg-type]
    print(f"{len(records)} documents, {total} mentions -> {target}", file=sys.stderr)


def main() -> int:
    for source, target in SETS.items():
        build_set(HERE / source, HERE / target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
