"""授權 to others (§12) and the conflict 附件二's 注意事項 warns of: once a publication is
consented to 文化部, a transfer (讓與) or an exclusive licence (專屬授權) must protect the
rights already granted to 文化部. PubDesk does not forbid either — the agency may have agreed
terms that do — but says so whichever comes second, quoting the rule."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, timedelta

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from app.errors import FieldProblem, ValidationError
from app.language import listed, shown_date, t
from app.models import ConsentEntry, Licence, Publication
from app.services.publications import label_of, load_publication

MOC_NOTE = "已同意文化部之出版品，若另有讓與或專屬授權等情事，務請保障已授予文化部之相關權利。"
"""附件二's 注意事項, word for word."""
ENDING_SOON_DAYS = 60
"""A licence ending within this many days is on the agenda (to renew or to let lapse)."""


@dataclass
class LicenceData:
    """What the officer enters for one licence."""

    licensee: str = ""
    whole: bool = True
    uses: str = ""
    exclusive: bool = False
    transfer: bool = False
    starts_on: date | None = None
    ends_on: date | None = None
    fee_ntd: int | None = None
    copies_in_kind: int | None = None
    contract_ref: str = ""
    note: str = ""

    @classmethod
    def of(cls, licence: Licence) -> LicenceData:
        """A stored licence, for editing."""
        return cls(**{f.name: getattr(licence, f.name) for f in fields(cls)})


@dataclass(frozen=True)
class SavedLicence:
    """The licence saved, and what the officer should know about it."""

    id: int
    warnings: list[str]


def kind_of(licence: Licence | LicenceData) -> str:
    """讓與, 專屬授權 or 非專屬授權 — with 全部/部分."""
    if licence.transfer:
        return t("讓與")
    if licence.exclusive:
        return t("全部專屬授權") if licence.whole else t("部分專屬授權")
    return t("全部非專屬授權") if licence.whole else t("部分非專屬授權")


def licence_label(licence: Licence) -> str:
    """「遠流出版公司（部分非專屬授權）」."""
    return t("{licensee}（{kind}）", licensee=licence.licensee, kind=kind_of(licence))


def problems(data: LicenceData) -> list[FieldProblem]:
    """What keeps the licence from being saved."""
    found = []
    if not data.licensee.strip():
        found.append(FieldProblem("licensee", t("請填寫被授權人（或受讓人）的名稱。")))
    if not data.whole and not data.uses.strip():
        found.append(FieldProblem("uses", t("部分授權請寫明授權的利用方式或範圍（例如：重製、公開傳輸，或第1–3章）。")))
    if data.starts_on and data.ends_on and data.ends_on < data.starts_on:
        found.append(FieldProblem("ends_on", t("授權期間的結束日（{end}）早於開始日（{start}），請再確認。",
                                               end=shown_date(data.ends_on),
                                               start=shown_date(data.starts_on))))
    for name, value in (("fee_ntd", data.fee_ntd), ("copies_in_kind", data.copies_in_kind)):
        if value is not None and value < 0:
            found.append(FieldProblem(name, t("金額與冊數不能是負數。")))
    return found


def consented(session: Session, publication_id: int) -> bool:
    """Consent to 文化部 was sent, or a consent letter names the publication."""
    pub = session.get(Publication, publication_id)
    if pub is not None and pub.consent_sent_on is not None:
        return True
    return bool(session.scalar(select(exists().where(
        ConsentEntry.publication_id == publication_id))))


def binding_licences(session: Session, publication_id: int) -> list[Licence]:
    """The transfers and exclusive licences of a publication."""
    return list(session.scalars(select(Licence).where(
        Licence.publication_id == publication_id,
        or_(Licence.exclusive.is_(True), Licence.transfer.is_(True))).order_by(Licence.id)))


def conflict_warning(session: Session, publication_id: int) -> str | None:
    """附件二 注意事項's warning when a publication consented to 文化部 is also transferred or
    exclusively licensed; None otherwise."""
    binding = binding_licences(session, publication_id)
    if not binding or not consented(session, publication_id):
        return None
    pub = load_publication(session, publication_id)
    named = listed([licence_label(b) for b in binding[:3]])
    return t("「{title}」已同意文化部授權利用，又有{licences}：「已同意文化部之出版品，若另有讓與或專屬授權等情事，"
             "務請保障已授予文化部之相關權利。」（附件二 注意事項）請確認契約已保留授予文化部的權利。",
             title=label_of(pub), licences=named)


def save_licence(session: Session, publication_id: int, data: LicenceData,
                 licence_id: int | None = None) -> SavedLicence:
    """Add or change a licence (audited); raises ValidationError."""
    found = problems(data)
    if found:
        raise ValidationError(found)
    load_publication(session, publication_id)
    licence = session.get(Licence, licence_id) if licence_id is not None else None
    if licence_id is not None and (licence is None or licence.publication_id != publication_id):
        raise ValidationError.single("licensee", t("這筆授權已被刪除或不屬於這筆出版品，請重新整理。"))
    if licence is None:
        licence = Licence(publication_id=publication_id)
        session.add(licence)
    for item in fields(LicenceData):
        value = getattr(data, item.name)
        setattr(licence, item.name, value.strip() if isinstance(value, str) else value)
    session.flush()
    warning = conflict_warning(session, publication_id) \
        if licence.exclusive or licence.transfer else None
    return SavedLicence(licence.id, [warning] if warning else [])


def delete_licence(session: Session, licence_id: int) -> None:
    """Remove a licence (the audit trail keeps what it said)."""
    licence = session.get(Licence, licence_id)
    if licence is not None:
        session.delete(licence)
        session.flush()


def licences_of(session: Session, publication_id: int) -> list[Licence]:
    """The publication's licences, newest first."""
    return list(session.scalars(select(Licence).where(
        Licence.publication_id == publication_id).order_by(Licence.id.desc())))


def ending_between(session: Session, today: date,
                   days: int = ENDING_SOON_DAYS) -> list[tuple[int, int, str, date]]:
    """(licence id, publication id, licensee, end) of licences ending from today on, within
    `days` — for the agenda."""
    rows = session.execute(select(Licence.id, Licence.publication_id, Licence.licensee,
                                  Licence.ends_on).where(
        Licence.ends_on.is_not(None), Licence.ends_on >= today,
        Licence.ends_on <= today + timedelta(days=days))).all()
    return [(row[0], row[1], row[2], row[3]) for row in rows if row[3] is not None]
