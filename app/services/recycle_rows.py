"""Writing a 資源回收筒 entry's rows back (app.services.recycle_bin decides what; this module
writes it): parents before children, each row with its own id when that is still free and a
new one otherwise, foreign keys following the rows to their new ids or to the rows chosen
instead, every unique rule and the numbering rule checked before the row is written, and the
references the delete cleared set again where nobody has set them since."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Connection, Table, UniqueConstraint, and_, insert, select, update
from sqlalchemy.orm import Session

from app import messages
from app.errors import PubDeskError
from app.models import Base
from app.services.history import ENTITIES, FIELDS
from app.services.number_rule import number_problems
from app.services.recycle_snapshot import KeptRow, Payload, ReferenceKey, row_label


class RestoreConflictError(PubDeskError):
    """A row would break a unique rule or the numbering rule (§4(二)); nothing was written
    and the entry stays in the bin."""


@dataclass(frozen=True)
class Written:
    """What `write_rows` did."""

    rows: int
    """Rows of the snapshot written (not counting those recreated from copies)."""
    new_ids: int
    ids: dict[str, dict[Any, Any]]
    """Old id → the id the row has now, by table (new ids and rows used instead)."""


def exists(connection: Connection, table: Table, column: str, value: Any) -> bool:
    return connection.execute(select(table.c[column]).where(
        table.c[column] == value).limit(1)).first() is not None


def unique_sets(table: Table) -> list[tuple[str, ...]]:
    """The column sets a table's unique constraints and indexes hold unique."""
    sets = [tuple(c.name for c in k.columns) for k in table.constraints
            if isinstance(k, UniqueConstraint)]
    return sets + [tuple(c.name for c in i.columns) for i in table.indexes if i.unique]


def holding_row(connection: Connection, table: Table, columns: tuple[str, ...],
            values: dict[str, Any]) -> dict[str, Any] | None:
    """An existing row with the same `columns` as `values` (None when any of them is empty)."""
    if any(values.get(c) is None for c in columns):
        return None
    found = connection.execute(select(table).where(and_(
        *(table.c[c] == values[c] for c in columns))).limit(1)).mappings().first()
    return dict(found) if found is not None else None


def write_rows(session: Session, label: str, payload: Payload, recreated: list[KeptRow],
               instead: dict[str, dict[Any, Any]], left_out: set[ReferenceKey]) -> Written:
    """Write the snapshot's rows and the `recreated` copies; a reference to a row in
    `instead` points at its replacement, one to a row `left_out` is emptied (or the row
    needing it is left out with what needs it in turn). RestoreConflictError before a row
    that would break a rule: the caller's savepoint then takes back what was written."""
    connection = session.connection()
    ids: dict[str, dict[Any, Any]] = {table: dict(moved) for table, moved in instead.items()}
    queue = [(row, True) for row in recreated] + [(row, False) for row in payload.rows]
    order = {table.name: n for n, table in enumerate(Base.metadata.sorted_tables)}
    queue.sort(key=lambda entry: order[entry[0].table.name])  # stable: parents first
    omitted: set[ReferenceKey] = set()
    restored = new_ids = 0
    for row, copy in queue:
        values = _relinked(row, ids, left_out | omitted)
        if values is None:  # it needs a row the officer chose to do without
            omitted.add((row.table.name, row.values.get("id")))
            continue
        old_id = values.get("id")
        if old_id is not None and exists(connection, row.table, "id", old_id):
            del values["id"]
        _check_unique(connection, label, row, values)
        if row.table.name == "publications":
            _check_numbers(session, label, values)
        result = connection.execute(insert(row.table).values(**values))
        if old_id is not None:
            new_id = values["id"] if "id" in values else result.inserted_primary_key[0]  # type: ignore[index]
            if new_id != old_id:
                ids.setdefault(row.table.name, {})[old_id] = new_id
                new_ids += 1
        restored += not copy
    for link in payload.detached:
        table = Base.metadata.tables[link["table"]]
        target = next(fk.column.table.name for fk in table.c[link["column"]].foreign_keys)
        if (target, link["value"]) in omitted:
            continue
        value = ids.get(target, {}).get(link["value"], link["value"])
        connection.execute(update(table).where(table.c.id == link["id"],
                                               table.c[link["column"]].is_(None))
                           .values({link["column"]: value}))
    return Written(restored, new_ids, ids)


def _relinked(row: KeptRow, ids: dict[str, dict[Any, Any]],
              without: set[ReferenceKey]) -> dict[str, Any] | None:
    """The row's values with its foreign keys pointing where the rows now are; None when it
    needs a row that is done without (a field that may be empty is emptied instead)."""
    values = dict(row.values)
    for fk in row.table.foreign_keys:
        column, target = fk.parent.name, fk.column.table.name
        value = values.get(column)
        if value is None:
            continue
        if (target, value) in without:
            if not fk.parent.nullable:
                return None
            values[column] = None
            continue
        values[column] = ids.get(target, {}).get(value, value)
    return values


def _check_unique(connection: Connection, label: str, row: KeptRow,
                  values: dict[str, Any]) -> None:
    """Refuse, in words, a row another row already holds a unique value of."""
    for columns in unique_sets(row.table):
        holder = holding_row(connection, row.table, columns, values)
        if holder is None:
            continue
        fields = "、".join(ENTITIES.get(next(iter(row.table.c[c].foreign_keys)).column.table.name,
                                       c) if row.table.c[c].foreign_keys else FIELDS.get(c, c)
                          for c in columns)
        raise RestoreConflictError(messages.RESTORE_DUPLICATE.format(
            label=label, what=ENTITIES.get(row.table.name, row.table.name),
            name=row_label(row.table, values), holder=row_label(row.table, holder),
            fields=fields))


def _check_numbers(session: Session, label: str, values: dict[str, Any]) -> None:
    """§4(二): a number another publication holds comes back only with a reprint of the
    same work (app.services.number_rule says when, and names the holder)."""
    problems = number_problems(session, SimpleNamespace(**values))
    if problems:
        raise RestoreConflictError(messages.RESTORE_NUMBER_TAKEN.format(
            label=label, problem=problems[0].message))
