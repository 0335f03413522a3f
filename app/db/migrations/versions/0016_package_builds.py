"""送交包 kept (issue 31, 第13點): every package built is recorded — kind, time, where it went,
its manifest's SHA-256, the virus scan, the exceptions accepted (audited) and where its e-files
were backed up — with the publications it was built for (by id: the record of what was sent
outlives a deleted publication).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.db import audit_triggers

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "package_builds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("built_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("target", sa.String(1000), nullable=False),
        sa.Column("as_zip", sa.Boolean(), nullable=False),
        sa.Column("file_count", sa.Integer(), nullable=False),
        sa.Column("total_bytes", sa.BigInteger(), nullable=False),
        sa.Column("manifest_sha256", sa.String(64), nullable=False),
        sa.Column("virus_scan", sa.Text(), nullable=False),
        sa.Column("overrides", sa.Text(), nullable=False),
        sa.Column("backup_folder", sa.String(1000), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_package_builds")),
        sqlite_autoincrement=True,  # an id is never used twice (as 0013 made it)
    )
    op.create_table(
        "package_publications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("build_id", sa.Integer(), nullable=False),
        sa.Column("publication_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["build_id"], ["package_builds.id"],
            name=op.f("fk_package_publications_build_id_package_builds"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_package_publications")),
        sqlite_autoincrement=True,  # an id is never used twice (as 0013 made it)
    )
    op.create_index(op.f("ix_package_publications_build_id"), "package_publications",
                    ["build_id"])
    op.create_index(op.f("ix_package_publications_publication_id"), "package_publications",
                    ["publication_id"])
    audit_triggers.install(op.get_bind())


def downgrade() -> None:
    op.drop_table("package_publications")
    op.drop_table("package_builds")
    audit_triggers.install(op.get_bind())
