"""The rules a publication's data must satisfy — one place, used by create, update and copy."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from app.errors import FieldProblem, ValidationError
from app.identifiers import validate_gpn, validate_isbn, validate_isrc, validate_issn
from app.models import (
    Binding,
    CipStatus,
    ContributorRole,
    CopyrightOwner,
    PartnerKind,
    PublicationForm,
    PublicationStatus,
    PublicationType,
)
from app.text_rules import control_character_problem, control_character_problems

MIN_YEAR, MAX_YEAR = 1912, 2200


@dataclass
class ContributorData:
    """著作者 in print order."""

    name: str
    role: ContributorRole = ContributorRole.AUTHOR


@dataclass
class PublicationData:
    """Every field of a publication the officer edits (SPEC §1)."""

    unit_id: int
    title: str
    pub_type: PublicationType = PublicationType.BOOK
    form: PublicationForm = PublicationForm.PRINT
    subtitle: str = ""
    series: str = ""
    edition: int = 1
    printing: int = 1
    published_year: int | None = None
    published_month: int | None = None
    pages: int | None = None
    size_cm: str = ""
    binding: Binding = Binding.PAPERBACK
    price_ntd: int | None = None
    language: str = "中文"
    audience: str = ""
    keywords: str = ""
    summary: str = ""
    gpn: str | None = None
    isbn: str | None = None
    issn: str | None = None
    isrc: str | None = None
    cip_status: CipStatus = CipStatus.NONE
    cip_text: str = ""
    status: PublicationStatus = PublicationStatus.PLANNING
    online_url: str = ""
    online_registered: bool = False
    copyright_owner: CopyrightOwner = CopyrightOwner.AGENCY
    copyright_note: str = ""
    partner_kind: PartnerKind = PartnerKind.NONE
    partner_name: str = ""
    partner_sales_obligation: bool = False
    """§17(一): the partner must supply the exhibition stores."""
    partner_commission_percent: Decimal | None = None
    partner_reuse_fee: str = ""
    """§17(二): reuse fee agreed with the partner (money, or copies in kind)."""
    contributors: list[ContributorData] = field(default_factory=list)


def cip_allowed(pub_type: PublicationType, form: PublicationForm) -> bool:
    """CIP is for print books only — not e-books or audiobooks (NCL 二(二)1)."""
    return pub_type is PublicationType.BOOK and form is PublicationForm.PRINT


def _blank_to_none(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


def _check_identifiers(clean: PublicationData, problems: list[FieldProblem],
                       warnings: list[str]) -> None:
    """Normalise GPN/ISBN/ISSN/ISRC in place; collect their problems and warnings."""
    for field_name, check in (("gpn", validate_gpn), ("isbn", validate_isbn),
                              ("issn", validate_issn), ("isrc", validate_isrc)):
        raw = _blank_to_none(getattr(clean, field_name))
        if raw is None:
            setattr(clean, field_name, None)
            continue
        try:
            checked = check(raw, field_name)
        except ValidationError as exc:
            problems.extend(exc.problems)
            continue
        setattr(clean, field_name, checked.compact)
        warnings.extend(checked.warnings)


def validate_publication(data: PublicationData) -> tuple[PublicationData, list[str]]:
    """Check every rule; return the data with identifiers normalised, plus warnings.

    Raises ValidationError listing every problem at once, so a form can mark all fields.
    """
    problems: list[FieldProblem] = []
    warnings: list[str] = []
    clean = replace(data, title=data.title.strip(), subtitle=data.subtitle.strip(),
                    series=data.series.strip(), partner_name=data.partner_name.strip(),
                    online_url=data.online_url.strip(),
                    contributors=[ContributorData(c.name.strip(), c.role)
                                  for c in data.contributors])

    def problem(field_name: str, message: str) -> None:
        problems.append(FieldProblem(field_name, message))

    problems.extend(control_character_problems(
        clean, {"title": "題名", "subtitle": "副題名", "series": "叢書名", "summary": "摘要",
                "keywords": "關鍵詞", "partner_name": "合作對象", "online_url": "網址",
                "cip_text": "CIP 內容", "copyright_note": "著作權說明"},
        multiline=frozenset({"summary", "cip_text", "copyright_note", "partner_reuse_fee"})))
    for person in clean.contributors:
        found = control_character_problem("contributors", f"著作者「{person.name[:10]}」", person.name)
        if found:
            problems.append(found)
    if not clean.title:
        problem("title", "請輸入題名。")
    elif len(clean.title) > 300:
        problem("title", f"題名最多 300 字，目前 {len(clean.title)} 字。")
    if clean.edition < 1:
        problem("edition", "版次至少為 1。")
    if clean.printing < 1:
        problem("printing", "刷次至少為 1。")
    if clean.published_month is not None and not 1 <= clean.published_month <= 12:
        problem("published_month", "出版月份必須在 1 到 12 之間。")
    if clean.published_month is not None and clean.published_year is None:
        problem("published_year", "有出版月份時也請填出版年。")
    if clean.published_year is not None and not MIN_YEAR <= clean.published_year <= MAX_YEAR:
        problem("published_year", f"出版年 {clean.published_year} 不合理（應為民國元年以後的西元年）。")
    if clean.pages is not None and clean.pages <= 0:
        problem("pages", "頁數必須大於 0。")
    if clean.price_ntd is not None and clean.price_ntd < 0:
        problem("price_ntd", "定價不能是負數（非賣品請留空）。")
    for index, person in enumerate(clean.contributors, start=1):
        if not person.name:
            problem("contributors", f"第 {index} 位著作者沒有姓名。")

    _check_identifiers(clean, problems, warnings)

    if clean.cip_status in (CipStatus.APPLIED, CipStatus.RECEIVED) and not cip_allowed(
            clean.pub_type, clean.form):
        problem("cip_status", "預行編目（CIP）只適用於紙本圖書，電子書與有聲書不能申請。")
    if clean.partner_kind is not PartnerKind.NONE and not clean.partner_name:
        problem("partner_name", "合作出版或委託出版時，請填寫合作單位名稱。")
    if clean.partner_commission_percent is not None and not (
            0 <= clean.partner_commission_percent <= 100):
        problem("partner_commission_percent", "合作出版的代售酬金比例必須在 0 到 100 之間。")
    if clean.online_registered and not clean.online_url:
        problem("online_url", "已登錄於政府出版品網站時，請填寫網址。")
    if clean.pub_type is PublicationType.SERIAL and clean.isbn:
        warnings.append("連續性出版品通常使用 ISSN 而非 ISBN，請確認。")
    if clean.isrc and clean.form is not PublicationForm.AUDIOBOOK and \
            clean.pub_type is not PublicationType.OTHER:
        warnings.append("ISRC 用於錄音資料，這筆出版品不是有聲書，請確認。")
    if problems:
        raise ValidationError(problems)
    if clean.status is PublicationStatus.PLANNING and clean.gpn:
        # The status follows the steps (life_cycle): a GPN entered means numbers are assigned.
        # Later steps advance it where they are recorded (confirm publication, deposit sent,
        # first shipment, consent sent).
        clean = replace(clean, status=PublicationStatus.NUMBERED)
    return clean, warnings


def same_work_key(pub: Any) -> tuple[str, str, str, str, int]:
    """What makes two records the same work in §4(二)'s sense: title, subtitle, type, form
    and edition (a PublicationData or a Publication)."""
    return (pub.title.strip(), pub.subtitle.strip(), str(pub.pub_type), str(pub.form),
            int(pub.edition))


def may_share_numbers(a: Any, b: Any) -> bool:
    """§4(二): two publications may carry the same GPN and ISBN only when one is a reprint of
    the other — the same work in another printing. A revised edition or another form needs
    numbers of its own; the same printing twice is the same publication twice."""
    return same_work_key(a) == same_work_key(b) and int(a.printing) != int(b.printing)
