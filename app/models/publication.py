"""出版品 — one independent publication unit in one form (§4(二)), the centre of everything."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Audited, Base, Timestamped, Versioned, enum_column
from app.models.enums import (
    Binding,
    CipStatus,
    ContributorRole,
    CopyrightOwner,
    PartnerKind,
    PublicationForm,
    PublicationStatus,
    PublicationType,
    RelationKind,
)
from app.models.organisation import PublishingUnit

if TYPE_CHECKING:
    from app.models.content import SerialIssue, TocEntry
    from app.models.efile import EFile


class Publication(Audited, Versioned, Timestamped, Base):
    """A publication in one form. Dates are stored as Gregorian year and month and shown in ROC."""

    __tablename__ = "publications"
    __table_args__ = (
        CheckConstraint("published_month IS NULL OR (published_month BETWEEN 1 AND 12)",
                        name="month_range"),
        CheckConstraint("price_ntd IS NULL OR price_ntd >= 0", name="price_not_negative"),
        CheckConstraint("pages IS NULL OR pages > 0", name="pages_positive"),
        CheckConstraint("edition >= 1 AND printing >= 1", name="edition_printing_positive"),
        # The list's default order (newest change first): read from the index, not sorted.
        Index("ix_publications_updated_at", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("publishing_units.id"), index=True)
    pub_type: Mapped[PublicationType] = mapped_column(enum_column(PublicationType))
    form: Mapped[PublicationForm] = mapped_column(enum_column(PublicationForm))
    title: Mapped[str] = mapped_column(String(300), index=True)
    subtitle: Mapped[str] = mapped_column(String(300), default="")
    series: Mapped[str] = mapped_column(String(200), default="")
    edition: Mapped[int] = mapped_column(Integer, default=1)
    """版次."""
    printing: Mapped[int] = mapped_column(Integer, default=1)
    """刷次."""
    published_year: Mapped[int | None] = mapped_column(Integer)
    published_month: Mapped[int | None] = mapped_column(Integer)
    pages: Mapped[int | None] = mapped_column(Integer)
    size_cm: Mapped[str] = mapped_column(String(40), default="")
    binding: Mapped[Binding] = mapped_column(enum_column(Binding), default=Binding.PAPERBACK)
    price_ntd: Mapped[int | None] = mapped_column(Integer)
    """定價, whole New Taiwan dollars (never a float)."""
    language: Mapped[str] = mapped_column(String(40), default="中文")
    audience: Mapped[str] = mapped_column(String(80), default="")
    keywords: Mapped[str] = mapped_column(String(300), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    gpn: Mapped[str | None] = mapped_column(String(10), index=True)
    isbn: Mapped[str | None] = mapped_column(String(13), index=True)
    issn: Mapped[str | None] = mapped_column(String(9))
    isrc: Mapped[str | None] = mapped_column(String(12))
    cip_status: Mapped[CipStatus] = mapped_column(enum_column(CipStatus), default=CipStatus.NONE)
    cip_text: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[PublicationStatus] = mapped_column(
        enum_column(PublicationStatus), default=PublicationStatus.PLANNING, index=True
    )
    online_url: Mapped[str] = mapped_column(String(300), default="")
    online_registered: Mapped[bool] = mapped_column(Boolean, default=False)
    """§10: the online link is registered on the government publications site."""
    copyright_owner: Mapped[CopyrightOwner] = mapped_column(
        enum_column(CopyrightOwner), default=CopyrightOwner.AGENCY
    )
    copyright_note: Mapped[str] = mapped_column(Text, default="")
    partner_kind: Mapped[PartnerKind] = mapped_column(
        enum_column(PartnerKind), default=PartnerKind.NONE
    )
    partner_name: Mapped[str] = mapped_column(String(120), default="")
    partner_sales_obligation: Mapped[bool] = mapped_column(Boolean, default=False,
                                                           server_default="0")
    """§17(一): the partner is bound to supply the exhibition stores."""
    partner_commission_percent: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    partner_reuse_fee: Mapped[str] = mapped_column(Text, default="", server_default="")
    """§17(二): the agreed reuse fee (money, or copies in kind)."""
    consent_sent_on: Mapped[date | None] = mapped_column(Date)
    """When the latest usage-consent letter covering it was issued (§13)."""

    unit: Mapped[PublishingUnit] = relationship()
    contributors: Mapped[list[Contributor]] = relationship(
        back_populates="publication", cascade="all, delete-orphan",
        order_by="Contributor.position",
    )
    toc_entries: Mapped[list[TocEntry]] = relationship(
        back_populates="publication", cascade="all, delete-orphan", order_by="TocEntry.position"
    )
    issues: Mapped[list[SerialIssue]] = relationship(
        back_populates="publication", cascade="all, delete-orphan", order_by="SerialIssue.id"
    )
    efiles: Mapped[list[EFile]] = relationship(
        back_populates="publication", cascade="all, delete-orphan", order_by="EFile.id"
    )

    def audit_label(self) -> str:
        return self.title


class Contributor(Audited, Base):
    """著者/編者/譯者, in the order they are printed."""

    __tablename__ = "contributors"

    id: Mapped[int] = mapped_column(primary_key=True)
    publication_id: Mapped[int] = mapped_column(
        ForeignKey("publications.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[ContributorRole] = mapped_column(enum_column(ContributorRole))

    publication: Mapped[Publication] = relationship(back_populates="contributors")

    def audit_label(self) -> str:
        return self.name


class PublicationRelation(Audited, Base):
    """`source` is `kind` of `target`: e.g. the e-book (source) is another form of the print book."""

    __tablename__ = "publication_relations"
    __table_args__ = (
        UniqueConstraint("source_id", "target_id", "kind"),
        CheckConstraint("source_id <> target_id", name="not_self"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(
        ForeignKey("publications.id", ondelete="CASCADE"), index=True
    )
    target_id: Mapped[int] = mapped_column(
        ForeignKey("publications.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[RelationKind] = mapped_column(enum_column(RelationKind))

    source: Mapped[Publication] = relationship(foreign_keys=[source_id])
    target: Mapped[Publication] = relationship(foreign_keys=[target_id])
