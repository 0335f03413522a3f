"""寄存 — the deposit copies of a published item, one line per library (§5)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Audited, Base, Timestamped, Versioned
from app.models.reference import DepositLibrary


class DepositLine(Audited, Versioned, Timestamped, Base):
    """Copies of one publication for one library, and how their sending went."""

    __tablename__ = "deposit_lines"
    __table_args__ = (UniqueConstraint("publication_id", "library_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    publication_id: Mapped[int] = mapped_column(
        ForeignKey("publications.id", ondelete="CASCADE"), index=True)
    library_id: Mapped[int] = mapped_column(ForeignKey("deposit_libraries.id"), index=True)
    copies: Mapped[int] = mapped_column(Integer, default=1)
    reason: Mapped[str] = mapped_column(Text, default="")
    """Why the copies differ from the library's default."""
    include_efiles: Mapped[bool] = mapped_column(Boolean, default=False)
    sent_on: Mapped[date | None] = mapped_column(Date)
    carrier: Mapped[str] = mapped_column(String(60), default="")
    reference: Mapped[str] = mapped_column(String(60), default="")
    acknowledged_on: Mapped[date | None] = mapped_column(Date)

    library: Mapped[DepositLibrary] = relationship()

    def audit_label(self) -> str:
        return f"寄存 {self.copies} 冊"
