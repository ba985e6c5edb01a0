"""`newsgraph spark analyze` in local mode beside the plain multi-process path, and the copies
step on a large synthetic corpus, in one command.

    python benchmarks/spark.py [--docs 500] [--cores 1,2] [--copies-docs 100000]
                               [--json build/bench/spark.json]

Texts: PolNeAR train articles when ../shared/data/polnear is there (topped up with copies
under new ids when --docs asks for more), else the bundled examples repeated under new ids,
written once as a JSONL feed that every run reads. For each core count N the same feed goes
through `newsgraph analyze --workers N` (the plain multi-process path, JSONL out) and through
`newsgraph spark analyze --master local[N] --no-copies` (Parquet tables out), each command in a
fresh process and timed from its start to its exit: start-up (the JVM, loading the models)
included, as a user waits for it. Every run's tagger uses one thread per core it is given
(the one-worker plain run is told so with NEWSGRAPH_TAGGER_THREADS=1, which the workers and
the Spark tasks set themselves), so that N is the number of cores each run works on.

Reported: documents/s; local[N]/local[1] and --workers N/--workers 1; Spark's overhead at the
same core count (its wall time over the plain run's, less one); Spark's own job time (from
its commit record, the JVM's start left out); output bytes per document; peak memory, sampled
from /proc over the command's whole process tree (the driver, the JVM, the Python workers).
Then `write_copies` (the MinHashLSH step behind `newsgraph spark copies`) on --copies-docs
synthetic documents with planted copies (newsgraph.spark.synthetic), with its wall time, peak
memory of the driver and the JVM, and the share of the planted copies found.

On a machine shared with other work the absolute speeds are noisy; the load average before
and after each run is recorded beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from store import write_feed

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "build" / "bench" / "spark.json"
MIB = 1024 * 1024
_PAGE = os.sysconf("SC_PAGE_SIZE")
_TICKS = os.sysconf("SC_CLK_TCK")
SAMPLE_SECONDS = 0.25


@dataclass
class ProcessTree:
    """Peak resident memory and CPU time of a process and its descendants, from /proc."""

    root: int
    peak_total: int = 0
    peak_jvm: int = 0  # all java processes together
    peak_python: int = 0  # the largest single Python process
    processes: set[int] = field(default_factory=set)
    cpu: dict[int, float] = field(default_factory=dict)  # seconds, user + system, per pid

    def sample(self) -> None:
        children: dict[int, list[int]] = {}
        names: dict[int, str] = {}
        cpu: dict[int, float] = {}
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat", encoding="utf-8") as handle:
                    stat = handle.read()
            except OSError:
                continue  # ended between the listing and the read
            # comm is in parentheses and may hold spaces; the fields after it are plain.
            name = stat[stat.index("(") + 1 : stat.rindex(")")]
            fields = stat[stat.rindex(")") + 2 :].split()
            parent = int(fields[1])
            cpu[int(entry.name)] = (int(fields[11]) + int(fields[12])) / _TICKS
            children.setdefault(parent, []).append(int(entry.name))
            names[int(entry.name)] = name
        tree, stack = [], [self.root]
        while stack:
            pid = stack.pop()
            tree.append(pid)
            stack.extend(children.get(pid, []))
        total = jvm = python = 0
        for pid in tree:
            rss = _rss(pid)
            total += rss
            self.cpu[pid] = max(self.cpu.get(pid, 0.0), cpu.get(pid, 0.0))
            if names.get(pid) == "java":
                jvm += rss
            elif names.get(pid, "").startswith("python"):
                python = max(python, rss)
        self.processes.update(tree)
        self.peak_total = max(self.peak_total, total)
        self.peak_jvm = max(self.peak_jvm, jvm)
        self.peak_python = max(self.peak_python, python)

    def as_record(self) -> dict[str, Any]:
        return {
            "peak_total_mib": round(self.peak_total / MIB),
            "peak_jvm_mib": round(self.peak_jvm / MIB),
            "peak_python_process_mib": round(self.peak_python / MIB),
            "processes_seen": len(self.processes),
            # Sampled: a process's last quarter second before it ends is missed.
            "cpu_seconds": round(sum(self.cpu.values()), 1),
        }


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", encoding="utf-8") as handle:
            return int(handle.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


def timed(command: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run a command to its end, sampling its process tree's memory; wall seconds, memory,
    its standard output, and the load average before and after."""
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
    memory = ProcessTree(process.pid)
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            memory.sample()
            done.wait(SAMPLE_SECONDS)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    watcher.join()
    if process.returncode != 0:
        tail = "\n".join(stderr.strip().splitlines()[-15:])
        raise RuntimeError(f"{' '.join(command)} exited {process.returncode}:\n{tail}")
    return {
        "seconds": seconds,
        "memory": memory.as_record(),
        "stdout": stdout,
        "load_before": load_before,
        "load_after": os.getloadavg()[0],
    }


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def newsgraph(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "newsgraph.cli", *arguments]


def plain_run(feed: Path, scratch: Path, cores: int, documents: int) -> dict[str, Any]:
    output = scratch / f"plain-{cores}.jsonl"
    env = {"NEWSGRAPH_TAGGER_THREADS": "1"}
    run = timed(newsgraph("analyze", str(feed), "--workers", str(cores), "-o", str(output)), env)
    run.pop("stdout")
    return {
        "path": "plain",
        "cores": cores,
        "command": f"newsgraph analyze FEED --workers {cores} -o OUT.jsonl",
        **run,
        "docs_per_s": documents / run["seconds"],
        "output_bytes_per_doc": output.stat().st_size / documents,
    }


def spark_run(
    feed: Path, scratch: Path, cores: int, documents: int, partitions: int | None
) -> dict[str, Any]:
    out = scratch / f"spark-{cores}"
    command = ["spark", "analyze", str(feed), "--out", str(out), "--master", f"local[{cores}]"]
    command.append("--no-copies")
    if partitions:
        command += ["--partitions", str(partitions)]
    run = timed(newsgraph(*command))
    run.pop("stdout")
    marker = json.loads((out / "_newsgraph.json").read_text(encoding="utf-8"))
    summary = marker["runs"][-1]
    if summary["analysed"] != documents:
        raise RuntimeError(f"spark analyze analysed {summary['analysed']} of {documents}")
    tables = {
        p.name: folder_bytes(p) / documents
        for p in sorted(out.iterdir())
        if p.is_dir() and not p.name.startswith("_")
    }
    return {
        "path": "spark",
        "cores": cores,
        "command": " ".join(["newsgraph spark analyze FEED --out OUT", *command[5:]]),
        **run,
        "docs_per_s": documents / run["seconds"],
        "job_seconds": summary["seconds"],
        "tasks": summary["partitions"],
        "output_bytes_per_doc": folder_bytes(out) / documents,
        "table_bytes_per_doc": tables,
        "parquet_files": sum(1 for _ in out.rglob("*.parquet")),
    }


def copies_run(count: int, master: str, driver_memory: str | None) -> dict[str, Any]:
    command = [sys.executable, __file__, "--one-copies", str(count), "--master", master]
    if driver_memory:
        command += ["--driver-memory", driver_memory]
    run = timed(command)
    # The measurement is the last line; Spark may have printed before it.
    measured = json.loads(run.pop("stdout").strip().splitlines()[-1])
    return {**run, **measured}


def one_copies(count: int, master: str, driver_memory: str | None) -> dict[str, Any]:
    """In this process: make the synthetic corpus, then time the copies step on it."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from newsgraph.spark.copies import CopySettings, write_copies
    from newsgraph.spark.session import start_session
    from newsgraph.spark.synthetic import synthetic_corpus

    started = time.perf_counter()
    documents = synthetic_corpus(count)
    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-copies-") as scratch:
        corpus = Path(scratch) / "documents.parquet"
        table = pa.table(
            {
                "doc_id": [d.doc_id for d in documents],
                "content_sha1": [d.content_sha1 for d in documents],
                "text": [d.text for d in documents],
                "published": [d.published for d in documents],
            }
        )
        pq.write_table(table, corpus, row_group_size=10_000)
        made = time.perf_counter() - started
        started = time.perf_counter()
        spark = start_session(
            master, local_dir=Path(scratch) / "spark", driver_memory=driver_memory
        )
        session_seconds = time.perf_counter() - started
        try:
            started = time.perf_counter()
            target = Path(scratch) / "copies"
            found = write_copies(spark, spark.read.parquet(str(corpus)), target, CopySettings())
            seconds = time.perf_counter() - started
        finally:
            spark.stop()
        pairs = pq.read_table(target).to_pylist()
    copied = {row["doc_id"] for row in pairs}
    planted = {kind: [d for d in documents if d.kind == kind] for kind in ("exact", "near")}
    return {
        "documents": count,
        "characters": sum(len(d.text) for d in documents),
        "corpus_seconds": made,
        "session_seconds": session_seconds,
        "copies_seconds": seconds,
        "docs_per_s": count / seconds,
        "copies": found,
        "found_share": {
            kind: sum(d.doc_id in copied for d in chosen) / max(len(chosen), 1)
            for kind, chosen in planted.items()
        },
        "planted": {kind: len(chosen) for kind, chosen in planted.items()},
        "master": master,
        "driver_memory": driver_memory or "Spark's default (1g)",
    }


def measure(args: argparse.Namespace) -> dict[str, Any]:
    result: dict[str, Any] = {
        "documents": args.docs,
        "cores": args.cores,
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "runs": [],
    }
    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-spark-") as name:
        scratch = Path(name)
        feed = scratch / "feed.jsonl"
        result["corpus"] = write_feed(feed, args.docs, splits=("train",))
        result["characters"] = sum(len(json.loads(line)["text"]) for line in feed.open())
        for cores in args.cores:
            for path in ("plain", "spark"):
                run = (
                    plain_run(feed, scratch, cores, args.docs)
                    if path == "plain"
                    else spark_run(feed, scratch, cores, args.docs, args.partitions)
                )
                result["runs"].append(run)
                print(
                    f"{path} on {cores} core(s): {run['seconds']:.1f}s, "
                    f"{run['docs_per_s']:.2f} docs/s",
                    file=sys.stderr,
                )
                save(result, args.json)  # a long run keeps what it has measured
    add_ratios(result)
    save(result, args.json)
    if args.copies_docs:
        result["copies"] = copies_run(args.copies_docs, args.copies_master, args.driver_memory)
        save(result, args.json)
    return result


def add_ratios(result: dict[str, Any]) -> None:
    runs = {(r["path"], r["cores"]): r for r in result["runs"]}
    first = min(result["cores"])
    result["ratios"] = {
        f"{path}_{cores}_over_{first}": runs[(path, cores)]["docs_per_s"]
        / runs[(path, first)]["docs_per_s"]
        for path in ("plain", "spark")
        for cores in result["cores"]
        if cores != first
    }
    result["spark_overhead"] = {
        str(cores): runs[("spark", cores)]["seconds"] / runs[("plain", cores)]["seconds"] - 1
        for cores in result["cores"]
    }


def save(result: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


def print_tables(result: dict[str, Any]) -> None:
    console = Console() if sys.stdout.isatty() else Console(width=130)
    table = Table(
        title=f"{result['documents']} {result['corpus']} articles "
        f"({result['characters'] / result['documents']:,.0f} characters each on average)"
    )
    columns = (
        "path",
        "cores",
        "seconds",
        "docs/s",
        "vs 1 core",
        "Spark overhead",
        "job s",
        "CPU s/doc",
        "KiB/doc out",
        "peak MiB (JVM, largest Python)",
        "load",
    )
    for column in columns:
        table.add_column(column, justify="left" if column == "path" else "right")
    runs = {(r["path"], r["cores"]): r for r in result["runs"]}
    first = min(result["cores"])
    for run in result["runs"]:
        memory = run["memory"]
        base = runs[(run["path"], first)]
        overhead = result["spark_overhead"][str(run["cores"])] if run["path"] == "spark" else None
        table.add_row(
            "spark analyze" if run["path"] == "spark" else "analyze --workers",
            str(run["cores"]),
            f"{run['seconds']:.1f}",
            f"{run['docs_per_s']:.2f}",
            f"{run['docs_per_s'] / base['docs_per_s']:.2f}x",
            "" if overhead is None else f"{overhead:+.0%}",
            f"{run['job_seconds']:.1f}" if "job_seconds" in run else "",
            f"{memory['cpu_seconds'] / result['documents']:.2f}",
            f"{run['output_bytes_per_doc'] / 1024:.1f}",
            f"{memory['peak_total_mib']} ({memory['peak_jvm_mib']}, "
            f"{memory['peak_python_process_mib']})",
            f"{run['load_before']:.1f}-{run['load_after']:.1f}",
        )
    console.print(table)
    copies = result.get("copies")
    if copies:
        memory = copies["memory"]
        found = copies["found_share"]
        table = Table(
            title=f"copies step (MinHashLSH) on {copies['documents']:,} synthetic documents"
        )
        for column in (
            "master",
            "seconds",
            "docs/s",
            "copies",
            "planted found (exact, near)",
            "peak MiB (JVM, driver)",
            "load",
        ):
            table.add_column(column, justify="right")
        table.add_row(
            copies["master"],
            f"{copies['copies_seconds']:.1f}",
            f"{copies['docs_per_s']:.0f}",
            f"{copies['copies']:,}",
            f"{found['exact']:.1%}, {found['near']:.1%}",
            f"{memory['peak_total_mib']} ({memory['peak_jvm_mib']}, "
            f"{memory['peak_python_process_mib']})",
            f"{copies['load_before']:.1f}-{copies['load_after']:.1f}",
        )
        console.print(table)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=500, help="articles to analyse (default 500)")
    parser.add_argument("--cores", default="1,2", help="core counts to compare (default 1,2)")
    parser.add_argument(
        "--partitions", type=int, help="spark analyze --partitions (default its own)"
    )
    parser.add_argument(
        "--copies-docs", type=int, default=100_000, help="synthetic documents (0: leave out)"
    )
    parser.add_argument("--copies-master", default="local[2]", help="default local[2]")
    parser.add_argument("--driver-memory", help="spark.driver.memory of the copies run")
    parser.add_argument("--one-copies", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--master", default="local[2]", help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if args.one_copies:
        print(json.dumps(one_copies(args.one_copies, args.master, args.driver_memory)))
        return 0
    args.cores = [int(n) for n in args.cores.split(",")]
    result = measure(args)
    print_tables(result)
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
