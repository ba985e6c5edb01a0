"""What `newsgraph serve` was asked for: which store, which key guards writes, which limits."""

from __future__ import annotations

import os
from dataclasses import dataclass

API_KEY_ENVIRONMENT = "NEWSGRAPH_API_KEY"
DEFAULT_UPLOAD_LIMIT = 5 * 1024 * 1024  # bytes of an uploaded or posted article
API_KEY_HEADER = "X-API-Key"


@dataclass(frozen=True)
class ServeSettings:
    """The settings of one API application.

    `db_url`: the store (None: NEWSGRAPH_DB, else ./newsgraph.db). `api_key`: when set, every
    write (a submission) must carry it in the X-API-Key header. `upload_limit`: the largest
    request body accepted, in bytes. `demo`: the store is a temporary one holding the bundled
    examples. `analysis_workers`: processes analysing submitted articles. `analysis_stages`:
    the stages they run (None: all)."""

    db_url: str | None = None
    api_key: str | None = None
    upload_limit: int = DEFAULT_UPLOAD_LIMIT
    demo: bool = False
    analysis_workers: int = 1
    analysis_stages: tuple[str, ...] | None = None

    @classmethod
    def from_environment(cls, db_url: str | None = None, **values: object) -> ServeSettings:
        """Settings with the API key taken from NEWSGRAPH_API_KEY (an empty one is none)."""
        key = os.environ.get(API_KEY_ENVIRONMENT) or None
        return cls(db_url=db_url, api_key=key, **values)  # type: ignore[arg-type]
