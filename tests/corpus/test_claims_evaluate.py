"""The claims scorer (B-cubed and flag precision/recall), the gold files and migration 0006."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import inspect

from newsgraph.cli import main
from newsgraph.evaluate.claims import (
    GoldError,
    SystemAppearance,
    SystemOutput,
    read_gold,
    score,
)
from newsgraph.store.engine import connect, upgrade
from tests.conftest import REPO

GOLD = REPO / "data" / "gold"


def test_the_gold_files_read_and_hold_what_their_readme_says() -> None:
    dev, held_out = read_gold(GOLD / "claims-dev.json"), read_gold(GOLD / "claims-heldout.json")
    assert (dev.split, held_out.split) == ("dev", "heldout")
    for gold in (dev, held_out):
        stories = {claim.id.split("/")[0] for claim in gold.claims}
        assert len(gold.documents) == 4 * len(stories)
        assert any(claim.laundering for claim in gold.claims)
        assert any(claim.hardening and not claim.laundering for claim in dev.claims)
    assert not {d.id for d in dev.documents} & {d.id for d in held_out.documents}


def write_gold(path: Path, claims: list[dict[str, object]]) -> Path:
    text = "The ministry alleged that the port was closed. It said trade had fallen."
    gold = {
        "format": "newsgraph-claims-gold",
        "split": "tiny",
        "documents": [
            {"id": "d1", "published": "2025-01-01", "via": ["A"], "text": text},
            {"id": "d2", "published": "2025-01-02", "via": ["B"], "text": text},
        ],
        "claims": claims,
    }
    path.write_text(json.dumps(gold), encoding="utf-8")
    return path


def appearance(document: str, start: int, end: int) -> dict[str, object]:
    text = "The ministry alleged that the port was closed. It said trade had fallen."
    return {"document": document, "start": start, "end": end, "text": text[start:end]}


def test_scores_of_a_perfect_and_of_a_lumping_system(tmp_path: Path) -> None:
    closed = [appearance("d1", 26, 45), appearance("d2", 26, 45)]
    fallen = [appearance("d1", 55, 71), appearance("d2", 55, 71)]
    gold = read_gold(
        write_gold(
            tmp_path / "gold.json",
            [
                {"id": "closed", "laundering": True, "hardening": False, "appearances": closed},
                {"id": "fallen", "laundering": False, "hardening": False, "appearances": fallen},
            ],
        )
    )
    exact = SystemOutput(
        [
            SystemAppearance("d1", 21, 45, 1),
            SystemAppearance("d2", 21, 45, 1),
            SystemAppearance("d1", 55, 71, 2),
            SystemAppearance("d2", 55, 71, 2),
        ],
        {1: {"laundering": True, "hardening": False}, 2: {"laundering": False, "hardening": True}},
    )
    result = score(gold, exact)
    assert (result.precision, result.recall, result.f1) == (1.0, 1.0, 1.0)
    assert result.flags["laundering"].f1 == 1.0
    hardening = result.flags["hardening"]
    assert (hardening.correct, hardening.system, hardening.gold) == (0, 1, 0)
    lumped = SystemOutput(
        [SystemAppearance(a.document, a.start, a.end, 7) for a in exact.appearances],
        {7: {"laundering": True, "hardening": False}},
    )
    result = score(gold, lumped)
    assert result.recall == 1.0 and result.precision == 0.5
    missing = SystemOutput(exact.appearances[:1], exact.flags)
    result = score(gold, missing)
    assert result.aligned == 1 and result.precision == 1.0 and result.recall < 1.0


def test_bad_gold_is_refused_naming_the_file(tmp_path: Path) -> None:
    wrong = appearance("d1", 26, 45) | {"text": "not these words"}
    path = write_gold(
        tmp_path / "bad.json",
        [{"id": "x", "laundering": False, "hardening": False, "appearances": [wrong]}],
    )
    with pytest.raises(GoldError, match=r"bad\.json: claims\[1\]: text of d1 26-45 differs"):
        read_gold(path)
    (tmp_path / "other.json").write_text('{"documents": []}', encoding="utf-8")
    assert main(["evaluate", "claims", str(tmp_path / "other.json")]) == 1


def test_evaluate_claims_runs_end_to_end(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One development story through analysis, storage and matching, with a JSON report."""
    full = json.loads((GOLD / "claims-dev.json").read_text(encoding="utf-8"))
    story = "01-nakuru-water-tender"
    small = {
        **full,
        "documents": [d for d in full["documents"] if d["id"].startswith(story)],
        "claims": [c for c in full["claims"] if c["story"] == story],
    }
    (tmp_path / "one.json").write_text(json.dumps(small), encoding="utf-8")
    report = tmp_path / "report.json"
    assert main(["evaluate", "claims", str(tmp_path / "one.json"), "--json", str(report)]) == 0
    assert "claims (B-cubed)" in capsys.readouterr().out
    written = json.loads(report.read_text(encoding="utf-8"))
    assert 0.0 < written["b_cubed"]["f1"] <= 1.0
    assert set(written["flags"]) == {"laundering", "hardening"}


def test_migration_0006_goes_down_and_up(store_url: str) -> None:
    from alembic import command

    from newsgraph.store.engine import _alembic_config

    engine = connect(store_url)
    upgrade(engine)
    names = {"claims", "claim_appearances", "claim_terms"}
    assert names <= set(inspect(engine).get_table_names())
    command.downgrade(_alembic_config(engine), "0002")
    assert not names & set(inspect(engine).get_table_names())
    upgrade(engine)
    assert names <= set(inspect(engine).get_table_names())
    engine.dispose()
