"""CPU time and peak memory of this process and every process below it (worker pools too).

Worker processes started through a forkserver are its children, not ours, and are never
waited for by us, so `resource.getrusage(RUSAGE_CHILDREN)` misses them; /proc does not.
Linux only: elsewhere both functions return None. Read them before a pool shuts down: what
its workers used goes with them.
"""

from __future__ import annotations

import os
from pathlib import Path

PROC = Path("/proc")


def _stat_fields(pid: int) -> list[str] | None:
    try:
        raw = (PROC / str(pid) / "stat").read_text(encoding="ascii", errors="replace")
    except OSError:  # the process ended while we looked
        return None
    # The command name (field 2) is in parentheses and may hold spaces: split after it.
    return raw[raw.rindex(")") + 2 :].split()


def _tree(root: int) -> dict[int, list[str]]:
    """The stat fields (after the name) of `root` and every live process below it."""
    fields_of: dict[int, list[str]] = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            fields = _stat_fields(int(entry.name))
            if fields is not None:
                fields_of[int(entry.name)] = fields
    parents = {pid: int(fields[1]) for pid, fields in fields_of.items()}
    members: dict[int, list[str]] = {}
    for pid, fields in fields_of.items():
        ancestor = pid
        while ancestor not in (root, 0, 1) and ancestor in parents:
            ancestor = parents[ancestor]
        if ancestor == root:
            members[pid] = fields
    return members


def process_tree_cpu_seconds(root: int | None = None) -> float | None:
    """User plus system CPU seconds of `root` (default: this process) and its descendants
    alive now, plus what the ones they waited for had used."""
    if not PROC.is_dir():
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    # After the name: state ppid ... utime(14) stime(15) cutime(16) cstime(17), 1-based.
    tree = _tree(os.getpid() if root is None else root)
    return sum(sum(int(value) for value in fields[11:15]) for fields in tree.values()) / ticks


def descendants_peak_rss_mib(root: int | None = None) -> float | None:
    """The largest peak resident memory (VmHWM) among the live processes below `root`
    (default: this process), in MiB; 0 when there are none."""
    if not PROC.is_dir():
        return None
    root = os.getpid() if root is None else root
    peak_kib = 0
    for pid in _tree(root):
        if pid == root:
            continue
        try:
            status = (PROC / str(pid) / "status").read_text(encoding="ascii", errors="replace")
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                peak_kib = max(peak_kib, int(line.split()[1]))
    return peak_kib / 1024
