"""Tables of the copies step (newsgraph.corpus.copies): copies, rewrites and reused passages.

Pairs, their shared spans and their changes hang on `documents` with ON DELETE CASCADE, so a
pair never outlives either article. The index tables (LSH bands, passage fingerprints and how
many documents hold each fingerprint) have no foreign key: when a document goes, the step reads
its rows to lower the counts before deleting them.

In a pair, `first_id` is the earlier document when the dates tell (`earlier` says whether they
do), else the one stored first.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from newsgraph.store.tables import metadata


def _document(name: str) -> Column[int]:
    return Column(
        name, Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True
    )


# One row per MinHash LSH band of a document: documents sharing a bucket are near-copy
# candidates.
copy_bands = Table(
    "copy_bands",
    metadata,
    Column("document_id", Integer, primary_key=True),
    Column("band", Integer, primary_key=True),
    Column("bucket", BigInteger, nullable=False, index=True),
)

# Sampled word-shingle hashes of a document (about one in four): documents sharing some are
# candidates for partial reuse.
copy_fingerprints = Table(
    "copy_fingerprints",
    metadata,
    Column("document_id", Integer, primary_key=True),
    Column("hash", BigInteger, primary_key=True),
    Column("outlet", String(300)),
    Index("ix_copy_fingerprints_hash_outlet", "hash", "outlet"),
)

# How many documents hold each fingerprint: a common one is boilerplate, never reuse.
copy_fingerprint_counts = Table(
    "copy_fingerprint_counts",
    metadata,
    Column("hash", BigInteger, primary_key=True),
    Column("documents", Integer, nullable=False),
)

copy_pairs = Table(
    "copy_pairs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _document("first_id"),
    _document("second_id"),
    Column("relation", String(20), nullable=False, index=True),  # exact | near | partial
    Column("similarity", Float, nullable=False),  # Jaccard of word shingles
    Column("containment", Float, nullable=False),  # share of the second held in the first
    Column("earlier", Boolean, nullable=False),  # first_id was published first
    Column("earlier_by", String(20)),  # published | crawled, when earlier is true
    Column("credited", Boolean, nullable=False),  # the second credits the first's outlet
    Column("credit", Text),  # how: "via X", "according to X", ...
    Column("component", String(100), nullable=False),
    Column("version", String(40), nullable=False),
    UniqueConstraint("first_id", "second_id"),
)

copy_spans = Table(
    "copy_spans",
    metadata,
    Column("pair_id", Integer, ForeignKey("copy_pairs.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("first_start", Integer, nullable=False),
    Column("first_end", Integer, nullable=False),
    Column("second_start", Integer, nullable=False),
    Column("second_end", Integer, nullable=False),
    Column("words", Integer, nullable=False),
    # What the shared passage is when it is not reuse: boilerplate or quotation.
    Column("discounted", String(20)),
)

copy_changes = Table(
    "copy_changes",
    metadata,
    Column("pair_id", Integer, ForeignKey("copy_pairs.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("kind", String(40), nullable=False),
    Column("first_start", Integer),
    Column("first_end", Integer),
    Column("first_text", Text),
    Column("second_start", Integer),
    Column("second_end", Integer),
    Column("second_text", Text),
    Column("detail", Text),
)
