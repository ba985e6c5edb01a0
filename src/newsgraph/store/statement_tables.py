"""The statement index: which corpus entity said, or is spoken of in, which attribution; and
the name index: which corpus entities some article called by a name.

`quotes --by`, `quotes --about` and `entity` ask for the newest statements of one corpus
entity. Answered from the document layers, that is a join of aliases, entity links, entities,
attributions, mentions and content pieces over every article that names the entity, and a
busy entity is named in thousands of them. This table holds the answer of those joins, one row
per (attribution, role, corpus entity), with the columns the queries filter and sort by, so
that a page of statements is one walk of one index, newest first, stopped after the page.

- role "said": the attribution's source is a document entity linked to the corpus entity;
- role "about": one of the attribution's content pieces holds a mention of such an entity.

`entity_names` answers the first step of those queries, name -> corpus entities: one row per
folded name (an alias, or the entity's own name) of each linked document entity, so that the
corpus entities called "Abu Yahya" are read from one index range, not by joining a thousand
alias rows to their links.

Rows of both are derived data: `newsgraph.store.linking` writes them with a document's entity links
and drops them with those links (delete, reanalyse, relink), and revision 0003 fills them for
the documents stored before it. `published` and `outlet` are copies of the document's, which
never change while the document is stored (a reanalysis deletes and rewrites it).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import (
    Column,
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
)

from newsgraph.store.convert import fold
from newsgraph.store.tables import metadata

SAID = "said"
ABOUT = "about"

entity_statements = Table(
    "entity_statements",
    metadata,
    Column("document_id", Integer, nullable=False),
    Column("attribution_ordinal", Integer, nullable=False),
    Column("role", String(10), nullable=False),
    Column(
        "corpus_entity_id",
        Integer,
        ForeignKey("corpus_entities.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("published", Date),
    Column("outlet", String(300)),
    Column("kind", String(40), nullable=False),
    Column("stance", String(40), nullable=False),
    # Document first: deleting a document's rows, and "is this attribution also about X?",
    # are look-ups by this key.
    PrimaryKeyConstraint("document_id", "attribution_ordinal", "role", "corpus_entity_id"),
    ForeignKeyConstraint(
        ["document_id", "attribution_ordinal"],
        ["attributions.document_id", "attributions.ordinal"],
        ondelete="CASCADE",
    ),
)
entity_names = Table(
    "entity_names",
    metadata,
    Column("document_id", Integer, nullable=False),
    Column("entity_ordinal", Integer, nullable=False),
    Column("folded", String(300), nullable=False),
    Column(
        "corpus_entity_id",
        Integer,
        ForeignKey("corpus_entities.id", ondelete="CASCADE"),
        nullable=False,
    ),
    PrimaryKeyConstraint("document_id", "entity_ordinal", "folded"),
    ForeignKeyConstraint(
        ["document_id", "entity_ordinal"],
        ["entities.document_id", "entities.ordinal"],
        ondelete="CASCADE",
    ),
    # The look-up: a name's corpus entities, from the index alone.
    Index("ix_entity_names_folded_corpus_entity", "folded", "corpus_entity_id"),
)

# The index the queries walk, (corpus_entity_id, role, published DESC, document_id DESC,
# attribution_ordinal, kind, stance, outlet), is made by revision 0003 only: PostgreSQL needs
# NULLS LAST in it and SQLite has no such clause in CREATE INDEX.


def statement_rows(
    document_key: int,
    document: Mapping[Any, Any],
    attributions: Iterable[Mapping[Any, Any]],
    contents: Iterable[Mapping[Any, Any]],
    mentions: Iterable[Mapping[Any, Any]],
    corpus_of_entity: Mapping[str, int],
) -> list[dict[str, Any]]:
    """The statement rows of one document, from its stored rows: `document` gives published
    and outlet, `attributions` ordinal/kind/stance/source_entity, `contents`
    attribution_ordinal/start/end, `mentions` start/end/entity; `corpus_of_entity` maps an
    entity's local id to its corpus entity."""
    by_ordinal = {row["ordinal"]: row for row in attributions}
    # Linked mentions by start, so that the mentions inside a piece are one bisect away.
    linked = sorted(
        (m["start"], m["end"], corpus_of_entity[m["entity"]])
        for m in mentions
        if m["entity"] is not None and m["entity"] in corpus_of_entity
    )
    starts = [start for start, _end, _corpus in linked]
    found: set[tuple[int, str, int]] = set()
    for ordinal, attribution in by_ordinal.items():
        source = attribution["source_entity"]
        if source is not None and source in corpus_of_entity:
            found.add((ordinal, SAID, corpus_of_entity[source]))
    for piece in contents:
        ordinal = piece["attribution_ordinal"]
        if ordinal not in by_ordinal:
            continue
        at = bisect_left(starts, piece["start"])
        while at < len(linked) and linked[at][0] <= piece["end"]:
            if linked[at][1] <= piece["end"]:
                found.add((ordinal, ABOUT, linked[at][2]))
            at += 1
    return [
        {
            "document_id": document_key,
            "attribution_ordinal": ordinal,
            "role": role,
            "corpus_entity_id": corpus_id,
            "published": document["published"],
            "outlet": document["outlet"],
            "kind": by_ordinal[ordinal]["kind"],
            "stance": by_ordinal[ordinal]["stance"],
        }
        for ordinal, role, corpus_id in sorted(found)
    ]


def folded_name(name: str) -> str:
    """A name as stored in `entity_names.folded` and looked up there."""
    return fold(name)[:300]


def name_rows(
    document_key: int,
    entities: Iterable[Mapping[Any, Any]],
    aliases: Iterable[Mapping[Any, Any]],
    corpus_of_ordinal: Mapping[int, int],
) -> list[dict[str, Any]]:
    """The name rows of one document: `entities` give ordinal and name, `aliases`
    entity_ordinal and folded; `corpus_of_ordinal` maps an entity's ordinal to its corpus
    entity."""
    found = {(e["ordinal"], folded_name(e["name"])) for e in entities}
    found |= {(a["entity_ordinal"], a["folded"]) for a in aliases}
    return [
        {
            "document_id": document_key,
            "entity_ordinal": ordinal,
            "folded": folded,
            "corpus_entity_id": corpus_of_ordinal[ordinal],
        }
        for ordinal, folded in sorted(found)
        if folded and ordinal in corpus_of_ordinal
    ]
