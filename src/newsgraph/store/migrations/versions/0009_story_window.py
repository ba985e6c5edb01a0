"""stories: the dates the stories step's window compares (published, else stored)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 20:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("stories", sa.Column("first_day", sa.Date(), nullable=True))
    op.add_column("stories", sa.Column("last_day", sa.Date(), nullable=True))
    op.create_index(op.f("ix_stories_last_day"), "stories", ["last_day"])


def downgrade() -> None:
    op.drop_index(op.f("ix_stories_last_day"), table_name="stories")
    with op.batch_alter_table("stories") as batch:
        batch.drop_column("last_day")
        batch.drop_column("first_day")
