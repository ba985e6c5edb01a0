"""`newsgraph evaluate stories` on the ECB+ dev split (../shared/data/ecbplus; skipped where
absent): the step, handed no topics, beats tf-idf k-means handed the true number of stories."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.cli import main


@pytest.fixture
def dev(shared_dir: Path) -> Path:
    path = shared_dir / "data" / "ecbplus" / "dev.jsonl"
    if not path.is_file():
        pytest.skip("../shared/data/ecbplus/dev.jsonl is not present on this machine")
    return path


def test_dev_stories_beat_the_k_means_baseline(
    dev: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "report.json"
    arguments = ["stories", str(dev), "--format", "ecbplus", "--json", str(report)]
    assert main(["evaluate", *arguments]) == 0
    table = capsys.readouterr().out
    assert "tf-idf k-means, true k=16" in table and "197 documents" in table
    results = json.loads(report.read_text(encoding="utf-8"))["results"]
    by_name = {(r["level"], r["system"].split(" (")[0]): r for r in results}
    step = by_name[("subtopic", "stories step, 2 updates")]
    baseline = by_name[("subtopic", "tf-idf k-means, true k=16")]
    assert step["b_cubed"]["f1"] >= 0.9
    assert step["b_cubed"]["f1"] > baseline["b_cubed"]["f1"]
    assert step["adjusted_rand"] > baseline["adjusted_rand"]
    # Each topic holds two happenings: the step splits topics, never mixes them.
    assert by_name[("topic", "stories step, 2 updates")]["b_cubed"]["precision"] >= 0.98
