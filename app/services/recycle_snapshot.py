"""What a 資源回收筒 entry keeps: the snapshot taken when a publication is deleted.

Three parts (JSON, `PAYLOAD_VERSION` 2):

- `rows` — the publication's row and every row the delete removes with it, found by walking
  the foreign keys exactly as the database cascades them (its people, TOC, issues and
  articles, applications, deposit lines, e-files, shipments, relations…);
- `detached` — the references the delete clears (SET NULL: a consent entry that named it);
- `referenced` — a copy of every row outside the snapshot that those rows point at (the
  publishing unit, deposit libraries, sales stores, consignment lists, a related
  publication), and of the rows such a copy points at in turn, each with its own parts (a
  unit's contacts). A restore can recreate one of them when it has been deleted since.

Entries written before version 2 have no `referenced` part: what they point at can only be
replaced by another existing row (app.services.recycle_bin)."""

from __future__ import annotations

import base64
import enum
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, Connection, Enum, Table, select

from app.errors import PubDeskError
from app.language import t
from app.models import Base

PAYLOAD_VERSION = 2
NOT_RECREATED = frozenset({"publications"})
"""Referenced tables whose rows are copied for their names only: a publication comes back
from its own bin entry with everything that goes with it, never as a bare row."""

ReferenceKey = tuple[str, Any]
"""A row as a foreign key names it: (table, the value of the column the key points at)."""


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
    enum_class = column.type.enum_class if isinstance(column.type, Enum) else None
    if isinstance(value, str) and enum_class is not None:
        return enum_class(value)  # a str-based enum is kept as its value
    if not isinstance(value, dict):
        return value
    kind, text = next(iter(value.items()))
    if kind == "enum":
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


def _encoded(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    return {"table": table.name, "values": {k: _encode(v) for k, v in row.items()}}


def _decoded(entry: dict[str, Any]) -> KeptRow:
    table = Base.metadata.tables[entry["table"]]
    return KeptRow(table, {name: _decode(table.c[name], value)
                           for name, value in entry["values"].items() if name in table.c})


# ------------------------------------------------------------------ the payload


@dataclass(frozen=True)
class KeptRow:
    """One row as the bin keeps it, its values decoded."""

    table: Table
    values: dict[str, Any]

    @property
    def label(self) -> str:
        """How the row names itself (its title, name, …), as the audit log names it."""
        return row_label(self.table, self.values)


@dataclass(frozen=True)
class ReferencedRow(KeptRow):
    """A copy of a row outside the snapshot that the snapshot points at, with its parts."""

    parts: list[KeptRow] = field(default_factory=list)


@dataclass(frozen=True)
class Payload:
    """A bin entry's snapshot, read."""

    version: int
    rows: list[KeptRow]
    detached: list[dict[str, Any]]
    referenced: dict[ReferenceKey, ReferencedRow]
    """Empty for entries written before version 2."""

    def copy_of(self, key: ReferenceKey) -> ReferencedRow | None:
        """The copy of a referenced row, when the bin has one and it may be recreated."""
        copy = self.referenced.get(key)
        return copy if copy is not None and copy.table.name not in NOT_RECREATED else None


def read_payload(text: str) -> Payload:
    """A bin entry's payload (any version) as rows and copies."""
    data = json.loads(text)
    referenced: dict[ReferenceKey, ReferencedRow] = {}
    for entry in data.get("referenced", []):
        row = _decoded(entry)
        key = (row.table.name, entry["key"])
        referenced[key] = ReferencedRow(row.table, row.values,
                                        [_decoded(part) for part in entry["parts"]])
    return Payload(int(data.get("version", 1)), [_decoded(entry) for entry in data["rows"]],
                   list(data["detached"]), referenced)


def row_label(table: Table, values: dict[str, Any]) -> str:
    """A row's name for the officer: its entity's `audit_label` (a unit's full name, a
    library's name, 「展售清單 2026-11-30」; a publication as `publication_label` names it),
    else its number."""
    if table.name == "publications" and values.get("title") is not None:
        from app.services.publications import publication_label

        return publication_label(values["id"], values["title"], values["form"],
                                 values["edition"], values["printing"], values.get("gpn"))
    for mapper in Base.registry.mappers:
        if mapper.local_table is table:
            try:  # a transient instance, never added to a session
                label = str(mapper.class_(**{k: v for k, v in values.items()
                                             if k in mapper.columns}).audit_label())
            except (AttributeError, KeyError, TypeError, ValueError):
                label = ""
            if label and label != "None":
                return label
    return t("編號 {id}", id=values.get("id", ""))


# ------------------------------------------------------------------ taking it


def _key(table: Table, row: dict[str, Any]) -> tuple[Any, ...]:
    return (table.name, *(row[c.name] for c in table.primary_key.columns))


def _walk(connection: Connection, table: Table, row: dict[str, Any], *, cascade_only: bool
          ) -> tuple[dict[tuple[Any, ...], tuple[Table, dict[str, Any]]], list[dict[str, Any]]]:
    """`row` and the rows a delete of it takes along (only those it cascades to, or every row
    that points at it and would block or go with it), and the references it clears."""
    rows = {_key(table, row): (table, row)}
    detached: list[dict[str, Any]] = []
    pending: list[tuple[Table, list[Any]]] = [(table, [row["id"]])]
    while pending:
        parent, ids = pending.pop()
        for child in Base.metadata.sorted_tables:
            for fk in child.foreign_keys:
                if fk.column.table is not parent:
                    continue
                if fk.ondelete == "SET NULL":
                    if not cascade_only:
                        detached += [{"table": child.name, "id": r["id"],
                                      "column": fk.parent.name, "value": r[fk.parent.name]}
                                     for r in connection.execute(select(child).where(
                                         fk.parent.in_(ids))).mappings()]
                    continue
                if cascade_only and fk.ondelete != "CASCADE":
                    continue
                children = connection.execute(select(child).where(
                    fk.parent.in_(ids))).mappings().all()
                new = [dict(r) for r in children if _key(child, dict(r)) not in rows]
                for found in new:
                    rows[_key(child, found)] = (child, found)
                if new and "id" in child.c:
                    pending.append((child, [found["id"] for found in new]))
    return rows, detached


def _referenced(connection: Connection,
                rows: dict[tuple[Any, ...], tuple[Table, dict[str, Any]]]) -> list[dict[str, Any]]:
    """Copies of the rows outside `rows` that they point at — and, for the tables a restore
    may recreate, of what those copies and their parts point at in turn."""
    inside = {(table.name, row["id"]) for table, row in rows.values() if "id" in row}
    found: dict[ReferenceKey, dict[str, Any]] = {}
    pending = list(rows.values())
    while pending:
        table, row = pending.pop()
        for fk in table.foreign_keys:
            value = row.get(fk.parent.name)
            target = fk.column.table
            key = (target.name, value)
            if value is None or key in inside or key in found:
                continue
            copied = connection.execute(select(target).where(
                fk.column == value)).mappings().first()
            if copied is None:  # only where the database does not enforce the key
                continue
            entry = {**_encoded(target, dict(copied)), "key": value, "parts": []}
            found[key] = entry
            if target.name in NOT_RECREATED:
                continue
            root = _key(target, dict(copied))
            parts, _cleared = _walk(connection, target, dict(copied), cascade_only=True)
            for part_key, (part_table, part) in parts.items():
                if part_key != root:
                    entry["parts"].append(_encoded(part_table, part))
                    if "id" in part:
                        inside.add((part_table.name, part["id"]))
                pending.append((part_table, part))
    return list(found.values())


def snapshot(connection: Connection, publication_id: int) -> dict[str, Any]:
    """The rows a delete of the publication removes, the references it clears and copies of
    the rows outside that they point at."""
    publications = Base.metadata.tables["publications"]
    found = connection.execute(select(publications).where(
        publications.c.id == publication_id)).mappings().first()
    if found is None:
        raise PubDeskError("這筆出版品已不存在（可能已由其他人刪除）。請重新整理清單。")
    rows, detached = _walk(connection, publications, dict(found), cascade_only=False)
    return {"version": PAYLOAD_VERSION,
            "rows": [_encoded(table, row) for table, row in rows.values()],
            "detached": detached,
            "referenced": _referenced(connection, rows)}
