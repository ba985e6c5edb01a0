"""The file given to spark-submit: found by `python -m newsgraph.spark.submit`, and, run as a
file, the `newsgraph` command with the arguments after it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *command],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=dict(os.environ),
    )


def test_the_module_names_its_file_and_the_file_runs_newsgraph() -> None:
    found = _run("-m", "newsgraph.spark.submit")
    assert found.returncode == 0, found.stderr
    path = Path(found.stdout.strip())
    assert path.is_file() and path.suffix == ".py"
    as_file = _run(str(path), "stages")
    as_command = _run("-m", "newsgraph.cli", "stages")
    assert as_command.returncode == 0, as_command.stderr
    assert as_file.returncode == 0, as_file.stderr
    assert as_file.stdout == as_command.stdout
    assert "attribution" in as_file.stdout


def test_run_as_a_file_it_passes_on_the_exit_status() -> None:
    found = _run("-m", "newsgraph.spark.submit")
    refused = _run(found.stdout.strip(), "spark", "analyze")  # --out and INPUT missing
    assert refused.returncode == 2
    assert "--out" in refused.stderr or "INPUT" in refused.stderr
