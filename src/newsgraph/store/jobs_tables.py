"""The analysis jobs of the HTTP API: one row per submitted article, so that a poll after a
restart of the server answers what became of it (a job the server was running when it stopped
is marked failed at the next start, never left pending)."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Index, String, Table, Text

from newsgraph.store.tables import metadata

analysis_jobs = Table(
    "analysis_jobs",
    metadata,
    Column("id", String(32), primary_key=True),
    # pending -> running -> done | failed
    Column("state", String(20), nullable=False),
    Column("document_id", String(500), nullable=False),
    Column("error", Text),
    Column("submitted_at", DateTime(timezone=True), nullable=False),
    Column("started_at", DateTime(timezone=True)),
    Column("finished_at", DateTime(timezone=True)),
)

Index("ix_analysis_jobs_state", analysis_jobs.c.state)
