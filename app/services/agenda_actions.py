"""Bulk actions on 待辦 items (issue 26): an office that imports years of history gets
thousands of items that were dealt with long ago, and must be able to clear them without
opening each — mark done, snooze, or record 確認出版 for many at once. Each item set aside is a
row of its own (audited by the database: who, when, why); nothing is deleted, and an item set
aside can be brought back."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.language import t
from app.models import AgendaSetAside

Key = tuple[str, int, int | None, date | None]
"""An item as it is set aside: its kind, its record, the row it is about, its due date."""


@dataclass(frozen=True)
class ItemKey:
    """What names one item (`AgendaItem` has all three)."""

    kind: str
    record_id: int | None
    due: date | None = None
    subject_id: int | None = None


def _keys(items: Iterable[ItemKey]) -> list[Key]:
    keys = []
    for item in items:
        if item.record_id is None:
            raise ValidationError.single("items", t("這個待辦項目沒有對應的資料，無法擱置；請直接處理它。"))
        keys.append((item.kind, item.record_id, item.subject_id, item.due))
    return list(dict.fromkeys(keys))


def set_aside(session: Session, items: Iterable[ItemKey], until: date | None,
              reason: str = "") -> int:
    """Mark items done (`until` None) or snooze them until a day; returns how many. An item
    set aside before is set aside again with the new day and reason."""
    keys = _keys(items)
    existing = {(row.kind, row.record_id, row.subject_id, row.due): row
                for row in _rows(session, keys)}
    for key in keys:
        row = existing.get(key)
        if row is None:
            row = AgendaSetAside(kind=key[0], record_id=key[1], subject_id=key[2], due=key[3])
            session.add(row)
        row.until, row.reason = until, reason.strip()
    session.flush()
    return len(keys)


def bring_back(session: Session, items: Iterable[ItemKey]) -> int:
    """Items set aside go back on the list; returns how many were set aside."""
    rows = _rows(session, _keys(items))
    for row in rows:
        session.delete(row)
    session.flush()
    return len(rows)


def _rows(session: Session, keys: list[Key]) -> list[AgendaSetAside]:
    found: list[AgendaSetAside] = []
    for start in range(0, len(keys), 500):  # bound each statement's size
        part = keys[start:start + 500]
        kinds = {k for k, _r, _s, _d in part}
        records = {r for _k, r, _s, _d in part}
        wanted = set(part)
        found += [row for row in session.scalars(select(AgendaSetAside).where(
            AgendaSetAside.kind.in_(kinds), AgendaSetAside.record_id.in_(records)))
            if (row.kind, row.record_id, row.subject_id, row.due) in wanted]
    return found


def active(session: Session, today: date) -> dict[Key, date | None]:
    """The items set aside on `today` (done, or snoozed past it): key → until."""
    return {(row.kind, row.record_id, row.subject_id, row.due): row.until
            for row in session.execute(select(AgendaSetAside.kind, AgendaSetAside.record_id,
                                              AgendaSetAside.subject_id, AgendaSetAside.due,
                                              AgendaSetAside.until).where(
                or_(AgendaSetAside.until.is_(None), AgendaSetAside.until > today)))}


def confirm_published(session: Session, publication_ids: Iterable[int], on: date,
                      note: str = "") -> int:
    """確認出版 for many (NCL 四) with nothing changed: each marked 已出版, each recorded as
    the form does it one by one. Returns how many."""
    from app.services.numbering import confirm_publication

    ids = list(dict.fromkeys(publication_ids))
    for publication_id in ids:
        confirm_publication(session, publication_id, on, note=note)
    return len(ids)
