"""`newsgraph.analyze(text)`: one article in, its Analysis out, for notebooks and scripts.

The Pipeline (spaCy model and stages) is built on the first call for a set of stages and kept,
so later calls cost only the analysis; `import newsgraph` loads none of it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from newsgraph.ingest.document import make_document
from newsgraph.model import Analysis, SourceInfo

if TYPE_CHECKING:
    from newsgraph.pipeline import Pipeline


def analyze(
    text: str,
    *,
    published: dt.date | str | None = None,
    stages: Sequence[str] | None = None,
    doc_id: str = "text",
) -> Analysis:
    """Analyse one article's text. `published` (a date or YYYY-MM-DD) anchors relative dates
    ("on Monday"); `stages` runs a subset (and what it needs), as `--stages` does.

    Raises ValueError for an empty text, a bad date or an unknown stage."""
    from newsgraph.ingest import IngestError

    when = dt.date.fromisoformat(published) if isinstance(published, str) else published
    try:
        document = make_document(
            doc_id=doc_id, text=text, source=SourceInfo(format="text"), published=when
        )
    except IngestError as error:
        raise ValueError(error.problem) from None
    return pipeline_for(tuple(stages) if stages else None).analyze(document)


@lru_cache(maxsize=8)
def pipeline_for(stages: tuple[str, ...] | None) -> Pipeline:
    """The cached Pipeline for these stages (None: all of them)."""
    from newsgraph.pipeline import Pipeline

    return Pipeline(list(stages) if stages else None)
