"""The temporal stage on whole articles: the example articles and the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.ingest import read_inputs
from newsgraph.model import Analysis
from newsgraph.pipeline import Pipeline

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(["temporal"])


def analyze_file(pipeline: Pipeline, path: Path) -> Analysis:
    [analysis] = list(pipeline.analyze_many(read_inputs([str(path)])))
    assert isinstance(analysis, Analysis), analysis
    assert analysis.check_spans() == []
    return analysis


def values(analysis: Analysis) -> dict[str, list[str | None]]:
    found: dict[str, list[str | None]] = {}
    for timex in analysis.timexes:
        found.setdefault(timex.text, []).append(timex.value)
    return found


# Expressions a careful reader resolves, per example article, with the value they must get.
EXPECTED = {
    "2023-02-21-kartli-pipeline-dispute.txt": {
        "November 27 of last year": "2022-11-27",
        "December 8": "2022-12-08",
        "2008 August": "2008-08",
        "September of that year": "2015-09",
        "June of this year": "2023-06",
        "next week": "2023-W09",
        "Days ago": "PAST_REF",
        "today": "2023-02-21",
        "every week": "P1W",
        "monthly": "P1M",
    },
    "2023-11-20-sahel-menaka-ceasefire.txt": {
        "6 a.m. on Saturday": "2023-11-18T06:00",
        "30 days": "P30D",
        "two weeks ago": "2023-W45",
        "Earlier this month": "2023-11",
        "1996": "1996",
        "48 hours": "PT48H",
        "recently": "PAST_REF",
        "the future": "FUTURE_REF",
        "Last year": "2022",
    },
    "2024-06-11-tadjourah-port-concession.txt": {
        "30-year": "P30Y",
        "18 months": "P18M",
        "the end of next year": "2025",
        "March": "2024-03",
        "April 9": "2024-04-09",
        "then": "2024-04-09",
        "June of that year": "2008-06",
        "the past decade": "P10Y",
        "Thursday": "2024-06-13",
        "today": "2024-06-11",
    },
    "2025-04-08-niksic-disputed-runoff.txt": {
        "January of that year": "2021-01",
        "March 23": "2025-03-23",
        "two weeks ago": "2025-W13",
        "February": "2025-02",
        "72 hours": "PT72H",
        "next week": "2025-W16",
        "June of this year": "2025-06",
        "2006": "2006",
        "every week": "P1W",
        "20:00": "2025-04-06T20:00",
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_article_values(pipeline: Pipeline, name: str) -> None:
    path = EXAMPLES / name
    if not path.exists():
        pytest.skip(f"{name} is not present")
    found = values(analyze_file(pipeline, path))
    for expression, value in EXPECTED[name].items():
        assert expression in found, f"{expression!r} not found in {name}"
        assert value in found[expression], (expression, found[expression])


# The seed article is not part of the repository; it is read from ../shared when present.
SEED_EXPECTED = {
    "days ago": "PAST_REF",
    "November 27 of last year": "2024-11-27",
    "December 8": "2024-12-08",
    "February": "2025-02",
    "1974": "1974",
    "1973 October": "1973-10",
    "8 December": "2024-12-08",
    "1967": "1967",
    "2018": "2018",
    "2015": "2015",
    "September of that year": "2015-09",
    "January 10, 2025": "2025-01-10",
    "the years before": "PXY",
    "June of this year": "2025-06",
    "2022": "2022",
    "the days after": "PXD",
}


def test_seed_article(pipeline: Pipeline, shared_dir: Path) -> None:
    path = shared_dir / "seeds" / "article-2025-09-15.txt"
    if not path.exists():
        pytest.skip("the seed article is not present")
    analysis = analyze_file(pipeline, path)
    found = values(analysis)
    for expression, value in SEED_EXPECTED.items():
        assert found.get(expression) and all(v == value for v in found[expression]), (
            expression,
            found.get(expression),
        )
    # "May" used as a modal, and the name of the Six-Day War, are not dates.
    assert "May" not in found
    assert not any("Six-Day" in text for text in found)
