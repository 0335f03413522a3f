"""異動紀錄 of one publication, for the officer: who changed what and when — the record itself,
its parts (contributors, TOC lines, issues, e-files, deposit lines, applications), including
parts since deleted, and what 確認出版 recorded."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app.models import (
    AuditAction,
    AuditEntry,
    Contributor,
    DepositLine,
    EFile,
    NumberApplication,
    PublicationChange,
    SerialIssue,
    TocEntry,
)

PARTS = {"publications": "出版品", "contributors": "著作者", "toc_entries": "目次",
         "serial_issues": "期別", "efiles": "電子檔", "deposit_lines": "寄存",
         "number_applications": "編號申請", "publication_relations": "相關出版品",
         "publication_changes": "確認出版"}
"""The tables whose rows belong to a publication, named for the officer."""
_CHILDREN = ((Contributor, "contributors"), (TocEntry, "toc_entries"),
             (SerialIssue, "serial_issues"), (EFile, "efiles"), (DepositLine, "deposit_lines"),
             (NumberApplication, "number_applications"))
ACTIONS = {AuditAction.CREATE: "新增", AuditAction.UPDATE: "修改", AuditAction.DELETE: "刪除"}


@dataclass(frozen=True)
class HistoryRow:
    """One change, in words."""

    at: datetime
    who: str
    what: str
    """Which part and how: 「目次 刪除」, 「出版品 修改」."""
    field: str
    old: str
    new: str


def publication_history(session: Session, publication_id: int) -> list[HistoryRow]:
    """Every audit entry of the publication and its parts, newest first, with the changes
    確認出版 recorded."""
    conditions = [and_(AuditEntry.entity == "publications", AuditEntry.entity_id == publication_id)]
    for model, table in _CHILDREN:
        ids = list(session.scalars(select(model.id).where(
            model.publication_id == publication_id)))
        if ids:
            conditions.append(and_(AuditEntry.entity == table, AuditEntry.entity_id.in_(ids)))
    # Parts deleted since: their old values name the publication.
    marker = f'"publication_id": "{publication_id}"'
    conditions.append(and_(AuditEntry.action == AuditAction.DELETE,
                           AuditEntry.entity.in_([t for _m, t in _CHILDREN]),
                           AuditEntry.old_value.contains(marker)))
    rows = [HistoryRow(entry.at if entry.at.tzinfo else entry.at.replace(tzinfo=UTC),
                       entry.os_user, f"{PARTS.get(entry.entity, entry.entity)} "
                                      f"{ACTIONS.get(entry.action, entry.action.value)}",
                       entry.field, _shown(entry.old_value), _shown(entry.new_value))
            for entry in session.scalars(select(AuditEntry).where(or_(*conditions))
                                         .order_by(AuditEntry.id.desc()).limit(2000))]
    for change in session.scalars(select(PublicationChange).where(
            PublicationChange.publication_id == publication_id)):
        rows.append(HistoryRow(_at_noon(change.changed_on), "", "確認出版", change.field,
                               change.old_value or "", change.new_value or change.note or ""))
    return sorted(rows, key=lambda r: r.at, reverse=True)


def _at_noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def _shown(value: str | None) -> str:
    """A stored value as the officer reads it: a deleted row's JSON as 「欄位：值」 pairs."""
    if not value:
        return ""
    if value.startswith("{"):
        try:
            data = json.loads(value)
        except ValueError:
            return value
        if isinstance(data, dict):
            return "；".join(f"{k}：{v}" for k, v in data.items()
                            if v not in (None, "") and k not in ("id",))
    return value
