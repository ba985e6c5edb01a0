"""Submitting articles: the job runs in a real worker process and its state is kept in the
store; every refused request (key, size, malformed body, bad id, traversal) leaves the store
exactly as it was. On SQLite and PostgreSQL."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsgraph.api.app import create_app
from newsgraph.api.jobs import new_job
from newsgraph.api.settings import ServeSettings
from newsgraph.store.engine import connect
from tests.api.conftest import counts, fill
from tests.export.conftest import handmade

KEY = "s3cret-key"
LIMIT = 4000  # bytes: small, so that oversized bodies are cheap to send
ARTICLE = "Nino Beridze said on Monday that the port of Batumi will reopen in 2026."
QUICK = ("sentences", "mentions")


@pytest.fixture
def writable(store_url: str) -> str:
    return fill(store_url, [handmade()])


def _app(url: str, api_key: str | None = None) -> Any:
    return create_app(
        ServeSettings(db_url=url, api_key=api_key, upload_limit=LIMIT, analysis_stages=QUICK)
    )


@pytest.fixture
def client(writable: str) -> Iterator[TestClient]:
    with TestClient(_app(writable)) as test_client:
        yield test_client


@pytest.fixture
def keyed(writable: str) -> Iterator[TestClient]:
    with TestClient(_app(writable, api_key=KEY)) as test_client:
        yield test_client


def _finished(client: TestClient, poll: str, seconds: float = 180) -> dict[str, Any]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job: dict[str, Any] = client.get(poll).json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.2)
    raise AssertionError(f"{poll} still unfinished after {seconds}s")


def test_submitted_article_is_analysed_and_stored(client: TestClient, writable: str) -> None:
    before = counts(writable)
    response = client.post(
        "/api/analyses", json={"text": ARTICLE, "published": "2025-03-03", "outlet": "Kesh Wire"}
    )
    assert response.status_code == 202, response.text
    accepted = response.json()
    assert response.headers["location"] == accepted["poll"]
    assert accepted["state"] == "pending"
    uploaded = client.post(
        "/api/analyses/upload",
        files={
            "file": ("note.html", b"<html><body><p>" + ARTICLE.encode() * 3 + b"</p></body></html>")
        },
        data={"id": "uploaded-1"},
    )
    assert uploaded.status_code == 202, uploaded.text
    job = _finished(client, accepted["poll"])
    assert job["state"] == "done", job
    assert _finished(client, uploaded.json()["poll"])["state"] == "done"
    document = client.get(f"/api/documents/{job['document_id']}").json()
    assert document["text"] == ARTICLE and document["document"]["outlet"] == "Kesh Wire"
    assert "Nino Beridze" in [m["text"] for m in document["mentions"]]
    assert client.get("/api/documents/uploaded-1").status_code == 200
    # The same text again gets the same id and is not stored twice.
    again = client.post("/api/analyses", json={"text": ARTICLE}).json()
    assert again["document_id"] == job["document_id"]
    assert _finished(client, again["poll"])["state"] == "done"
    # Other text under a stored id is refused before any job is recorded.
    taken = {"text": "Other words entirely.", "id": "uploaded-1"}
    conflict = _refused(client, writable, "POST", "/api/analyses", json=taken)
    assert conflict.status_code == 409 and "uploaded-1" in conflict.json()["detail"]
    after = counts(writable)
    assert after["documents"] == before["documents"] + 2
    assert after["analysis_jobs"] == before["analysis_jobs"] + 3


def test_a_killed_worker_fails_its_job_and_a_restart_fails_unfinished_ones(
    writable: str,
) -> None:
    with TestClient(_app(writable)) as client:
        accepted = client.post("/api/analyses", json={"text": ARTICLE}).json()
        pool = client.app.state.jobs._pool  # type: ignore[attr-defined]
        for pid in list(pool._processes):  # the worker is still starting: kill it
            os.kill(pid, signal.SIGKILL)
        job = _finished(client, accepted["poll"])
        assert job["state"] == "failed" and "stopped" in job["error"]
        # The next submission gets a new worker.
        later = client.post("/api/analyses", json={"text": ARTICLE + " Again."}).json()
        assert _finished(client, later["poll"])["state"] == "done"
    # A job left running by a server that died: the next server says it failed.
    engine = connect(writable)
    with engine.begin() as connection:
        orphan = new_job(connection, "orphan")
    engine.dispose()
    with TestClient(_app(writable)) as client:
        job = client.get(f"/api/analyses/{orphan}").json()
    assert job["state"] == "failed" and "submit the article again" in job["error"]


def _refused(client: TestClient, url: str, method: str, path: str, **kwargs: Any) -> Any:
    """Send a request that must be refused; the store must not change."""
    before = counts(url)
    response = client.request(method, path, **kwargs)
    assert 400 <= response.status_code < 500, (path, response.status_code, response.text)
    assert response.json()["detail"]
    assert counts(url) == before
    return response


def test_writes_need_the_key(keyed: TestClient, writable: str) -> None:
    body = {"json": {"text": ARTICLE}}
    missing = _refused(keyed, writable, "POST", "/api/analyses", **body)
    assert missing.status_code == 401 and "X-API-Key" in missing.json()["detail"]
    wrong = _refused(
        keyed, writable, "POST", "/api/analyses", headers={"X-API-Key": "guess"}, **body
    )
    assert wrong.status_code == 403
    files = {"files": {"file": ("a.txt", ARTICLE.encode())}}
    assert _refused(keyed, writable, "POST", "/api/analyses/upload", **files).status_code == 401
    wrong_upload = _refused(
        keyed, writable, "POST", "/api/analyses/upload", headers={"X-API-Key": "guess"}, **files
    )
    assert wrong_upload.status_code == 403
    # Reads need no key; a write with the key is accepted.
    assert keyed.get("/api/documents").status_code == 200
    ok = keyed.post("/api/analyses", json={"text": ARTICLE}, headers={"X-API-Key": KEY})
    assert ok.status_code == 202


def test_oversized_bodies_are_413(client: TestClient, writable: str) -> None:
    big = "word " * LIMIT
    assert (
        _refused(client, writable, "POST", "/api/analyses", json={"text": big}).status_code == 413
    )
    upload = {"files": {"file": ("big.txt", big.encode())}}
    assert _refused(client, writable, "POST", "/api/analyses/upload", **upload).status_code == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        yield b'{"text": "'
        for _ in range(100):
            yield b"x" * 1000
        yield b'"}'

    chunked = _refused(
        client,
        writable,
        "POST",
        "/api/analyses",
        content=chunks(),
        headers={"content-type": "application/json"},
    )
    assert chunked.status_code == 413


def test_malformed_bodies_are_422(client: TestClient, writable: str) -> None:
    json_type = {"content-type": "application/json"}
    not_utf8 = b'{"text": "\xff"}'
    for body in (b"{bad json", b"[1, 2]", b'"text"', b"", b"\xff\xfe{}", b'{"text": 5}', not_utf8):
        response = _refused(
            client, writable, "POST", "/api/analyses", content=body, headers=json_type
        )
        assert response.status_code == 422, body
    malformed = client.post("/api/analyses", content=b'{"text": ', headers=json_type)
    assert "malformed JSON" in malformed.json()["detail"]
    for body_json in (
        {"text": ""},
        {"text": "   "},
        {"text": ARTICLE, "unknown": 1},
        {"text": ARTICLE, "published": "someday"},
        {"text": "\x00\x01\x02" * 50},
        {"text": ARTICLE, "outlet": "bad\x00outlet"},
    ):
        response = _refused(client, writable, "POST", "/api/analyses", json=body_json)
        assert response.status_code == 422, body_json
    feed = {"files": {"file": ("feed.jsonl", b'{"text": "a"}\n')}}
    assert _refused(client, writable, "POST", "/api/analyses/upload", **feed).status_code == 422
    empty = {"files": {"file": ("empty.txt", b"")}}
    assert _refused(client, writable, "POST", "/api/analyses/upload", **empty).status_code == 422
    broken_form = {
        "content": b"--xx\r\n1e-05--xx--\r\n",
        "headers": {"content-type": "multipart/form-data; boundary=xx"},
    }
    assert (
        _refused(client, writable, "POST", "/api/analyses/upload", **broken_form).status_code == 422
    )
    for published in (0, -4e-07, "1700000000"):  # never read as seconds since 1970
        dated = {"text": ARTICLE, "published": published}
        assert _refused(client, writable, "POST", "/api/analyses", json=dated).status_code == 422
    no_file = {"data": {"id": "x"}}
    assert _refused(client, writable, "POST", "/api/analyses/upload", **no_file).status_code == 422


def test_paths_never_reach_the_file_system(
    client: TestClient, writable: str, tmp_path: Path
) -> None:
    for doc_id in ("../../etc/passwd", "/etc/passwd", "a/../../b", "..", "x y"):
        response = _refused(
            client, writable, "POST", "/api/analyses", json={"text": ARTICLE, "id": doc_id}
        )
        assert response.status_code == 422
    for path in (
        "/api/documents/..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/documents/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/api/documents/....//....//etc/passwd/text",
        "/api/analyses/..%2F..%2Fetc%2Fpasswd",
        "/api/graph?document_id=../../etc/passwd",
    ):
        response = _refused(client, writable, "GET", path)
        assert response.status_code == 404 and "root:" not in response.text
    before = counts(writable)
    for page in ("/documents/..%2F..%2F..%2Fetc%2Fpasswd", "/documents/%2e%2e/%2e%2e/etc/passwd"):
        answer = client.get(page)  # the article page: an HTML 404
        assert answer.status_code == 404 and "root:" not in answer.text
    assert counts(writable) == before
    # An upload's name is never a path: nothing appears where it points.
    target = tmp_path / "planted.txt"
    name = f"../../../../..{target}"
    accepted = client.post("/api/analyses/upload", files={"file": (name, ARTICLE.encode())})
    assert accepted.status_code == 202
    assert _finished(client, accepted.json()["poll"])["state"] == "done"
    assert not target.exists()
    stored = client.get(f"/api/documents/{accepted.json()['document_id']}").json()
    assert stored["document"]["source"]["path"] == "api"


def test_unknown_ids_are_404(client: TestClient, writable: str) -> None:
    for path in (
        "/api/documents/missing",
        "/api/documents/missing/text",
        "/api/entities/999999",
        "/api/entities/999999/mentions",
        "/api/analyses/0123456789abcdef0123456789abcdef",
        "/api/no-such-endpoint",
    ):
        assert _refused(client, writable, "GET", path).status_code == 404, path
    assert _refused(client, writable, "GET", "/api/entities/not-a-number").status_code == 422
