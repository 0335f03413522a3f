"""Reference data the officer maintains: deposit libraries (§5) and sales stores (§7).

Seeded from `resources/data` and marked `verified = False` — "to be checked against the
current official list" — until the officer confirms each row.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Boolean, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Audited, Base, Timestamped, Versioned, enum_column
from app.models.enums import LibraryKind


class DepositLibrary(Audited, Versioned, Timestamped, Base):
    """寄存圖書館."""

    __tablename__ = "deposit_libraries"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    division: Mapped[str] = mapped_column(String(120), default="")
    postcode: Mapped[str] = mapped_column(String(10), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    copies: Mapped[int] = mapped_column(Integer, default=1)
    kind: Mapped[LibraryKind] = mapped_column(enum_column(LibraryKind))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    agency_code: Mapped[str] = mapped_column(String(20), default="", server_default="")
    """機關代碼 (the 公文系統's code of this agency), for the DI file; empty when not known."""
    agency_code_source: Mapped[str] = mapped_column(String(200), default="", server_default="")
    """Where the officer found the code (「公文系統通訊錄，115年12月」): a code is never guessed."""

    def audit_label(self) -> str:
        return self.name


class SalesStore(Audited, Versioned, Timestamped, Base):
    """展售門市."""

    __tablename__ = "sales_stores"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    postcode: Mapped[str] = mapped_column(String(10), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    url: Mapped[str] = mapped_column(String(200), default="")
    contact: Mapped[str] = mapped_column(String(60), default="")
    commission_percent: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal("0"))
    """折扣/佣金 as a percentage of list price (§7: at most 40 unless by public selection)."""
    first_edition_quantity: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")

    def audit_label(self) -> str:
        return self.name
