"""Writing analyses: JSON (one object, or an array) or JSONL (one object a line).

A file is written under `NAME.partial` and renamed to NAME only when the run finished, so a
crash, an interrupt or a `--strict` stop never leaves a file that looks complete.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType
from typing import Literal, TextIO

from newsgraph.model import Analysis

OutputFormat = Literal["json", "jsonl"]
PARTIAL_SUFFIX = ".partial"


class AnalysisWriter:
    """Streams JSONL as documents finish; JSON is held until the end (it is one value)."""

    def __init__(self, path: Path | None, output_format: OutputFormat) -> None:
        self.path = path
        self.format = output_format
        self.count = 0
        self._held: list[str] = []
        self._stream: TextIO
        if path is None:
            self._stream = sys.stdout
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._stream = self.partial_path.open("w", encoding="utf-8")

    @property
    def partial_path(self) -> Path:
        assert self.path is not None
        return self.path.with_name(self.path.name + PARTIAL_SUFFIX)

    def write(self, analysis: Analysis) -> None:
        self.count += 1
        if self.format == "jsonl":
            self._stream.write(analysis.model_dump_json() + "\n")
            self._stream.flush()
        else:
            self._held.append(analysis.model_dump_json(indent=2))

    def commit(self) -> None:
        """The run is complete: write held JSON and move the file into place."""
        if self.format == "json":
            if len(self._held) == 1:
                self._stream.write(self._held[0] + "\n")
            else:
                self._stream.write(_json_array(self._held))
        self._stream.flush()
        if self.path is not None:
            self._stream.close()
            os.replace(self.partial_path, self.path)

    def abandon(self) -> None:
        """The run stopped early: keep what was written, clearly named as partial."""
        if self.format == "json" and self._held:
            self._stream.write(_json_array(self._held))
        self._stream.flush()
        if self.path is not None:
            self._stream.close()

    def __enter__(self) -> AnalysisWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if kind is None:
            self.commit()
        else:
            self.abandon()


def _json_array(items: list[str]) -> str:
    return "[\n" + ",\n".join(items) + "\n]\n" if items else "[]\n"
