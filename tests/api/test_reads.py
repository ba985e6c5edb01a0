"""The read endpoints on SQLite and PostgreSQL: entities, attributions, search, timeline,
events and graph, each item checked against the analyses it was stored from."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi.testclient import TestClient

from newsgraph.model import Analysis


def _texts(analyses: list[Analysis]) -> dict[str, str]:
    return {analysis.id: analysis.text for analysis in analyses}


def _pages(client: TestClient, path: str, **params: Any) -> Iterator[dict[str, Any]]:
    """Every item of a paginated list, page after page."""
    offset: int | None = 0
    while offset is not None:
        response = client.get(path, params={**params, "offset": offset})
        assert response.status_code == 200, response.text
        page = response.json()
        yield from page["items"]
        offset = page["next_offset"]


def _at_offsets(texts: dict[str, str], item: dict[str, Any]) -> None:
    assert texts[item["document_id"]][item["start"] : item["end"]] == item["text"], item


def test_entities_list_and_one(client: TestClient, analyses: list[Analysis]) -> None:
    listed = list(_pages(client, "/api/entities", limit=50))
    keys = {entity.key for analysis in analyses for entity in analysis.entities if entity.key}
    assert {item["key"] for item in listed} <= keys
    assert len(listed) == len({item["id"] for item in listed}) > 10
    minister = next(item for item in listed if item["key"] == "person:ardvan-minister")
    detail = client.get(f"/api/entities/{minister['id']}").json()
    assert detail["aliases"] == ["the Ardvan minister"]
    assert detail["documents"] == ["handmade/1"]
    texts = _texts(analyses)
    assert [m["text"] for m in detail["mentions"]] == ["the Ardvan minister"]
    for mention in detail["mentions"]:
        _at_offsets(texts, mention)
    assert [q["attribution_id"] for q in detail["said"]] == ["a2"]
    assert [q["attribution_id"] for q in detail["said_about"]] == ["a1"]
    mentions = client.get(f"/api/entities/{minister['id']}/mentions").json()
    assert mentions["items"] == detail["mentions"]


def test_entities_by_name_and_kind(client: TestClient) -> None:
    found = client.get("/api/entities", params={"name": "Kesh"}).json()["items"]
    assert [item["key"] for item in found] == ["place:kesh"]
    assert found[0]["latitude"] == 1.5 and found[0]["document_count"] == 1
    places = client.get("/api/entities", params={"kind": "place", "limit": 200}).json()["items"]
    assert places and all(item["kind"] == "place" for item in places)


def test_attributions_filters(client: TestClient, analyses: list[Analysis]) -> None:
    texts = _texts(analyses)
    by = client.get("/api/attributions", params={"by": "Ardvan minister"}).json()["items"]
    assert [(q["document_id"], q["attribution_id"]) for q in by] == [("handmade/1", "a2")]
    every = list(_pages(client, "/api/attributions", limit=7))
    expected = {
        (a.id, attribution.id)
        for a in analyses
        for attribution in a.attributions
        if attribution.kind != "own_voice"
    }
    assert {(q["document_id"], q["attribution_id"]) for q in every} == expected
    for quote in every:
        for piece in quote["content"]:
            _at_offsets(texts, {"document_id": quote["document_id"], **piece})
    direct = client.get("/api/attributions", params={"kind": "direct", "limit": 200}).json()
    assert direct["items"] and all(q["kind"] == "direct" for q in direct["items"])
    relayed = client.get("/api/attributions", params={"outlet": "Kesh Wire"}).json()["items"]
    assert {q["document_id"] for q in relayed} == {"handmade/1"}
    early = client.get("/api/attributions", params={"until": "2023-12-31", "limit": 200}).json()
    assert all(q["published"] <= "2023-12-31" for q in early["items"])
    bad = client.get("/api/attributions", params={"stance": "angry"})
    assert bad.status_code == 422 and "query parameter stance" in bad.json()["detail"]


def test_search_spans_and_pages(client: TestClient, analyses: list[Analysis]) -> None:
    texts = _texts(analyses)
    first = client.get("/api/search", params={"q": "ceasefire", "limit": 1}).json()
    assert first["items"] and first["next_offset"] == 1
    for match in first["items"]:
        _at_offsets(texts, match)
        assert match["text"].lower().startswith("ceasefire")
    every = list(_pages(client, "/api/search", q="ceasefire", limit=1))
    holding = {doc_id for doc_id, text in texts.items() if "ceasefire" in text.lower()}
    assert {match["document_id"] for match in every} == holding
    assert len({m["document_id"] for m in first["items"]}) == 1
    nothing = client.get("/api/search", params={"q": "zzyzx"}).json()
    assert nothing == {"items": [], "limit": 20, "offset": 0, "next_offset": None}
    assert client.get("/api/search").status_code == 422


def test_timeline_is_dated_latest_first(client: TestClient, analyses: list[Analysis]) -> None:
    texts = _texts(analyses)
    items = list(_pages(client, "/api/timeline", limit=25))
    assert {item["kind"] for item in items} == {"statement", "event"}
    dates = [item["date"] for item in items]
    assert dates == sorted(dates, reverse=True)
    for item in items:
        _at_offsets(texts, item)
    events = {(a.id, e.id) for a in analyses for e in a.events if e.date and e.date[:4].isdigit()}
    listed = {(i["document_id"], i["item_id"]) for i in items if i["kind"] == "event"}
    assert listed <= events and listed
    since = client.get("/api/timeline", params={"since": "2025-11", "limit": 200}).json()
    assert since["items"] and all(item["date"] >= "2025-11" for item in since["items"])
    kesh = client.get("/api/timeline", params={"entity": "Kesh"}).json()["items"]
    assert [(i["kind"], i["item_id"]) for i in kesh] == [("event", "v1")]
    assert client.get("/api/timeline", params={"since": "last week"}).status_code == 422


def test_events_with_participants(client: TestClient, analyses: list[Analysis]) -> None:
    texts = _texts(analyses)
    items = list(_pages(client, "/api/events", limit=30))
    assert {(i["document_id"], i["event_id"]) for i in items} == {
        (a.id, e.id) for a in analyses for e in a.events
    }
    for item in items:
        _at_offsets(texts, item)
        for participant in item["participants"]:
            _at_offsets(texts, {"document_id": item["document_id"], **participant})
    handmade = client.get("/api/events", params={"document_id": "handmade/1"}).json()["items"]
    assert [p["text"] for p in handmade[0]["participants"]] == ["the Ardvan minister", "Kesh"]
    assert handmade[0]["participants"][0]["country"] == "ARD"
    kinds = client.get("/api/events", params={"type": handmade[0]["type"]}).json()["items"]
    assert all(item["type"] == handmade[0]["type"] for item in kinds)


def test_graph_edges_point_into_documents(client: TestClient, analyses: list[Analysis]) -> None:
    texts = _texts(analyses)
    graph = client.get("/api/graph", params={"document_id": "handmade/1"}).json()
    assert graph["documents"] == ["handmade/1"]
    nodes = {node["id"]: node for node in graph["nodes"]}
    said = {
        (nodes[e["source"]]["label"], e["target"]) for e in graph["edges"] if e["type"] == "said"
    }
    assert said == {
        ("Reuters", "statement:handmade/1#a1"),
        ("Ardvan minister", "statement:handmade/1#a2"),
    }
    nested = [(e["source"], e["target"]) for e in graph["edges"] if e["type"] == "nested"]
    assert nested == [("statement:handmade/1#a1", "statement:handmade/1#a2")]
    for edge in graph["edges"]:
        assert edge["source"] in nodes and edge["target"] in nodes
        _at_offsets(texts, edge)
    whole = client.get("/api/graph", params={"limit": 50}).json()
    assert sorted(whole["documents"]) == sorted(texts)
    for edge in whole["edges"]:
        _at_offsets(texts, edge)
    assert client.get("/api/graph", params={"document_id": "nope"}).status_code == 404
    assert client.get("/api/graph", params={"entity": 999999}).status_code == 404


def test_graphml_download(client: TestClient, analyses: list[Analysis]) -> None:
    import io

    import networkx as nx

    response = client.get("/api/graph.graphml")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/graphml+xml")
    graph = nx.read_graphml(io.BytesIO(response.content))
    documents = {n for n, data in graph.nodes(data=True) if data.get("type") == "document"}
    assert documents == {f"document:{a.id}" for a in analyses}
