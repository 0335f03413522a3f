"""審核 — §16 / 附件五: after the GPN is assigned, the unit reviews the publication itself,
then prints. A review is kept as its own row (a reprint may be reviewed again), so recording
one never collides with an officer editing the publication."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Audited, Base, Timestamped


class PublicationReview(Audited, Timestamped, Base):
    """One review before print: who, when, what they noted."""

    __tablename__ = "publication_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    publication_id: Mapped[int] = mapped_column(
        ForeignKey("publications.id", ondelete="CASCADE"), index=True)
    reviewed_on: Mapped[date] = mapped_column(Date)
    reviewer: Mapped[str] = mapped_column(String(100))
    note: Mapped[str] = mapped_column(Text, default="")

    def audit_label(self) -> str:
        return f"{self.reviewed_on} {self.reviewer}"


class GpnSiteRecord(Audited, Timestamped, Base):
    """§15: what the government publications site holds of a publication — its fields as they
    were when the officer last registered or updated them there. A publication whose fields
    differ from these has an item "update the site" until the officer marks it done."""

    __tablename__ = "gpn_site_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    publication_id: Mapped[int] = mapped_column(
        ForeignKey("publications.id", ondelete="CASCADE"), unique=True)
    updated_on: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(300), default="")
    price_ntd: Mapped[int | None] = mapped_column(Integer)
    pages: Mapped[int | None] = mapped_column(Integer)
    online_url: Mapped[str] = mapped_column(String(300), default="")
    published: Mapped[bool] = mapped_column(Boolean, default=False)
    """出版 or not yet (the site's status; the steps after printing do not change it)."""

    def audit_label(self) -> str:
        return self.title
