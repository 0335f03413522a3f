"""The rules of 注意事項 still missing (issue 31): licences to others (§12, 附件二 注意事項),
the review before print (§16, optional per unit), what the government publications site holds
(§15: an item when it is out of date), and the deposit contact (NCL 五).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.db import audit_triggers

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

UNIT_COLUMNS = (("deposit_contact_name", 60), ("deposit_contact_phone", 40),
                ("deposit_contact_email", 120), ("deposit_notice", 40))


def _stamps() -> list[sa.Column[object]]:
    return [sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False)]


def _publication(table: str) -> sa.Column[object]:
    return sa.Column("publication_id", sa.Integer(), sa.ForeignKey(
        "publications.id", ondelete="CASCADE", name=f"fk_{table}_publication_id_publications"),
        nullable=False)


def upgrade() -> None:
    op.create_table(
        "licences",
        sa.Column("id", sa.Integer(), primary_key=True),
        _publication("licences"),
        sa.Column("licensee", sa.String(200), nullable=False),
        sa.Column("whole", sa.Boolean(), nullable=False),
        sa.Column("uses", sa.Text(), nullable=False),
        sa.Column("exclusive", sa.Boolean(), nullable=False),
        sa.Column("transfer", sa.Boolean(), nullable=False),
        sa.Column("starts_on", sa.Date()),
        sa.Column("ends_on", sa.Date()),
        sa.Column("fee_ntd", sa.Integer()),
        sa.Column("copies_in_kind", sa.Integer()),
        sa.Column("contract_ref", sa.String(100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *_stamps(),
        sqlite_autoincrement=True,  # an id is never used twice (as 0013 made it)
    )
    op.create_index(op.f("ix_licences_publication_id"), "licences", ["publication_id"])
    op.create_table(
        "publication_reviews",
        sa.Column("id", sa.Integer(), primary_key=True),
        _publication("publication_reviews"),
        sa.Column("reviewed_on", sa.Date(), nullable=False),
        sa.Column("reviewer", sa.String(100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *_stamps(),
        sqlite_autoincrement=True,  # an id is never used twice (as 0013 made it)
    )
    op.create_index(op.f("ix_publication_reviews_publication_id"), "publication_reviews",
                    ["publication_id"])
    op.create_table(
        "gpn_site_records",
        sa.Column("id", sa.Integer(), primary_key=True),
        _publication("gpn_site_records"),
        sa.Column("updated_on", sa.Date(), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("price_ntd", sa.Integer()),
        sa.Column("pages", sa.Integer()),
        sa.Column("online_url", sa.String(300), nullable=False),
        sa.Column("published", sa.Boolean(), nullable=False),
        *_stamps(),
        sa.UniqueConstraint("publication_id", name="uq_gpn_site_records_publication_id"),
        sqlite_autoincrement=True,  # an id is never used twice (as 0013 made it)
    )
    op.add_column("publishing_units", sa.Column("review_required", sa.Boolean(),
                                                nullable=False, server_default=sa.false()))
    for name, length in UNIT_COLUMNS:
        op.add_column("publishing_units", sa.Column(name, sa.String(length), nullable=False,
                                                    server_default=""))
    audit_triggers.install(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("publishing_units") as batch:
        for name, _length in reversed(UNIT_COLUMNS):
            batch.drop_column(name)
        batch.drop_column("review_required")
    for table in ("gpn_site_records", "publication_reviews", "licences"):
        op.drop_table(table)
    audit_triggers.install(op.get_bind())
