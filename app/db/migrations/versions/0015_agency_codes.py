"""機關代碼 for the DI files (issue 31): the 公文系統 an agency's letters go into names the sender
and each recipient by its 機關代碼. Kept where the officer keeps the agency: on the publishing
unit and the deposit library, each with where the code was looked up (never guessed); 文化部's
in app_meta (`agency_codes`).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.db import audit_triggers

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

TABLES = ("publishing_units", "deposit_libraries")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("agency_code", sa.String(20), nullable=False,
                                       server_default=""))
        op.add_column(table, sa.Column("agency_code_source", sa.String(200), nullable=False,
                                       server_default=""))
    audit_triggers.install(op.get_bind())  # the new columns are audited too


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("agency_code_source")
            batch.drop_column("agency_code")
    audit_triggers.install(op.get_bind())
