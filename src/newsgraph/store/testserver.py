"""A throwaway PostgreSQL server, for the store tests and benchmarks (never for real data).

NEWSGRAPH_TEST_POSTGRES (a URL of a server that databases may be created on) wins; otherwise
the Debian `postgresql` package's binaries start a private cluster on a free loopback port, with
fsync off, removed when the context ends.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ENVIRONMENT = "NEWSGRAPH_TEST_POSTGRES"


class ServerUnavailableError(RuntimeError):
    """Neither a server URL nor the PostgreSQL binaries to start one."""


def _binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _as_server_user(command: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root: hand them to the package's own user.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@contextmanager
def postgres_server() -> Iterator[str]:
    """Yield the URL (without a database name) of a running server."""
    given = os.environ.get(ENVIRONMENT)
    if given:
        yield given.rstrip("/")
        return
    binaries = _binaries()
    if binaries is None:
        raise ServerUnavailableError(
            "a PostgreSQL server is needed (apt-get install postgresql) or " + ENVIRONMENT
        )
    folder = Path(tempfile.mkdtemp(prefix="newsgraph-pg-"))
    data = folder / "data"
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    port = _free_port()
    subprocess.run(
        _as_server_user(
            [str(binaries / "initdb"), "-D", str(data), "-U", "newsgraph", "-A", "trust"]
        ),
        check=True,
        capture_output=True,
    )
    options = f"-h 127.0.0.1 -p {port} -k {folder} -F -c fsync=off"
    subprocess.run(
        _as_server_user(
            [
                str(binaries / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(folder / "log"),
                "-w",
                "start",
            ]
        ),
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql://newsgraph@127.0.0.1:{port}"
    finally:
        subprocess.run(
            _as_server_user([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


def fresh_database(server: str) -> str:
    """Create an empty database on the server; returns its URL."""
    import psycopg

    name = f"test_{uuid.uuid4().hex[:12]}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
                connection.execute(f'CREATE DATABASE "{name}"')
            return f"{server}/{name}"
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)
