"""The output folder of `newsgraph spark analyze` and how a run is committed into it.

    OUT/_newsgraph.json                      what this folder is, and the runs committed to it
    OUT/documents/published_month=2025-04/SET.parquet
    OUT/mentions/published_month=2025-04/SET.parquet      (one folder per exported table)
    OUT/errors/run=RUN/SET.parquet           the documents a run could not analyse, and why
    OUT/copies/*.parquet                     exact and near copies, over every document

A file set `SET` is one task's documents of one month: the same name in every table, so that a
reader can take one set at a time. Documents without a date go to the partition Spark and
pyarrow read as null (`published_month=__HIVE_DEFAULT_PARTITION__`).

A run writes into OUT/_staging/RUN/ and is committed by moving its files into place. The moves
are written down first (`_commit.json`, itself renamed into place), so an interrupted commit
is finished by the next run, and a reader refuses a folder with an unfinished one: partial
output never looks complete.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MARKER = "_newsgraph.json"
JOURNAL = "_commit.json"
STAGING = "_staging"
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"
FORMAT = "newsgraph-spark-tables"
FORMAT_VERSION = 1


class OutputFolderError(Exception):
    """OUT is not (or not yet, or no longer) a usable output folder; the message says why."""


def month_folder(month: str | None) -> str:
    return f"published_month={month or NULL_PARTITION}"


def check_output_folder(out: Path) -> None:
    """Refuse an OUT that is a file, lies in a missing folder, or is a folder that holds
    other things than an earlier run's output."""
    if out.exists() and not out.is_dir():
        raise OutputFolderError(f"{out}: is a file; --out names a folder")
    if not out.exists():
        if not out.parent.is_dir():
            raise OutputFolderError(f"{out}: folder {out.parent} does not exist")
        return
    entries = [p.name for p in out.iterdir()]
    if entries and MARKER not in entries and entries != [STAGING]:
        raise OutputFolderError(
            f"{out}: folder holds other things than newsgraph spark output ({sorted(entries)[0]});"
            " choose a new or empty folder"
        )


def read_marker(out: Path) -> dict[str, Any]:
    """The folder's description; OutputFolderError unless it is a complete output folder."""
    if not out.is_dir():
        raise OutputFolderError(f"{out}: no such folder")
    if (out / JOURNAL).exists():
        raise OutputFolderError(
            f"{out}: a run's commit was interrupted; run `newsgraph spark analyze` on it again "
            "(with any inputs) to finish it"
        )
    try:
        marker: dict[str, Any] = json.loads((out / MARKER).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise OutputFolderError(
            f"{out}: not the output of `newsgraph spark analyze` (no {MARKER}; an unfinished "
            "first run leaves none)"
        ) from None
    except (OSError, ValueError) as error:
        raise OutputFolderError(f"{out}/{MARKER}: unreadable: {error}") from None
    if marker.get("format") != FORMAT or marker.get("version") != FORMAT_VERSION:
        raise OutputFolderError(f"{out}: written in another format ({marker.get('format')!r})")
    return marker


@dataclass(frozen=True)
class Commit:
    """The files of one run to move into OUT, and the tables it replaces whole."""

    run_id: str
    moves: list[tuple[str, str]]  # (under the run's staging folder, under OUT)
    replaced: list[str]  # tables (folders) replaced whole, e.g. copies
    summary: dict[str, Any]


def staging_folder(out: Path, run_id: str) -> Path:
    return out / STAGING / run_id


def commit(out: Path, plan: Commit) -> None:
    """Move a run's staged files into OUT, surviving a crash at any point (see the module)."""
    record = {
        "run_id": plan.run_id,
        "moves": plan.moves,
        "replaced": plan.replaced,
        "summary": plan.summary,
    }
    written = out / f"{JOURNAL}.tmp"
    written.write_text(json.dumps(record), encoding="utf-8")
    os.replace(written, out / JOURNAL)
    finish_commit(out)


def finish_commit(out: Path) -> bool:
    """Carry out a written-down commit to its end (again, if a run died inside it); True when
    there was one."""
    journal = out / JOURNAL
    if not journal.exists():
        return False
    record = json.loads(journal.read_text(encoding="utf-8"))
    run_id = record["run_id"]
    staged = staging_folder(out, run_id)
    for table in record["replaced"]:
        source, target = staged / table, out / table
        if source.exists():
            if target.exists():
                shutil.rmtree(target)
            os.replace(source, target)
    for source_name, target_name in record["moves"]:
        source, target = staged / source_name, out / target_name
        if source.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
    marker_path = out / MARKER
    marker: dict[str, Any] = {"format": FORMAT, "version": FORMAT_VERSION, "runs": []}
    if marker_path.exists():
        marker = json.loads(marker_path.read_text(encoding="utf-8"))
    if all(run.get("run_id") != run_id for run in marker["runs"]):
        marker["runs"].append({"run_id": run_id, **record["summary"]})
    written = out / f"{MARKER}.tmp"
    written.write_text(json.dumps(marker, indent=2), encoding="utf-8")
    os.replace(written, marker_path)
    journal.unlink()
    shutil.rmtree(staged, ignore_errors=True)
    with contextlib.suppress(OSError):  # other runs' folders may still be there
        staged.parent.rmdir()
    return True


def clear_stale_staging(out: Path) -> None:
    """Remove what runs that died before their commit left in the staging folder."""
    staging = out / STAGING
    if staging.is_dir() and not (out / JOURNAL).exists():
        shutil.rmtree(staging)


def new_run_id(now: dt.datetime) -> str:
    return now.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}"
