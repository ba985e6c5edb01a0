"""Peak memory and speed of `newsgraph export` as the store grows: a flat profile is the goal.

    python benchmarks/export_memory.py ANALYSES.jsonl [--sizes 100,1000] [--formats parquet,...]

Builds an SQLite store per size from the analyses in ANALYSES.jsonl (`newsgraph analyze`
output), repeated under new ids until the store holds that many documents, then exports each
format in a fresh process and reports its peak resident memory (ru_maxrss) and documents/s.
Compare the peaks across sizes measured in the same run; absolute numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsgraph.model import Analysis
from newsgraph.store.documents import insert_analysis
from newsgraph.store.engine import check_revision, connect
from newsgraph.store.linking import link_document

_MEASURE = """
import resource, sys, time
from pathlib import Path
from newsgraph.export import export_store
started = time.perf_counter()
export_store(sys.argv[1], sys.argv[2], Path(sys.argv[3]))
elapsed = time.perf_counter() - started
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def build(url: str, analyses: list[Analysis], size: int) -> None:
    engine = connect(url)
    check_revision(engine, create=True)
    with engine.begin() as connection:
        for number in range(size):
            original = analyses[number % len(analyses)]
            copy = original.model_copy(update={"id": f"{original.id}#{number}"})
            link_document(connection, insert_analysis(connection, copy))
    engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("analyses", type=Path)
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--formats", default="parquet,csv,graphml,jsonld")
    args = parser.parse_args()
    with args.analyses.open(encoding="utf-8") as handle:
        analyses = [Analysis.model_validate_json(line) for line in handle if line.strip()]
    sizes = [int(s) for s in args.sizes.split(",")]
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            url = f"sqlite:///{folder}/store-{size}.db"
            build(url, analyses, size)
            for format in args.formats.split(","):
                out = Path(folder) / f"out-{size}.{format}"
                started = time.perf_counter()
                done = subprocess.run(
                    [sys.executable, "-c", _MEASURE, url, format, str(out)],
                    check=True,
                    capture_output=True,
                    text=True,
                )
                elapsed, peak_kib = done.stdout.split()
                results.append(
                    {
                        "documents": size,
                        "format": format,
                        "seconds": round(float(elapsed), 2),
                        "documents_per_s": round(size / float(elapsed), 1),
                        "peak_mib": round(int(peak_kib) / 1024, 1),
                        "wall_with_start_s": round(time.perf_counter() - started, 2),
                    }
                )
                print(json.dumps(results[-1]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
