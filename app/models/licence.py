"""授權 — a licence or transfer of a publication's rights to someone else (§12: wholly or in
part, for a reasonable fee). 附件二's 注意事項: once 文化部 has the agency's consent, a
transfer or exclusive licence must protect the rights already granted to 文化部 — the record
lets PubDesk warn of that conflict (app.services.licences)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Audited, Base, Timestamped


class Licence(Audited, Timestamped, Base):
    """One licence (or transfer) granted to one licensee."""

    __tablename__ = "licences"

    id: Mapped[int] = mapped_column(primary_key=True)
    publication_id: Mapped[int] = mapped_column(
        ForeignKey("publications.id", ondelete="CASCADE"), index=True)
    licensee: Mapped[str] = mapped_column(String(200))
    whole: Mapped[bool] = mapped_column(Boolean, default=True)
    """全部授權 (True) or 部分授權 (False, the uses named in `uses`)."""
    uses: Mapped[str] = mapped_column(Text, default="")
    """Which uses (重製、公開傳輸、改作、發行…) or which parts, in the contract's words."""
    exclusive: Mapped[bool] = mapped_column(Boolean, default=False)
    """專屬授權: nobody else — 文化部 included — may be granted the same use."""
    transfer: Mapped[bool] = mapped_column(Boolean, default=False)
    """讓與: the economic rights themselves pass to the licensee."""
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    fee_ntd: Mapped[int | None] = mapped_column(Integer)
    copies_in_kind: Mapped[int | None] = mapped_column(Integer)
    """Copies given instead of (or beside) a fee."""
    contract_ref: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    def audit_label(self) -> str:
        return self.licensee
