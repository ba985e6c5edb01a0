"""What the user sees while collecting: a progress bar (pages fetched, skipped, failed, the host
being asked) on stderr, a one-line note or error per page that was not collected."""

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


class CollectReporter:
    def __init__(self, show_progress: bool) -> None:
        self._console = Console(stderr=True, highlight=False, soft_wrap=True)
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        self.fetched = self.not_modified = self.skipped = self.failed = 0
        if show_progress:
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("collecting"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn(
                    "{task.fields[fetched]} fetched, {task.fields[skipped]} skipped, "
                    "{task.fields[failed]} failed  {task.fields[host]}"
                ),
                TimeElapsedColumn(),
                console=self._console,
                transient=True,
            )
            self._task = self._progress.add_task(
                "collect", total=None, fetched=0, skipped=0, failed=0, host=""
            )

    def planned(self, total: int) -> None:
        """How many article pages are to be asked for, once discovery is done."""
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, total=total)

    def asking(self, host: str) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, host=host)

    def page_fetched(self, not_modified: bool = False) -> None:
        if not_modified:
            self.not_modified += 1
        else:
            self.fetched += 1
        self._advance()

    def page_skipped(self, url: str, why: str | None, quiet: bool = False) -> None:
        self.skipped += 1
        if not quiet:
            self.line(f"skipped: {url}: {why}")
        self._advance()

    def page_failed(self, url: str, why: str | None) -> None:
        self.failed += 1
        self.line(f"error: {url}: {why}")
        self._advance()

    def line(self, text: str) -> None:
        if self._progress is not None:
            self._progress.console.print(text, markup=False)
        else:
            print(text, file=sys.stderr, flush=True)

    def _advance(self) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.update(
                self._task,
                advance=1,
                fetched=self.fetched + self.not_modified,
                skipped=self.skipped,
                failed=self.failed,
            )

    def __enter__(self) -> CollectReporter:
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
