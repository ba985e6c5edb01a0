"""Two ingests of the same articles into one PostgreSQL store at once: no duplicates."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from newsgraph.store import tables
from newsgraph.store.engine import connect
from tests.store.articles import write_feed
from tests.store.postgres import fresh_database

REPO = Path(__file__).resolve().parents[2]


def test_two_ingests_at_once_store_each_document_once(postgres: str, tmp_path: Path) -> None:
    url = fresh_database(postgres)
    total = 16
    feed = write_feed(tmp_path / "feed.jsonl", total)
    # The entities stage too, so that both writers also race for the same corpus entities.
    command = [sys.executable, "-m", "newsgraph.cli", "ingest", str(feed), "--db", url]
    command += ["--stages", "entities", "--no-progress"]
    children = [
        subprocess.Popen(command, cwd=REPO, stderr=subprocess.PIPE, text=True) for _ in range(2)
    ]
    reports = [child.communicate(timeout=300)[1] for child in children]
    assert [child.returncode for child in children] == [0, 0], reports

    stored = unchanged = 0
    for report in reports:
        found = re.search(r"(\d+) stored, 0 replaced, (\d+) unchanged, 0 failed", report)
        assert found, report
        stored += int(found[1])
        unchanged += int(found[2])
    assert stored == total and unchanged == total

    engine = connect(url)
    try:
        with engine.connect() as connection:

            def count(table: object) -> int:
                value: int = connection.execute(
                    select(func.count()).select_from(table)  # type: ignore[arg-type]
                ).scalar_one()
                return value

            assert count(tables.documents) == total
            entities = count(tables.entities)
            assert entities > 0 and count(tables.entity_links) == entities
            keys = connection.execute(select(tables.corpus_entities.c.key)).scalars().all()
            assert len(keys) == len(set(keys))
    finally:
        engine.dispose()
