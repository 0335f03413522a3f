"""資源回收筒: a deleted publication is kept, with its children, until restored or emptied.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "recycled_publications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("publication_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(600), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_by", sa.String(120), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recycled_publications")),
    )
    op.create_index(op.f("ix_recycled_publications_publication_id"), "recycled_publications",
                    ["publication_id"])
    op.create_index(op.f("ix_recycled_publications_deleted_at"), "recycled_publications",
                    ["deleted_at"])


def downgrade() -> None:
    op.drop_table("recycled_publications")
