"""Progress bar and failure lines on stderr, kept apart from the data on stdout."""

from __future__ import annotations

import sys
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)


class Reporter:
    """Counts documents; prints each failure as one line `error: path[:where]: problem`."""

    def __init__(self, show_progress: bool, label: str = "analysing") -> None:
        self.failures = 0
        self.done = 0
        self._console = Console(stderr=True, highlight=False, soft_wrap=True)
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        if show_progress:
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn(label),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[failed]} failed"),
                TimeElapsedColumn(),
                console=self._console,
                transient=True,
            )
            self._task = self._progress.add_task("analyse", total=None, failed=0)

    def analysed(self) -> None:
        self.done += 1
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, advance=1)

    def failed(self, message: str) -> None:
        self.failures += 1
        line = f"error: {message}"
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, advance=1, failed=self.failures)
            self._progress.console.print(line, markup=False)
        else:
            print(line, file=sys.stderr, flush=True)

    def __enter__(self) -> Reporter:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()
