"""The entity page lists the newest statements of each kind, at most `ENTITY_LIST`, and then
says where all of them are (the API, page by page)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph.api.app import create_app
from newsgraph.api.settings import ServeSettings
from newsgraph.model import Analysis
from newsgraph.web import pages
from tests.web.browser import fill_store


def test_long_lists_are_cut_and_lead_to_the_rest(
    tmp_path: Path, analyses: list[Analysis], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'newsgraph.db'}"
    fill_store(url, analyses)
    with TestClient(create_app(ServeSettings(db_url=url))) as client:
        entities = client.get("/api/entities", params={"limit": 200}).json()["items"]
        details = [client.get(f"/api/entities/{e['id']}").json() for e in entities]
        talker = max(details, key=lambda detail: len(detail["said"]))
        said = len(talker["said"])
        assert said >= 2, "no entity in the examples says two things"
        whole = client.get(f"/entities/{talker['id']}").text
        assert whole.count('<tr class="quote"') >= said and "The newest" not in whole
        monkeypatch.setattr(pages, "ENTITY_LIST", said - 1)
        cut = client.get(f"/entities/{talker['id']}").text
        said_section = cut.split('id="said-h"')[1].split('id="about-h"')[0]
        assert said_section.count('<tr class="quote"') == said - 1
        assert f"The newest {said - 1};" in said_section
        link = re.search(r'href="(/api/attributions\?by=[^"]+)"', said_section)
        assert link is not None
        rest = client.get(link.group(1), params={"limit": 200}).json()["items"]
        assert len(rest) >= said
