"""The one error type every reader raises for bad input."""

from __future__ import annotations

from typing import Any


class IngestError(Exception):
    """Bad input in one file or one record of it; printed as `path[:where]: problem`."""

    def __init__(self, path: str, problem: str, where: str | None = None) -> None:
        super().__init__(problem)
        self.path = path
        self.problem = problem
        self.where = where

    def __str__(self) -> str:
        location = f"{self.path}:{self.where}" if self.where else self.path
        return f"{location}: {self.problem}"

    def __reduce__(self) -> tuple[Any, ...]:
        # Errors ride with their documents to parser worker processes and back. Exception's
        # own pickling rebuilds from `args` (the problem alone) and so cannot call __init__;
        # type(self) keeps subclasses (the pipeline's StageError) what they were.
        return (type(self), (self.path, self.problem, self.where))
