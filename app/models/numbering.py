"""號碼申請 — applications for GPN, ISBN/CIP, ISSN and ISRC, their upload packets, and the
history of what changed when a publication was confirmed (NCL 四)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Audited, Base, Timestamped, Versioned, enum_column, utcnow
from app.models.datapath import DataPath
from app.models.enums import LabelledEnum


class ApplicationKind(LabelledEnum):
    """What is applied for (NCL 一–二; GPN on 文化部's site)."""

    ISBN_CIP = "isbn_cip"
    ISBN = "isbn"
    CIP_SUPPLEMENT = "cip_supplement"
    ISSN = "issn"
    ISRC = "isrc"
    GPN = "gpn"

    @property
    def label(self) -> str:
        return {"isbn_cip": "ISBN＋CIP", "isbn": "ISBN", "cip_supplement": "補辦 CIP",
                "issn": "ISSN", "isrc": "ISRC", "gpn": "GPN"}[self.value]


class ApplicationStatus(LabelledEnum):
    """draft → ready → submitted → assigned / returned."""

    DRAFT = "draft"
    READY = "ready"
    SUBMITTED = "submitted"
    ASSIGNED = "assigned"
    RETURNED = "returned"

    @property
    def label(self) -> str:
        return {"draft": "草稿", "ready": "備妥", "submitted": "已送出", "assigned": "已核發",
                "returned": "退件"}[self.value]


class NumberApplication(Audited, Versioned, Timestamped, Base):
    """One application, tracked offline while the officer uses the web sites."""

    __tablename__ = "number_applications"

    id: Mapped[int] = mapped_column(primary_key=True)
    publication_id: Mapped[int] = mapped_column(
        ForeignKey("publications.id", ondelete="CASCADE"), index=True)
    kind: Mapped[ApplicationKind] = mapped_column(enum_column(ApplicationKind))
    status: Mapped[ApplicationStatus] = mapped_column(
        enum_column(ApplicationStatus), default=ApplicationStatus.DRAFT)
    registration_no: Mapped[str] = mapped_column(String(40), default="", index=True)
    """掛號單號 given by the NCL system on submission."""
    ready_on: Mapped[date | None] = mapped_column(Date)
    submitted_on: Mapped[date | None] = mapped_column(Date)
    replied_on: Mapped[date | None] = mapped_column(Date)
    reply: Mapped[str] = mapped_column(Text, default="")
    assigned_number: Mapped[str] = mapped_column(String(20), default="")
    cip_text: Mapped[str] = mapped_column(Text, default="")
    cip_card_path: Mapped[str] = mapped_column(DataPath(1000), default="")
    packet_folder: Mapped[str] = mapped_column(DataPath(1000), default="")

    parts: Mapped[list[ApplicationPart]] = relationship(
        back_populates="application", cascade="all, delete-orphan", order_by="ApplicationPart.id")

    def audit_label(self) -> str:
        return f"{self.kind.label} 申請 {self.registration_no}".strip()


class ApplicationPart(Audited, Base):
    """One required upload (書名頁, 版權頁, 目次, 序 …): the pages cut from the book PDF."""

    __tablename__ = "application_parts"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("number_applications.id", ondelete="CASCADE"), index=True)
    part: Mapped[str] = mapped_column(String(40))
    page_range: Mapped[str] = mapped_column(String(60), default="")
    file_path: Mapped[str] = mapped_column(DataPath(1000), default="")

    application: Mapped[NumberApplication] = relationship(back_populates="parts")

    def audit_label(self) -> str:
        return self.part


class PublicationChange(Audited, Base):
    """A change recorded when confirming publication (NCL 四): price, pages, month."""

    __tablename__ = "publication_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    publication_id: Mapped[int] = mapped_column(
        ForeignKey("publications.id", ondelete="CASCADE"), index=True)
    changed_on: Mapped[date] = mapped_column(Date)
    field: Mapped[str] = mapped_column(String(40))
    old_value: Mapped[str] = mapped_column(String(100), default="")
    new_value: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    position: Mapped[int] = mapped_column(Integer, default=0)
