"""The app's side of the audit log: it only *says* who is saving and why; the database writes
the entries itself (app.db.audit_triggers), so no service can forget one and no change made
outside PubDesk goes unrecorded.

At the start of every transaction the officer's name (`os_user` in the log) and the reason,
if any, are handed to the database as transaction-local settings (`pubdesk.actor`,
`pubdesk.reason` on PostgreSQL; the connection's `AuditContext` on SQLite). Versioned
records also get `changed_by`/`changed_at` stamped here, for "saved by … at …" messages.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, event, text
from sqlalchemy.orm import Session, SessionTransaction, UOWTransaction

from app.db.audit_triggers import AuditContext, os_user
from app.models.base import Versioned, utcnow

CONTEXT_KEY = "pubdesk_audit"
"""Where a SQLite connection keeps its AuditContext (the pool record's `info`)."""


def session_user(session: Session) -> str:
    """Who is saving: the database login in office mode, else the OS user."""
    return str(session.info.get("os_user") or os_user())


def tell_database(connection: Connection, actor: str, reason: str | None) -> None:
    """Hand who and why to the database for the rest of this transaction."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT set_config('pubdesk.actor', :a, true), "
                                "set_config('pubdesk.reason', :r, true)"),
                           {"a": actor, "r": reason or ""})
        return
    context = connection.connection.info.get(CONTEXT_KEY)
    if isinstance(context, AuditContext):
        context.actor, context.reason = actor, reason


def set_reason(session: Session, reason: str | None) -> None:
    """Record `reason` with every entry this session's transaction writes from now on."""
    session.info["audit_reason"] = reason
    tell_database(session.connection(), session_user(session), reason)


def _after_begin(session: Session, _transaction: SessionTransaction,
                 connection: Connection) -> None:
    tell_database(connection, session_user(session), session.info.get("audit_reason"))


def _before_flush(session: Session, _flush_context: UOWTransaction, _instances: Any) -> None:
    """Stamp who saved a versioned record last, and when (app.services.guard)."""
    now = None
    for obj in [*session.new, *session.dirty]:
        if isinstance(obj, Versioned) and (obj in session.new or session.is_modified(
                obj, include_collections=False)):
            now = now or utcnow()
            obj.changed_by = session_user(session)
            obj.changed_at = now


def install_audit(session_class: type[Session] | Any) -> None:
    """Attach the who-and-why hooks to a sessionmaker (or Session subclass)."""
    if not event.contains(session_class, "after_begin", _after_begin):
        event.listen(session_class, "before_flush", _before_flush)
        event.listen(session_class, "after_begin", _after_begin)
