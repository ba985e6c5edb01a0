"""Starting Spark: finding a JVM, and a session set up for the job (or for tests)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

# Spark 4 runs on Java 17 and 21.
SUPPORTED_JAVA = (17, 21)
_JVM_FOLDERS = Path("/usr/lib/jvm")


class SparkUnavailableError(Exception):
    """pyspark or a suitable JVM is missing; the message says what to install."""


def java_version(java: Path) -> int | None:
    try:
        shown = subprocess.run(
            [str(java), "-version"], capture_output=True, text=True, timeout=60, check=False
        ).stderr
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = re.search(r'version "(\d+)(?:\.(\d+))?', shown)
    if found is None:
        return None
    major = int(found.group(1))
    return int(found.group(2) or 0) if major == 1 else major


def find_java_home() -> Path:
    """JAVA_HOME when it holds a supported Java, else the `java` on PATH, else a JDK or JRE
    17 or 21 under /usr/lib/jvm (Debian's place for them). SparkUnavailableError if none."""
    candidates: list[Path] = []
    if os.environ.get("JAVA_HOME"):
        candidates.append(Path(os.environ["JAVA_HOME"]))
    on_path = shutil.which("java")
    if on_path:
        candidates.append(Path(on_path).resolve().parent.parent)
    if _JVM_FOLDERS.is_dir():
        candidates.extend(
            sorted(p for p in _JVM_FOLDERS.iterdir() if re.search(r"(^|\D)(17|21)(\D|$)", p.name))
        )
    seen: list[str] = []
    for home in candidates:
        java = home / "bin" / "java"
        if not java.is_file():
            continue
        version = java_version(java)
        if version in SUPPORTED_JAVA:
            return home
        seen.append(f"{home} (Java {version})")
    found = f"; found only {', '.join(seen)}" if seen else ""
    raise SparkUnavailableError(
        "newsgraph spark needs Java 17 or 21 (apt-get install openjdk-17-jre-headless, or set "
        f"JAVA_HOME){found}"
    )


def check_spark() -> Path:
    """The JAVA_HOME to use; SparkUnavailableError if pyspark or Java is missing."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise SparkUnavailableError(
            "newsgraph spark needs pyspark: pip install 'newsgraph[spark]'"
        ) from None
    return find_java_home()


def start_session(
    master: str | None = "local[2]",
    shuffle_partitions: int | None = None,
    local_dir: Path | None = None,
    driver_memory: str | None = None,
) -> SparkSession:
    """A SparkSession for newsgraph: its UI off, Python workers running this interpreter (so
    that they import this newsgraph) and kept between tasks (so that each loads the pipeline
    once), times in UTC. On a cluster spark-submit's own settings win over these defaults."""
    os.environ["JAVA_HOME"] = str(check_spark())
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder
    if master is not None:  # None: the master spark-submit was given
        builder = builder.master(master)
    builder = (
        builder.appName("newsgraph")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.python.worker.reuse", "true")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.adaptive.enabled", "true")
    )
    if shuffle_partitions is not None:
        builder = builder.config("spark.sql.shuffle.partitions", str(shuffle_partitions))
    if local_dir is not None:
        local_dir.mkdir(parents=True, exist_ok=True)
        builder = builder.config("spark.local.dir", str(local_dir)).config(
            "spark.driver.extraJavaOptions", f"-Djava.io.tmpdir={local_dir}"
        )
    if driver_memory is not None:
        builder = builder.config("spark.driver.memory", driver_memory)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session
