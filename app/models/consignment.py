"""委託統籌展售 (§7–8, 附件一) — consignment lists, shipments and returns with samples apart,
half-yearly settlements, and price calculations (§6). Money is whole NT$."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Audited, Base, Versioned, enum_column, utcnow
from app.models.enums import LabelledEnum
from app.models.reference import SalesStore


class ShipmentKind(LabelledEnum):
    """Books going to the store, or coming back."""

    SUPPLY = "supply"
    RETURN = "return"

    @property
    def label(self) -> str:
        return "供貨" if self is ShipmentKind.SUPPLY else "退書"


class FreightPayer(LabelledEnum):
    """§8(三): first shipment the agency; later shipments and returns the store, unless agreed."""

    AGENCY = "agency"
    STORE = "store"
    AGREED = "agreed"

    @property
    def label(self) -> str:
        return {"agency": "機關", "store": "門市", "agreed": "另行議定"}[self.value]


class ConsignmentList(Audited, Versioned, Base):
    """政府出版品委託統籌展售清單 (附件一): one supply to one store."""

    __tablename__ = "consignment_lists"

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("sales_stores.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("publishing_units.id"), index=True)
    supply_date: Mapped[date] = mapped_column(Date)
    contact_name: Mapped[str] = mapped_column(String(60), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    store: Mapped[SalesStore] = relationship()
    shipments: Mapped[list[Shipment]] = relationship(back_populates="consignment_list",
                                                     order_by="Shipment.id")

    def audit_label(self) -> str:
        return f"展售清單 {self.supply_date}"


class Shipment(Audited, Base):
    """Copies of one title to (or back from) one store; a sample is counted apart."""

    __tablename__ = "shipments"

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("sales_stores.id"), index=True)
    publication_id: Mapped[int] = mapped_column(ForeignKey("publications.id", ondelete="CASCADE"),
                                                index=True)
    list_id: Mapped[int | None] = mapped_column(
        ForeignKey("consignment_lists.id", ondelete="SET NULL"), index=True)
    kind: Mapped[ShipmentKind] = mapped_column(enum_column(ShipmentKind))
    shipped_on: Mapped[date] = mapped_column(Date)
    quantity: Mapped[int] = mapped_column(Integer)
    """Copies counted in stock (samples are not)."""
    samples: Mapped[int] = mapped_column(Integer, default=0)
    freight_payer: Mapped[FreightPayer] = mapped_column(enum_column(FreightPayer))
    note: Mapped[str] = mapped_column(Text, default="")

    consignment_list: Mapped[ConsignmentList | None] = relationship(back_populates="shipments")

    def audit_label(self) -> str:
        return f"{self.kind.label} {self.quantity} 冊"


class Settlement(Audited, Versioned, Base):
    """結帳: sales of one half-year at one store; payment due two months after (附件一 註三)."""

    __tablename__ = "settlements"

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("sales_stores.id"), index=True)
    period_end: Mapped[date] = mapped_column(Date)
    commission_percent: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    public_selection: Mapped[bool] = mapped_column(Boolean, default=False)
    """The contract came from public selection / most-advantageous tender (§7 exception)."""
    override_reason: Mapped[str] = mapped_column(Text, default="")
    due_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    store: Mapped[SalesStore] = relationship()
    lines: Mapped[list[SettlementLine]] = relationship(
        back_populates="settlement", cascade="all, delete-orphan", order_by="SettlementLine.id")
    payments: Mapped[list[SettlementPayment]] = relationship(
        back_populates="settlement", cascade="all, delete-orphan",
        order_by="SettlementPayment.id")

    def audit_label(self) -> str:
        return f"結帳 {self.period_end}"


class SettlementLine(Audited, Base):
    """Copies of one title sold in the period, with the money."""

    __tablename__ = "settlement_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    settlement_id: Mapped[int] = mapped_column(
        ForeignKey("settlements.id", ondelete="CASCADE"), index=True)
    publication_id: Mapped[int] = mapped_column(ForeignKey("publications.id"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[int] = mapped_column(Integer)
    gross: Mapped[int] = mapped_column(Integer)
    commission: Mapped[int] = mapped_column(Integer)
    net: Mapped[int] = mapped_column(Integer)

    settlement: Mapped[Settlement] = relationship(back_populates="lines")


class PriceCalculation(Audited, Base):
    """§6: a price worked out from the printing cost, kept with the publication."""

    __tablename__ = "price_calculations"

    id: Mapped[int] = mapped_column(primary_key=True)
    publication_id: Mapped[int] = mapped_column(
        ForeignKey("publications.id", ondelete="CASCADE"), index=True)
    printing_cost: Mapped[int] = mapped_column(Integer)
    """Printing cost per copy, NT$."""
    factors_json: Mapped[str] = mapped_column(Text)
    price: Mapped[int] = mapped_column(Integer)
    arithmetic: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SettlementPayment(Audited, Base):
    """A payment the store made against a settlement; a settlement may be paid in parts."""

    __tablename__ = "settlement_payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    settlement_id: Mapped[int] = mapped_column(
        ForeignKey("settlements.id", ondelete="CASCADE"), index=True)
    paid_on: Mapped[date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    settlement: Mapped[Settlement] = relationship(back_populates="payments")

    def audit_label(self) -> str:
        return f"收款 {self.paid_on} {self.amount} 元"
