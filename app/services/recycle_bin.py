"""資源回收筒: deleting a publication keeps it — with every row that goes with it — until the
officer restores it or empties the bin.

Deleting takes a snapshot first (app.services.recycle_snapshot): the publication's rows, the
references the delete clears, and copies of the rows outside that they point at (its unit,
deposit libraries, sales stores, consignment lists, related publications).

A restore is all or nothing. `restore_plan` lists what the snapshot points at that is gone
since (a unit deleted once it had no publications left, a library, a store, a related
publication); `restore` takes one `Resolution` for each — recreate it from the copy the bin
keeps, use another existing row of the same table, or, where nothing else needs it, leave it
out — and then, in one savepoint, puts every row back (app.services.recycle_rows: in
dependency order, with their own ids when those are still free, so the audit log and
packages' manifests still point at them, and new ids otherwise; re-linking the cleared
references nobody has set since) and removes the bin entry. A reference without a
resolution (`MissingReferencesError`), a row that would break a unique rule or the numbering
rule (`RestoreConflictError`): nothing is written and the entry stays in the bin."""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Column, Connection, Table, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app import messages
from app.db.audit import session_user, set_reason
from app.errors import PubDeskError
from app.language import t
from app.models import Base, RecycledPublication
from app.models.base import utcnow
from app.services.history import ENTITIES
from app.services.recycle_rows import (
    RestoreConflictError,
    exists,
    holding_row,
    unique_sets,
    write_rows,
)
from app.services.recycle_snapshot import (
    NOT_RECREATED,
    KeptRow,
    Payload,
    ReferenceKey,
    read_payload,
    row_label,
    snapshot,
)

CHOICES_LIMIT = 500
"""At most this many rows offered to choose from instead of a missing one (newest lists
first): units, libraries and stores are far fewer; a publication is chosen by search."""


@dataclass(frozen=True)
class BinItem:
    """One publication in the bin, as the list shows it."""

    id: int
    publication_id: int
    label: str
    deleted_at: datetime
    deleted_by: str
    row_count: int


class ResolutionKind(enum.Enum):
    """What to do about a row the snapshot points at that is gone."""

    RECREATE = "recreate"
    """Put it back from the copy the bin keeps (its parts too: a unit's contacts)."""
    USE_OTHER = "use_other"
    """Point at another existing row of the same table instead."""
    LEAVE_OUT = "leave_out"
    """Do without it: empty the fields that may be empty, leave out the rows that need it."""


@dataclass(frozen=True)
class Resolution:
    """The officer's answer for one missing reference."""

    kind: ResolutionKind
    other_id: int | None = None

    @classmethod
    def recreate(cls) -> Resolution:
        """Recreate the row from the bin's copy."""
        return cls(ResolutionKind.RECREATE)

    @classmethod
    def use(cls, other_id: int) -> Resolution:
        """Use the existing row `other_id` instead."""
        return cls(ResolutionKind.USE_OTHER, other_id)

    @classmethod
    def leave_out(cls) -> Resolution:
        """Do without the row (only where `MissingReference.may_leave_out`)."""
        return cls(ResolutionKind.LEAVE_OUT)


@dataclass(frozen=True)
class MissingReference:
    """A row the snapshot points at that no longer exists."""

    table: str
    id: Any
    what: str
    """The kind of record, in words (機關, 寄存圖書館, 展售門市, 展售清單, 出版品)."""
    name: str
    """How the row named itself when the publication was deleted (編號 n without a copy)."""
    used_by: int
    """How many rows of the snapshot (or of the copies needing it) point at it."""
    needed_for: tuple[str, ...]
    """The kinds of those rows, in words (出版品, 寄存, 送書…)."""
    recreatable: bool
    """The bin keeps a copy (not for entries made before copies were kept, nor for a
    publication, which comes back from its own bin entry)."""
    may_leave_out: bool
    leaves_empty: bool
    """Leaving it out only empties fields (they may be empty); otherwise rows are left out."""
    same_name_id: int | None
    """An existing row with the copy's name: most likely the one to use instead."""
    in_bin: bool
    """A publication that is in the bin itself: restoring it first keeps the link."""
    needed_by: tuple[ReferenceKey, ...] = ()
    """Empty when the snapshot's rows need it; else the missing rows whose recreation does."""

    @property
    def key(self) -> ReferenceKey:
        """The key to give its `Resolution` under."""
        return (self.table, self.id)


@dataclass(frozen=True)
class RestorePlan:
    """What a restore of one bin entry needs decided first."""

    item_id: int
    label: str
    missing: list[MissingReference]

    def required(self, resolutions: Mapping[ReferenceKey, Resolution]) -> list[MissingReference]:
        """The missing references that need a resolution, given those chosen so far: what the
        snapshot points at, and what a row to be recreated points at in turn."""
        recreated = {key for key, r in resolutions.items() if r.kind is ResolutionKind.RECREATE}
        needed: dict[ReferenceKey, MissingReference] = {
            m.key: m for m in self.missing if not m.needed_by}
        grew = True
        while grew:
            grew = False
            for m in self.missing:
                if m.key not in needed and any(parent in needed and parent in recreated
                                               for parent in m.needed_by):
                    needed[m.key] = m
                    grew = True
        return [m for m in self.missing if m.key in needed]


@dataclass(frozen=True)
class Restored:
    """What a restore did."""

    publication_id: int
    rows: int
    """Rows of the snapshot written back (less those left out with what they needed)."""
    new_ids: int
    """Rows that got a new id because theirs had been taken meanwhile."""
    recreated: list[str]
    """Rows recreated from the bin's copies, in words (機關「…」)."""
    left_out: list[str]
    """References the officer chose to do without, in words."""


class MissingReferencesError(PubDeskError):
    """The snapshot points at rows that are gone and no resolution says what to do about
    them; nothing was written and the entry stays in the bin."""

    def __init__(self, label: str, missing: list[MissingReference]):
        super().__init__(messages.RESTORE_MISSING.format(
            label=label, count=len(missing), names="、".join(_named(m) for m in missing)))
        self.missing = missing


def _named(m: MissingReference) -> str:
    return f"{m.what}「{m.name}」"


# ------------------------------------------------------------------ the bin


def move_to_bin(session: Session, publication_id: int, label: str) -> RecycledPublication:
    """Keep the publication's snapshot in the bin (the caller then deletes it)."""
    payload = snapshot(session.connection(), publication_id)
    item = RecycledPublication(publication_id=publication_id, label=label,
                               deleted_at=utcnow(), deleted_by=session_user(session),
                               row_count=len(payload["rows"]),
                               payload=json.dumps(payload, ensure_ascii=False))
    session.add(item)
    return item


def list_bin(session: Session) -> list[BinItem]:
    """Everything in the bin, newest first."""
    items = session.scalars(select(RecycledPublication).order_by(
        RecycledPublication.deleted_at.desc(), RecycledPublication.id.desc())).all()
    return [BinItem(i.id, i.publication_id, i.label, i.deleted_at, i.deleted_by, i.row_count)
            for i in items]


def purge(session: Session, item_id: int) -> None:
    """Delete one entry of the bin for good."""
    session.execute(delete(RecycledPublication).where(RecycledPublication.id == item_id))


def empty_bin(session: Session) -> int:
    """Delete everything in the bin for good; returns how many publications went."""
    count = len(list_bin(session))
    session.execute(delete(RecycledPublication))
    return count


def _item(session: Session, item_id: int) -> RecycledPublication:
    item = session.get(RecycledPublication, item_id)
    if item is None:
        raise PubDeskError("這筆資料已不在資源回收筒（可能已還原或已清空）。請重新整理。")
    return item


# ------------------------------------------------------------------ the plan


def _target(via: Column[Any]) -> tuple[Table, str]:
    fk = next(iter(via.foreign_keys))
    return fk.column.table, fk.column.name


def _pointers(rows: list[KeptRow], inside: set[ReferenceKey]
              ) -> dict[ReferenceKey, list[tuple[KeptRow, Column[Any]]]]:
    """The rows outside `inside` that `rows` point at, with who points at each and how."""
    found: dict[ReferenceKey, list[tuple[KeptRow, Column[Any]]]] = {}
    for row in rows:
        for fk in row.table.foreign_keys:
            value = row.values.get(fk.parent.name)
            key = (fk.column.table.name, value)
            if value is not None and key not in inside:
                found.setdefault(key, []).append((row, fk.parent))
    return found


def _same_name(connection: Connection, copy: KeptRow) -> int | None:
    for columns in unique_sets(copy.table):
        holder = holding_row(connection, copy.table, columns, copy.values)
        if holder is not None:
            return int(holder["id"])
    return None


def _plan(connection: Connection, item: RecycledPublication, payload: Payload) -> RestorePlan:
    inside = {(row.table.name, row.values["id"]) for row in payload.rows if "id" in row.values}
    root = ("publications", item.publication_id)
    pending: list[tuple[ReferenceKey, list[tuple[KeptRow, Column[Any]]],
                        ReferenceKey | None]] = [
        (key, refs, None) for key, refs in _pointers(payload.rows, inside).items()]
    found: dict[ReferenceKey, MissingReference] = {}
    present: set[ReferenceKey] = set()
    while pending:
        key, refs, parent = pending.pop(0)  # the snapshot's own needs first, then nested ones
        if key in found:
            if parent is not None and found[key].needed_by and \
                    parent not in found[key].needed_by:
                found[key] = replace(found[key], needed_by=(*found[key].needed_by, parent))
            continue
        table, column = _target(refs[0][1])
        if key in present or exists(connection, table, column, key[1]):
            present.add(key)
            continue
        copy = payload.copy_of(key)
        kept = payload.referenced.get(key)
        nullable = all(via.nullable for _row, via in refs)
        needs_root = any((r.table.name, r.values.get("id")) == root and not via.nullable
                         for r, via in refs)
        found[key] = MissingReference(
            table=key[0], id=key[1], what=ENTITIES.get(key[0], key[0]),
            name=kept.label if kept is not None else t("編號 {id}", id=key[1]),
            used_by=len(refs),
            needed_for=tuple(sorted({ENTITIES.get(r.table.name, r.table.name)
                                     for r, _via in refs})),
            recreatable=copy is not None,
            may_leave_out=nullable or (key[0] in NOT_RECREATED and parent is None
                                       and not needs_root),
            leaves_empty=nullable,
            same_name_id=_same_name(connection, copy) if copy is not None else None,
            in_bin=key[0] == "publications" and connection.execute(
                select(RecycledPublication.id).where(
                    RecycledPublication.publication_id == key[1]).limit(1)).first() is not None,
            needed_by=() if parent is None else (parent,))
        if copy is not None:
            group = [copy, *copy.parts]
            group_keys = {(r.table.name, r.values.get("id")) for r in group}
            pending += [(nested, nested_refs, key) for nested, nested_refs
                        in _pointers(group, inside | group_keys).items()]
    return RestorePlan(item.id, item.label, list(found.values()))


def restore_plan(session: Session, item_id: int) -> RestorePlan:
    """What the bin entry points at that is gone since (nothing is written). Each of
    `plan.required(…)` needs a `Resolution` before `restore` puts the publication back."""
    item = _item(session, item_id)
    return _plan(session.connection(), item, read_payload(item.payload))


def reference_choices(session: Session, table: str,
                      limit: int = CHOICES_LIMIT) -> list[tuple[int, str]]:
    """Existing rows to use instead of a missing one — units, libraries, stores, consignment
    lists — as (id, name), by name (lists newest first), at most `limit`. A publication is
    chosen by search instead (app.services.publications.search_publications)."""
    kept = Base.metadata.tables[table]
    order = [kept.c.supply_date.desc(), kept.c.id.desc()] if "supply_date" in kept.c else \
        [*[kept.c[name] for name in ("full_name", "name", "title") if name in kept.c][:1], kept.c.id]
    rows = session.connection().execute(select(kept).order_by(*order).limit(limit)).mappings()
    return [(int(row["id"]), row_label(kept, dict(row))) for row in rows]


def _acceptable(connection: Connection, missing: MissingReference,
                resolution: Resolution | None) -> bool:
    if resolution is None:
        return False
    if resolution.kind is ResolutionKind.RECREATE:
        return missing.recreatable
    if resolution.kind is ResolutionKind.LEAVE_OUT:
        return missing.may_leave_out
    return resolution.other_id is not None and exists(
        connection, Base.metadata.tables[missing.table], "id", resolution.other_id)


# ------------------------------------------------------------------ the restore


def restore(session: Session, item_id: int,
            resolutions: Mapping[ReferenceKey, Resolution] | None = None) -> Restored:
    """Put a publication back from the bin, with everything that was deleted with it, or
    nothing at all. Every reference `restore_plan` finds missing needs a resolution (keyed
    by `MissingReference.key`); else MissingReferencesError, with those still open."""
    item = _item(session, item_id)
    payload = read_payload(item.payload)
    connection = session.connection()
    plan = _plan(connection, item, payload)
    chosen = dict(resolutions or {})
    required = plan.required(chosen)
    unresolved = [m for m in required if not _acceptable(connection, m, chosen.get(m.key))]
    if unresolved:
        raise MissingReferencesError(item.label, unresolved)
    try:
        with session.begin_nested():  # all or nothing, whatever the caller does next
            # The database records each row put back (its triggers); this says why.
            set_reason(session, f"自資源回收筒還原（{item.label}）")
            result = _put_back(session, item, payload,
                               {m.key: (m, chosen[m.key]) for m in required})
            session.delete(item)
            session.flush()
    except IntegrityError as exc:  # a rule the checks before each row do not know
        raise RestoreConflictError(messages.RESTORE_REFUSED.format(
            label=item.label, detail=str(exc.orig).splitlines()[0][:160])) from exc
    return result


def _put_back(session: Session, item: RecycledPublication, payload: Payload,
              chosen: dict[ReferenceKey, tuple[MissingReference, Resolution]]) -> Restored:
    instead: dict[str, dict[Any, Any]] = {}
    left_out: set[ReferenceKey] = set()
    recreated: list[KeptRow] = []
    for key, (_missing, resolution) in chosen.items():
        if resolution.kind is ResolutionKind.USE_OTHER:
            instead.setdefault(key[0], {})[key[1]] = resolution.other_id
        elif resolution.kind is ResolutionKind.LEAVE_OUT:
            left_out.add(key)
        else:
            copy = payload.copy_of(key)
            assert copy is not None  # _acceptable saw to it
            recreated += [copy, *copy.parts]
    written = write_rows(session, item.label, payload, recreated, instead, left_out)
    return Restored(written.ids.get("publications", {}).get(item.publication_id,
                                                             item.publication_id),
                    written.rows, written.new_ids,
                    [_named(m) for m, r in chosen.values() if r.kind is ResolutionKind.RECREATE],
                    [_named(m) for m, r in chosen.values()
                     if r.kind is ResolutionKind.LEAVE_OUT])
