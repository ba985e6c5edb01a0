"""What earlier runs fetched, in SQLite beside the WARC (CRAWL.warc.gz.state): for each page its
outcome, ETag and Last-Modified, and the run that last saw it. A page is written here only after
its records are on disk, and each change is its own committed transaction, so a kill loses at
most the page in flight.

A run that ended without finishing (Ctrl-C, kill) is resumed by the next one: what it already
did is not asked for again. After a finished run, the next one asks again for every page, with
its validators, so that only new or changed pages are downloaded."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from newsgraph.collect.fetcher import Outcome, Validators

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT
);
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY, final_url TEXT, outcome TEXT NOT NULL, note TEXT,
    etag TEXT, last_modified TEXT, checked TEXT NOT NULL, run INTEGER NOT NULL,
    warc_end INTEGER  -- where this page's records end in the WARC file
);
"""
# Outcomes a resumed run does not ask for again; failures are tried again.
_SETTLED = ("fetched", "not_modified", "skipped")


@dataclass(frozen=True)
class Run:
    id: int
    resumed: bool  # True: the previous run was interrupted and this one goes on with it


class CrawlState:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = sqlite3.connect(path)
        # WAL with NORMAL sync: a commit survives the process being killed (what resuming is
        # for) without an fsync per page; only a power cut could lose the last few, and those
        # pages would then be fetched again, never lost, since the WARC is synced first.
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self._db.commit()

    def close(self) -> None:
        self._db.close()

    def begin(self) -> Run:
        """Go on with an interrupted run, or start a new one."""
        row = self._db.execute("SELECT id, finished FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        if row is not None and row[1] is None:
            return Run(int(row[0]), resumed=True)
        with self._db:
            cursor = self._db.execute("INSERT INTO runs (started) VALUES (?)", (_now(),))
        return Run(int(cursor.lastrowid or 0), resumed=False)

    def finish(self, run: Run) -> None:
        with self._db:
            self._db.execute("UPDATE runs SET finished = ? WHERE id = ?", (_now(), run.id))

    def settled_in(self, url: str, run: Run) -> bool:
        """Already fetched, found unchanged or skipped in this run (before an interruption)."""
        row = self._db.execute("SELECT outcome, run FROM pages WHERE url = ?", (url,)).fetchone()
        return row is not None and row[1] == run.id and row[0] in _SETTLED

    def validators(self, url: str) -> Validators | None:
        """ETag and Last-Modified of the copy already in the archive, if there is one."""
        row = self._db.execute(
            "SELECT etag, last_modified, outcome FROM pages WHERE url = ?", (url,)
        ).fetchone()
        if row is None or row[2] not in ("fetched", "not_modified") or not (row[0] or row[1]):
            return None
        return Validators(etag=row[0], last_modified=row[1])

    def record(
        self,
        url: str,
        run: Run,
        outcome: Outcome,
        *,
        final_url: str | None = None,
        note: str | None = None,
        validators: Validators | None = None,
        warc_end: int | None = None,
    ) -> None:
        """Remember one page. A 304 keeps the validators of the copy it confirmed."""
        known = self.validators(url)
        if outcome == "not_modified" and known is not None:
            validators = Validators(
                etag=(validators.etag if validators else None) or known.etag,
                last_modified=(validators.last_modified if validators else None)
                or known.last_modified,
            )
        etag = validators.etag if validators else None
        modified = validators.last_modified if validators else None
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (url, final_url, outcome, note, etag, modified, _now(), run.id, warc_end),
            )

    def forget_beyond(self, warc_size: int) -> int:
        """Forget pages whose records are not (or no longer) in the WARC file, which is
        `warc_size` bytes long, so that they are fetched again in full. Returns how many."""
        with self._db:
            cursor = self._db.execute("DELETE FROM pages WHERE warc_end > ?", (warc_size,))
        return cursor.rowcount

    def outcomes(self) -> dict[str, str]:
        """url -> last outcome, for reports and tests."""
        return dict(self._db.execute("SELECT url, outcome FROM pages").fetchall())


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
