"""The audit log: every create, update and delete of an audited row, field by field.

Hooked into the session's flush, so no service can forget it. Rows are inserted on the flush's
own connection, inside the same transaction: a change and its audit entry commit together.
"""

from __future__ import annotations

import getpass
import os
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session, UOWTransaction

from app.models import AuditAction, Audited, AuditEntry
from app.models.base import utcnow

_SKIPPED_FIELDS = {"created_at", "updated_at", "row_version"}


def current_os_user() -> str:
    """The logged-in Windows/Linux user name; never fails."""
    try:
        return getpass.getuser()
    except Exception:  # getpass raises OSError or KeyError when no name is known
        return os.environ.get("USERNAME") or os.environ.get("USER") or "unknown"


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime | date | Decimal):
        return value.isoformat() if not isinstance(value, Decimal) else str(value)
    return str(value)


def _column_attrs(obj: Audited) -> list[str]:
    mapper = inspect(obj).mapper
    return [a.key for a in mapper.column_attrs if a.key not in _SKIPPED_FIELDS]


def _collect(session: Session) -> list[dict[str, Any]]:
    user = session.info.get("os_user") or current_os_user()
    now = utcnow()
    rows: list[dict[str, Any]] = []

    def add(obj: Audited, action: AuditAction, field: str = "",
            old: Any = None, new: Any = None) -> None:
        rows.append({
            "at": now, "os_user": user, "action": action,
            "entity": type(obj).__tablename__,  # type: ignore[attr-defined]
            "entity_id": getattr(obj, "id", None), "field": field,
            "old_value": _text(old), "new_value": _text(new),
        })

    for obj in session.new:
        if isinstance(obj, Audited):
            add(obj, AuditAction.CREATE, new=obj.audit_label())
    for obj in session.dirty:
        if not isinstance(obj, Audited) or not session.is_modified(obj, include_collections=False):
            continue
        state = inspect(obj)
        for key in _column_attrs(obj):
            history = state.attrs[key].history
            if not history.has_changes():
                continue
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if _text(old) != _text(new):
                add(obj, AuditAction.UPDATE, key, old, new)
    for obj in session.deleted:
        if isinstance(obj, Audited):
            add(obj, AuditAction.DELETE, old=obj.audit_label())
    return rows


def _after_flush(session: Session, _flush_context: UOWTransaction) -> None:
    rows = _collect(session)
    if rows:
        session.connection().execute(insert(AuditEntry), rows)


def install_audit(session_class: type[Session] | Any) -> None:
    """Attach the audit hook to a sessionmaker (or Session subclass)."""
    if not event.contains(session_class, "after_flush", _after_flush):
        event.listen(session_class, "after_flush", _after_flush)
