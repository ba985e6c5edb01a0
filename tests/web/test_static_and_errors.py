"""The built front-end files: present, shipped in the package, referenced by the pages, and
what the committed sources and lock file build to; and the pages' answers to bad requests."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import httpx
import pytest

from newsgraph.web import STATIC
from tests.web.browser import REPO

BUILT = ("article.js", "countries.json", "graph.js", "newsgraph.css", "world.svg")


def test_built_files_exist_and_ship_in_the_package() -> None:
    for name in BUILT:
        assert (STATIC / name).stat().st_size > 0, name
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = config["tool"]["setuptools"]["package-data"]["newsgraph"]
    assert "web/static/*" in shipped and "web/templates/*.html" in shipped
    assert (REPO / "web" / "package-lock.json").is_file()


def test_committed_build_is_what_the_sources_build_to(tmp_path: Path) -> None:
    modules = REPO / "web" / "node_modules"
    node = shutil.which("node")
    if node is None or not modules.is_dir():
        reason = "node or web/node_modules is missing (npm --prefix web ci)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}: CI must check the committed build")
        pytest.skip(f"build check skipped: {reason}")
    subprocess.run([node, str(REPO / "web" / "build.mjs"), str(tmp_path)], check=True)
    rebuilt = sorted(p.name for p in tmp_path.iterdir())
    assert rebuilt == sorted(BUILT)
    for name in BUILT:
        assert filecmp.cmp(tmp_path / name, STATIC / name, shallow=False), (
            f"{name} differs from its build: npm --prefix web ci && npm --prefix web run build"
        )


def test_pages_reference_the_built_files(site: str) -> None:
    with httpx.Client(base_url=site) as client:
        article = client.get("/documents/2023-11-20-sahel-menaka-ceasefire").text
        assert "/static/article.js" in article and "/static/newsgraph.css" in article
        assert "/static/graph.js" in client.get("/graph").text
        for name in BUILT:
            answer = client.get(f"/static/{name}")
            assert answer.status_code == 200 and answer.content == (STATIC / name).read_bytes()


def test_bad_requests_are_4xx(site: str) -> None:
    with httpx.Client(base_url=site) as client:
        assert client.get("/documents/no-such-document").status_code == 404
        assert client.get("/entities/999999").status_code == 404
        assert client.get("/entities/not-a-number").status_code == 422
        assert client.get("/documents?page=0").status_code == 422
        assert client.get("/search?within=everywhere&q=x").status_code == 422
        assert client.get("/documents/2023-11-20-sahel-menaka-ceasefire?at=9-3").status_code == 200
        assert client.get("/static/no-such-file.js").status_code == 404
        # Values the database could not take are bad requests, not server errors.
        for bad in (
            "/entities/2147483648",
            "/documents/a%00b",
            "/search?q=%00",
            "/timeline?entity=%00",
        ):
            assert client.get(bad).status_code == 422, bad
        empty = client.get("/search?q=%22%22%20OR%20(")
        assert empty.status_code < 500
