"""The command line on a batch with one input of every bad kind, as a user runs it: in a child
process, with one and two parser processes, and stopped by SIGINT or SIGKILL part way."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.warc_files import html_page, warc_bytes

STORY = (
    "The port authority in Berbera said on Tuesday that the concession talks had stalled. "
    "A shipping official said the Gulf investors want a 30-year lease."
)
FAST = ["--stages", "sentences"]
MAX_CHARS = "2000"


def newsgraph(*args: str) -> subprocess.Popen[bytes]:
    """Start newsgraph in a session of its own, so that a signal can reach its whole group."""
    return subprocess.Popen(
        [sys.executable, "-m", "newsgraph.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def run_newsgraph(*args: str) -> tuple[int, str]:
    completed = subprocess.run(
        [sys.executable, "-m", "newsgraph.cli", *args],
        capture_output=True,
        check=False,
        timeout=300,
    )
    return completed.returncode, completed.stderr.decode("utf-8")


def write_chaos_batch(root: Path) -> tuple[list[str], set[str]]:
    """A folder of good and bad inputs; returns the paths to name and the good documents' ids."""
    good = {"a-good", "m-good", "z-good", "feed-1", "feed-7", "crawl-1"}
    for name in ("a-good", "m-good", "z-good"):
        (root / f"{name}.txt").write_text(f"date 2024-05-02\n\n{name}: {STORY}", "utf-8")
    (root / "b-junk.txt").write_bytes(bytes(range(1, 32)) * 40)
    (root / "c-nul.txt").write_bytes(b"\x00" * 400)
    (root / "d-empty.txt").write_text("  \n\n", "utf-8")
    (root / "e-bad-date.txt").write_text(f"date 2024-13-45\n\n{STORY}", "utf-8")
    (root / "f-long.txt").write_text(STORY * 20, "utf-8")
    records: list[str] = [
        json.dumps({"text": STORY}),
        "{broken",
        json.dumps({"text": STORY, "via": 3}),
        json.dumps({"text": STORY, "byline": {"name": "x"}}),
        json.dumps({"text": STORY, "title": ["a", "b"]}),
        json.dumps({"text": STORY * 20}),
        json.dumps({"text": STORY, "id": "feed-7"}),
        json.dumps([1, 2]),
    ]
    (root / "feed.jsonl").write_text("\n".join(records) + "\n", "utf-8")
    pages = [(f"https://l.example/{n}", "text/html", html_page(f"P{n}", [STORY])) for n in "ab"]
    archive = warc_bytes(pages, gzip=True)
    (root / "crawl.warc.gz").write_bytes(archive[: len(archive) * 3 // 4])
    return [str(root), str(root / "missing.txt")], good


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


def test_every_bad_kind_in_one_batch_with_one_and_two_workers(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    inputs, good = write_chaos_batch(batch)
    outputs, errors = [], []
    for workers in ("1", "2"):
        output = tmp_path / f"out-{workers}.jsonl"
        code, stderr = run_newsgraph(
            "analyze", *inputs, "-o", str(output), "--workers", workers,
            "--max-chars", MAX_CHARS, *FAST,
        )  # fmt: skip
        assert code == 1, stderr
        assert "Traceback" not in stderr, stderr
        assert not output.with_name(output.name + ".partial").exists()
        outputs.append(output.read_text("utf-8"))
        errors.append(error_lines(stderr))
        assert f"{len(good)} document(s) analysed, {len(errors[-1])} failed" in stderr
    assert outputs[0] == outputs[1]
    assert errors[0] == errors[1]
    ids = {json.loads(line)["id"] for line in outputs[0].splitlines()}
    assert ids == good
    # Folder entries come in name order; the missing file was named after the folder.
    expected = [
        "b-junk.txt: binary data",
        "c-nul.txt: binary data",
        "crawl.warc.gz:record 2 (offset",
        "d-empty.txt: empty article",
        "e-bad-date.txt:line 1: bad publication date",
        "f-long.txt: article too long",
        "feed.jsonl:line 2: malformed JSON",
        'feed.jsonl:line 3: field "via"',
        'feed.jsonl:line 4: field "byline"',
        'feed.jsonl:line 5: field "title"',
        "feed.jsonl:line 6: article too long",
        "feed.jsonl:line 8: malformed record",
        "missing.txt: no such file",
    ]
    assert len(errors[0]) == len(expected), errors[0]
    for line, fragment in zip(errors[0], expected, strict=True):
        assert fragment in line, (fragment, line)


def write_long_feed(path: Path, count: int) -> set[str]:
    lines = [json.dumps({"id": f"r{n}", "text": f"Report {n}. {STORY}"}) for n in range(count)]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return {f"r{n}" for n in range(count)}


def signal_once_output_begins(process: subprocess.Popen[bytes], partial: Path, signum: int) -> None:
    """Send `signum` as soon as the partial output holds a finished document. SIGINT goes to
    the whole process group, worker processes too, as Ctrl-C in a terminal does."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if partial.exists() and partial.read_bytes().count(b"\n") >= 1:
            if signum == signal.SIGINT:
                os.killpg(process.pid, signum)
            else:
                process.send_signal(signum)
            return
        time.sleep(0.02)
    process.kill()
    pytest.fail("the run ended, or wrote nothing, before it could be interrupted")


@pytest.mark.parametrize(
    ("signum", "workers"),
    [(signal.SIGINT, "2"), (signal.SIGKILL, "1")],
    ids=["SIGINT-2-workers", "SIGKILL"],
)
def test_interrupted_run_never_leaves_a_complete_looking_file(
    tmp_path: Path, signum: signal.Signals, workers: str
) -> None:
    feed = tmp_path / "feed.jsonl"
    ids = write_long_feed(feed, 200)
    output = tmp_path / "out" / "feed.jsonl"
    partial = output.with_name("feed.jsonl.partial")
    args = ("analyze", str(feed), "-o", str(output), "--workers", workers, *FAST)
    process = newsgraph(*args)
    signal_once_output_begins(process, partial, signum)
    _, stderr_bytes = process.communicate(timeout=60)
    stderr = stderr_bytes.decode("utf-8")
    assert not output.exists()
    assert partial.exists()
    if signum == signal.SIGINT:
        assert process.returncode == 130, stderr
        assert "Traceback" not in stderr, stderr
        [message] = [line for line in stderr.splitlines() if "interrupted" in line]
        assert str(partial) in message and "(incomplete)" in message
        finished = [json.loads(line)["id"] for line in partial.read_text("utf-8").splitlines()]
        assert 1 <= len(finished) < len(ids)
        assert finished == [f"r{n}" for n in range(len(finished))]
    else:
        assert process.returncode == -signal.SIGKILL
    code, stderr = run_newsgraph(*args)
    assert code == 0, stderr
    assert not partial.exists()
    rerun = [json.loads(line)["id"] for line in output.read_text("utf-8").splitlines()]
    assert set(rerun) == ids and len(rerun) == len(ids)
