"""The corpus step that sees every document at once: exact and near copies, with Spark ML.

Exact copies share their text (its SHA-1). For near copies each distinct text becomes the set
of its word shingles (runs of `shingle` words, lower case, split at non-word characters:
RegexTokenizer, NGram), hashed into a sparse binary vector (HashingTF); MinHashLSH puts texts
whose sets are alike into the same buckets and `approxSimilarityJoin` returns the pairs whose
Jaccard distance, computed on the vectors themselves, is at most 1 - `threshold`. A pair is
oriented from the later document (`doc_id`) to the earlier one it copies (`copy_of`): by
publication date, undated ones last, then by id. Each exact copy points at the earliest
document with its text; near pairs are reported between the earliest documents of two texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import Column, DataFrame, SparkSession


@dataclass(frozen=True)
class CopySettings:
    threshold: float = 0.5  # least Jaccard similarity of shingle sets for a near copy
    shingle: int = 5  # words per shingle
    hash_tables: int = 8  # more: fewer missed pairs, more candidates to check
    features: int = 1 << 22  # HashingTF buckets; collisions are rare below 4M shingles a text
    seed: int = 20260101


def find_copies(documents: DataFrame, settings: CopySettings | None = None) -> DataFrame:
    """Copies among `documents` (columns doc_id, content_sha1, text, published): one row per
    copy, with doc_id, copy_of, kind (exact, near) and similarity."""
    from pyspark.ml import Pipeline as MLPipeline
    from pyspark.ml.feature import HashingTF, MinHashLSH, NGram, RegexTokenizer
    from pyspark.sql import Window
    from pyspark.sql import functions as fn

    settings = settings or CopySettings()
    order = [fn.col("published").asc_nulls_last(), fn.col("doc_id").asc()]
    by_text = Window.partitionBy("content_sha1").orderBy(*order)
    ranked = (
        documents.select("doc_id", "content_sha1", "text", "published")
        .withColumn("rank", fn.row_number().over(by_text))
        .withColumn("first", fn.first("doc_id").over(by_text))
    )
    exact = ranked.filter(fn.col("rank") > 1).select(
        "doc_id",
        fn.col("first").alias("copy_of"),
        fn.lit("exact").alias("kind"),
        fn.lit(1.0).alias("similarity"),
    )
    texts = ranked.filter(fn.col("rank") == 1).select("doc_id", "text", "published")
    featurize = MLPipeline(
        stages=[
            RegexTokenizer(inputCol="text", outputCol="words", pattern=r"(?U)\W+"),
            NGram(n=settings.shingle, inputCol="words", outputCol="shingles"),
            HashingTF(
                inputCol="shingles",
                outputCol="features",
                numFeatures=settings.features,
                binary=True,
            ),
        ]
    )
    vectors = (
        featurize.fit(texts)
        .transform(texts)
        .filter(fn.size("shingles") > 0)  # MinHash needs at least one shingle
        .select("doc_id", "published", "features")
        .persist()
    )
    try:
        lsh = MinHashLSH(
            inputCol="features",
            outputCol="hashes",
            numHashTables=settings.hash_tables,
            seed=settings.seed,
        ).fit(vectors)
        pairs = lsh.approxSimilarityJoin(
            vectors, vectors, 1.0 - settings.threshold, distCol="distance"
        ).filter(fn.col("datasetA.doc_id") < fn.col("datasetB.doc_id"))
        a_first = fn.struct(
            fn.col("datasetA.published").isNull(),
            fn.col("datasetA.published"),
            fn.col("datasetA.doc_id"),
        ) <= fn.struct(
            fn.col("datasetB.published").isNull(),
            fn.col("datasetB.published"),
            fn.col("datasetB.doc_id"),
        )
        near = pairs.select(
            fn.when(a_first, fn.col("datasetB.doc_id"))
            .otherwise(fn.col("datasetA.doc_id"))
            .alias("doc_id"),
            fn.when(a_first, fn.col("datasetA.doc_id"))
            .otherwise(fn.col("datasetB.doc_id"))
            .alias("copy_of"),
            fn.lit("near").alias("kind"),
            (fn.lit(1.0) - fn.col("distance")).alias("similarity"),
        )
        found = exact.unionByName(near).localCheckpoint(eager=True)
    finally:
        vectors.unpersist()
    return found


def _sort_key(side: str) -> Column:
    """Earlier first: dated before undated, then by date, then by id."""
    from pyspark.sql import functions as fn

    published = fn.col(f"{side}.published")
    return fn.struct(published.isNull(), published, fn.col(f"{side}.doc_id"))


def write_copies(
    spark: SparkSession, documents: DataFrame, target: Path, settings: CopySettings | None = None
) -> int:
    """Find the copies among `documents`, write them as the `copies` table at `target` (a
    folder of Parquet files), and return how many there are."""
    from pyspark.sql import functions as fn

    found = find_copies(documents, settings)
    columns = [
        fn.col("doc_id").cast("string"),
        fn.col("copy_of").cast("string"),
        fn.col("kind").cast("string"),
        fn.col("similarity").cast("double"),
    ]
    shaped = found.select(*columns).orderBy("copy_of", "doc_id")
    shaped.coalesce(max(1, spark.sparkContext.defaultParallelism)).write.mode("overwrite").option(
        "compression", "zstd"
    ).parquet(str(target))
    return int(found.count())
