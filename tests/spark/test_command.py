"""`newsgraph spark` as a user runs it: a process of its own, starting its own Spark."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph.cli import main
from newsgraph.spark.layout import MARKER
from tests.conftest import EXAMPLES


def _newsgraph(*arguments: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "newsgraph.cli", *arguments]
    return subprocess.run(
        command, capture_output=True, text=True, timeout=600, check=False, env=dict(os.environ)
    )


@pytest.mark.usefixtures("spark")
def test_spark_analyze_writes_a_committed_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    articles = sorted((EXAMPLES / "articles").glob("*.txt"))[:2]
    done = _newsgraph(
        "spark",
        "analyze",
        *map(str, articles),
        "--out",
        str(out),
        "--stages",
        "sentences",
        "--master",
        "local[1]",
        "--no-copies",
    )
    assert done.returncode == 0, done.stderr
    assert "newsgraph: 2 analysed, 0 failed, 0 already there" in done.stderr
    assert (out / MARKER).is_file()


def test_bad_command_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["spark", "analyze", str(EXAMPLES), "--out", str(tmp_path), "--threshold", "2"])
    assert stopped.value.code == 2
    with pytest.raises(SystemExit) as stopped:
        main(["spark", "analyze", str(EXAMPLES), "--out", str(tmp_path), "--stages", "nope"])
    assert stopped.value.code == 2
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["spark", "analyze", str(EXAMPLES), "--out", str(busy)]) == 1
    assert "holds other things" in capsys.readouterr().err
    assert main(["spark", "copies", str(tmp_path / "none")]) == 1
    assert "no such folder" in capsys.readouterr().err
