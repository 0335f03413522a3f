"""待辦 items the officer set aside (issue 26: an imported backlog must not drown today's
work) — marked done or snoozed, in bulk, each audited.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.db import audit_triggers

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agenda_set_asides",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("subject_id", sa.Integer()),
        sa.Column("due", sa.Date()),
        sa.Column("until", sa.Date()),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("kind", "record_id", "subject_id", "due",
                            name="uq_agenda_set_asides_kind"),
        sqlite_autoincrement=True,  # an id is never used twice (as 0013 made it)
    )
    op.create_index(op.f("ix_agenda_set_asides_record_id"), "agenda_set_asides", ["record_id"])
    audit_triggers.install(op.get_bind())


def downgrade() -> None:
    op.drop_table("agenda_set_asides")
    audit_triggers.install(op.get_bind())
