"""The publications list's default order (newest change first) read from an index: at 100,000
publications the sort took most of a change announcement's time on the GUI thread.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_publications_updated_at", "publications", ["updated_at"])


def downgrade() -> None:
    op.drop_index("ix_publications_updated_at", "publications")
