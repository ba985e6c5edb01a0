"""The application file for spark-submit, which runs a Python file rather than a command:

    spark-submit --master yarn ... "$(python -m newsgraph.spark.submit)" spark analyze IN --out OUT

Run as a module it prints its own path; run as a file (as spark-submit runs it) it is
`newsgraph` with the arguments that follow it, in the driver that spark-submit started.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path


def main(argv: Sequence[str]) -> int:
    from newsgraph.cli import main as newsgraph

    return newsgraph(list(argv))


if __name__ == "__main__":
    if __spec__ is None:  # run as a file
        # Python puts the file's folder first on sys.path; the modules here (job, rows,
        # tables...) would then hide any others of those names.
        here = Path(__file__).resolve().parent
        sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != here]
        raise SystemExit(main(sys.argv[1:]))
    print(Path(__file__).resolve())
