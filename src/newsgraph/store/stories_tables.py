"""Tables of the stories step (newsgraph.corpus.stories): articles grouped by happening.

`stories` holds one row per story with its label (main entities and date range), counts and
the range of days its articles were published (or stored) on, which bounds its candidates;
`story_documents` one row per article: its story, its similarity to the story when it joined
(null for the article that started it) and its weighted terms, from which the step rebuilds a
story's vector with the idf of the moment; `story_term_counts` how many articles hold each term.
When an article is deleted, the corpus runner tells the step, which lowers the term counts,
deletes the article's row and removes a story left with no article.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, Date, Float, ForeignKey, Integer, String, Table, Text

from newsgraph.store.tables import metadata

stories = Table(
    "stories",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("label", Text, nullable=False),
    # Names of the story's main entities, most widely mentioned first.
    Column("entities", JSON, nullable=False),
    Column("first_published", Date, index=True),
    Column("last_published", Date),
    # The days the stories step's date window compares: each article's publication date, or
    # the day it was stored when it has none. Null only on stories written before the window.
    Column("first_day", Date),
    Column("last_day", Date, index=True),
    Column("document_count", Integer, nullable=False),
    Column("version", String(40), nullable=False),
)

story_documents = Table(
    "story_documents",
    metadata,
    # No foreign key to `documents`, as for the copies index: when an article goes, the step
    # reads its terms to lower the counts before deleting its row.
    Column("document_id", Integer, primary_key=True),
    Column(
        "story_id",
        Integer,
        ForeignKey("stories.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("similarity", Float),
    Column("terms", JSON, nullable=False),
)

story_term_counts = Table(
    "story_term_counts",
    metadata,
    Column("term", String(200), primary_key=True),
    Column("documents", Integer, nullable=False),
)
