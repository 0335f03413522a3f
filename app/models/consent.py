"""授權利用 — usage-consent letters to 文化部 (§12–14, 附件二) and what each one covered."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Audited, Base, Versioned, enum_column, utcnow
from app.models.datapath import DataPath
from app.models.enums import LabelledEnum


class ConsentKind(LabelledEnum):
    """附件二(一) books, 附件二(二) one issue of a serial."""

    BOOK = "book"
    SERIAL = "serial"

    @property
    def label(self) -> str:
        return "圖書" if self is ConsentKind.BOOK else "連續性出版品"


class ConsentLetter(Audited, Versioned, Base):
    """A consent letter as sent: its text and the entries of its usage list."""

    __tablename__ = "consent_letters"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ConsentKind] = mapped_column(enum_column(ConsentKind))
    unit_id: Mapped[int] = mapped_column(ForeignKey("publishing_units.id"), index=True)
    issue_id: Mapped[int | None] = mapped_column(
        ForeignKey("serial_issues.id", ondelete="SET NULL"))
    issued_on: Mapped[date] = mapped_column(Date)
    doc_number: Mapped[str] = mapped_column(String(60), default="")
    contact_name: Mapped[str] = mapped_column(String(60), default="")
    contact_phone: Mapped[str] = mapped_column(String(60), default="")
    subject: Mapped[str] = mapped_column(Text)
    items_json: Mapped[str] = mapped_column(Text)
    """The 說明 items as sent (JSON list of {text, children}), after the officer's edits."""
    copies: Mapped[str] = mapped_column(String(300), default="")
    output_folder: Mapped[str] = mapped_column(DataPath(1000), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    entries: Mapped[list[ConsentEntry]] = relationship(
        back_populates="letter", cascade="all, delete-orphan", order_by="ConsentEntry.position")

    def audit_label(self) -> str:
        return f"{self.kind.label}授權函 {self.doc_number}"


class ConsentEntry(Audited, Base):
    """One row of a usage list: a publication (books) or an article (serials)."""

    __tablename__ = "consent_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(
        ForeignKey("consent_letters.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    publication_id: Mapped[int | None] = mapped_column(
        ForeignKey("publications.id", ondelete="SET NULL"), index=True)
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(300))
    """The title as listed (kept even if the record is later deleted)."""
    gpn: Mapped[str] = mapped_column(String(10), default="")
    scopes: Mapped[str] = mapped_column(String(200), default="")
    """Comma-separated ConsentScope values (books) or one ArticleScope value (serials)."""
    all_rights: Mapped[bool] = mapped_column(Boolean, default=False)
    remarks: Mapped[str] = mapped_column(Text, default="")
    efile_types: Mapped[str] = mapped_column(String(200), default="")
    """Comma-separated EFileRole values; empty means 否 (no e-file)."""

    letter: Mapped[ConsentLetter] = relationship(back_populates="entries")

    def audit_label(self) -> str:
        return self.title
