"""/api/documents on SQLite and PostgreSQL: lists, one document's layers, its text."""

from __future__ import annotations

from fastapi.testclient import TestClient

from newsgraph.model import Analysis


def test_list_is_paginated_newest_first(client: TestClient, analyses: list[Analysis]) -> None:
    first = client.get("/api/documents", params={"limit": 2})
    assert first.status_code == 200
    page = first.json()
    assert page["limit"] == 2 and page["offset"] == 0 and page["next_offset"] == 2
    assert len(page["items"]) == 2
    seen = [item["document_id"] for item in page["items"]]
    offset: int | None = page["next_offset"]
    while offset is not None:
        page = client.get("/api/documents", params={"limit": 2, "offset": offset}).json()
        seen += [item["document_id"] for item in page["items"]]
        offset = page["next_offset"]
    assert sorted(seen) == sorted(a.id for a in analyses)


def test_filters_by_outlet_and_date(client: TestClient, analyses: list[Analysis]) -> None:
    page = client.get("/api/documents", params={"outlet": "Kesh Wire"}).json()
    assert [item["document_id"] for item in page["items"]] == ["handmade/1"]
    assert page["next_offset"] is None
    dates = {a.id: a.document.published for a in analyses if a.document.published is not None}
    day = sorted(dates.values())[len(dates) // 2]
    page = client.get("/api/documents", params={"since": str(day), "limit": 200}).json()
    expected = {doc_id for doc_id, published in dates.items() if published >= day}
    assert {item["document_id"] for item in page["items"]} == expected


def test_one_document_has_every_layer(client: TestClient, analyses: list[Analysis]) -> None:
    for analysis in analyses:
        response = client.get(f"/api/documents/{analysis.id}")
        assert response.status_code == 200, response.text
        assert Analysis.model_validate(response.json()) == analysis


def test_text_is_what_offsets_index(client: TestClient, analyses: list[Analysis]) -> None:
    analysis = max(analyses, key=lambda a: len(a.attributions))
    body = client.get(f"/api/documents/{analysis.id}/text").json()
    assert body == {
        "document_id": analysis.id,
        "start": 0,
        "end": len(analysis.text),
        "text": analysis.text,
    }
    for attribution in analysis.attributions:
        for piece in attribution.content:
            assert body["text"][piece.start : piece.end] == piece.text


def test_unknown_document_is_404(client: TestClient) -> None:
    for path in ("/api/documents/no-such-id", "/api/documents/no-such-id/text"):
        response = client.get(path)
        assert response.status_code == 404
        assert "no-such-id" in response.json()["detail"]


def test_bad_parameters_are_422_with_a_sentence(client: TestClient) -> None:
    for params in ({"limit": 0}, {"limit": "many"}, {"offset": -1}, {"since": "yesterday"}):
        response = client.get("/api/documents", params=params)
        assert response.status_code == 422
        name = next(iter(params))
        assert f"query parameter {name}" in response.json()["detail"]


def test_values_the_database_cannot_hold_are_422(client: TestClient) -> None:
    """Found by the fuzz test: numbers past PostgreSQL's INTEGER, numbers read as dates, and
    NUL characters are refused as bad parameters, never passed on to the database."""
    for path in (
        "/api/entities/2147483648",
        f"/api/entities/{2**62}/mentions",
        f"/api/graph?entity={2**40}",
        "/api/documents?until=0.0",
        "/api/attributions?since=1700000000",
        "/api/entities?kind=a%00b",
        "/api/documents/a%00b",
        "/api/search?q=%00",
    ):
        response = client.get(path)
        assert response.status_code == 422, (path, response.text)
        problem = response.json()
        assert problem["detail"] and problem["errors"], path
    assert client.get("/api/entities/2147483647").status_code == 404
