"""`newsgraph spark`: the pipeline over a corpus on Apache Spark, and its tables read back.

The Spark job (`job.py`, `copies.py`) needs pyspark and a JVM; reading its output back into
Analyses (`tables.py`, `rows.py`) needs only pyarrow, so that `newsgraph ingest --from-parquet`
works on a machine without Spark.
"""
