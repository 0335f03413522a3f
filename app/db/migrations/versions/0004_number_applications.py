"""Number applications (GPN, ISBN/CIP, ISSN, ISRC) with their upload parts, and the history
of changes recorded when a publication is confirmed (NCL 四).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "number_applications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("publication_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "isbn_cip",
                "isbn",
                "cip_supplement",
                "issn",
                "isrc",
                "gpn",
                name="applicationkind",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "ready",
                "submitted",
                "assigned",
                "returned",
                name="applicationstatus",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("registration_no", sa.String(length=40), nullable=False),
        sa.Column("ready_on", sa.Date(), nullable=True),
        sa.Column("submitted_on", sa.Date(), nullable=True),
        sa.Column("replied_on", sa.Date(), nullable=True),
        sa.Column("reply", sa.Text(), nullable=False),
        sa.Column("assigned_number", sa.String(length=20), nullable=False),
        sa.Column("cip_text", sa.Text(), nullable=False),
        sa.Column("cip_card_path", sa.String(length=1000), nullable=False),
        sa.Column("packet_folder", sa.String(length=1000), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["publication_id"],
            ["publications.id"],
            name=op.f("fk_number_applications_publication_id_publications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_number_applications")),
    )
    with op.batch_alter_table("number_applications", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_number_applications_publication_id"), ["publication_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_number_applications_registration_no"), ["registration_no"], unique=False
        )

    op.create_table(
        "publication_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("publication_id", sa.Integer(), nullable=False),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("old_value", sa.String(length=100), nullable=False),
        sa.Column("new_value", sa.String(length=100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["publication_id"],
            ["publications.id"],
            name=op.f("fk_publication_changes_publication_id_publications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publication_changes")),
    )
    with op.batch_alter_table("publication_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_publication_changes_publication_id"), ["publication_id"], unique=False
        )

    op.create_table(
        "application_parts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("part", sa.String(length=40), nullable=False),
        sa.Column("page_range", sa.String(length=60), nullable=False),
        sa.Column("file_path", sa.String(length=1000), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["number_applications.id"],
            name=op.f("fk_application_parts_application_id_number_applications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_parts")),
    )
    with op.batch_alter_table("application_parts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_application_parts_application_id"), ["application_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("application_parts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_application_parts_application_id"))

    op.drop_table("application_parts")
    with op.batch_alter_table("publication_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_publication_changes_publication_id"))

    op.drop_table("publication_changes")
    with op.batch_alter_table("number_applications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_number_applications_registration_no"))
        batch_op.drop_index(batch_op.f("ix_number_applications_publication_id"))

    op.drop_table("number_applications")
