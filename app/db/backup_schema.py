"""A backup holds data, not code: a SQLite file to restore may carry triggers and views of
its own (a file from outside — sent by a colleague, found on a share — or one edited with a
SQLite tool), and whatever a trigger does would then run inside PubDesk with every save.

`foreign_objects` names the triggers and views of a file that PubDesk does not create (the
restore refuses such a file); `reinstall_triggers` puts PubDesk's own triggers back exactly as
the code writes them after a restore, so one with a known name but other contents cannot
survive either."""

from __future__ import annotations

import sqlite3

from sqlalchemy import Connection

from app.db import audit_triggers, number_triggers, search_index

OWN_TRIGGER_PREFIXES = ("pubdesk_audit_", "pubdesk_version_", "pubdesk_number_", "audit_log_",
                        "publication_search_")
"""Every trigger PubDesk creates on SQLite starts with one of these (audit_triggers,
number_triggers, search_index)."""


def foreign_objects(conn: sqlite3.Connection) -> list[str]:
    """「trigger x」「view y」 for each object of `conn`'s file PubDesk would not create."""
    found = []
    for kind, name in conn.execute(
            "SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view') "
            "ORDER BY type, name"):
        if kind == "view" or not str(name).startswith(OWN_TRIGGER_PREFIXES):
            found.append(f"{kind} {name}")
    return found


def reinstall_triggers(connection: Connection) -> None:
    """PubDesk's triggers as the code writes them (SQLite; a no-op elsewhere): the audit and
    version triggers of every audited table, the number rule's and the search index's when
    they exist (a backup older than them gets them from its upgrade)."""
    if connection.dialect.name != "sqlite":
        return
    audit_triggers.install(connection)
    if connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'pubdesk_number_%'"
    ).first() is not None:
        number_triggers.install(connection)
    if search_index.has_fts(connection):
        search_index.reinstall_triggers(connection)
