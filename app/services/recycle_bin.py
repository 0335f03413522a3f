"""資源回收筒: deleting a publication keeps it — with every row that goes with it — until the
officer restores it or empties the bin.

Deleting takes a snapshot first: the publication's row, every row the delete removes with it
(its people, TOC, issues and articles, applications, deposit lines, e-files, relations…, found
by walking the foreign keys exactly as the database cascades them) and every reference the
delete clears (SET NULL: a consent entry that named it). Restoring puts the rows back in
dependency order, with their own ids when those are still free (so the audit log and packages'
manifests still point at them) and new ids otherwise, and re-links the cleared references that
nobody has set since. The bin entry goes in the same transaction: a publication cannot be
restored twice."""

from __future__ import annotations

import base64
import enum
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, Connection, Enum, Table, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db.audit import session_user, set_reason
from app.errors import PubDeskError
from app.models import Base, RecycledPublication
from app.models.base import utcnow

PAYLOAD_VERSION = 1


@dataclass(frozen=True)
class BinItem:
    """One publication in the bin, as the list shows it."""

    id: int
    publication_id: int
    label: str
    deleted_at: datetime
    deleted_by: str
    row_count: int


@dataclass(frozen=True)
class Restored:
    """What a restore did."""

    publication_id: int
    rows: int
    new_ids: int
    """Rows that got a new id because theirs had been taken meanwhile."""
    skipped: list[str]
    """Rows not restored, in words (a relation to a publication deleted since, …)."""


# ------------------------------------------------------------------ values ⇄ JSON


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, enum.Enum):
        return {"enum": value.value}
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, bytes):
        return {"bytes": base64.b64encode(value).decode("ascii")}
    raise TypeError(f"cannot keep a {type(value).__name__} in the recycle bin")


def _decode(column: Column[Any], value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    kind, text = next(iter(value.items()))
    if kind == "enum":
        enum_class = column.type.enum_class if isinstance(column.type, Enum) else None
        return enum_class(text) if enum_class is not None else text
    if kind == "datetime":
        return datetime.fromisoformat(text)
    if kind == "date":
        return date.fromisoformat(text)
    if kind == "decimal":
        return Decimal(text)
    if kind == "bytes":
        return base64.b64decode(text)
    raise ValueError(f"unknown value kind {kind!r} in the recycle bin")


# ------------------------------------------------------------------ snapshot


def _key(table: Table, row: dict[str, Any]) -> tuple[Any, ...]:
    return (table.name, *(row[c.name] for c in table.primary_key.columns))


def snapshot(connection: Connection, publication_id: int) -> dict[str, Any]:
    """The rows a delete of the publication removes, and the references it clears."""
    publications = Base.metadata.tables["publications"]
    rows: dict[tuple[Any, ...], tuple[Table, dict[str, Any]]] = {}
    detached: list[dict[str, Any]] = []
    found = connection.execute(select(publications).where(
        publications.c.id == publication_id)).mappings().all()
    if not found:
        raise PubDeskError("這筆出版品已不存在（可能已由其他人刪除）。請重新整理清單。")
    pending: list[tuple[Table, list[Any]]] = [(publications, [publication_id])]
    rows[_key(publications, dict(found[0]))] = (publications, dict(found[0]))
    while pending:
        parent, ids = pending.pop()
        for child in Base.metadata.sorted_tables:
            for fk in child.foreign_keys:
                if fk.column.table is not parent:
                    continue
                children = connection.execute(select(child).where(
                    fk.parent.in_(ids))).mappings().all()
                if fk.ondelete == "SET NULL":
                    detached += [{"table": child.name, "id": r["id"], "column": fk.parent.name,
                                  "value": r[fk.parent.name]} for r in children]
                    continue
                new = [dict(r) for r in children if _key(child, dict(r)) not in rows]
                for row in new:
                    rows[_key(child, row)] = (child, row)
                if new and "id" in child.c:
                    pending.append((child, [row["id"] for row in new]))
    return {"version": PAYLOAD_VERSION,
            "rows": [{"table": table.name, "values": {k: _encode(v) for k, v in row.items()}}
                     for table, row in rows.values()],
            "detached": detached}


def move_to_bin(session: Session, publication_id: int, label: str) -> RecycledPublication:
    """Keep the publication's snapshot in the bin (the caller then deletes it)."""
    payload = snapshot(session.connection(), publication_id)
    item = RecycledPublication(publication_id=publication_id, label=label,
                               deleted_at=utcnow(), deleted_by=session_user(session),
                               row_count=len(payload["rows"]),
                               payload=json.dumps(payload, ensure_ascii=False))
    session.add(item)
    return item


# ------------------------------------------------------------------ the bin


def list_bin(session: Session) -> list[BinItem]:
    """Everything in the bin, newest first."""
    items = session.scalars(select(RecycledPublication).order_by(
        RecycledPublication.deleted_at.desc(), RecycledPublication.id.desc())).all()
    return [BinItem(i.id, i.publication_id, i.label, i.deleted_at, i.deleted_by, i.row_count)
            for i in items]


def _exists(connection: Connection, table: Table, column: str, value: Any) -> bool:
    return connection.execute(select(table.c[column]).where(
        table.c[column] == value).limit(1)).first() is not None


def restore(session: Session, item_id: int) -> Restored:
    """Put a publication back from the bin, with everything that was deleted with it."""
    item = session.get(RecycledPublication, item_id)
    if item is None:
        raise PubDeskError("這筆資料已不在資源回收筒（可能已還原或已清空）。請重新整理。")
    payload = json.loads(item.payload)
    connection = session.connection()
    by_table: dict[str, list[dict[str, Any]]] = {}
    for entry in payload["rows"]:
        by_table.setdefault(entry["table"], []).append(entry["values"])
    new_ids: dict[str, dict[Any, Any]] = {}
    restored: dict[str, set[Any]] = {}
    skipped: list[str] = []
    # The database records each row put back (its triggers); this says why.
    set_reason(session, f"自資源回收筒還原（{item.label}）")
    for table in Base.metadata.sorted_tables:
        for raw in by_table.get(table.name, []):
            values = {name: _decode(table.c[name], value) for name, value in raw.items()
                      if name in table.c}
            reason = _relink(connection, table, values, new_ids, restored)
            if reason:
                skipped.append(reason)
                continue
            old_id = values.get("id")
            if old_id is not None and _exists(connection, table, "id", old_id):
                del values["id"]
            try:
                result = connection.execute(insert(table).values(**values))
            except IntegrityError as exc:
                raise PubDeskError(_conflict_message(item.label, table.name, exc)) from exc
            if old_id is not None:
                new_id = values["id"] if "id" in values else result.inserted_primary_key[0]  # type: ignore[index]
                if new_id != old_id:
                    new_ids.setdefault(table.name, {})[old_id] = new_id
                restored.setdefault(table.name, set()).add(new_id)
    for link in payload["detached"]:
        table = Base.metadata.tables[link["table"]]
        target = next(fk.column.table.name for fk in table.c[link["column"]].foreign_keys)
        value = new_ids.get(target, {}).get(link["value"], link["value"])
        connection.execute(update(table).where(table.c.id == link["id"],
                                               table.c[link["column"]].is_(None))
                           .values({link["column"]: value}))
    publication_id = new_ids.get("publications", {}).get(item.publication_id,
                                                         item.publication_id)
    session.delete(item)
    session.flush()
    return Restored(publication_id, sum(len(ids) for ids in restored.values()),
                    sum(len(ids) for ids in new_ids.values()), skipped)


def _relink(connection: Connection, table: Table, values: dict[str, Any],
            new_ids: dict[str, dict[Any, Any]], restored: dict[str, set[Any]]) -> str:
    """Point foreign keys at the rows' new ids; a reference to a row gone since is cleared
    when it may be empty, else the row is skipped (the reason is returned)."""
    for fk in table.foreign_keys:
        column, target = fk.parent.name, fk.column.table
        value = values.get(column)
        if value is None:
            continue
        value = new_ids.get(target.name, {}).get(value, value)
        values[column] = value
        if value in restored.get(target.name, set()) or _exists(connection, target,
                                                               fk.column.name, value):
            continue
        if fk.parent.nullable:
            values[column] = None
            continue
        return f"{table.name} #{values.get('id', '')}：所指的 {target.name} #{value} 已不存在"
    return ""


def _conflict_message(label: str, table: str, exc: IntegrityError) -> str:
    detail = str(exc.orig).splitlines()[0][:160]
    return (f"無法還原「{label}」：資料庫中已有與它衝突的資料（{table}：{detail}）。"
            "常見原因是後來新增的出版品用了相同的號碼；請先修改那筆資料的號碼，再還原。")


def purge(session: Session, item_id: int) -> None:
    """Delete one entry of the bin for good."""
    session.execute(delete(RecycledPublication).where(RecycledPublication.id == item_id))


def empty_bin(session: Session) -> int:
    """Delete everything in the bin for good; returns how many publications went."""
    count = len(list_bin(session))
    session.execute(delete(RecycledPublication))
    return count
