"""Take the README's screenshots of the pages: the example articles analysed into a temporary
store, served by the real application, photographed by Debian's headless Chromium with the
code the page tests use (tests/web/browser.py).

Usage: .venv/bin/python scripts/screenshots.py [OUTPUT_FOLDER]   (default docs/img)
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.web.browser import chromium, chromium_missing, fill_store, serve  # noqa: E402

from newsgraph.ingest import IngestError, ReadOptions, read_inputs  # noqa: E402
from newsgraph.pipeline import Pipeline  # noqa: E402

ARTICLE = "2023-11-20-sahel-menaka-ceasefire"


def main() -> int:
    missing = chromium_missing()
    if missing:
        print(f"screenshots: {missing}", file=sys.stderr)
        return 1
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "img"
    out.mkdir(parents=True, exist_ok=True)
    analyses = []
    for result in Pipeline().analyze_many(
        read_inputs([str(REPO / "examples")], ReadOptions(), None)
    ):
        if isinstance(result, IngestError):
            print(f"screenshots: {result}", file=sys.stderr)
            return 1
        analyses.append(result)
    article = next(a for a in analyses if a.id == ARTICLE)
    counts = Counter(a.source_entity for a in article.attributions if a.source_entity)
    speaker = next(e for e in article.entities if e.id == counts.most_common(1)[0][0])
    mention = next(m for m in article.mentions if m.entity == speaker.id)
    with tempfile.TemporaryDirectory() as folder:
        url = fill_store(f"sqlite:///{Path(folder) / 'newsgraph.db'}", analyses)
        with serve(url) as site, chromium() as browser:
            page = browser.new_page(viewport={"width": 1200, "height": 720})
            page.goto(f"{site}/documents/{ARTICLE}")
            page.locator(f'#article-text .seg[data-s="{mention.start}"]').first.focus()
            page.screenshot(path=str(out / "article.png"))
            page.locator(".statements a.speaker", has_text=speaker.name).first.click()
            page.wait_for_selector("#said-h")
            page.screenshot(path=str(out / "speaker.png"))
    for name in ("article.png", "speaker.png"):
        print(f"{out / name}: {(out / name).stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
