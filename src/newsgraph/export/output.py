"""Where an export goes: checked before any work, written to OUT.partial, renamed when done.

A failed or interrupted export leaves OUT.partial (removed at the next try) and never an OUT
that looks complete. A folder export replaces an earlier export's folder only when that folder
holds nothing but files of the same format, so that a mistyped OUT cannot wipe other work.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class OutputError(Exception):
    """OUT cannot take this export; the message says why."""


def partial_path(out: Path) -> Path:
    return out.with_name(out.name + ".partial")


def check_output(out: Path, folder: bool, suffix: str) -> None:
    """Refuse OUT before any work: a file where a folder is needed or the reverse, a folder
    that is not an earlier export, a parent folder that does not exist."""
    if not out.parent.is_dir():
        raise OutputError(f"{out}: folder {out.parent} does not exist")
    if folder:
        if out.exists() and not out.is_dir():
            raise OutputError(f"{out}: is a file; this format writes a folder of {suffix} files")
        if out.is_dir():
            strangers = [p.name for p in out.iterdir() if not (p.is_file() and p.suffix == suffix)]
            if strangers:
                raise OutputError(
                    f"{out}: folder holds other things than {suffix} files ({strangers[0]}); "
                    "choose a new or empty folder"
                )
    elif out.is_dir():
        raise OutputError(f"{out}: is a folder; this format writes one file")


@contextmanager
def staged(out: Path, folder: bool) -> Iterator[Path]:
    """Yield OUT.partial (an empty folder, or a path for one file) and move it to OUT when the
    block ends without an error."""
    partial = partial_path(out)
    _remove(partial)
    if folder:
        partial.mkdir()
    yield partial
    if folder and out.is_dir():
        shutil.rmtree(out)
    os.replace(partial, out)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
