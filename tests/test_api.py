"""The Python API: `newsgraph.analyze(text)`, and `import newsgraph` staying light."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

import newsgraph
from newsgraph.analyzing import pipeline_for

TEXT = "Nino Beridze said on Monday that the port of Batumi will reopen."


def test_analyze_returns_the_layers_of_the_stages_asked_for() -> None:
    analysis = newsgraph.analyze(TEXT, published="2025-03-05", stages=["temporal"])
    assert analysis.text == TEXT
    assert analysis.document.published == dt.date(2025, 3, 5)
    assert [run.name for run in analysis.stages] == ["parse", "temporal"]
    monday = next(t for t in analysis.timexes if t.text == "Monday")
    assert monday.value == "2025-03-03"  # the Monday before that Wednesday
    assert analysis.attributions == []


def test_the_pipeline_is_built_once_per_set_of_stages() -> None:
    newsgraph.analyze(TEXT, stages=["sentences"])
    before = pipeline_for.cache_info()
    second = newsgraph.analyze("Gao is quiet.", published=dt.date(2025, 1, 1), stages=["sentences"])
    after = pipeline_for.cache_info()
    assert (after.hits, after.misses) == (before.hits + 1, before.misses)
    assert [s.text for s in second.sentences] == ["Gao is quiet."]


def test_bad_arguments_are_value_errors() -> None:
    with pytest.raises(ValueError, match="empty article"):
        newsgraph.analyze("   ")
    with pytest.raises(ValueError, match="unknown stage"):
        newsgraph.analyze(TEXT, stages=["nonsense"])


def test_import_newsgraph_loads_no_model() -> None:
    probe = "import sys, newsgraph; print(sorted({'spacy', 'sqlalchemy'} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr
