"""委託統籌展售 (§6–8, §17, 附件一): consignment lists and shipments (samples apart, freight by
§8(三)), stock per title per store, half-yearly settlements with the 40 % rule (§7), payment
due two months later, and the price calculator (§6). Money is whole NT$, rounded half up."""

from __future__ import annotations

import calendar
import json
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.documents.document_set import document_set
from app.documents.editable import EditableFormats, write_table_documents
from app.documents.model import HeaderCell, Table
from app.errors import NotFoundError, ValidationError
from app.models import (
    ConsignmentList,
    FreightPayer,
    PaymentState,
    PriceCalculation,
    PublicationStatus,
    SalesStore,
    Settlement,
    SettlementLine,
    SettlementPayment,
    Shipment,
    ShipmentKind,
)
from app.rocdate import format_roc_date
from app.services.guard import check_version, touch
from app.services.publications import label_of, load_publication

COMMISSION_LIMIT = Decimal("40")
LIST_NOTES = [
    "註：",
    "一、機關檢送出版品至展售門市時應填具本清單1式2份，1份機關留存備查，1份連同出版品送交展售門市，"
    "並由門市於貨到簽收回傳供書機關，以供核帳。",
    "二、初版之出版品請依下列指定數量送交各展售門市銷售；各展售門市得視銷售情形向機關續批取所需數量。",
    "三、展售門市於每年6月、12月依實際銷售數量辦理結帳，並於2個月內結清帳款。",
]


def money(value: Decimal) -> int:
    """Whole NT$, half up (never float)."""
    return int(value.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def check_commission(percent: Decimal, public_selection: bool, reason: str) -> None:
    """§7: at most 40 % of list price, unless the contract came from public selection or a
    most-advantageous tender — then with its reason recorded."""
    if percent < 0 or percent > 100:
        raise ValidationError.single("commission_percent", "代售酬金比例必須在 0 到 100 之間。")
    if percent > COMMISSION_LIMIT and not (public_selection and reason.strip()):
        raise ValidationError.single(
            "commission_percent",
            f"代售酬金 {percent}% 超過定價的 40%（§7）。只有依政府採購法公開評選或最有利標決標的契約"
            "可以例外，請勾選並寫明契約依據。")


def _store(session: Session, store_id: int) -> SalesStore:
    store = session.get(SalesStore, store_id)
    if store is None:
        raise NotFoundError(f"找不到編號 {store_id} 的展售門市。")
    return store


def _shipped_before(session: Session, store_id: int, publication_id: int) -> bool:
    return session.scalar(select(Shipment.id).where(
        Shipment.store_id == store_id, Shipment.publication_id == publication_id,
        Shipment.kind == ShipmentKind.SUPPLY).limit(1)) is not None


@dataclass(frozen=True)
class ListItem:
    """A row of a consignment list."""

    publication_id: int
    quantity: int
    sample: bool = False


def create_list(session: Session, store_id: int, supply_date: date, items: list[ListItem],
                contact_name: str = "", freight_agreed: bool = False) -> int:
    """附件一: supply titles to a store. The first shipment of a title is the agency's freight
    and may carry one 「樣品」 copy (not in stock); later ones are the store's unless agreed.

    The agency on the list is the publishing unit of the titles; one list has one agency, so
    titles of different units go on separate lists."""
    _store(session, store_id)
    if not items:
        raise ValidationError.single("items", "清單至少要有一種出版品。")
    units = {load_publication(session, item.publication_id).unit_id for item in items}
    if len(units) > 1:
        raise ValidationError.single("items", "清單上的出版品屬於不同機關；每個機關請各建一份清單。")
    consignment = ConsignmentList(store_id=store_id, unit_id=units.pop(),
                                  supply_date=supply_date, contact_name=contact_name.strip())
    session.add(consignment)
    session.flush()
    for item in items:
        pub = load_publication(session, item.publication_id)
        if not pub.gpn or pub.price_ntd is None:
            raise ValidationError.single("items", f"「{label_of(pub)}」需要 GPN 與定價才能送展售門市。")
        if item.quantity < 1:
            raise ValidationError.single("items", f"「{label_of(pub)}」的數量至少為 1。")
        first = not _shipped_before(session, store_id, pub.id)
        if item.sample and not first:
            raise ValidationError.single("items", f"「{label_of(pub)}」不是首次送這家門市，不能再附樣品（§8(二)）。")
        payer = FreightPayer.AGENCY if first else (FreightPayer.AGREED if freight_agreed
                                                   else FreightPayer.STORE)
        session.add(Shipment(store_id=store_id, publication_id=pub.id, list_id=consignment.id,
                             kind=ShipmentKind.SUPPLY, shipped_on=supply_date,
                             quantity=item.quantity, samples=1 if item.sample else 0,
                             freight_payer=payer))
        if pub.status in (PublicationStatus.PRINTED, PublicationStatus.DEPOSITED):
            pub.status = PublicationStatus.ON_SALE
        session.flush()
    return consignment.id


@dataclass(frozen=True)
class StockRow:
    """Stock of one title at one store."""

    store_id: int
    store: str
    publication_id: int
    title: str
    supplied: int
    sold: int
    returned: int
    samples: int

    @property
    def on_hand(self) -> int:
        """Copies at the store that can be sold (samples apart)."""
        return self.supplied - self.sold - self.returned


def stock(session: Session, store_id: int | None = None) -> list[StockRow]:
    """Supplied, sold, returned, on hand and samples, per title per store."""
    moved = select(Shipment.store_id, Shipment.publication_id, Shipment.kind,
                   func.sum(Shipment.quantity), func.sum(Shipment.samples)).group_by(
        Shipment.store_id, Shipment.publication_id, Shipment.kind)
    sold = select(Settlement.store_id, SettlementLine.publication_id,
                  func.sum(SettlementLine.quantity)).join(Settlement).group_by(
        Settlement.store_id, SettlementLine.publication_id)
    totals: dict[tuple[int, int], dict[str, int]] = {}
    for store, pub, kind, quantity, samples in session.execute(moved):
        entry = totals.setdefault((store, pub), {"supplied": 0, "returned": 0, "sold": 0,
                                                 "samples": 0})
        if kind is ShipmentKind.SUPPLY:
            entry["supplied"] += int(quantity or 0)
            entry["samples"] += int(samples or 0)
        else:
            entry["returned"] += int(quantity or 0)
    for store, pub, quantity in session.execute(sold):
        totals.setdefault((store, pub), {"supplied": 0, "returned": 0, "sold": 0,
                                         "samples": 0})["sold"] += int(quantity or 0)
    rows = []
    for (store, pub), entry in sorted(totals.items()):
        if store_id is not None and store != store_id:
            continue
        rows.append(StockRow(store, _store(session, store).name, pub,
                             load_publication(session, pub).title, entry["supplied"],
                             entry["sold"], entry["returned"], entry["samples"]))
    return rows


def _on_hand(session: Session, store_id: int, publication_id: int) -> int:
    return next((r.on_hand for r in stock(session, store_id)
                 if r.publication_id == publication_id), 0)


def record_return(session: Session, store_id: int, publication_id: int, quantity: int,
                  on: date, freight_payer: FreightPayer = FreightPayer.STORE) -> int:
    """退書: copies back from the store (never more than it holds)."""
    available = _on_hand(session, store_id, publication_id)
    if not 1 <= quantity <= available:
        raise ValidationError.single("quantity", f"退書數量應在 1 到 {available} 冊之間（門市現有庫存）。")
    shipment = Shipment(store_id=store_id, publication_id=publication_id,
                        kind=ShipmentKind.RETURN, shipped_on=on, quantity=quantity,
                        freight_payer=freight_payer)
    session.add(shipment)
    session.flush()
    return shipment.id


def settlement_period_end(on: date) -> date:
    """The settlement a day belongs to: 30 June or 31 December of its half-year."""
    return date(on.year, 6, 30) if on.month <= 6 else date(on.year, 12, 31)


def add_months(day: date, months: int) -> date:
    """Same day `months` later, clamped to the month's end (31 Dec + 2 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_date(period_end: date) -> date:
    """附件一 註三: accounts settled within two months of the settlement."""
    return add_months(period_end, 2)


def record_settlement(session: Session, store_id: int, period_end: date,
                      sales: dict[int, int], commission_percent: Decimal | None = None,
                      public_selection: bool = False, reason: str = "",
                      correct: bool = False) -> int:
    """結帳 on actual sales in June or December: one per store and period. A second one for
    the same store and period is refused unless `correct` is True: then it replaces the
    earlier one, whose payments carry over to it."""
    store = _store(session, store_id)
    if (period_end.month, period_end.day) not in ((6, 30), (12, 31)):
        raise ValidationError.single("period_end", "結帳日應為 6 月 30 日或 12 月 31 日（附件一 註三）。")
    percent = store.commission_percent if commission_percent is None else commission_percent
    check_commission(Decimal(percent), public_selection, reason)
    if not any(quantity > 0 for quantity in sales.values()):
        raise ValidationError.single("sales", "請輸入至少一種出版品的銷售數量。")
    earlier = session.scalars(select(Settlement).where(
        Settlement.store_id == store_id, Settlement.period_end == period_end)).all()
    if earlier and not correct:
        raise ValidationError.single(
            "period_end", f"「{store.name}」{format_roc_date(period_end)}的結帳已經登錄過了。"
                          "若要更正，請勾選「更正這一期的結帳」後再登錄，舊的結帳會被取代，已收款項保留。")
    carried = [(p.paid_on, p.amount) for old in earlier for p in old.payments]
    for old in earlier:
        session.delete(old)
    session.flush()
    settlement = Settlement(store_id=store_id, period_end=period_end,
                            commission_percent=Decimal(percent),
                            public_selection=public_selection, override_reason=reason.strip(),
                            due_on=due_date(period_end))
    for publication_id, quantity in sales.items():
        if quantity <= 0:
            continue
        pub = load_publication(session, publication_id)
        available = _on_hand(session, store_id, publication_id)
        if quantity > available:
            raise ValidationError.single(
                "sales", f"「{label_of(pub)}」銷售 {quantity} 冊超過門市庫存 {available} 冊。")
        price = int(pub.price_ntd or 0)
        gross = price * quantity
        commission = money(Decimal(gross) * Decimal(percent) / 100)
        settlement.lines.append(SettlementLine(publication_id=publication_id, quantity=quantity,
                                               unit_price=price, gross=gross,
                                               commission=commission, net=gross - commission))
    for paid_on, amount in carried:
        settlement.payments.append(SettlementPayment(paid_on=paid_on, amount=amount))
    session.add(settlement)
    session.flush()
    return settlement.id


def _net(settlement: Settlement) -> int:
    return sum(line.net for line in settlement.lines)


def record_payment(session: Session, settlement_id: int, on: date, amount: int) -> None:
    """The store paid `amount` (all or part of what is outstanding)."""
    settlement = session.get(Settlement, settlement_id)
    if settlement is None:
        raise NotFoundError(f"找不到編號 {settlement_id} 的結帳資料。")
    if amount <= 0:
        raise ValidationError.single("amount", "請輸入收到的金額（大於 0 元）。")
    outstanding = _net(settlement) - sum(p.amount for p in settlement.payments)
    if amount > outstanding:
        raise ValidationError.single(
            "amount", f"收款 {amount:,} 元超過尚未收取的 {max(outstanding, 0):,} 元，請核對金額。")
    settlement.payments.append(SettlementPayment(paid_on=on, amount=amount))
    session.flush()


@dataclass(frozen=True)
class SettlementRow:
    """A settlement with its totals, what was received and what is outstanding."""

    id: int
    store: str
    period_end: date
    gross: int
    commission: int
    net: int
    due_on: date
    received: int
    last_paid_on: date | None
    outstanding: int
    state: PaymentState

    @property
    def overdue(self) -> bool:
        """Money outstanding after the due date."""
        return self.state is PaymentState.OVERDUE


def settlements(session: Session, today: date) -> list[SettlementRow]:
    """Every settlement, newest first; overdue while anything is outstanding after its due
    date, 部分收款 while part is paid, 已收款 only when the whole net amount is in."""
    rows = []
    for s in session.scalars(select(Settlement).order_by(Settlement.period_end.desc(),
                                                         Settlement.id.desc())):
        gross = sum(line.gross for line in s.lines)
        commission = sum(line.commission for line in s.lines)
        net = gross - commission
        received = sum(p.amount for p in s.payments)
        outstanding = max(net - received, 0)
        state = (PaymentState.PAID if outstanding == 0 else
                 PaymentState.OVERDUE if today > s.due_on else
                 PaymentState.PARTLY_PAID if received else PaymentState.WAITING)
        rows.append(SettlementRow(s.id, s.store.name, s.period_end, gross, commission, net,
                                  s.due_on, received,
                                  max((p.paid_on for p in s.payments), default=None),
                                  outstanding, state))
    return rows


def consignment_list_tables(session: Session, list_id: int) -> list[Table]:
    """附件一, twice: the agency's copy and the store's copy (1式2份)."""
    consignment = session.get(ConsignmentList, list_id)
    if consignment is None:
        raise NotFoundError(f"找不到編號 {list_id} 的展售清單。")
    from app.models import PublishingUnit

    unit = session.get(PublishingUnit, consignment.unit_id)
    assert unit is not None
    rows = []
    for shipment in consignment.shipments:
        pub = load_publication(session, shipment.publication_id)
        quantity = str(shipment.quantity) + ("（另附樣品1冊）" if shipment.samples else "")
        rows.append([pub.gpn or "", pub.title, f"{pub.price_ntd}", quantity])
    lines = [f"出版機關／單位：{unit.full_name}", f"聯絡人：{consignment.contact_name}",
             f"電話：{unit.phone}", f"傳真：{unit.fax}", f"地址：{unit.postcode}{unit.address}",
             f"展售門市：{consignment.store.name}",
             f"供貨日期：{format_roc_date(consignment.supply_date)}"]
    sign_off = ["", f"政府出版品展售門市：{consignment.store.name}　簽收：＿＿＿＿＿＿＿＿",
                "聯絡人：＿＿＿＿＿＿＿＿　日期：＿＿＿＿＿＿＿＿", ""]
    return [Table(f"政府出版品委託統籌展售清單（{copy}）",
                  [[HeaderCell("GPN"), HeaderCell("出版品名稱"), HeaderCell("定價"),
                    HeaderCell("數量")]], rows, column_widths=[10, 30, 6, 10],
                  lines_above=lines, notes=sign_off + LIST_NOTES, landscape=False,
                  copy_label=copy)
            for copy in ("機關留存聯", "展售門市聯")]


@dataclass(frozen=True)
class PriceFactors:
    """§6: what raises or lowers the price from the printing cost (percent of cost)."""

    royalty: Decimal = Decimal("0")
    management: Decimal = Decimal("0")
    consignment: Decimal = Decimal("0")
    storage_freight: Decimal = Decimal("0")
    special_purpose: Decimal = Decimal("0")
    """May be negative (e.g. a promotional price)."""


def calculate_price(printing_cost: int, factors: PriceFactors) -> tuple[int, list[str]]:
    """Price = cost × (1 + sum of the factors), rounded up to the next NT$10; with the
    arithmetic in words."""
    if printing_cost <= 0:
        raise ValidationError.single("printing_cost", "每冊印製成本必須大於 0。")
    named = [("版稅", factors.royalty), ("管銷費用", factors.management),
             ("委託代售費用", factors.consignment), ("倉儲運費", factors.storage_freight),
             ("特殊使用目的", factors.special_purpose)]
    total = sum((value for _n, value in named), Decimal("0"))
    raw = Decimal(printing_cost) * (1 + total / 100)
    if raw <= 0:
        raise ValidationError.single("factors", "調整後的價格必須大於 0。")
    price = int((raw / 10).to_integral_value(rounding="ROUND_CEILING")) * 10
    steps = [f"每冊印製成本 {printing_cost} 元"]
    steps += [f"{name} {value:+}%" for name, value in named if value]
    steps.append(f"合計調整 {total:+}% → {printing_cost} × {1 + total / 100} = {raw:.2f} 元")
    steps.append(f"取整至十元：定價 {price} 元")
    return price, steps


def save_price(session: Session, publication_id: int, printing_cost: int,
               factors: PriceFactors, apply: bool = False) -> int:
    """Keep the calculation with the publication (and make it the price when `apply`)."""
    price, steps = calculate_price(printing_cost, factors)
    pub = load_publication(session, publication_id)
    record = PriceCalculation(publication_id=publication_id, printing_cost=printing_cost,
                              factors_json=json.dumps({k: str(v) for k, v in
                                                       vars(factors).items()}),
                              price=price, arithmetic="\n".join(steps))
    session.add(record)
    if apply:
        pub.price_ntd = price
    session.flush()
    return price


def stock_table(rows: list[StockRow], on: date) -> Table:
    """庫存表."""
    return Table("展售庫存表", [[HeaderCell(h) for h in ("門市", "出版品", "供貨", "售出", "退書",
                                                     "現有", "樣品")]],
                 [[r.store, r.title, str(r.supplied), str(r.sold), str(r.returned),
                   str(r.on_hand), str(r.samples)] for r in rows],
                 column_widths=[12, 24, 5, 5, 5, 5, 5],
                 lines_above=[f"日期：{format_roc_date(on)}"])


def settlement_table(session: Session, settlement_id: int) -> Table:
    """結帳單 of one settlement."""
    s = session.get(Settlement, settlement_id)
    if s is None:
        raise NotFoundError(f"找不到編號 {settlement_id} 的結帳資料。")
    rows = [[load_publication(session, line.publication_id).title, str(line.quantity),
             str(line.unit_price), str(line.gross), str(line.commission), str(line.net)]
            for line in s.lines]
    gross = sum(line.gross for line in s.lines)
    commission = sum(line.commission for line in s.lines)
    rows.append(["合計", "", "", str(gross), str(commission), str(gross - commission)])
    return Table(f"展售結帳單（{s.store.name}）",
                 [[HeaderCell(h) for h in ("出版品", "售出冊數", "定價", "銷售總額", "代售酬金",
                                           "應收淨額")]], rows,
                 column_widths=[24, 6, 6, 8, 8, 8], key_columns=(0,),
                 lines_above=[f"結帳期間截止：{format_roc_date(s.period_end)}",
                              f"代售酬金比例：{s.commission_percent}%",
                              f"付款期限：{format_roc_date(s.due_on)}"],
                 landscape=False)


def write_consignment_list(session: Session, list_id: int, folder: Path,
                           formats: EditableFormats | None = None) -> list[Path]:
    """附件一 in both copies: one PDF with both, and per copy the editable formats Settings
    asks for (ODT/ODS and/or DOCX/XLSX)."""
    from app.documents.pdf_writer import write_tables_pdf

    tables = consignment_list_tables(session, list_id)
    # All or nothing, the PDF first (app.documents.document_set).
    with document_set(folder, "委託統籌展售清單") as written:
        paths = [write_tables_pdf(tables, written.stage / "委託統籌展售清單.pdf")]
        for table, copy in zip(tables, ("機關留存聯", "展售門市聯"), strict=True):
            paths += write_table_documents(table, written.stage / f"委託統籌展售清單-{copy}",
                                           formats or EditableFormats(), copy)
    return written.finals(paths)


@dataclass(frozen=True)
class StoreTerms:
    """What the officer keeps per store (§7, 附件一 註二)."""

    contact: str
    commission_percent: Decimal
    first_edition_quantity: int
    public_selection: bool = False
    contract_reason: str = ""


def save_store_terms(session: Session, store_id: int, terms: StoreTerms, *,
                     expected_version: int) -> None:
    """Store the contact, commission (40 % rule) and first-edition quantity (refused if the
    store was saved elsewhere since `expected_version`)."""
    store = _store(session, store_id)
    check_version(store, expected_version, store.name)
    touch(store)
    check_commission(terms.commission_percent, terms.public_selection, terms.contract_reason)
    if terms.first_edition_quantity < 0:
        raise ValidationError.single("first_edition_quantity", "初版送書數量不能是負數。")
    store.contact = terms.contact.strip()
    store.commission_percent = terms.commission_percent
    store.first_edition_quantity = terms.first_edition_quantity
    if terms.commission_percent > COMMISSION_LIMIT:
        store.note = f"公開評選／最有利標契約：{terms.contract_reason.strip()}"
    session.flush()


def store_version(session: Session, store_id: int) -> int:
    """The version to pass back to `save_store_terms`."""
    return _store(session, store_id).row_version


def store_choices(session: Session) -> list[tuple[int, str, Decimal, int, str]]:
    """(id, name, commission %, first-edition quantity, contact) of the active stores."""
    return [(s.id, s.name, s.commission_percent, s.first_edition_quantity, s.contact)
            for s in session.scalars(select(SalesStore).where(SalesStore.active.is_(True))
                                     .order_by(SalesStore.id))]
