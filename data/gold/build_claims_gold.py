"""Build claims-dev.json and claims-heldout.json from claims-src/.

Each folder of claims-src/ is one story: its articles (`<letter>-<outlet>.txt`, crawl header
first, read exactly as newsgraph reads them) and `claims.json`, which lists the story's claims.
A claim has an id, the two flags (laundering, hardening) and its appearances, each
`[letter, content]`: the content as it stands in that article, optionally a third item N to
pass over N earlier occurrences. The builder finds every content in its article and writes its
character offsets; `text[start:end] == content` is checked.

Stories 01-06 are the development set; 07-09 are held out (see README.md).
Run: .venv/bin/python data/gold/build_claims_gold.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "claims-src"
HELD_OUT = ("07", "08", "09")
FORMAT = "newsgraph-claims-gold"


def read_article(path: Path) -> Any:
    from newsgraph.ingest import Document, read_inputs

    [document] = list(read_inputs([str(path)]))
    if not isinstance(document, Document):
        raise ValueError(f"{path}: {document}")
    return document


def build_story(folder: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    documents: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.txt")):
        document = read_article(path)
        letter = path.stem.split("-", 1)[0]
        meta = document.meta
        documents[letter] = {
            "id": f"{folder.name}-{path.stem}",
            "published": meta.published.isoformat() if meta.published else None,
            "outlet": meta.outlet,
            "via": list(meta.via),
            "text": document.text,
        }
    annotation = json.loads((folder / "claims.json").read_text(encoding="utf-8"))
    claims = []
    for claim in annotation["claims"]:
        appearances = []
        for item in claim["appearances"]:
            letter, content = item[0], item[1]
            skip = int(item[2]) if len(item) > 2 else 0
            text = documents[letter]["text"]
            start = -1
            for _ in range(skip + 1):
                start = text.find(content, start + 1)
                if start < 0:
                    raise ValueError(f"{folder.name}/{letter}: {content!r} not found")
            end = start + len(content)
            assert text[start:end] == content
            appearances.append(
                {"document": documents[letter]["id"], "start": start, "end": end, "text": content}
            )
        claims.append(
            {
                "id": f"{folder.name[:2]}/{claim['id']}",
                "story": folder.name,
                "laundering": bool(claim["laundering"]),
                "hardening": bool(claim["hardening"]),
                "note": claim.get("note"),
                "appearances": appearances,
            }
        )
    return list(documents.values()), claims


def build(split: str, folders: list[Path], target: Path) -> None:
    documents: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    for folder in folders:
        story_documents, story_claims = build_story(folder)
        documents.extend(story_documents)
        claims.extend(story_claims)
    gold = {
        "format": FORMAT,
        "version": 1,
        "split": split,
        "documents": documents,
        "claims": claims,
    }
    target.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    appearances = sum(len(c["appearances"]) for c in claims)
    print(
        f"{split}: {len(folders)} stories, {len(documents)} documents, {len(claims)} claims, "
        f"{appearances} appearances -> {target.name}",
        file=sys.stderr,
    )


def main() -> int:
    folders = sorted(p for p in SOURCE.iterdir() if p.is_dir())
    dev = [f for f in folders if not f.name.startswith(HELD_OUT)]
    held_out = [f for f in folders if f.name.startswith(HELD_OUT)]
    build("dev", dev, HERE / "claims-dev.json")
    build("heldout", held_out, HERE / "claims-heldout.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
