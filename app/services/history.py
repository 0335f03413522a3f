"""異動紀錄 of one publication, for the officer: who changed what and when — the record itself,
its parts (contributors, TOC lines, issues, e-files, deposit lines, applications), including
parts since deleted, and what 確認出版 recorded."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Boolean, and_, or_, select
from sqlalchemy.orm import Session

from app.language import language, t
from app.models import (
    AuditAction,
    AuditEntry,
    Base,
    Contributor,
    DepositLine,
    EFile,
    NumberApplication,
    PackageBuild,
    PackagePublication,
    PublicationChange,
    SerialIssue,
    TocEntry,
)
from app.services.publications import like_pattern

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
                       who_text(entry), f"{PARTS.get(entry.entity, entry.entity)} "
                                        f"{ACTIONS.get(entry.action, entry.action.value)}",
                       _field_label(entry.field),
                       _value_label(entry.entity, entry.field, entry.old_value),
                       entry.reason or _new_label(entry))
            for entry in session.scalars(select(AuditEntry).where(or_(*conditions))
                                         .order_by(AuditEntry.id.desc()).limit(2000))]
    for change in session.scalars(select(PublicationChange).where(
            PublicationChange.publication_id == publication_id)):
        rows.append(HistoryRow(_at_noon(change.changed_on), "", "確認出版", change.field,
                               change.old_value or "", change.new_value or change.note or ""))
    rows += package_rows(session, publication_id)
    return sorted(rows, key=lambda r: r.at, reverse=True)


def package_kinds() -> dict[str, str]:
    """The package kinds in the screen's language."""
    return {"moc": t("文化部送交包"), "ncl": t("國家圖書館送交包"), "deposit": t("寄存送交包")}


def package_rows(session: Session, publication_id: int) -> list[HistoryRow]:
    """Each package built for the publication (第13點): where it went, what was kept, the
    scan and the exceptions accepted."""
    rows = []
    for build in session.scalars(select(PackageBuild).join(PackagePublication).where(
            PackagePublication.publication_id == publication_id)
            .order_by(PackageBuild.id.desc()).limit(200)):
        at = build.built_at if build.built_at.tzinfo else build.built_at.replace(tzinfo=UTC)
        # Said in the screen's language here: the parts are joined, so no sentence of the
        # whole could be matched back.
        kept = t("備份：{folder}", folder=build.backup_folder) if build.backup_folder else \
            t("未備份（當時沒有開啟資料夾）")
        scan = t("病毒掃描：{engines}", engines=build.virus_scan) if build.virus_scan else ""
        accepted = len(json.loads(build.overrides)) if build.overrides else 0
        notes = ("; " if language() == "en" else "；").join(part for part in (
            t("{count} 個檔案", count=build.file_count), kept, scan,
            t("核可例外 {count} 項", count=accepted) if accepted else "") if part)
        kind = package_kinds().get(build.kind, build.kind)
        rows.append(HistoryRow(at, "", t("{kind} 建立", kind=kind), t("送交包"), notes,
                               build.target))
    return rows


_NAMING_FIELDS = ("title", "full_name", "name", "part", "path")
"""The column that names a record, in the order looked for, for a creation's entry."""


def _new_label(entry: AuditEntry) -> str:
    """What an entry's new value says: for a record created (the database keeps the whole row)
    the field that names it — its title, name or file — as the app wrote it before the
    database kept the trail; otherwise the value in words."""
    if entry.action is AuditAction.CREATE and (entry.new_value or "").startswith("{"):
        try:
            row = json.loads(entry.new_value or "")
        except ValueError:
            row = None
        if isinstance(row, dict):
            return next((str(row[k]) for k in _NAMING_FIELDS if row.get(k)), "")
    return _value_label(entry.entity, entry.field, entry.new_value)


def who_text(entry: AuditEntry) -> str:
    """Who made a change: the app's name for them with the database's user when it differs
    (「林怡君（lin）」); a change made outside PubDesk shows the database's user alone."""
    db_user, app_user = entry.db_user or "", entry.os_user or ""
    if not db_user or db_user == app_user:
        return app_user or db_user
    return f"{app_user}（{db_user}）" if app_user else db_user


def _at_noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


FIELDS = {
    "title": "題名", "subtitle": "副題名", "series": "叢書名", "pub_type": "類型", "form": "載體",
    "edition": "版次", "printing": "刷次", "published_year": "出版年", "published_month": "出版月",
    "pages": "頁數", "size_cm": "尺寸", "binding": "裝訂", "price_ntd": "定價", "language": "語文",
    "audience": "適用對象", "keywords": "關鍵詞", "summary": "摘要", "gpn": "GPN", "isbn": "ISBN",
    "issn": "ISSN", "isrc": "ISRC", "cip_status": "CIP 狀態", "cip_text": "CIP 內容",
    "status": "狀態", "online_url": "網址", "online_registered": "已登錄網路版",
    "copyright_owner": "著作權人", "copyright_note": "著作權說明", "partner_kind": "合作方式",
    "partner_name": "合作對象", "consent_sent_on": "授權送出日", "unit_id": "出版機關",
    "name": "名稱", "role": "著作方式", "copies": "份數", "sent_on": "寄出日",
    "acknowledged_on": "回執日", "registration_no": "掛號單號", "assigned_number": "核給號碼",
    "submitted_on": "送出日", "replied_on": "回覆日", "reply": "回覆", "check_status": "檢查結果",
    "page": "頁碼", "level": "層級", "volume": "卷", "number": "期", "full_name": "機關名稱",
    "short_name": "簡稱", "address": "地址", "phone": "電話", "fax": "傳真", "email": "電子郵件",
    "commission_percent": "折扣（%）", "active": "使用中",
    "all_rights": "全部同意", "amount": "金額", "arithmetic": "計算過程", "authors": "作者",
    "carrier": "寄送方式", "changed_on": "變更日", "check_report": "檢查報告",
    "checked_at": "檢查時間", "cip_card_path": "CIP 資料檔", "commission": "折扣",
    "contact": "聯絡人", "contact_name": "聯絡人", "contact_phone": "聯絡電話", "division": "科室",
    "doc_code": "發文字號代字", "doc_number": "發文字號", "due_on": "應付日", "efile_types": "電子檔類型",
    "factors_json": "試算因素", "field": "欄位", "file_path": "檔案", "first_edition_quantity": "初版數量",
    "freight_payer": "運費負擔", "gross": "總額", "include_efiles": "含電子檔", "is_default": "預設",
    "issued_on": "發文日", "items_json": "清單內容", "job_title": "職稱", "kind": "種類", "month": "月",
    "net": "淨額", "new_value": "新值", "note": "備註", "old_value": "原值", "output_folder": "輸出資料夾",
    "override_reason": "例外核可理由", "packet_folder": "上傳資料夾", "page_end": "迄頁",
    "page_offset": "頁碼差", "page_range": "頁碼範圍", "page_start": "起頁", "paid_on": "付款日",
    "part": "上傳項目", "partner_commission_percent": "合作方折扣（%）",
    "partner_reuse_fee": "再利用費用", "partner_sales_obligation": "合作方負責供書展售",
    "path": "檔案", "period_end": "結帳期末", "postcode": "郵遞區號", "price": "價格",
    "printing_cost": "印製成本", "public_selection": "公開評選", "quantity": "數量",
    "ready_on": "備妥日", "reason": "理由", "recorded_at": "登錄時間", "reference": "參考",
    "remarks": "備註", "samples": "樣書", "scopes": "同意範圍", "sha256": "SHA-256",
    "shipped_on": "出貨日", "size_bytes": "檔案大小（位元組）", "subject": "主旨",
    "supply_date": "供貨日", "unit_price": "單價", "url": "網址", "verified": "已核對",
    "website": "網站", "year": "年",
}
"""Column names as the officer reads them (the audit log stores the column's own name)."""


def _field_label(field: str) -> str:
    return FIELDS.get(field, field)


def _value_label(entity: str, field: str, value: str | None) -> str:
    """A stored value in words: an enum's label (planning → 規劃中), a flag as 是/否; a
    deleted row's JSON as 「欄位：值」 pairs, each value in words too (not 「include_efiles：False」)."""
    if not field and value and value.startswith("{"):
        return _row_in_words(entity, value)
    shown = _shown(value)
    if not field or not shown:
        return shown
    table = Base.metadata.tables.get(entity)
    column = table.c.get(field) if table is not None else None
    enum_class = getattr(getattr(column, "type", None), "enum_class", None)
    if enum_class is not None:
        try:
            return str(enum_class(shown).label)
        except (ValueError, AttributeError, KeyError):
            return shown
    if isinstance(getattr(column, "type", None), Boolean):
        return {"True": "是", "False": "否", "true": "是", "false": "否", "1": "是",
                "0": "否"}.get(shown, shown)
    return shown


def _row_in_words(entity: str, value: str) -> str:
    try:
        data = json.loads(value)
    except ValueError:
        return value
    if not isinstance(data, dict):
        return value
    return "；".join(f"{_field_label(k)}：{_value_label(entity, k, _as_text(v))}"
                    for k, v in data.items()
                    if v not in (None, "") and k not in _BOOKKEEPING and not k.endswith("_id"))


_BOOKKEEPING = {"id", "position", "row_version", "changed_by", "changed_at", "created_at",
                "updated_at"}


def _as_text(value: object) -> str:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else str(value)


def _shown(value: str | None) -> str:
    """A stored value as the officer reads it: a JSON row as 「欄位：值」 pairs."""
    if not value:
        return ""
    return _row_in_words("", value) if value.startswith("{") else value


ENTITIES = {**PARTS, "consent_letters": "授權利用函", "consent_entries": "授權利用清單",
            "consignment_lists": "展售清單", "shipments": "送書", "settlements": "結帳",
            "settlement_lines": "結帳明細", "settlement_payments": "付款",
            "publishing_units": "機關", "contacts": "聯絡人", "sales_stores": "展售門市",
            "deposit_libraries": "寄存圖書館", "articles": "篇目", "application_parts": "申請上傳檔",
            "price_calculations": "定價試算"}
"""Every audited table, named for the officer (the global view's record filter)."""


@dataclass(frozen=True)
class AuditFilter:
    """What the global 異動紀錄 shows: a period (local dates, both ends included), one person,
    one kind of record, one record, and words in the old or new value."""

    since: date | None = None
    until: date | None = None
    user: str = ""
    entity: str = ""
    entity_id: int | None = None
    text: str = ""


@dataclass(frozen=True)
class AuditRow:
    """One audit entry for the global view."""

    id: int
    at: datetime
    who: str
    what: str
    entity: str
    entity_id: int | None
    field: str
    old: str
    new: str


def _local_midnight_utc(day: date) -> datetime:
    return datetime(day.year, day.month, day.day).astimezone().astimezone(UTC)


def audit_rows(session: Session, flt: AuditFilter, before_id: int | None = None,
               limit: int = 500) -> list[AuditRow]:
    """Audit entries matching `flt`, newest first, `limit` at a time (pass the last row's id
    as `before_id` for the next page: the log only grows, so pages never shift)."""
    query = select(AuditEntry)
    if flt.since is not None:
        query = query.where(AuditEntry.at >= _local_midnight_utc(flt.since))
    if flt.until is not None:
        query = query.where(AuditEntry.at < _local_midnight_utc(flt.until + timedelta(days=1)))
    if flt.user:
        query = query.where(or_(AuditEntry.db_user == flt.user, AuditEntry.os_user == flt.user))
    if flt.entity:
        query = query.where(AuditEntry.entity == flt.entity)
    if flt.entity_id is not None:
        query = query.where(AuditEntry.entity_id == flt.entity_id)
    if flt.text:
        pattern = like_pattern(flt.text)
        query = query.where(or_(AuditEntry.old_value.like(pattern, escape="\\"),
                                AuditEntry.new_value.like(pattern, escape="\\"),
                                AuditEntry.field.like(pattern, escape="\\")))
    if before_id is not None:
        query = query.where(AuditEntry.id < before_id)
    return [AuditRow(entry.id, entry.at if entry.at.tzinfo else entry.at.replace(tzinfo=UTC),
                     who_text(entry), ACTIONS.get(entry.action, entry.action.value),
                     ENTITIES.get(entry.entity, entry.entity), entry.entity_id,
                     _field_label(entry.field),
                     _value_label(entry.entity, entry.field, entry.old_value),
                     entry.reason or _new_label(entry))
            for entry in session.scalars(query.order_by(AuditEntry.id.desc()).limit(limit))]


def audit_users(session: Session) -> list[str]:
    """Everyone who has changed something, for the person filter."""
    names = set(session.scalars(select(AuditEntry.db_user).distinct()))
    names |= set(session.scalars(select(AuditEntry.os_user).distinct()))
    return sorted(n for n in names if n)
