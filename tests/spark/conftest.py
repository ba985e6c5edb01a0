"""Spark in local mode, started once per test session, and the examples analysed by it once.

Without pyspark or a Java 17/21 the Spark tests skip with one line, except under CI, where
they must run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from newsgraph.ingest import read_inputs
from newsgraph.model import Analysis
from newsgraph.spark.session import SparkUnavailableError, check_spark
from tests.conftest import EXAMPLES

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

    from newsgraph.spark.job import RunSummary


@pytest.fixture(scope="session")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparkSession]:
    try:
        check_spark()
    except SparkUnavailableError as error:
        if os.environ.get("CI"):
            pytest.fail(f"{error}: CI must run the Spark tests")
        pytest.skip(f"Spark tests skipped: {error}")
    from newsgraph.spark.session import start_session

    session = start_session(
        "local[2]", shuffle_partitions=4, local_dir=tmp_path_factory.mktemp("spark-local")
    )
    yield session
    session.stop()


@dataclass(frozen=True)
class ExamplesRun:
    out: Path
    summary: RunSummary


@pytest.fixture(scope="session")
def examples_run(spark: SparkSession, tmp_path_factory: pytest.TempPathFactory) -> ExamplesRun:
    """The bundled examples through `spark analyze` with every stage and the copies step."""
    from newsgraph.spark.copies import write_copies
    from newsgraph.spark.job import run_analyze

    out = tmp_path_factory.mktemp("spark-run") / "out"
    summary = run_analyze(spark, [str(EXAMPLES)], out, copies=write_copies)
    return ExamplesRun(out, summary)


@pytest.fixture(scope="session")
def reference() -> dict[str, Analysis]:
    """The same examples through the plain pipeline, as `newsgraph analyze` runs it."""
    from newsgraph.pipeline import Pipeline

    results = list(Pipeline().analyze_many(read_inputs([str(EXAMPLES)])))
    analyses = {r.id: r for r in results if isinstance(r, Analysis)}
    assert len(analyses) == len(results) >= 5
    return analyses
