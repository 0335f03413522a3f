"""Settlements are paid in parts: payments get a table of their own; the single received
date and amount of a settlement move into it as its first payment.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "settlement_payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("settlement_id", sa.Integer(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["settlement_id"], ["settlements.id"],
            name=op.f("fk_settlement_payments_settlement_id_settlements"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_settlement_payments")),
    )
    op.create_index(op.f("ix_settlement_payments_settlement_id"), "settlement_payments",
                    ["settlement_id"], unique=False)
    op.execute(
        "INSERT INTO settlement_payments (settlement_id, paid_on, amount, created_at) "
        "SELECT id, received_on, COALESCE(received_amount, 0), created_at FROM settlements "
        "WHERE received_on IS NOT NULL")
    # app.db.migrate runs this with foreign keys off, so SQLite's rebuild of `settlements`
    # does not cascade into settlement_lines or the payments just copied.
    with op.batch_alter_table("settlements") as batch:
        batch.drop_column("received_amount")
        batch.drop_column("received_on")


def downgrade() -> None:
    with op.batch_alter_table("settlements") as batch:
        batch.add_column(sa.Column("received_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("received_amount", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE settlements SET received_on = (SELECT MAX(paid_on) FROM settlement_payments p "
        "WHERE p.settlement_id = settlements.id), received_amount = (SELECT SUM(amount) FROM "
        "settlement_payments p WHERE p.settlement_id = settlements.id)")
    op.drop_index(op.f("ix_settlement_payments_settlement_id"), table_name="settlement_payments")
    op.drop_table("settlement_payments")
