"""Records edited as a whole get a version and who saved them last (no lost updates between
two officers); the audit log becomes append-only in the database itself.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

VERSIONED = ("publishing_units", "serial_issues", "number_applications", "deposit_libraries",
             "sales_stores", "settlements", "deposit_lines", "consent_letters",
             "consignment_lists")

_SQLITE_TRIGGERS = {
    "audit_log_append_only_update": "BEFORE UPDATE ON audit_log",
    "audit_log_append_only_delete": "BEFORE DELETE ON audit_log",
}


def upgrade() -> None:
    for table in ("publications", *VERSIONED):
        with op.batch_alter_table(table) as batch:
            if table != "publications":
                batch.add_column(sa.Column("row_version", sa.Integer(), nullable=False,
                                           server_default="1"))
            batch.add_column(sa.Column("changed_by", sa.String(length=100), nullable=False,
                                       server_default=""))
            batch.add_column(sa.Column("changed_at", sa.DateTime(timezone=True), nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        for name, when in _SQLITE_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {when} BEGIN "
                       "SELECT RAISE(ABORT, 'audit_log is append-only'); END")
    else:
        op.execute("CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
                   "$$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$")
        op.execute("CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE "
                   "ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in _SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER {name}")
    else:
        op.execute("DROP TRIGGER audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION audit_log_append_only()")
    for table in ("publications", *VERSIONED):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("changed_at")
            batch.drop_column("changed_by")
            if table != "publications":
                batch.drop_column("row_version")
