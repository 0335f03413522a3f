"""Consignment to the sales stores: lists, shipments and returns, settlements with their
lines, price calculations; partner terms (§17) on publications.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "consignment_lists",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("supply_date", sa.Date(), nullable=False),
        sa.Column("contact_name", sa.String(length=60), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["store_id"],
            ["sales_stores.id"],
            name=op.f("fk_consignment_lists_store_id_sales_stores"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["publishing_units.id"],
            name=op.f("fk_consignment_lists_unit_id_publishing_units"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consignment_lists")),
    )
    with op.batch_alter_table("consignment_lists", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consignment_lists_store_id"), ["store_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_consignment_lists_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "settlements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("commission_percent", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("public_selection", sa.Boolean(), nullable=False),
        sa.Column("override_reason", sa.Text(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("received_amount", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["store_id"], ["sales_stores.id"], name=op.f("fk_settlements_store_id_sales_stores")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_settlements")),
    )
    with op.batch_alter_table("settlements", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_settlements_store_id"), ["store_id"], unique=False)

    op.create_table(
        "price_calculations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("publication_id", sa.Integer(), nullable=False),
        sa.Column("printing_cost", sa.Integer(), nullable=False),
        sa.Column("factors_json", sa.Text(), nullable=False),
        sa.Column("price", sa.Integer(), nullable=False),
        sa.Column("arithmetic", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["publication_id"],
            ["publications.id"],
            name=op.f("fk_price_calculations_publication_id_publications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_price_calculations")),
    )
    with op.batch_alter_table("price_calculations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_price_calculations_publication_id"), ["publication_id"], unique=False
        )

    op.create_table(
        "settlement_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("settlement_id", sa.Integer(), nullable=False),
        sa.Column("publication_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("unit_price", sa.Integer(), nullable=False),
        sa.Column("gross", sa.Integer(), nullable=False),
        sa.Column("commission", sa.Integer(), nullable=False),
        sa.Column("net", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["publication_id"],
            ["publications.id"],
            name=op.f("fk_settlement_lines_publication_id_publications"),
        ),
        sa.ForeignKeyConstraint(
            ["settlement_id"],
            ["settlements.id"],
            name=op.f("fk_settlement_lines_settlement_id_settlements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_settlement_lines")),
    )
    with op.batch_alter_table("settlement_lines", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_settlement_lines_publication_id"), ["publication_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_settlement_lines_settlement_id"), ["settlement_id"], unique=False
        )

    op.create_table(
        "shipments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("publication_id", sa.Integer(), nullable=False),
        sa.Column("list_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum("supply", "return", name="shipmentkind", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("shipped_on", sa.Date(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("samples", sa.Integer(), nullable=False),
        sa.Column(
            "freight_payer",
            sa.Enum("agency", "store", "agreed", name="freightpayer", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["list_id"],
            ["consignment_lists.id"],
            name=op.f("fk_shipments_list_id_consignment_lists"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["publication_id"],
            ["publications.id"],
            name=op.f("fk_shipments_publication_id_publications"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["store_id"], ["sales_stores.id"], name=op.f("fk_shipments_store_id_sales_stores")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shipments")),
    )
    with op.batch_alter_table("shipments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_shipments_list_id"), ["list_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_shipments_publication_id"), ["publication_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_shipments_store_id"), ["store_id"], unique=False)

    with op.batch_alter_table("publications", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("partner_sales_obligation", sa.Boolean(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("partner_commission_percent", sa.Numeric(precision=5, scale=2), nullable=True)
        )
        batch_op.add_column(
            sa.Column("partner_reuse_fee", sa.Text(), server_default="", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("publications", schema=None) as batch_op:
        batch_op.drop_column("partner_reuse_fee")
        batch_op.drop_column("partner_commission_percent")
        batch_op.drop_column("partner_sales_obligation")

    with op.batch_alter_table("shipments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_shipments_store_id"))
        batch_op.drop_index(batch_op.f("ix_shipments_publication_id"))
        batch_op.drop_index(batch_op.f("ix_shipments_list_id"))

    op.drop_table("shipments")
    with op.batch_alter_table("settlement_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_settlement_lines_settlement_id"))
        batch_op.drop_index(batch_op.f("ix_settlement_lines_publication_id"))

    op.drop_table("settlement_lines")
    with op.batch_alter_table("price_calculations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_price_calculations_publication_id"))

    op.drop_table("price_calculations")
    with op.batch_alter_table("settlements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_settlements_store_id"))

    op.drop_table("settlements")
    with op.batch_alter_table("consignment_lists", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consignment_lists_unit_id"))
        batch_op.drop_index(batch_op.f("ix_consignment_lists_store_id"))

    op.drop_table("consignment_lists")
