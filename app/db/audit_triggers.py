"""異動紀錄 kept by the database itself: triggers on every audited table write the audit rows,
a trigger on `audit_log` chains each row to its predecessor by hash, and the database raises
`row_version` — so a change made straight from psql or sqlite3 is recorded exactly like one
made by PubDesk, and nobody can forge or rewrite an entry unnoticed (app.db.audit_chain).

Who: on PostgreSQL `session_user` — the login, which no client can choose — goes to
`db_user`; on SQLite (one officer's own file) the operating-system user. What the app says
about who and why (`os_user`: the officer as the app knows them; `reason`: e.g. a restore
from the recycle bin) travels as transaction-local settings (`pubdesk.actor`,
`pubdesk.reason`, set by app.db.audit) that the triggers read and record beside it.

On SQLite the triggers call functions PubDesk registers on each of its connections
(`register_sqlite_functions`): a program that opens the file without them cannot write to an
audited table at all ("no such function: pubdesk_actor") — it cannot change data unrecorded.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, inspect

SKIPPED_FIELDS = ("created_at", "updated_at", "row_version", "changed_by", "changed_at")
"""Bookkeeping columns: their changes are not entries of their own."""

CHAIN_LOCK = 0x70756264  # "pubd": serialises appends to the chain on PostgreSQL

SEP, NULL = "\x1f", "\x1e"
"""Field separator and the stand-in for NULL in the hashed text of an entry."""

_PAYLOAD_COLUMNS = ("id", "at", "db_user", "os_user", "reason", "action", "entity",
                    "entity_id", "field", "old_value", "new_value")


def audited_tables() -> list[str]:
    """Every table whose rows are audited (the entities marked `Audited`)."""
    from app.models import Audited, Base

    names = {getattr(cls, "__tablename__", None) for cls in _subclasses(Audited)}
    return [t.name for t in Base.metadata.sorted_tables if t.name in names]


def _subclasses(cls: type) -> Iterable[type]:
    sub: type
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def os_user() -> str:
    """The logged-in Windows/Linux user name; never fails."""
    try:
        return getpass.getuser()
    except Exception:  # getpass raises OSError or KeyError when no name is known
        return os.environ.get("USERNAME") or os.environ.get("USER") or "unknown"


# --- the hashed text of an entry: one expression per dialect, used by the trigger, the
# back-fill of entries older than the chain, and `verify` -----------------------------------

def payload_sql(dialect: str, row: str = "") -> str:
    """SQL for the text an entry's hash covers, over the columns of `row` ("NEW." or "")."""
    parts = []
    for column in _PAYLOAD_COLUMNS:
        ref = f"{row}{column}"
        if dialect == "postgresql":
            if column == "at":
                ref = f"to_char({ref} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US')"
            elif column in ("id", "entity_id"):
                ref = f"{ref}::text"
            parts.append(f"coalesce({ref}, chr(30))")
        else:
            parts.append(f"coalesce(CAST({ref} AS TEXT), char(30))")
    if dialect == "postgresql":
        return " || chr(31) || ".join(parts)
    return " || char(31) || ".join(parts)


def entry_hash(prev_hash: str | None, payload: str) -> str:
    """The hash an entry must carry: SHA-256 of its predecessor's hash and its own text."""
    return hashlib.sha256(f"{prev_hash or ''}{SEP}{payload}".encode()).hexdigest()


# --- SQLite ------------------------------------------------------------------------------------

@dataclass
class AuditContext:
    """What the app said about the current transaction (who, why) on one SQLite connection."""

    actor: str = ""
    reason: str | None = None


def _now_text() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _row_json(*pairs: Any) -> str:
    values = {str(pairs[i]): (None if pairs[i + 1] is None else str(pairs[i + 1]))
              for i in range(0, len(pairs) - 1, 2)}
    return json.dumps(values, ensure_ascii=False)


def _sha256(text: str | None) -> str:
    return hashlib.sha256((text or "").encode()).hexdigest()


def register_sqlite_functions(dbapi_conn: sqlite3.Connection) -> AuditContext:
    """The functions the SQLite triggers call, on one connection; returns its context."""
    context = AuditContext()
    user = os_user()
    dbapi_conn.create_function("pubdesk_actor", 0, lambda: context.actor)
    dbapi_conn.create_function("pubdesk_reason", 0, lambda: context.reason)
    dbapi_conn.create_function("pubdesk_db_user", 0, lambda: user, deterministic=True)
    dbapi_conn.create_function("pubdesk_now", 0, _now_text)
    dbapi_conn.create_function("pubdesk_row_json", -1, _row_json, deterministic=True)
    dbapi_conn.create_function("pubdesk_sha256", 1, _sha256, deterministic=True)
    return context


def _sqlite_columns(connection: Connection, table: str) -> list[str]:
    return [row[1] for row in connection.exec_driver_sql(f'PRAGMA table_info("{table}")')]


def _sqlite_table_triggers(table: str, columns: list[str]) -> list[str]:
    who = "pubdesk_now(), pubdesk_db_user(), pubdesk_actor(), pubdesk_reason()"
    head = ("INSERT INTO audit_log (at, db_user, os_user, reason, action, entity, entity_id, "
            "field, old_value, new_value)")

    def row_json(prefix: str) -> str:
        return "pubdesk_row_json(" + ", ".join(f"'{c}', {prefix}.\"{c}\"" for c in columns) + ")"

    diffs = " UNION ALL ".join(
        f"SELECT '{c}' AS f, CAST(OLD.\"{c}\" AS TEXT) AS o, CAST(NEW.\"{c}\" AS TEXT) AS n "
        f"WHERE OLD.\"{c}\" IS NOT NEW.\"{c}\""
        for c in columns if c not in SKIPPED_FIELDS)
    statements = [
        f"CREATE TRIGGER pubdesk_audit_{table}_insert AFTER INSERT ON \"{table}\" BEGIN "
        f"{head} VALUES ({who}, 'create', '{table}', NEW.id, '', NULL, {row_json('NEW')}); END",
        f"CREATE TRIGGER pubdesk_audit_{table}_delete AFTER DELETE ON \"{table}\" BEGIN "
        f"{head} VALUES ({who}, 'delete', '{table}', OLD.id, '', {row_json('OLD')}, NULL); END",
    ]
    if diffs:
        statements.append(
            f"CREATE TRIGGER pubdesk_audit_{table}_update AFTER UPDATE ON \"{table}\" BEGIN "
            f"{head} SELECT {who}, 'update', '{table}', NEW.id, f, o, n FROM ({diffs}); END")
    if "row_version" in columns:
        # BEFORE triggers cannot change NEW in SQLite: set it after, whatever the UPDATE said.
        statements.append(
            f"CREATE TRIGGER pubdesk_version_{table} AFTER UPDATE ON \"{table}\" "
            f"WHEN NEW.row_version IS NOT OLD.row_version + 1 BEGIN "
            f"UPDATE \"{table}\" SET row_version = OLD.row_version + 1 WHERE id = NEW.id; END")
    return statements


_SQLITE_LOG_TRIGGERS = [
    # Only the chain may fill in a new entry's two hash columns, once; then it is frozen.
    "CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log "
    "WHEN OLD.row_hash IS NOT NULL BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log BEGIN "
    "SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "CREATE TRIGGER audit_log_chain AFTER INSERT ON audit_log BEGIN "
    "UPDATE audit_log SET prev_hash = (SELECT a.row_hash FROM audit_log a WHERE a.id < NEW.id "
    "ORDER BY a.id DESC LIMIT 1) WHERE id = NEW.id; "
    "UPDATE audit_log SET row_hash = pubdesk_sha256(coalesce(prev_hash, '') || char(31) || "
    f"{payload_sql('sqlite')}) WHERE id = NEW.id; END",
]


def _sqlite_drop_all(connection: Connection) -> None:
    names = [row[0] for row in connection.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND (name LIKE 'pubdesk_audit_%' "
        "OR name LIKE 'pubdesk_version_%' OR name LIKE 'audit_log_%')")]
    for name in names:
        connection.exec_driver_sql(f'DROP TRIGGER IF EXISTS "{name}"')


# --- PostgreSQL --------------------------------------------------------------------------------

_PG_FUNCTIONS = [
    f"""CREATE OR REPLACE FUNCTION public.pubdesk_audit_row() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  old_row jsonb; new_row jsonb; k text; v text; ov text;
  actor text := coalesce(current_setting('pubdesk.actor', true), '');
  why text := nullif(current_setting('pubdesk.reason', true), '');
BEGIN
  IF TG_OP = 'INSERT' THEN
    new_row := to_jsonb(NEW);
    INSERT INTO public.audit_log (os_user, reason, action, entity, entity_id, field, old_value,
                                  new_value)
    VALUES (actor, why, 'create', TG_TABLE_NAME, (new_row->>'id')::int, '', NULL,
            (SELECT jsonb_object_agg(key, value)::text FROM jsonb_each_text(new_row)));
  ELSIF TG_OP = 'UPDATE' THEN
    old_row := to_jsonb(OLD); new_row := to_jsonb(NEW);
    FOR k, v IN SELECT key, value FROM jsonb_each_text(new_row) LOOP
      CONTINUE WHEN k = ANY (ARRAY{list(SKIPPED_FIELDS)!r});
      ov := old_row->>k;
      IF ov IS DISTINCT FROM v THEN
        INSERT INTO public.audit_log (os_user, reason, action, entity, entity_id, field,
                                      old_value, new_value)
        VALUES (actor, why, 'update', TG_TABLE_NAME, (new_row->>'id')::int, k, ov, v);
      END IF;
    END LOOP;
  ELSE
    old_row := to_jsonb(OLD);
    INSERT INTO public.audit_log (os_user, reason, action, entity, entity_id, field, old_value,
                                  new_value)
    VALUES (actor, why, 'delete', TG_TABLE_NAME, (old_row->>'id')::int, '',
            (SELECT jsonb_object_agg(key, value)::text FROM jsonb_each_text(old_row)), NULL);
  END IF;
  RETURN NULL;
END $$""",
    """CREATE OR REPLACE FUNCTION public.pubdesk_row_version() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  NEW.row_version := OLD.row_version + 1;
  RETURN NEW;
END $$""",
    f"""CREATE OR REPLACE FUNCTION public.pubdesk_audit_chain() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE prev text;
BEGIN
  -- One append at a time, in id order: the id is taken again once the lock is held.
  PERFORM pg_advisory_xact_lock({CHAIN_LOCK});
  NEW.id := nextval(pg_get_serial_sequence('public.audit_log', 'id'));
  NEW.at := transaction_timestamp();
  NEW.db_user := session_user;
  NEW.os_user := coalesce(NEW.os_user, '');
  NEW.field := coalesce(NEW.field, '');
  SELECT a.row_hash INTO prev FROM public.audit_log a ORDER BY a.id DESC LIMIT 1;
  NEW.prev_hash := prev;
  NEW.row_hash := encode(sha256(convert_to(coalesce(prev, '') || chr(31) ||
                  {payload_sql('postgresql', 'NEW.')}, 'UTF8')), 'hex');
  RETURN NEW;
END $$""",
    """CREATE OR REPLACE FUNCTION public.audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$""",
]


def _pg_drop_all(connection: Connection) -> None:
    rows = connection.exec_driver_sql(
        "SELECT tgname, tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal AND "
        "(starts_with(tgname, 'pubdesk_audit_') OR starts_with(tgname, 'pubdesk_version_') "
        "OR starts_with(tgname, 'audit_log_'))").fetchall()
    for name, table in rows:
        connection.exec_driver_sql(f'DROP TRIGGER IF EXISTS "{name}" ON {table}')


def _pg_table_triggers(table: str, columns: list[str]) -> list[str]:
    statements = [f'CREATE TRIGGER pubdesk_audit_{table} AFTER INSERT OR UPDATE OR DELETE ON '
                  f'public."{table}" FOR EACH ROW EXECUTE FUNCTION public.pubdesk_audit_row()']
    if "row_version" in columns:
        statements.append(f'CREATE TRIGGER pubdesk_version_{table} BEFORE UPDATE ON '
                          f'public."{table}" FOR EACH ROW EXECUTE FUNCTION '
                          'public.pubdesk_row_version()')
    return statements


_PG_LOG_TRIGGERS = [
    "CREATE TRIGGER audit_log_chain BEFORE INSERT ON public.audit_log FOR EACH ROW "
    "EXECUTE FUNCTION public.pubdesk_audit_chain()",
    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE "
    "ON public.audit_log FOR EACH STATEMENT EXECUTE FUNCTION public.audit_log_append_only()",
]


# --- both --------------------------------------------------------------------------------------

def install(connection: Connection) -> None:
    """(Re)create every audit and version trigger for the tables as they are now. Run by the
    migration that introduced them and after any migration that rebuilds a table."""
    dialect = connection.dialect.name
    existing = set(inspect(connection).get_table_names())
    if dialect == "postgresql":
        for statement in _PG_FUNCTIONS:
            connection.exec_driver_sql(statement)
        _pg_drop_all(connection)
        make, log_triggers = _pg_table_triggers, _PG_LOG_TRIGGERS
    else:
        _sqlite_drop_all(connection)
        make, log_triggers = _sqlite_table_triggers, _SQLITE_LOG_TRIGGERS
    for table in audited_tables():
        if table in existing:
            columns = [c["name"] for c in inspect(connection).get_columns(table)] \
                if dialect == "postgresql" else _sqlite_columns(connection, table)
            for statement in make(table, columns):
                connection.exec_driver_sql(statement)
    for statement in log_triggers:
        connection.exec_driver_sql(statement)


def missing(connection: Connection) -> list[str]:
    """Audited tables that have no audit trigger (a test keeps this empty after every
    migration)."""
    if connection.dialect.name == "postgresql":
        have = {row[0] for row in connection.exec_driver_sql(
            "SELECT tgrelid::regclass::text FROM pg_trigger "
            "WHERE starts_with(tgname, 'pubdesk_audit_')")}
        have = {name.split(".")[-1].strip('"') for name in have}
    else:
        have = {row[0] for row in connection.exec_driver_sql(
            "SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' "
            "AND name LIKE 'pubdesk_audit_%'")}
    return [t for t in audited_tables() if t not in have]
