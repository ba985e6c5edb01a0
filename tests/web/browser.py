"""The real pieces the page tests drive: the application served by uvicorn on a free loopback
port, and Debian's headless Chromium driven by Playwright (never a browser Playwright would
download). scripts/screenshots.py uses the same code.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import uvicorn

from newsgraph.model import Analysis
from newsgraph.store.documents import insert_analysis
from newsgraph.store.engine import check_revision, connect
from newsgraph.store.linking import link_document

CHROMIUM = Path(os.environ.get("NEWSGRAPH_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REPO = Path(__file__).resolve().parents[2]
AXE = REPO / "web" / "node_modules" / "axe-core" / "axe.min.js"


def chromium_missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.is_file() and not shutil.which(str(CHROMIUM)):
        return f"{CHROMIUM} is missing (apt-get install -y chromium)"
    try:
        import playwright  # noqa: F401
    except ModuleNotFoundError:
        return "the playwright package is missing (pip install -e '.[dev]')"
    return None


def fill_store(url: str, analyses: list[Analysis], corpus: bool = False) -> str:
    """Store the analyses (with their corpus links) in the empty store at `url`; with
    `corpus`, run the cross-article layer over them too (copies, stories, claims), as
    `newsgraph ingest` and `newsgraph claims --update` do."""
    from newsgraph.corpus.claims import update_claims
    from newsgraph.corpus.update import update_corpus

    engine = connect(url)
    check_revision(engine, create=True)
    with engine.begin() as connection:
        for analysis in analyses:
            link_document(connection, insert_analysis(connection, analysis))
    if corpus:
        update_corpus(engine)
        update_claims(engine)
    engine.dispose()
    return url


def make_app(url: str) -> Any:
    """The newsgraph application over the store at `url`, pages included."""
    from newsgraph.api.app import create_app
    from newsgraph.api.settings import ServeSettings

    return create_app(ServeSettings(db_url=url))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@contextmanager
def serve(url: str) -> Iterator[str]:
    """Serve the application over the store at `url`; yields its base address."""
    port = _free_port()
    config = uvicorn.Config(make_app(url), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"the application did not start on port {port}")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium (Debian's), closed at the end."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
