"""Latency of the store queries at 1,000 and 10,000 articles (SQLite, PostgreSQL).

    .venv/bin/python benchmarks/store_queries.py [--sizes 1000 10000] [--repeat 40]
        [--databases sqlite,postgresql] [--analyses JSONL | --polnear N]

Analyses the bundled examples once, stores copies of them under new ids, new content hashes
and spread-out publication dates (written in bulk, not through the pipeline), then times each
query `--repeat` times over one open connection and prints p50 and p95 in milliseconds.
PostgreSQL runs on a throwaway local server (newsgraph.store.testserver). Writes
benchmarks/results/store_queries.json. The goal: p95 under 100 ms at 10,000 articles.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from sqlalchemy import Connection, func, insert, select

from newsgraph.ingest import IngestError, ReadOptions, read_inputs
from newsgraph.model import Analysis
from newsgraph.store import fulltext, queries, tables
from newsgraph.store.convert import LAYER_TABLES, analysis_rows, document_row
from newsgraph.store.engine import check_revision, connect
from newsgraph.store.linking import corpus_entity_row, corpus_key
from newsgraph.store.statement_tables import (
    ABOUT,
    entity_names,
    entity_statements,
    name_rows,
    statement_rows,
)

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "store_queries.json"
BATCH = 250


def analyse_examples() -> list[Analysis]:
    from newsgraph.pipeline import Pipeline

    documents = read_inputs([str(ROOT / "examples")], ReadOptions(), None)
    return [a for a in Pipeline().analyze_many(documents) if not isinstance(a, IngestError)]


def analyse_polnear(limit: int) -> list[Analysis]:
    """The first `limit` PolNeAR train+dev articles, analysed: real news, where one name (a
    "Trump") belongs to many corpus entities."""
    from newsgraph.pipeline import Pipeline
    from store import write_feed

    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as scratch:
        feed = Path(scratch) / "feed.jsonl"
        write_feed(feed, limit)
        documents = read_inputs([str(feed)], ReadOptions(), None)
        return [a for a in Pipeline().analyze_many(documents) if not isinstance(a, IngestError)]


CopyRow = Callable[[dict[str, Any], int, int], dict[str, Any]]


def build_store(
    url: str, analyses: Sequence[Analysis], size: int, copy_row: CopyRow | None = None
) -> None:
    """`size` copies of the analyses, round robin, each under a new id and content hash and
    published up to three years after its original date (or as `copy_row(row, key, number)`
    makes the document row instead)."""
    copy_row = _copy if copy_row is None else copy_row
    engine = connect(url)
    check_revision(engine, create=True)
    templates = [(document_row(a), analysis_rows(a)) for a in analyses]
    with engine.begin() as connection:
        corpus_ids = _corpus_entities(connection, analyses)
        for first in range(0, size, BATCH):
            documents: list[dict[str, Any]] = []
            children: dict[str, list[dict[str, Any]]] = {name: [] for name in LAYER_TABLES}
            links: list[dict[str, Any]] = []
            statements: list[dict[str, Any]] = []
            names: list[dict[str, Any]] = []
            for number in range(first, min(size, first + BATCH)):
                key = number + 1
                row, rows = templates[number % len(templates)]
                documents.append(copy_row(row, key, number))
                for name in LAYER_TABLES:
                    children[name].extend({"document_id": key, **r} for r in rows.get(name, []))
                corpus_of_entity = {}
                for ordinal, entity in enumerate(rows.get("entities", [])):
                    corpus_of_entity[entity["local_id"]] = corpus_ids[corpus_key(entity)[0]]
                    links.append(
                        {
                            "document_id": key,
                            "entity_ordinal": ordinal,
                            "corpus_entity_id": corpus_ids[corpus_key(entity)[0]],
                            "method": corpus_key(entity)[1],
                        }
                    )
                # The name and statement indexes as linking.link_document writes them.
                names += name_rows(
                    key,
                    rows.get("entities", []),
                    rows.get("entity_aliases", []),
                    {
                        o: corpus_ids[corpus_key(e)[0]]
                        for o, e in enumerate(rows.get("entities", []))
                    },
                )
                statements += statement_rows(
                    key,
                    documents[-1],
                    rows.get("attributions", []),
                    rows.get("attribution_contents", []),
                    rows.get("mentions", []),
                    corpus_of_entity,
                )
            connection.execute(insert(tables.documents), documents)
            for name in LAYER_TABLES:
                if children[name]:
                    connection.execute(insert(tables.metadata.tables[name]), children[name])
            connection.execute(insert(tables.entity_links), links)
            if names:
                connection.execute(insert(entity_names), names)
            if statements:
                connection.execute(insert(entity_statements), statements)
        fulltext.rebuild(connection)
    engine.dispose()


def _copy(row: dict[str, Any], key: int, number: int) -> dict[str, Any]:
    published = row["published"] + dt.timedelta(days=number % 1100) if row["published"] else None
    meta = dict(row["meta"])
    meta["published"] = published.isoformat() if published else None
    return {
        **row,
        "id": key,
        "doc_id": f"{row['doc_id']}~{number}",
        "content_sha1": hashlib.sha1(f"{row['content_sha1']}~{number}".encode()).hexdigest(),
        "published": published,
        "meta": meta,
        "stored_at": dt.datetime.now(dt.UTC),
    }


def _corpus_entities(connection: Connection, analyses: Sequence[Analysis]) -> dict[str, int]:
    """One corpus entity per key of the analyses, made in one multi-row insert (one by one,
    thousands of round trips to a server cost more than the store they go into)."""
    rows: dict[str, dict[str, Any]] = {}
    for analysis in analyses:
        for entity in analysis_rows(analysis).get("entities", []):
            key = corpus_key(entity)[0]
            rows.setdefault(key, corpus_entity_row(key, entity))
    if not rows:
        return {}
    corpus = tables.corpus_entities
    made = connection.execute(
        insert(corpus).returning(corpus.c.key, corpus.c.id, sort_by_parameter_order=True),
        list(rows.values()),
    )
    return {key: int(id_) for key, id_ in made}


def busiest_speaker_id(connection: Connection) -> int:
    """The corpus entity with the most attributions."""
    a, e, links = tables.attributions, tables.entities, tables.entity_links
    top: int = connection.execute(
        select(links.c.corpus_entity_id, func.count().label("n"))
        .select_from(a)
        .join(e, (e.c.document_id == a.c.document_id) & (e.c.local_id == a.c.source_entity))
        .join(
            links,
            (links.c.document_id == e.c.document_id) & (links.c.entity_ordinal == e.c.ordinal),
        )
        .group_by(links.c.corpus_entity_id)
        .order_by(func.count().desc())
        .limit(1)
    ).scalar_one()
    return top


def most_discussed_id(connection: Connection) -> int:
    """The corpus entity named in the contents of the most statements."""
    top: int = connection.execute(
        select(entity_statements.c.corpus_entity_id)
        .where(entity_statements.c.role == ABOUT)
        .group_by(entity_statements.c.corpus_entity_id)
        .order_by(func.count().desc())
        .limit(1)
    ).scalar_one()
    return top


def busiest_speaker(connection: Connection) -> str:
    """An alias of the corpus entity with the most attributions, other than its name."""
    return an_alias(connection, busiest_speaker_id(connection))


def an_alias(connection: Connection, top: int) -> str:
    """One alias a document gave the corpus entity `top`."""
    aliases, links = tables.entity_aliases, tables.entity_links
    names = connection.execute(
        select(aliases.c.alias)
        .join(
            links,
            (links.c.document_id == aliases.c.document_id)
            & (links.c.entity_ordinal == aliases.c.entity_ordinal),
        )
        .where(links.c.corpus_entity_id == top)
        .limit(1)
    ).scalar_one()
    return str(names)


def query_latencies(url: str, repeat: int = 40) -> dict[str, dict[str, float]]:
    """p50 and p95 (ms) of the five queries on the store at `url`, each run `repeat` times
    over one open connection (after one untimed run that warms the caches)."""
    engine = connect(url)
    check_revision(engine, create=False)
    with engine.connect() as connection:
        speaker = busiest_speaker(connection)
        # The busiest speaker need not be spoken about: `--about` asks after the entity that is.
        subject = connection.execute(
            select(tables.corpus_entities.c.name).where(
                tables.corpus_entities.c.id == most_discussed_id(connection)
            )
        ).scalar_one()
        first, last = connection.execute(
            select(func.min(tables.documents.c.published), func.max(tables.documents.c.published))
        ).one()
        middle = first + (last - first) / 2
        outlet = connection.execute(
            select(tables.relays.c.outlet)
            .group_by(tables.relays.c.outlet)
            .order_by(func.count().desc())
            .limit(1)
        ).scalar_one()
        some_document = connection.execute(select(tables.documents.c.doc_id).limit(1)).scalar_one()
        # A phrase of the examples' story where it occurs; on other texts (PolNeAR), the name
        # of the busiest speaker, which any store with statements holds.
        phrase = "ceasefire talks"
        if not queries.search(connection, phrase):
            phrase = speaker
        questions: dict[str, Callable[[], object]] = {
            # Not a query of the commands: one row by its unique key, the floor any query pays
            # on this machine (Python, SQLAlchemy, SQLite), so that loaded runs can be judged.
            "baseline: one document row by id": lambda: connection.execute(
                select(tables.documents.c.id).where(tables.documents.c.doc_id == some_document)
            ).all(),
            f"quotes --by {speaker!r}": lambda: queries.quotes(connection, by=speaker),
            f"quotes --about {subject!r}": lambda: queries.quotes(connection, about=subject),
            f"entity {speaker!r}": lambda: queries.entity(connection, speaker),
            f"search {phrase!r}": lambda: queries.search(connection, phrase),
            f"documents --outlet {outlet!r} --since --until": lambda: queries.documents(
                connection, outlet=outlet, since=first + (middle - first) / 2, until=middle
            ),
        }
        timings = {}
        for name, question in questions.items():
            assert question(), f"{name}: no results on this store"
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                question()
                times.append((time.perf_counter() - started) * 1000)
            times.sort()
            timings[name] = {
                "p50_ms": round(statistics.median(times), 2),
                "p95_ms": round(times[max(0, round(0.95 * len(times)) - 1)], 2),
            }
    engine.dispose()
    return timings


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument(
        "--analyses", type=Path, metavar="JSONL", help="use these analyses instead of analysing"
    )
    parser.add_argument("--databases", default="sqlite", help="sqlite,postgresql (default sqlite)")
    parser.add_argument(
        "--polnear", type=int, metavar="N", help="analyse N PolNeAR articles, not the examples"
    )
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build the stores here, keep them")
    args = parser.parse_args(argv)
    console = Console()
    started = time.perf_counter()
    if args.analyses:
        lines = args.analyses.read_text(encoding="utf-8").splitlines()
        analyses = [Analysis.model_validate_json(line) for line in lines if line.strip()]
    elif args.polnear:
        analyses = analyse_polnear(args.polnear)
    else:
        analyses = analyse_examples()
    console.print(f"analysed {len(analyses)} examples in {time.perf_counter() - started:.0f}s")
    databases = [name.strip() for name in args.databases.split(",") if name.strip()]
    report: dict[str, Any] = {"databases": {}, "distinct_texts": len(analyses)}
    report["load_average_before"] = list(os.getloadavg())
    from newsgraph.store.testserver import fresh_database, postgres_server

    server: AbstractContextManager[str] = (
        postgres_server() if "postgresql" in databases else nullcontext("")
    )
    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as scratch, server as postgres:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for database in databases:
            sizes: dict[str, Any] = report["databases"].setdefault(database, {})
            for size in args.sizes:
                path = folder / f"store-{size}.db"
                if database == "sqlite":
                    path.unlink(missing_ok=True)
                    url = f"sqlite:///{path}"
                else:
                    url = fresh_database(postgres)
                started = time.perf_counter()
                build_store(url, analyses, size)
                built = time.perf_counter() - started
                sizes[str(size)] = {
                    "build_s": round(built, 1),
                    "queries": query_latencies(url, args.repeat),
                }
                if database == "sqlite":
                    sizes[str(size)]["file_mb"] = round(path.stat().st_size / 2**20, 1)
                console.print(f"{database}: {size} articles stored in {built:.0f}s")
    for database, sizes in report["databases"].items():
        table = Table(title=f"store queries on {database} (ms)")
        table.add_column("query")
        for size in args.sizes:
            table.add_column(f"p50 @{size}", justify="right")
            table.add_column(f"p95 @{size}", justify="right")
        names = list(sizes[str(args.sizes[0])]["queries"])
        for index, name in enumerate(names):
            cells = []
            for size in args.sizes:
                timing = list(sizes[str(size)]["queries"].values())[index]
                cells += [f"{timing['p50_ms']:.1f}", f"{timing['p95_ms']:.1f}"]
            table.add_row(name, *cells)
        console.print(table)
    report["load_average_after"] = list(os.getloadavg())
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    console.print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
