"""The audit log: every create, update and delete of an audited row, field by field.

Hooked into the session's flush, so no service can forget it. Rows are inserted on the flush's
own connection, inside the same transaction: a change and its audit entry commit together.
"""

from __future__ import annotations

import getpass
import json
import os
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import Connection, event, insert, inspect, select
from sqlalchemy.orm import Mapper, Session, UOWTransaction, object_session

from app.models import AuditAction, Audited, AuditEntry
from app.models.base import Base, Versioned, utcnow

_SKIPPED_FIELDS = {"created_at", "updated_at", "row_version", "changed_by", "changed_at"}


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
    user = session_user(session)
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
    return rows


def _row_text(values: dict[str, Any]) -> str:
    return json.dumps({k: _text(v) for k, v in values.items()}, ensure_ascii=False)


def _before_delete(mapper: Mapper[Any], connection: Connection, target: Audited) -> None:
    """Every deleted row — deleted explicitly, by an ORM cascade or as an orphan (TOC lines,
    contacts, articles) — with all its old values; then the rows the database itself will
    delete (ON DELETE CASCADE) or detach (SET NULL) because of it. The ORM deletes children it
    manages before their parent, each passing through here, so nothing is counted twice."""
    session = object_session(target)
    user = session_user(session) if session is not None else current_os_user()
    now = utcnow()
    table = mapper.local_table
    values = {c.key: getattr(target, c.key, None) for c in mapper.column_attrs}
    entity = str(getattr(target, "__tablename__", table))
    rows = [_entry(now, user, AuditAction.DELETE, entity, getattr(target, "id", None),
                   old=_row_text(values))]
    rows += _database_cascades(connection, table, [getattr(target, "id", None)], now, user)
    connection.execute(insert(AuditEntry), rows)


def _entry(now: Any, user: str, action: AuditAction, entity: str, entity_id: Any,
           field: str = "", old: str | None = None, new: str | None = None) -> dict[str, Any]:
    return {"at": now, "os_user": user, "action": action, "entity": entity,
            "entity_id": entity_id if isinstance(entity_id, int) else None, "field": field,
            "old_value": old, "new_value": new}


def _database_cascades(connection: Connection, parent: Any, ids: list[Any], now: Any,
                       user: str, depth: int = 0) -> list[dict[str, Any]]:
    """Audit rows for what ON DELETE CASCADE / SET NULL will do to rows referring to `ids`."""
    if not ids or depth > 8:
        return []
    rows: list[dict[str, Any]] = []
    for child in Base.metadata.sorted_tables:
        for fk in child.foreign_keys:
            if fk.column.table is not parent or fk.ondelete not in ("CASCADE", "SET NULL"):
                continue
            found = connection.execute(select(child).where(fk.parent.in_(ids))).mappings().all()
            for found_row in found:
                row_id = found_row.get("id")
                if fk.ondelete == "CASCADE":
                    rows.append(_entry(now, user, AuditAction.DELETE, child.name, row_id,
                                       old=_row_text(dict(found_row))))
                else:
                    rows.append(_entry(now, user, AuditAction.UPDATE, child.name, row_id,
                                       fk.parent.name, _text(found_row[fk.parent.name]), None))
            if fk.ondelete == "CASCADE" and "id" in child.c:
                rows += _database_cascades(connection, child, [r["id"] for r in found], now,
                                           user, depth + 1)
    return rows


def session_user(session: Session) -> str:
    """Who is saving: the database login in office mode, else the OS user."""
    return str(session.info.get("os_user") or current_os_user())


def _before_flush(session: Session, _flush_context: UOWTransaction, _instances: Any) -> None:
    """Stamp who saved a versioned record last, and when (app.services.guard)."""
    now = None
    for obj in [*session.new, *session.dirty]:
        if isinstance(obj, Versioned) and (obj in session.new or session.is_modified(
                obj, include_collections=False)):
            now = now or utcnow()
            obj.changed_by = session_user(session)
            obj.changed_at = now


def _after_flush(session: Session, _flush_context: UOWTransaction) -> None:
    rows = _collect(session)
    if rows:
        session.connection().execute(insert(AuditEntry), rows)


def install_audit(session_class: type[Session] | Any) -> None:
    """Attach the audit hook to a sessionmaker (or Session subclass)."""
    if not event.contains(session_class, "after_flush", _after_flush):
        event.listen(session_class, "before_flush", _before_flush)
        event.listen(session_class, "after_flush", _after_flush)
    if not event.contains(Audited, "before_delete", _before_delete):
        event.listen(Audited, "before_delete", _before_delete, propagate=True)
