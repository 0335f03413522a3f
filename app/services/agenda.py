"""待辦 — what needs doing on a given day, across all publications, stores and libraries.

One function, `agenda(session, today, thresholds)`; `today` is always a parameter, never read
from the clock here. Each item names its record (the publication label that tells records
apart: title, 載體, 版次/刷次, GPN), its due date if it has one, how urgent it is, the rule it
comes from, one sentence of what to do, and the page and record to open.

Every query selects only the candidates of its kind, so the agenda stays cheap with 100,000
publications.
"""

from __future__ import annotations

import calendar
import threading
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import String, exists, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from app.language import shown_date, shown_year_month, t
from app.models import (
    ApplicationStatus,
    CopyrightOwner,
    DepositLine,
    EFile,
    GpnSiteRecord,
    Licence,
    NumberApplication,
    Publication,
    PublicationForm,
    PublicationReview,
    PublicationStatus,
    PublishingUnit,
    SalesStore,
    Settlement,
    Shipment,
    ShipmentKind,
)
from app.models.enums import LabelledEnum
from app.services import agenda_actions, gpn_site, licences
from app.services.consignment import settlement_period_end, settlements
from app.services.number_rule import holder_label, shared_numbers
from app.services.numbering import missing_required_number, numbering_plan
from app.services.publications import edition_shown, label_of, publication_label
from app.settings import Settings


class Urgency(LabelledEnum):
    """How soon: past its date, due within the warning period, or simply open."""

    OVERDUE = "overdue"
    SOON = "soon"
    OPEN = "open"

    @property
    def label(self) -> str:
        return {"overdue": "已逾期", "soon": "即將到期", "open": "待辦"}[self.value]


RULES = ("§4", t("§5"), t("§12"), t("§15"), t("§16"),
         t("§5、圖書館法"), t("§10"), t("§13"), t("NCL 一"), t("NCL 四"), t("附件三"), t("附件一 註三"))
"""The rules items cite (their English is in the catalogue)."""


KINDS = {
    "number_missing": "缺少編號", "application_waiting": "申請案未回覆",
    "application_returned": "申請案退件", "confirm_publication": "待確認出版",
    "deposit_not_sent": "寄存未寄出", "deposit_unacknowledged": "寄存未回覆",
    "consent_not_sent": "授權函未送", "efile_unchecked": "電子檔未檢查",
    "efile_failing": "電子檔不符合", "settlement_due": "展售待結帳",
    "payment_overdue": "帳款逾期", "online_link_unregistered": "網路版未登錄",
    "number_shared": "號碼重複", "review_due": "印製前待審核",
    "gpn_site_outdated": "資訊網資料待更新", "licence_ending": "授權即將到期",
}
"""Every kind, with its name for the officer."""

PUBLISHED = (PublicationStatus.PRINTED, PublicationStatus.DEPOSITED, PublicationStatus.ON_SALE,
             PublicationStatus.CONSENT_SENT)


@dataclass(frozen=True)
class Thresholds:
    """The waiting periods (settings; defaults stated in the README)."""

    application_reply_days: int = 14
    """An application submitted longer ago than this with no reply is followed up."""
    deposit_ack_days: int = 30
    """Copies sent longer ago than this with no acknowledgement are followed up."""
    settlement_warning_days: int = 14
    """A settlement period ending within this many days is announced."""
    history_from_year: int | None = None
    """Publications published before this year (AD) are left out (their number counted in
    `Agenda.hidden`); None lists every year."""

    @classmethod
    def of(cls, settings: Settings, today: date | None = None) -> Thresholds:
        """The officer's own waiting periods (Settings → 待辦), and with `today` the history
        cut-off (`Settings.agenda_history_years`)."""
        years = settings.agenda_history_years
        since = today.year - years + 1 if today is not None and years > 0 else None
        return cls(settings.application_reply_days, settings.deposit_ack_days,
                   settings.settlement_warning_days, since)


class Agenda(list["AgendaItem"]):
    """The items (a list), and how many were left out by the history cut-off."""

    set_aside: int = 0
    """Items the officer marked done or snoozed (app.services.agenda_actions), left out."""
    hidden: int = 0
    """Items of publications published before `Thresholds.history_from_year` left out —
    counted as the records that would have made them (a record makes at most one of a
    kind), so an upper bound."""
    history_from_year: int | None = None


@dataclass(frozen=True)
class AgendaItem:
    """One thing to do."""

    kind: str
    publication_id: int | None
    label: str
    due: date | None
    urgency: Urgency
    rule: str
    action: str
    page: str
    """The page that does it (a navigation key)."""
    record_id: int | None
    """What to open there: a publication id (or a store id on the consignment page)."""
    subject_id: int | None = None
    """The row the item is about when a record has several of a kind — the e-file, the
    deposit line, the application, the licence — so setting one aside leaves the others."""

    @property
    def kind_label(self) -> str:
        return t(KINDS[self.kind])

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["due"] = self.due.isoformat() if self.due else None
        data["urgency"] = self.urgency.value
        return data


def _due_urgency(due: date, today: date, warning_days: int = 0) -> Urgency:
    if due < today:
        return Urgency.OVERDUE
    return Urgency.SOON if (due - today).days <= warning_days else Urgency.OPEN


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def agenda(session: Session, today: date, thresholds: Thresholds | None = None,
           unit_id: int | None = None, set_aside: bool = False) -> list[AgendaItem]:
    """Everything due or open on `today`, overdue first, then by date. Items the officer set
    aside are left out (counted in `Agenda.set_aside`), or, with `set_aside`, listed alone."""
    limits = thresholds or Thresholds()
    items: list[AgendaItem] = []
    _LABELS.cache, _LABELS.parts = {}, {}
    _LABELS.template = t("{title}（{form}，{edition}，{number}）")  # as publication_label says
    _LABELS.number = t("編號 {id}")
    _CUTOFF.year, _CUTOFF.hidden = limits.history_from_year, 0
    try:
        for collect in (_numbers, _shared, _applications, _confirmations, _deposits,
                        _consents, _efiles, _online_links, _reviews, _site_upkeep,
                        _licences):
            items += collect(session, today, limits, unit_id)
        if unit_id is None:
            items += _settlements(session, today, limits)
        hidden = _CUTOFF.hidden
    finally:
        _LABELS.cache = None
        _CUTOFF.year, _CUTOFF.hidden = None, 0
    aside = agenda_actions.active(session, today)
    kept = [i for i in items
            if ((i.kind, i.record_id, i.subject_id, i.due) in aside) is set_aside]
    left_out = len(items) - len(kept)
    items = kept
    order = {Urgency.OVERDUE: 0, Urgency.SOON: 1, Urgency.OPEN: 2}
    result = Agenda(sorted(items, key=lambda i: (order[i.urgency], i.due or date.max, i.label)))
    result.hidden, result.history_from_year = hidden, limits.history_from_year
    result.set_aside = 0 if set_aside else left_out
    return result


_COLUMNS = (Publication.id, Publication.title, Publication.form, Publication.edition,
            Publication.printing, Publication.gpn, Publication.isbn, Publication.issn,
            Publication.isrc, Publication.pub_type, Publication.cip_status, Publication.status,
            Publication.published_year, Publication.published_month)
"""What the agenda reads of a publication — plain rows, not entities: loading 100,000 ORM
objects was two thirds of the agenda's time."""


_LABEL_COLUMNS = (Publication.id, Publication.title,
                  type_coerce(Publication.form, String).label("form"), Publication.edition,
                  Publication.printing, Publication.gpn)
"""What naming a publication reads (`_label`): where an item needs nothing else, converting
the other enum columns of 80,000 rows was a fifth of the work — and the form is read as its
stored value (made an enum once per value in `_label`, not once per row: 0.66 s of 160,000
items on imported history)."""


def _publications(session: Session, unit_id: int | None, *conditions: Any,
                  columns: tuple[Any, ...] = _COLUMNS) -> list[Any]:
    query = select(*columns).where(*conditions)
    if unit_id is not None:
        query = query.where(Publication.unit_id == unit_id)
    since = getattr(_CUTOFF, "year", None)
    if since is not None:
        # The history cut-off: older records are counted in the database, not made items.
        _CUTOFF.hidden += session.scalar(select(func.count()).select_from(
            query.where(Publication.published_year < since).subquery())) or 0
        query = query.where(or_(Publication.published_year.is_(None),
                                Publication.published_year >= since))
    return list(session.execute(query).all())


_CUTOFF = threading.local()
"""The history cut-off of the `agenda` call under way in this thread (`year`), and what it
left out so far (`hidden`)."""


_LABELS = threading.local()
"""Each publication's name, made once per `agenda` call (in the thread computing it): on
imported history most records have two items — not sent to the libraries, no consent letter —
and naming is a third of the work."""


def _label(row: Any) -> str:
    """`publication_label` of a row, the same words, with what repeats across rows (the
    sentence's template, a form's and an edition's words) worked out once per call."""
    cache: dict[int, str] | None = getattr(_LABELS, "cache", None)
    if cache is None:
        kind = row.form if isinstance(row.form, PublicationForm) else PublicationForm(row.form)
        return publication_label(row.id, row.title, kind, row.edition, row.printing, row.gpn)
    if row.id in cache:
        return cache[row.id]
    parts: dict[tuple[str, int, int], tuple[str, str]] = _LABELS.parts
    key = (str(row.form), row.edition, row.printing)
    if key not in parts:
        parts[key] = (PublicationForm(key[0]).shown, edition_shown(row.edition, row.printing))
    form_words, edition = parts[key]
    try:
        number = f"GPN {row.gpn}" if row.gpn else str(_LABELS.number).format(id=row.id)
        label = str(_LABELS.template).format(title=row.title, form=form_words,
                                             edition=edition, number=number)
    except (KeyError, IndexError, ValueError):  # a mistranslated template: as t() does
        label = publication_label(row.id, row.title, PublicationForm(key[0]), row.edition,
                                  row.printing, row.gpn)
    cache[row.id] = label
    return label


def _numbers(session: Session, today: date, _limits: Thresholds,
             unit_id: int | None) -> list[AgendaItem]:
    """Past 規劃中 without a number its plan requires (§4)."""
    candidates = _publications(session, unit_id,
                               Publication.status != PublicationStatus.PLANNING,
                               missing_required_number())
    items = []
    for pub in candidates:
        plan = numbering_plan(pub)  # reads the plan's columns, all in the row
        missing = [p.kind for p in plan if p.need == "required" and not p.current]
        if not missing:
            continue
        published = pub.status in PUBLISHED
        items.append(AgendaItem(
            "number_missing", pub.id, _label(pub), None,
            Urgency.OVERDUE if published else Urgency.SOON, t("§4"),
            t("還沒有 {numbers}：請申請並把核發的號碼填入出版品。", numbers="、".join(missing)),
            "numbering", pub.id))
    return items


def _shared(session: Session, _today: date, _limits: Thresholds,
            unit_id: int | None) -> list[AgendaItem]:
    """A number unrelated records share (stored before the rule held; §4(二)): one item per
    record, naming the others (app.services.number_rule.shared_numbers)."""
    items = []
    for number in shared_numbers(session):
        for holder in number.holders:
            if unit_id is not None and holder.unit_id != unit_id:
                continue
            others = "、".join(holder_label(h) for h in number.holders if h.id != holder.id)
            items.append(AgendaItem(
                "number_shared", holder.id, holder_label(holder), None, Urgency.SOON,
                t("§4(二)"),
                t("{label} {value} 也由 {others} 使用：每一種出版品各需自己的號碼。開啟後可把"
                  "較晚的一刷記為原出版品的再刷，或清除不該使用這個號碼的那一筆。",
                  label=number.label, value=number.value, others=others),
                "shared_numbers", holder.id))  # the 號碼重複 dialog, at this record
    return items


def _applications(session: Session, today: date, limits: Thresholds,
                  unit_id: int | None) -> list[AgendaItem]:
    """Submitted with no reply for too long; returned (NCL 一、二)."""
    query = select(NumberApplication, Publication).join(Publication).where(
        NumberApplication.status.in_([ApplicationStatus.SUBMITTED, ApplicationStatus.RETURNED]))
    if unit_id is not None:
        query = query.where(Publication.unit_id == unit_id)
    items = []
    for application, pub in session.execute(query).all():
        if application.status is ApplicationStatus.RETURNED:
            items.append(AgendaItem(
                "application_returned", pub.id, label_of(pub), application.replied_on,
                Urgency.SOON, t("NCL 一"),
                t("{kind}申請被退件：依退件理由修正後重新送出。", kind=application.kind.shown),
                "numbering", pub.id, application.id))
            continue
        if application.submitted_on is None:
            continue
        due = application.submitted_on + timedelta(days=limits.application_reply_days)
        if due <= today:
            items.append(AgendaItem(
                "application_waiting", pub.id, label_of(pub), due, Urgency.OVERDUE, t("NCL 一"),
                t("{kind}申請（{registration}）送出已超過 {days} 天未回覆：請上國家圖書館系統查詢或來電詢問。",
                  kind=application.kind.shown,
                  registration=application.registration_no or t("未填掛號單號"),
                  days=limits.application_reply_days),
                "numbering", pub.id, application.id))
    return items


def _confirmations(session: Session, today: date, _limits: Thresholds,
                   unit_id: int | None) -> list[AgendaItem]:
    """Numbers assigned and the planned month passed, but not confirmed as published (NCL 四)."""
    candidates = _publications(
        session, unit_id, Publication.status.in_([PublicationStatus.PLANNING,
                                                   PublicationStatus.NUMBERED]),
        Publication.gpn.is_not(None), Publication.published_year.is_not(None),
        Publication.published_month.is_not(None))
    items = []
    for pub in candidates:
        assert pub.published_year is not None
        assert pub.published_month is not None
        due = _month_end(pub.published_year, pub.published_month)
        if due >= today:
            continue
        items.append(AgendaItem(
            "confirm_publication", pub.id, _label(pub), due, Urgency.OVERDUE, t("NCL 四"),
            t("預定出版月份已過：出版後請確認出版（實際定價、頁數、出版年月），延期請更新預定月份。"),
            "numbering", pub.id))
    return items


def _deposits(session: Session, today: date, limits: Thresholds,
              unit_id: int | None) -> list[AgendaItem]:
    """Published: every planned line sent at issue (§5, 圖書館法), and acknowledged."""
    items = []
    query = select(DepositLine, Publication).join(Publication).where(
        Publication.status.in_(PUBLISHED),
        or_(DepositLine.sent_on.is_(None), DepositLine.acknowledged_on.is_(None)))
    if unit_id is not None:
        query = query.where(Publication.unit_id == unit_id)
    for line, pub in session.execute(query).all():
        if line.sent_on is None:
            items.append(AgendaItem(
                "deposit_not_sent", pub.id, label_of(pub), None, Urgency.OVERDUE, t("§5、圖書館法"),
                t("已出版，寄{library} {copies} 冊尚未寄出：請寄出並登錄寄送日期。",
                  library=line.library.name, copies=line.copies),
                "deposit", pub.id, line.id))
        else:
            due = line.sent_on + timedelta(days=limits.deposit_ack_days)
            if due < today:
                items.append(AgendaItem(
                    "deposit_unacknowledged", pub.id, label_of(pub), due, Urgency.OPEN, t("§5"),
                    t("寄{library}已超過 {days} 天未收到回覆：請確認是否寄達。",
                      library=line.library.name, days=limits.deposit_ack_days),
                    "deposit", pub.id, line.id))
    unplanned = _publications(session, unit_id, Publication.status.in_(PUBLISHED),
                              ~exists().where(DepositLine.publication_id == Publication.id),
                              columns=_LABEL_COLUMNS)
    rule, action = t("§5、圖書館法"), t("已出版但還沒有寄存計畫：請擬定寄存並寄出。")
    items += [AgendaItem("deposit_not_sent", pub.id, _label(pub), None, Urgency.OVERDUE,
                         rule, action, "deposit", pub.id) for pub in unplanned]
    return items


def _consents(session: Session, _today: date, _limits: Thresholds,
              unit_id: int | None) -> list[AgendaItem]:
    """Published, the agency holds the rights, no consent letter recorded (§13)."""
    rule, action = t("§13"), t("本機關享有著作財產權：請填寫授權利用清單，函送文化部。")
    return [AgendaItem("consent_not_sent", pub.id, _label(pub), None, Urgency.SOON, rule,
                       action, "consent", pub.id)
            for pub in _publications(session, unit_id, Publication.status.in_(PUBLISHED),
                                     Publication.copyright_owner == CopyrightOwner.AGENCY,
                                     Publication.consent_sent_on.is_(None),
                                     columns=_LABEL_COLUMNS)]


def _efiles(session: Session, _today: date, _limits: Thresholds,
            unit_id: int | None) -> list[AgendaItem]:
    """E-files never checked, or failing (附件三)."""
    query = select(EFile, Publication).join(Publication).where(
        or_(EFile.check_status == "", EFile.check_status == "fail"))
    if unit_id is not None:
        query = query.where(Publication.unit_id == unit_id)
    items = []
    for efile, pub in session.execute(query).all():
        name = efile.path.replace("\\", "/").rsplit("/", 1)[-1]
        if efile.check_status == "fail":
            items.append(AgendaItem("efile_failing", pub.id, label_of(pub), None, Urgency.SOON,
                                    t("附件三"), t("電子檔「{name}」檢查不符合：請修正後重新檢查。", name=name),
                                    "checks", pub.id, efile.id))
        else:
            items.append(AgendaItem("efile_unchecked", pub.id, label_of(pub), None, Urgency.OPEN,
                                    t("附件三"), t("電子檔「{name}」尚未檢查：送交前請先檢查。", name=name),
                                    "checks", pub.id, efile.id))
    return items


def _online_links(session: Session, _today: date, _limits: Thresholds,
                  unit_id: int | None) -> list[AgendaItem]:
    """Published online, the link not yet registered on the government publications site (§10)."""
    return [AgendaItem("online_link_unregistered", pub.id, _label(pub), None, Urgency.OPEN,
                       t("§10"), t("網路版連結尚未登錄到政府出版資訊網：請登錄後勾選「已登錄」。"),
                       "publications", pub.id)
            for pub in _publications(session, unit_id, Publication.online_url != "",
                                     Publication.online_registered.is_(False),
                                     columns=_LABEL_COLUMNS)]


def _reviews(session: Session, _today: date, _limits: Thresholds,
             unit_id: int | None) -> list[AgendaItem]:
    """A unit that records its review before print (§16): a GPN, not printed, no review."""
    reviewed = select(PublicationReview.publication_id)
    units = select(PublishingUnit.id).where(PublishingUnit.review_required.is_(True))
    action = t("已取得 GPN：請由本單位完成審核後再印製，並在「出版品 → 授權與審核」記錄審核。")
    return [AgendaItem("review_due", pub.id, _label(pub), None, Urgency.OPEN, t("§16"), action,
                       "publications", pub.id)
            for pub in _publications(session, unit_id, Publication.unit_id.in_(units),
                                     Publication.gpn.is_not(None), Publication.gpn != "",
                                     Publication.status.in_((PublicationStatus.PLANNING,
                                                             PublicationStatus.NUMBERED)),
                                     Publication.id.not_in(reviewed), columns=_LABEL_COLUMNS)]


def _site_upkeep(session: Session, _today: date, _limits: Thresholds,
                 unit_id: int | None) -> list[AgendaItem]:
    """What the government publications site holds differs from the record (§15)."""
    site = (GpnSiteRecord.title.label("site_title"), GpnSiteRecord.price_ntd.label("site_price"),
            GpnSiteRecord.pages.label("site_pages"), GpnSiteRecord.online_url.label("site_url"),
            GpnSiteRecord.published.label("site_published"), Publication.price_ntd,
            Publication.pages, Publication.online_url, Publication.status)
    items = []
    for row in _publications(session, unit_id, GpnSiteRecord.publication_id == Publication.id,
                             gpn_site.outdated_condition(), columns=_LABEL_COLUMNS + site):
        changed = gpn_site.differences(row, gpn_site.held_of(row))
        items.append(AgendaItem(
            "gpn_site_outdated", row.id, _label(row), None, Urgency.OPEN, t("§15"),
            t("政府出版品資訊網上的資料已過時（{fields}）：請到資訊網更新後，"
              "在「出版品 → 授權與審核」按「已更新資訊網」。",
              fields="、".join(changed)), "publications", row.id))
    return items


def _licences(session: Session, today: date, _limits: Thresholds,
              unit_id: int | None) -> list[AgendaItem]:
    """A licence to others ends within 60 days (§12): renew it or let it lapse."""
    ending = (Licence.id.label("licence_id"), Licence.licensee, Licence.ends_on)
    soon = today + timedelta(days=licences.ENDING_SOON_DAYS)
    return [AgendaItem("licence_ending", row.id, _label(row), row.ends_on, Urgency.SOON,
                       t("§12"), t("授權給「{licensee}」的期間將於 {date} 結束："
                                   "請決定是否續約，並通知被授權人。",
                                   licensee=row.licensee, date=shown_date(row.ends_on)),
                       "publications", row.id, row.licence_id)
            for row in _publications(session, unit_id, Licence.publication_id == Publication.id,
                                     Licence.ends_on >= today, Licence.ends_on <= soon,
                                     columns=_LABEL_COLUMNS + ending)]


def _settlements(session: Session, today: date, limits: Thresholds) -> list[AgendaItem]:
    """A June/December period ended (or ends soon) and a store holding stock has no settlement
    for it; money past its two-month due date (附件一 註三)."""
    items = []
    current = settlement_period_end(today)
    last_ended = date(today.year - 1, 12, 31) if current.month == 6 else date(today.year, 6, 30)
    periods = {last_ended: _due_urgency(last_ended + timedelta(days=30), today)}
    if (current - today).days <= limits.settlement_warning_days:
        periods[current] = Urgency.SOON
    for period, urgency in periods.items():
        # Stores that held copies in the period: supplied before its end.
        supplied = select(Shipment.store_id).where(Shipment.kind == ShipmentKind.SUPPLY,
                                                   Shipment.shipped_on <= period).distinct()
        settled = select(Settlement.store_id).where(Settlement.period_end == period)
        for store in session.scalars(select(SalesStore).where(
                SalesStore.id.in_(supplied), SalesStore.id.not_in(settled),
                SalesStore.active.is_(True))):
            items.append(AgendaItem(
                "settlement_due", None, store.name, period, urgency, t("附件一 註三"),
                t("{month} 月底的結帳期：請向{store}取得銷售數量並登錄結帳。",
                  month=period.month, store=store.name),
                "consignment", store.id))
    for row in settlements(session, today):
        if row.overdue:
            items.append(AgendaItem(
                "payment_overdue", None, row.store, row.due_on, Urgency.OVERDUE, t("附件一 註三"),
                t("{period} 期尚有 {amount} 元未入帳（應於 {due} 前付款）：請催收。",
                  period=shown_year_month(row.period_end.year, row.period_end.month),
                  amount=f"{row.outstanding:,}", due=shown_date(row.due_on)),
                "consignment", None))
    return items


def counts(items: list[AgendaItem]) -> dict[Urgency, int]:
    """How many of each urgency (the count beside the page name)."""
    result = dict.fromkeys(Urgency, 0)
    for item in items:
        result[item.urgency] += 1
    return result


__all__ = ["KINDS", "AgendaItem", "Thresholds", "Urgency", "agenda", "counts"]
