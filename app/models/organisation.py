"""機關/單位 — the publishing units an officer works for, and their contact people."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Audited, Base, Timestamped, Versioned


class PublishingUnit(Audited, Versioned, Timestamped, Base):
    """A ministry or agency that publishes; its data fills letterheads and copyright pages."""

    __tablename__ = "publishing_units"

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(120), unique=True)
    short_name: Mapped[str] = mapped_column(String(40), default="")
    postcode: Mapped[str] = mapped_column(String(10), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    fax: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    website: Mapped[str] = mapped_column(String(200), default="")
    doc_code: Mapped[str] = mapped_column(String(20), default="")
    """發文字號 agency code, e.g. 經研 in 經研字第11302402990號."""
    agency_code: Mapped[str] = mapped_column(String(20), default="", server_default="")
    """機關代碼 (the 公文系統's code of this agency), for the DI file; empty when not known."""
    agency_code_source: Mapped[str] = mapped_column(String(200), default="", server_default="")
    """Where the officer found the code (「公文系統通訊錄，115年12月」): a code is never guessed."""
    review_required: Mapped[bool] = mapped_column(Boolean, default=False,
                                                  server_default=false())
    """§16: this unit records a review before print (the checklist and agenda ask for it)."""
    deposit_contact_name: Mapped[str] = mapped_column(String(60), default="", server_default="")
    """NCL 五 修改送存聯繫資料: who NCL contacts about deposits, and how notices reach them."""
    deposit_contact_phone: Mapped[str] = mapped_column(String(40), default="", server_default="")
    deposit_contact_email: Mapped[str] = mapped_column(String(120), default="",
                                                       server_default="")
    deposit_notice: Mapped[str] = mapped_column(String(40), default="", server_default="")
    """送存通知接收方式, in NCL's words (電子郵件、郵寄…)."""

    contacts: Mapped[list[Contact]] = relationship(
        back_populates="unit", cascade="all, delete-orphan", order_by="Contact.id"
    )

    def audit_label(self) -> str:
        return self.full_name


class Contact(Audited, Timestamped, Base):
    """承辦人 — a person named on letters and lists."""

    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(
        ForeignKey("publishing_units.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(60))
    job_title: Mapped[str] = mapped_column(String(60), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    fax: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)

    unit: Mapped[PublishingUnit] = relationship(back_populates="contacts")

    def audit_label(self) -> str:
        return self.name
