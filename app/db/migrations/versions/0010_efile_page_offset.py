"""An e-file remembers the page offset it was checked with (PDF page = printed page + offset),
so a package re-checks it exactly as the check page did — bookmarks against the TOC included.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("efiles") as batch:
        batch.add_column(sa.Column("page_offset", sa.Integer(), nullable=False,
                                   server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("efiles") as batch:
        batch.drop_column("page_offset")
