"""Deposit lines: copies of a publication per library, with sending and acknowledgement.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "deposit_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("publication_id", sa.Integer(), nullable=False),
        sa.Column("library_id", sa.Integer(), nullable=False),
        sa.Column("copies", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("include_efiles", sa.Boolean(), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=True),
        sa.Column("carrier", sa.String(length=60), nullable=False),
        sa.Column("reference", sa.String(length=60), nullable=False),
        sa.Column("acknowledged_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["library_id"],
            ["deposit_libraries.id"],
            name=op.f("fk_deposit_lines_library_id_deposit_libraries"),
        ),
        sa.ForeignKeyConstraint(
            ["publication_id"],
            ["publications.id"],
            name=op.f("fk_deposit_lines_publication_id_publications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deposit_lines")),
        sa.UniqueConstraint(
            "publication_id", "library_id", name=op.f("uq_deposit_lines_publication_id_library_id")
        ),
    )
    with op.batch_alter_table("deposit_lines", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_deposit_lines_library_id"), ["library_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_deposit_lines_publication_id"), ["publication_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("deposit_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deposit_lines_publication_id"))
        batch_op.drop_index(batch_op.f("ix_deposit_lines_library_id"))

    op.drop_table("deposit_lines")
