from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from newsgraph.cli import main
from newsgraph.model import json_schema
from tests.conftest import REPO
from tests.warc_files import html_page, warc_bytes

ARTICLE = (
    "date 2024-05-02 Via Harbour Ledger\n\n"
    "The port authority in Berbera said on Tuesday that the concession talks had stalled. "
    "“We will not sign under pressure,” its director, Amina Warsame, told reporters in "
    "Hargeisa.\n\n"
    "According to a shipping official, the Gulf investors want a 30-year lease."
)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def check_analysis(obj: dict[str, Any]) -> None:
    jsonschema.validate(obj, json_schema())
    text = obj["text"]
    spans: list[dict[str, Any]] = [*obj["sentences"], *obj["mentions"], *obj["timexes"]]
    for attribution in obj["attributions"]:
        spans += [
            s for s in (attribution["source"], attribution["cue"], attribution["channel"]) if s
        ]
        spans += attribution["content"]
    spans += [event["trigger"] for event in obj["events"]]
    assert spans, "expected some spans"
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"]


def test_single_article_gives_one_schema_valid_object(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "berbera.txt"
    path.write_text(ARTICLE, "utf-8")
    code, out, err = run(["analyze", str(path)], capsys)
    assert code == 0, err
    obj = json.loads(out)
    check_analysis(obj)
    assert obj["id"] == "berbera"
    assert obj["document"]["published"] == "2024-05-02"
    assert obj["document"]["via"] == ["Harbour Ledger"]
    assert obj["text"].startswith("The port authority")
    assert any(m["text"] == "Amina Warsame" and m["label"] == "PERSON" for m in obj["mentions"])
    assert len(obj["sentences"]) == 3
    assert "1 document(s) analysed, 0 failed" in err


def test_many_inputs_give_jsonl_in_input_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("b", "a", "c"):
        (tmp_path / f"{name}.txt").write_text(f"Report {name}: the minister resigned.", "utf-8")
    code, out, _ = run(["analyze", str(tmp_path)], capsys)
    assert code == 0
    objects = [json.loads(line) for line in out.splitlines()]
    assert [o["id"] for o in objects] == ["a", "b", "c"]
    for obj in objects:
        check_analysis(obj)


def write_bad_batch(root: Path) -> list[Path]:
    good = root / "good.txt"
    good.write_text(ARTICLE, "utf-8")
    undecodable = root / "undecodable.txt"
    undecodable.write_bytes("Olá, acordo firmado em Luanda. ".encode() * 3 + b"\xff\xfe\xfa")
    empty = root / "empty.txt"
    empty.write_text("\n \n", "utf-8")
    bad_date = root / "bad-date.txt"
    bad_date.write_text("date 2024-02-31 Via X\n\nText about talks.", "utf-8")
    feed = root / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "f1", "text": "Talks resumed in Doha."})
        + "\n{not json}\n"
        + json.dumps({"id": "f3", "text": "Talks collapsed in Doha.", "via": 5})
        + "\n"
        + json.dumps({"id": "f4", "text": "Talks collapsed in Doha.", "title": ["a"]})
        + "\n"
        + json.dumps({"id": "f5", "text": "Talks collapsed in Doha."})
        + "\n",
        "utf-8",
    )
    warc = root / "crawl.warc"
    warc.write_bytes(
        warc_bytes([("https://l.example/a", "text/html", html_page("Kept", ["Talks in Aden."]))])
        + b"WARC/1.0\r\nContent-Length: 500\r\n\r\ncut short"
    )
    pages = [(f"https://l.example/{n}", "text/html", html_page(f"P{n}", ["Talks."])) for n in "ab"]
    compressed = warc_bytes(pages, gzip=True)
    truncated = root / "cut.warc.gz"
    truncated.write_bytes(compressed[: len(compressed) * 3 // 4])
    binary = root / "zeros.txt"
    binary.write_bytes(b"\x00" * 200)
    long = root / "long.txt"
    long.write_text("The talks went on. " * 100, "utf-8")
    return [
        good,
        root / "missing.txt",
        undecodable,
        empty,
        bad_date,
        feed,
        warc,
        truncated,
        binary,
        long,
    ]


BAD_BATCH_ERRORS = {
    "missing.txt": "no such file",
    "undecodable.txt": "undecodable bytes",
    "empty.txt": "empty article",
    "bad-date.txt:line 1": "bad publication date '2024-02-31'",
    "feed.jsonl:line 2": "malformed JSON",
    "feed.jsonl:line 3": 'field "via" must be a string or a list of strings',
    "feed.jsonl:line 4": 'field "title" must be a string',
    "crawl.warc:record 2": "broken WARC record",
    "cut.warc.gz:record 2 (offset ": "truncated gzip member",
    "zeros.txt": "binary data, not text",
    "long.txt": "article too long: 1,900 characters, over the limit of 1,000",
}


@pytest.mark.parametrize("workers", [1, 2])
def test_bad_inputs_are_reported_one_line_each_and_the_rest_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], workers: int
) -> None:
    inputs = write_bad_batch(tmp_path)
    output = tmp_path / "out" / "all.jsonl"
    argv = ["analyze", *map(str, inputs), "-o", str(output), "--max-chars", "1000"]
    code, out, err = run([*argv, "--workers", str(workers), "--stages", "mentions"], capsys)
    assert code == 1
    assert out == ""
    errors = [line for line in err.splitlines() if line.startswith("error: ")]
    # In input order, one line each, whatever the number of worker processes.
    assert len(errors) == len(BAD_BATCH_ERRORS), errors
    for line, (fragment, problem) in zip(errors, BAD_BATCH_ERRORS.items(), strict=True):
        assert fragment in line and problem in line, (fragment, line)
    assert "Traceback" not in err
    assert "5 document(s) analysed, 11 failed" in err
    objects = [json.loads(line) for line in output.read_text("utf-8").splitlines()]
    assert [o["id"] for o in objects] == ["good", "f1", "f5", "crawl-1", "cut-1"]
    assert any(m["text"] == "Amina Warsame" for m in objects[0]["mentions"])
    assert not output.with_name("all.jsonl.partial").exists()


def test_strict_stops_at_first_failure_and_leaves_a_partial_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = write_bad_batch(tmp_path)
    output = tmp_path / "all.jsonl"
    code, _, err = run(["analyze", "--strict", *map(str, inputs), "-o", str(output)], capsys)
    assert code == 1
    assert not output.exists()
    partial = tmp_path / "all.jsonl.partial"
    assert [json.loads(line)["id"] for line in partial.read_text("utf-8").splitlines()] == ["good"]
    assert "--strict" in err and "incomplete" in err


def test_published_override_and_stage_subset(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad-date.txt"
    path.write_text("date 2024-02-31\n\nThe talks in Doha resumed.", "utf-8")
    code, out, err = run(
        ["analyze", str(path), "--published", "2024-03-01", "--stages", "sentences"], capsys
    )
    assert code == 0, err
    obj = json.loads(out)
    assert obj["document"]["published"] == "2024-03-01"
    assert [s["name"] for s in obj["stages"]] == ["parse", "sentences"]
    assert obj["mentions"] == []


def usage_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """Run a command line that must be refused; return its stderr."""
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    return capsys.readouterr().err


def test_usage_errors_exit_2_with_the_usage_of_their_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = usage_error(["analyze", "x.txt", "--stages", "nonsense"], capsys)
    assert "unknown stage(s): nonsense" in err
    assert err.startswith("usage: newsgraph analyze")
    err = usage_error(["analyze", "x.txt", "--published", "yesterday"], capsys)
    assert err.startswith("usage: newsgraph analyze")
    for bad in (["--workers", "0"], ["--max-chars", "0"], ["--max-chars", "many"]):
        err = usage_error(["analyze", "x.txt", *bad], capsys)
        assert err.startswith("usage: newsgraph analyze") and bad[0] in err
    err = usage_error(["analyze", "x.txt", "--bogus"], capsys)
    assert err.startswith("usage: newsgraph analyze") and "unknown option: --bogus" in err


@pytest.mark.parametrize("encoding", ["nosuchenc", "base64"])
def test_unknown_encoding_is_a_bad_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, "utf-8")
    err = usage_error(["analyze", str(path), "--encoding", encoding], capsys)
    assert f"argument --encoding: {encoding!r} is not a text encoding" in err
    assert "error: " + str(path) not in err


def test_unknown_top_level_option_is_named_and_commands_listed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    last = usage_error(["--bogus"], capsys).strip().splitlines()[-1]
    assert "unknown option: --bogus" in last
    assert "analyze, schema, stages, summarize, evaluate" in last
    last = usage_error([], capsys).strip().splitlines()[-1]
    assert "a command is required" in last and "analyze, schema" in last


def test_output_path_is_checked_before_any_analysis(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, "utf-8")
    folder = tmp_path / "existing"
    folder.mkdir()

    def no_analysis(*args: object, **kwargs: object) -> None:
        raise AssertionError("the analysis started despite a bad -o")

    monkeypatch.setattr("newsgraph.pipeline.Pipeline", no_analysis)
    err = usage_error(["analyze", str(path), "-o", str(folder)], capsys)
    assert err.startswith("usage: newsgraph analyze")
    assert err.strip().splitlines()[-1].endswith(f"-o {folder}: names a folder, not a file")
    err = usage_error(["analyze", str(path), "-o", str(path / "deeper" / "out.jsonl")], capsys)
    assert f"{path} is a file, not a folder" in err
    assert list(folder.iterdir()) == []


def test_interrupt_while_loading_the_model_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("newsgraph.pipeline.Pipeline", interrupted)
    code, out, err = run(["analyze", "x.txt", "-o", str(tmp_path / "out.jsonl")], capsys)
    assert code == 130
    assert out == "" and err == "newsgraph: interrupted (nothing written)\n"


def test_help_examples_name_files_that_exist(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["analyze", "--help"])
    named = re.findall(r"(examples/\S+)", capsys.readouterr().out)
    assert named
    for name in named:
        assert (REPO / name).exists(), name


def test_schema_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["schema"], capsys)
    assert code == 0
    schema = json.loads(out)
    assert schema == json.loads(json.dumps(json_schema()))
    jsonschema.Draft202012Validator.check_schema(schema)
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.startswith("newsgraph ")


def test_standard_input(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "newsgraph.cli", "analyze", "-", "--stages", "sentences"],
        input=ARTICLE.encode("utf-8"),
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr.decode()
    obj = json.loads(completed.stdout)
    assert obj["id"] == "stdin"
    assert obj["document"]["via"] == ["Harbour Ledger"]


def test_summarize_reads_back_analyze_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "berbera.txt"
    path.write_text(ARTICLE, "utf-8")
    output = tmp_path / "out.jsonl"
    assert main(["analyze", str(path), "-o", str(output), "--stages", "mentions"]) == 0
    capsys.readouterr()
    code, out, _ = run(["summarize", str(output)], capsys)
    assert code == 0
    assert "berbera" in out and "published 2024-05-02" in out and "Amina Warsame" in out
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": 1}\n', "utf-8")
    code, _, err = run(["summarize", str(broken)], capsys)
    assert code == 1 and "not a newsgraph output file" in err
