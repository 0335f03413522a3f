"""The database keeps its own audit trail: triggers write every entry with the database's own
user (`db_user`) beside the app's (`os_user`) and a reason; each entry is chained to its
predecessor by hash, the entries written so far included; the database raises `row_version`.
On SQLite the audited tables are rebuilt with AUTOINCREMENT, so a deleted record's id is never
given to a new one (its history would have become the new record's), and the counters start
above every id the audit log has seen.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

from app.db import audit_chain, audit_triggers

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

_PRIMARY_KEY = re.compile(r"CONSTRAINT \w+ PRIMARY KEY \(id\),\s*")


def upgrade() -> None:
    connection = op.get_bind()
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        for name in ("audit_log_append_only_update", "audit_log_append_only_delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("db_user", sa.String(length=120), nullable=False,
                                   server_default=""))
        batch.add_column(sa.Column("reason", sa.Text(), nullable=True))
        batch.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("row_hash", sa.String(length=64), nullable=True))
    audit_chain.backfill(connection)
    if not sqlite:
        # The chain's trigger takes the id once it holds the chain's lock (ids in chain order).
        op.execute("ALTER TABLE audit_log ALTER COLUMN id DROP DEFAULT")
    if sqlite:
        _never_reuse_ids(connection)
    audit_triggers.install(connection)


def _never_reuse_ids(connection: sa.Connection) -> None:
    """Rebuild each audited table with AUTOINCREMENT (SQLite's twelve steps, keeping its
    CHECKs, indexes and triggers exactly as stored), its counter above every id it had."""
    connection.exec_driver_sql("PRAGMA legacy_alter_table = ON")
    try:
        for table in audit_triggers.audited_tables():
            _rebuild(connection, table)
    finally:
        connection.exec_driver_sql("PRAGMA legacy_alter_table = OFF")


def _rebuild(connection: sa.Connection, table: str) -> None:
    create = connection.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).scalar()
    if create is None or "AUTOINCREMENT" in create:
        return
    others = [row[0] for row in connection.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') "
        "AND sql IS NOT NULL", (table,))]
    body = create[create.index("("):]
    body, found = re.subn(r"\bid INTEGER NOT NULL,", "id INTEGER NOT NULL PRIMARY KEY "
                          "AUTOINCREMENT,", body, count=1)
    body, dropped = _PRIMARY_KEY.subn("", body, count=1)
    if not (found and dropped):
        raise RuntimeError(f"unexpected table definition of {table}")
    temporary = f"_rebuild_{table}"
    connection.exec_driver_sql(f'CREATE TABLE "{temporary}" {body}')
    connection.exec_driver_sql(f'INSERT INTO "{temporary}" SELECT * FROM "{table}"')
    connection.exec_driver_sql(f'DROP TABLE "{table}"')
    connection.exec_driver_sql(f'ALTER TABLE "{temporary}" RENAME TO "{table}"')
    for statement in others:
        connection.exec_driver_sql(statement)
    highest = connection.exec_driver_sql(
        f'SELECT max(coalesce((SELECT max(id) FROM "{table}"), 0), coalesce((SELECT '
        f"max(entity_id) FROM audit_log WHERE entity = ?), 0))", (table,)).scalar()
    connection.exec_driver_sql("DELETE FROM sqlite_sequence WHERE name IN (?, ?)",
                               (table, temporary))
    connection.exec_driver_sql("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)",
                               (table, int(highest or 0)))


def downgrade() -> None:
    raise NotImplementedError("the audit trail is not taken back out of the database")
