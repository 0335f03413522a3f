"""編號 — which numbers a publication needs and why (§4, NCL), the applications the officer
files on the NCL and government-publication web sites, their upload packets, and
confirming publication (NCL 四)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app.documents.files import atomic_output
from app.errors import FieldProblem, NotFoundError, PubDeskError, ValidationError
from app.identifiers import validate_gpn, validate_isbn, validate_isrc, validate_issn
from app.language import t
from app.messages import NUMBER_ALREADY_ASSIGNED, NUMBER_APPLICATION_HAS_NUMBER
from app.models import (
    ApplicationKind,
    ApplicationPart,
    ApplicationStatus,
    CipStatus,
    NumberApplication,
    Publication,
    PublicationChange,
    PublicationForm,
    PublicationStatus,
    PublicationType,
    PublishingUnit,
)
from app.os_errors import sentence
from app.rocdate import format_roc_year_month
from app.services.gpn_site import registered_with_gpn
from app.services.number_rule import KEY_FIELDS, NUMBER_FIELDS, number_problems
from app.services.publication_rules import cip_allowed
from app.services.publications import edition_text, label_of, load_publication

BOOK_PARTS = ["書名頁", "版權頁", "目次", "序（或部分內容）"]
AUDIOBOOK_PARTS = ["版權資訊", "封面封底／圓標"]
"""NCL 一(二)5 and 二(一)2: what the ISBN/CIP application uploads."""


@dataclass(frozen=True)
class PlanItem:
    """One number in a publication's numbering plan."""

    kind: str
    need: str
    """required / optional / not needed."""
    reason: str
    current: str


def numbering_plan(publication: Publication) -> list[PlanItem]:
    """Which numbers this publication needs and why."""
    pub_type, form = publication.pub_type, publication.form
    is_book_like = pub_type in (PublicationType.BOOK, PublicationType.E_PUBLICATION) or \
        form in (PublicationForm.EBOOK, PublicationForm.AUDIOBOOK)
    items = [PlanItem("GPN", "required", t("每一獨立出版單元、每一出版形式各申請一號（§4(二)）。"),
                      publication.gpn or "")]
    if pub_type is PublicationType.SERIAL:
        items.append(PlanItem("ISSN", "required", t("連續性出版品使用 ISSN（§4(一)）。"),
                              publication.issn or ""))
    elif is_book_like:
        items.append(PlanItem("ISBN", "required", t("圖書、電子書、有聲書申請 ISBN（NCL 一）。"),
                              publication.isbn or ""))
    if cip_allowed(pub_type, form):
        items.append(PlanItem("CIP", "optional", t("紙本圖書可申請出版品預行編目（NCL 二）。"),
                              publication.cip_status.shown))
    elif pub_type is not PublicationType.SERIAL:
        items.append(PlanItem("CIP", "not needed", t("電子書與有聲書不辦理 CIP（NCL 二(二)1）。"), ""))
    if form is PublicationForm.AUDIOBOOK or (pub_type is PublicationType.OTHER
                                             and form is PublicationForm.DISC):
        items.append(PlanItem("ISRC", "required", t("錄音資料使用 ISRC（§4(一)）。"),
                              publication.isrc or ""))
    return items


def missing_required_number() -> Any:
    """The SQL condition for 「a number `numbering_plan` requires is missing」: the same rule,
    for the database to narrow 100,000 publications to the few the agenda must look at
    (test_numbering checks that the two agree for every type and form)."""
    book_like = or_(Publication.pub_type.in_([PublicationType.BOOK,
                                              PublicationType.E_PUBLICATION]),
                    Publication.form.in_([PublicationForm.EBOOK, PublicationForm.AUDIOBOOK]))
    sound = or_(Publication.form == PublicationForm.AUDIOBOOK,
                and_(Publication.pub_type == PublicationType.OTHER,
                     Publication.form == PublicationForm.DISC))
    return or_(Publication.gpn.is_(None),
               and_(Publication.pub_type == PublicationType.SERIAL, Publication.issn.is_(None)),
               and_(Publication.pub_type != PublicationType.SERIAL, book_like,
                    Publication.isbn.is_(None)),
               and_(sound, Publication.isrc.is_(None)))


def required_parts(form: PublicationForm) -> list[str]:
    """The uploads an ISBN/CIP application needs for this form."""
    return AUDIOBOOK_PARTS if form is PublicationForm.AUDIOBOOK else BOOK_PARTS


def _check_kind(publication: Publication, kind: ApplicationKind) -> None:
    form, pub_type = publication.form, publication.pub_type
    problem = ""
    if kind in (ApplicationKind.ISBN_CIP, ApplicationKind.CIP_SUPPLEMENT) and \
            not cip_allowed(pub_type, form):
        problem = "CIP 只適用於紙本圖書；電子書與有聲書請改申請「ISBN」。"
    elif kind is ApplicationKind.CIP_SUPPLEMENT and not publication.isbn:
        problem = "補辦 CIP 需要已有的 ISBN；這筆出版品還沒有 ISBN。"
    elif kind is ApplicationKind.ISSN and pub_type is not PublicationType.SERIAL:
        problem = "ISSN 只適用於連續性出版品。"
    elif kind in (ApplicationKind.ISBN, ApplicationKind.ISBN_CIP) and \
            pub_type is PublicationType.SERIAL:
        problem = "連續性出版品請申請 ISSN，不是 ISBN。"
    if problem:
        raise ValidationError.single("kind", problem)


def load_application(session: Session, application_id: int) -> NumberApplication:
    """The application, or NotFoundError."""
    application = session.get(NumberApplication, application_id)
    if application is None:
        raise NotFoundError(f"找不到編號 {application_id} 的申請案，可能已被刪除。")
    return application


_NUMBER_FIELD = {ApplicationKind.ISBN: "isbn", ApplicationKind.ISBN_CIP: "isbn",
                 ApplicationKind.ISSN: "issn", ApplicationKind.ISRC: "isrc",
                 ApplicationKind.GPN: "gpn"}
"""The publication's field each kind of application assigns (CIP_SUPPLEMENT assigns none)."""


class NumberCorrectionNeeded(ValidationError):
    """The publication already has a number of this kind: a new application or another
    assigned number is a correction, and only done when the officer says so."""

    def __init__(self, message: str, field: str):
        super().__init__([FieldProblem(field, message)])


def create_application(session: Session, publication_id: int, kind: ApplicationKind, *,
                       correction: bool = False) -> int:
    """Start a draft; the packet parts are listed for the kinds that upload pages. For a
    number the publication already has, only as a correction (NumberCorrectionNeeded)."""
    publication = load_publication(session, publication_id)
    _check_kind(publication, kind)
    field = _NUMBER_FIELD.get(kind)
    held = getattr(publication, field) if field else None
    if held and not correction:
        raise NumberCorrectionNeeded(NUMBER_APPLICATION_HAS_NUMBER.format(
            label=kind.label, number=held), "kind")
    open_same = session.scalar(select(NumberApplication.id).where(
        NumberApplication.publication_id == publication_id, NumberApplication.kind == kind,
        NumberApplication.status.in_([ApplicationStatus.DRAFT, ApplicationStatus.READY,
                                      ApplicationStatus.SUBMITTED])))
    if open_same is not None:
        raise ValidationError.single("kind", f"這筆出版品已有進行中的「{kind.label}」申請案。")
    application = NumberApplication(publication_id=publication_id, kind=kind)
    if kind in (ApplicationKind.ISBN_CIP, ApplicationKind.ISBN, ApplicationKind.CIP_SUPPLEMENT):
        for part in required_parts(publication.form):
            application.parts.append(ApplicationPart(part=part))
    session.add(application)
    session.flush()
    return application.id


_RANGE = re.compile(r"^\s*(\d+)\s*(?:[-~－～至到]\s*(\d+))?\s*$")


def parse_page_range(text: str, page_count: int) -> list[int]:
    """'3', '5-8', '5,7,9-10' → 1-based pages, checked against the document."""
    pages: list[int] = []
    for piece in re.split(r"[,，、]", text.strip()):
        match = _RANGE.match(piece)
        if match is None:
            raise ValidationError.single("page_range", f"看不懂頁碼範圍「{piece}」，請寫成 5 或 5-8。")
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if first < 1 or last < first:
            raise ValidationError.single("page_range", f"頁碼範圍「{piece}」不正確。")
        if last > page_count:
            raise ValidationError.single(
                "page_range", f"頁碼範圍「{piece}」超過檔案的 {page_count} 頁。")
        pages.extend(range(first, last + 1))
    if not pages:
        raise ValidationError.single("page_range", "請輸入頁碼範圍。")
    return pages


def cut_part(session: Session, application_id: int, part: str, source: Path, page_range: str,
             folder: Path) -> Path:
    """Cut the pages of one upload out of the book PDF into its own file (the original is
    only read)."""
    application = load_application(session, application_id)
    row = next((p for p in application.parts if p.part == part), None)
    if row is None:
        raise ValidationError.single("part", f"這個申請案不需要「{part}」。")
    import pikepdf  # here, not at start: the 待辦 page imports this module

    try:
        pdf = pikepdf.open(source)
    except OSError as exc:
        raise PubDeskError(sentence(exc, source), path=str(source)) from exc
    except pikepdf.PdfError as exc:
        raise PubDeskError(f"無法開啟「{source}」：這不是 PDF 檔，或檔案已損壞。", path=str(source)) from exc
    with pdf:
        pages = parse_page_range(page_range, len(pdf.pages))
        extract = pikepdf.new()
        for number in pages:
            extract.pages.append(pdf.pages[number - 1])
        safe = re.sub(r'[\\/:*?"<>|（）()／]', "", part)
        target = folder / f"{application.kind.value}-{application_id}-{safe}.pdf"
        with atomic_output(target) as partial:
            extract.save(partial)
    row.page_range, row.file_path = page_range.strip(), str(target)
    application.packet_folder = str(folder)
    session.flush()
    return target


def missing_parts(application: NumberApplication) -> list[str]:
    """Parts without a file (or whose file has gone)."""
    return [p.part for p in application.parts if not p.file_path or not Path(p.file_path).exists()]


_TRANSITIONS = {
    ApplicationStatus.DRAFT: {ApplicationStatus.READY},
    ApplicationStatus.READY: {ApplicationStatus.SUBMITTED, ApplicationStatus.DRAFT},
    ApplicationStatus.SUBMITTED: {ApplicationStatus.ASSIGNED, ApplicationStatus.RETURNED},
    ApplicationStatus.RETURNED: {ApplicationStatus.DRAFT, ApplicationStatus.READY},
    ApplicationStatus.ASSIGNED: set(),
}


def _assign(session: Session, publication: Publication, kind: ApplicationKind, number: str,
            cip_text: str, correction: bool) -> str:
    if kind is ApplicationKind.CIP_SUPPLEMENT:
        if not cip_text.strip():
            raise ValidationError.single("cip_text", "請貼上國家圖書館回覆的 CIP 資料。")
        publication.cip_status, publication.cip_text = CipStatus.RECEIVED, cip_text.strip()
        return ""
    validate = {"isbn": validate_isbn, "issn": validate_issn, "isrc": validate_isrc,
                "gpn": validate_gpn}[_NUMBER_FIELD[kind]]
    field = _NUMBER_FIELD[kind]
    if not number.strip():
        raise ValidationError.single("assigned_number", f"請輸入核發的 {kind.label} 號碼。")
    checked = validate(number, "assigned_number")
    old = getattr(publication, field)
    if old and old != checked.compact and not correction:
        raise NumberCorrectionNeeded(NUMBER_ALREADY_ASSIGNED.format(
            label=kind.label, old=old, new=checked.compact), "assigned_number")
    candidate = SimpleNamespace(**{f: getattr(publication, f) for f in KEY_FIELDS},
                                **{f: None for f, _ in NUMBER_FIELDS})
    setattr(candidate, field, checked.compact)
    problems = number_problems(session, candidate, exclude_id=publication.id, fields=(field,),
                               problem_field="assigned_number")
    if problems:
        raise ValidationError(problems)
    setattr(publication, field, checked.compact)
    if kind is ApplicationKind.ISBN_CIP and cip_text.strip():
        publication.cip_status, publication.cip_text = CipStatus.RECEIVED, cip_text.strip()
    if publication.status is PublicationStatus.PLANNING:
        publication.status = PublicationStatus.NUMBERED
    return checked.compact


def advance(session: Session, application_id: int, status: ApplicationStatus, on: date,
            registration_no: str = "", reply: str = "", assigned_number: str = "",
            cip_text: str = "", cip_card_path: str = "", correction: bool = False) -> None:
    """Move an application on. 備妥 only with a complete packet; 已核發 validates the number
    and writes it to the publication — never over a different number it has, unless
    `correction` (NumberCorrectionNeeded; the audit trail keeps old → new), and never one
    another record holds against §4(二) (app.services.number_rule); 退件 keeps the reply."""
    application = load_application(session, application_id)
    if status not in _TRANSITIONS[application.status]:
        raise ValidationError.single("status", f"申請案目前是「{application.status.label}」，"
                                               f"不能改為「{status.label}」。")
    if status is ApplicationStatus.READY:
        missing = missing_parts(application)
        if missing:
            raise ValidationError.single("parts", "上傳資料還缺：" + "、".join(missing) + "。")
        application.ready_on = on
    elif status is ApplicationStatus.SUBMITTED:
        if registration_no.strip():
            application.registration_no = registration_no.strip()
        application.submitted_on = on
    elif status is ApplicationStatus.ASSIGNED:
        publication = load_publication(session, application.publication_id)
        application.assigned_number = _assign(session, publication, application.kind,
                                               assigned_number, cip_text, correction)
        application.cip_text = cip_text.strip()
        application.cip_card_path = cip_card_path
        application.replied_on, application.reply = on, reply.strip()
        if application.kind is ApplicationKind.GPN:
            registered_with_gpn(session, publication, on)
    elif status is ApplicationStatus.RETURNED:
        if not reply.strip():
            raise ValidationError.single("reply", "退件時請記下國家圖書館的回覆，方便補件。")
        application.replied_on, application.reply = on, reply.strip()
    application.status = status
    session.flush()


@dataclass(frozen=True)
class ApplicationRow:
    """A line of the applications list."""

    id: int
    publication_id: int
    publication_label: str
    """The publication as `publication_label` names it (title, 載體, 版次, GPN)."""
    kind: ApplicationKind
    status: ApplicationStatus
    registration_no: str
    assigned_number: str
    missing: list[str]


def list_applications(session: Session, text: str = "") -> list[ApplicationRow]:
    """Applications, newest first; `text` searches 掛號單號 and titles (NCL 三)."""
    query = select(NumberApplication).join(Publication).order_by(NumberApplication.id.desc())
    if text.strip():
        pattern = f"%{text.strip()}%"
        query = query.where(or_(NumberApplication.registration_no.like(pattern),
                                Publication.title.like(pattern)))
    return [ApplicationRow(a.id, a.publication_id,
                           label_of(load_publication(session, a.publication_id)), a.kind,
                           a.status, a.registration_no, a.assigned_number, missing_parts(a))
            for a in session.scalars(query)]


def data_sheet(session: Session, publication_id: int) -> list[tuple[str, str]]:
    """The fields the NCL ISBN/CIP form asks for, in its order, ready to copy."""
    pub = load_publication(session, publication_id)
    people = "；".join(f"{c.name}（{c.role.label}）" for c in pub.contributors)
    year_month = format_roc_year_month(pub.published_year, pub.published_month) if (
        pub.published_year and pub.published_month) else ""
    return [("出版者", pub.unit.full_name), ("書名", pub.title), ("副書名", pub.subtitle),
            ("叢書名", pub.series), ("著作者", people),
            ("版次", edition_text(pub.edition, pub.printing)), ("預定出版年月", year_month),
            ("頁數", str(pub.pages or "")), ("開本（公分）", pub.size_cm),
            ("裝訂", pub.binding.label), ("定價（新臺幣）", str(pub.price_ntd or "非賣品")),
            ("載體", pub.form.label), ("語文", pub.language), ("適用對象", pub.audience),
            ("主題關鍵詞", pub.keywords), ("分類", "政府出版品"), ("內容簡介", pub.summary),
            ("GPN", pub.gpn or ""), *deposit_contact_fields(pub.unit)]


def deposit_contact_fields(unit: PublishingUnit) -> list[tuple[str, str]]:
    """NCL 五 修改送存聯繫資料: the deposit contact and how notices reach them, as NCL's
    account page asks for them (only what the unit has filled in)."""
    fields = [("送存聯絡人", unit.deposit_contact_name), ("送存聯絡電話", unit.deposit_contact_phone),
              ("送存聯絡電子郵件", unit.deposit_contact_email),
              ("送存通知接收方式", unit.deposit_notice)]
    return [(name, value) for name, value in fields if value]


def confirm_publication(session: Session, publication_id: int, on: date,
                        price_ntd: int | None = None, pages: int | None = None,
                        year: int | None = None, month: int | None = None,
                        note: str = "") -> list[str]:
    """NCL 四: the book is out. Record what changed (price, pages, a delayed month) with
    history, and mark it 已出版. Returns the changes in words."""
    pub = load_publication(session, publication_id)
    changes: list[tuple[str, str, str]] = []
    if price_ntd is not None and price_ntd != pub.price_ntd:
        if price_ntd < 0:
            raise ValidationError.single("price_ntd", "定價不能是負數。")
        changes.append(("定價", str(pub.price_ntd or ""), str(price_ntd)))
        pub.price_ntd = price_ntd
    if pages is not None and pages != pub.pages:
        if pages <= 0:
            raise ValidationError.single("pages", "頁數必須大於 0。")
        changes.append(("頁數", str(pub.pages or ""), str(pages)))
        pub.pages = pages
    if year is not None and month is not None and (year, month) != (pub.published_year,
                                                                     pub.published_month):
        if not 1 <= month <= 12:
            raise ValidationError.single("month", "月份必須在 1 到 12 之間。")
        old = format_roc_year_month(pub.published_year, pub.published_month) if (
            pub.published_year and pub.published_month) else ""
        changes.append(("出版年月", old, format_roc_year_month(year, month)))
        pub.published_year, pub.published_month = year, month
    for position, (field, old, new) in enumerate(changes):
        session.add(PublicationChange(publication_id=publication_id, changed_on=on, field=field,
                                      old_value=old, new_value=new, note=note,
                                      position=position))
    if pub.status in (PublicationStatus.PLANNING, PublicationStatus.NUMBERED):
        pub.status = PublicationStatus.PRINTED
    session.add(PublicationChange(publication_id=publication_id, changed_on=on,
                                  field="確認出版", note=note, position=len(changes)))
    session.flush()
    return [f"{f}：{o or '（無）'} → {n}" for f, o, n in changes]


def change_history(session: Session, publication_id: int) -> list[PublicationChange]:
    """What confirmations recorded, oldest first."""
    return list(session.scalars(select(PublicationChange).where(
        PublicationChange.publication_id == publication_id).order_by(
        PublicationChange.changed_on, PublicationChange.id)))
