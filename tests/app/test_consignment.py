from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.db import Database
from app.errors import ValidationError
from app.models import FreightPayer, PaymentState, SalesStore, Shipment
from app.services.consignment import (
    ListItem,
    PriceFactors,
    add_months,
    calculate_price,
    check_commission,
    create_list,
    due_date,
    money,
    record_payment,
    record_return,
    record_settlement,
    save_price,
    settlement_period_end,
    settlements,
    stock,
    write_consignment_list,
)
from tests.app.factories import add_book
from tests.pdf_helpers import page_count, pdf_text


@pytest.fixture
def store_id(db: Database) -> int:
    with db.session() as session:
        store = session.query(SalesStore).filter_by(name="國家書店松江門市").one()
        store.commission_percent = Decimal("35")
        return store.id


def test_stock_across_shipments_sales_returns_and_samples(db: Database, unit_id: int,
                                                         store_id: int) -> None:
    book = add_book(db, unit_id, price_ntd=333)
    with db.session() as session:
        create_list(session, store_id, date(2026, 3, 1), [ListItem(book, 20, True)])
        with pytest.raises(ValidationError, match="不能再附樣品"):
            create_list(session, store_id, date(2026, 4, 1), [ListItem(book, 5, True)])
    with db.session() as session:
        create_list(session, store_id, date(2026, 4, 1), [ListItem(book, 10)])
        payers = [s.freight_payer for s in session.query(Shipment).order_by(Shipment.id)]
        assert payers == [FreightPayer.AGENCY, FreightPayer.STORE]
        record_settlement(session, store_id, date(2026, 6, 30), {book: 12})
        record_return(session, store_id, book, 3, date(2026, 7, 2))
        with pytest.raises(ValidationError, match="1 到 15"):
            record_return(session, store_id, book, 16, date(2026, 7, 3))
        row = stock(session, store_id)[0]
    assert (row.supplied, row.sold, row.returned, row.samples, row.on_hand) == (30, 12, 3, 1, 15)


def test_settlement_money_is_whole_dollars_half_up(db: Database, unit_id: int,
                                                  store_id: int) -> None:
    book = add_book(db, unit_id, price_ntd=333)
    with db.session() as session:
        create_list(session, store_id, date(2026, 1, 5), [ListItem(book, 10)])
        settlement = record_settlement(session, store_id, date(2026, 6, 30), {book: 3},
                                       commission_percent=Decimal("33.5"))
        row = settlements(session, date(2026, 7, 1))[0]
    # 999 × 33.5 % = 334.665 → 335; net 664: integers, no float drift.
    assert (row.gross, row.commission, row.net) == (999, 335, 664)
    assert isinstance(row.commission, int)
    assert money(Decimal("0.5")) == 1
    assert money(Decimal("2.5")) == 3
    assert settlement > 0


@pytest.mark.parametrize(("day", "end", "due"), [
    (date(2026, 1, 1), date(2026, 6, 30), date(2026, 8, 30)),
    (date(2026, 6, 30), date(2026, 6, 30), date(2026, 8, 30)),
    (date(2026, 7, 1), date(2026, 12, 31), date(2027, 2, 28)),
    (date(2027, 12, 31), date(2027, 12, 31), date(2028, 2, 29)),  # leap year
])
def test_periods_and_due_dates_across_year_ends(day: date, end: date, due: date) -> None:
    assert settlement_period_end(day) == end
    assert due_date(end) == due
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)


def test_forty_percent_rule_and_its_override(db: Database, unit_id: int, store_id: int) -> None:
    check_commission(Decimal("40"), False, "")
    with pytest.raises(ValidationError, match="40%"):
        check_commission(Decimal("40.01"), False, "")
    with pytest.raises(ValidationError, match="40%"):
        check_commission(Decimal("45"), True, " ")
    check_commission(Decimal("45"), True, "115年度最有利標決標契約")
    book = add_book(db, unit_id)
    with db.session() as session:
        create_list(session, store_id, date(2026, 8, 1), [ListItem(book, 5)])
        with pytest.raises(ValidationError, match="40%"):
            record_settlement(session, store_id, date(2026, 12, 31), {book: 1},
                              commission_percent=Decimal("45"))
        with pytest.raises(ValidationError, match="6 月 30 日或 12 月 31 日"):
            record_settlement(session, store_id, date(2026, 11, 30), {book: 1})
        with pytest.raises(ValidationError, match="超過門市庫存"):
            record_settlement(session, store_id, date(2026, 12, 31), {book: 6})
        record_settlement(session, store_id, date(2026, 12, 31), {book: 1},
                          commission_percent=Decimal("45"), public_selection=True,
                          reason="最有利標決標")


def test_overdue_flag_and_payment(db: Database, unit_id: int, store_id: int) -> None:
    book = add_book(db, unit_id)
    with db.session() as session:
        create_list(session, store_id, date(2026, 2, 1), [ListItem(book, 5)])
        settlement = record_settlement(session, store_id, date(2026, 6, 30), {book: 2})
        assert not settlements(session, date(2026, 8, 30))[0].overdue
        assert settlements(session, date(2026, 8, 31))[0].overdue
        net = settlements(session, date(2026, 9, 1))[0].net
        record_payment(session, settlement, date(2026, 9, 3), net)
        assert not settlements(session, date(2026, 9, 30))[0].overdue


def test_partial_payments_leave_the_rest_outstanding(db: Database, unit_id: int,
                                                     store_id: int) -> None:
    """Defect 7 of issue 12: NT$1 against NT$1,732 used to mark the settlement 已收款."""
    book = add_book(db, unit_id, price_ntd=1332)
    with db.session() as session:
        create_list(session, store_id, date(2026, 2, 1), [ListItem(book, 5)])
        settlement = record_settlement(session, store_id, date(2026, 6, 30), {book: 2})
        row = settlements(session, date(2026, 7, 1))[0]
        assert (row.net, row.state) == (1732, PaymentState.WAITING)
        record_payment(session, settlement, date(2026, 7, 3), 1)
        row = settlements(session, date(2026, 7, 4))[0]
        assert (row.received, row.outstanding, row.state) == (1, 1731, PaymentState.PARTLY_PAID)
        assert settlements(session, date(2026, 9, 1))[0].state is PaymentState.OVERDUE
        with pytest.raises(ValidationError, match="超過尚未收取的 1,731 元"):
            record_payment(session, settlement, date(2026, 7, 5), 1732)
        with pytest.raises(ValidationError, match="大於 0"):
            record_payment(session, settlement, date(2026, 7, 5), 0)
        record_payment(session, settlement, date(2026, 9, 10), 1731)
        row = settlements(session, date(2026, 9, 30))[0]
        assert (row.outstanding, row.state, row.last_paid_on) == (
            0, PaymentState.PAID, date(2026, 9, 10))


def test_one_settlement_per_store_and_period_unless_corrected(db: Database, unit_id: int,
                                                              store_id: int) -> None:
    book = add_book(db, unit_id, price_ntd=100)
    with db.session() as session:
        create_list(session, store_id, date(2026, 2, 1), [ListItem(book, 10)])
        first = record_settlement(session, store_id, date(2026, 6, 30), {book: 2})
        record_payment(session, first, date(2026, 7, 3), 50)
        with pytest.raises(ValidationError, match="已經登錄過了"):
            record_settlement(session, store_id, date(2026, 6, 30), {book: 3})
        corrected = record_settlement(session, store_id, date(2026, 6, 30), {book: 3},
                                      correct=True)
        rows = settlements(session, date(2026, 7, 10))
        assert [r.id for r in rows] == [corrected]
        assert (rows[0].gross, rows[0].received) == (300, 50), "payments carry over"
        assert stock(session, store_id)[0].sold == 3
        # Another period is another settlement.
        record_settlement(session, store_id, date(2026, 12, 31), {book: 1})
        assert len(settlements(session, date(2027, 1, 1))) == 2


def test_list_needs_gpn_and_price_and_prints_two_copies(db: Database, unit_id: int,
                                                       store_id: int, tmp_path: Path) -> None:
    unpriced = add_book(db, unit_id, "非賣品", price_ntd=None, gpn="1011500099")
    book = add_book(db, unit_id)
    with db.session() as session, pytest.raises(ValidationError, match="GPN 與定價"):
        create_list(session, store_id, date(2026, 3, 1), [ListItem(unpriced, 1)])
    with db.session() as session:
        list_id = create_list(session, store_id, date(2026, 3, 1),
                              [ListItem(book, 20, True)], "林怡君")
        files = write_consignment_list(session, list_id, tmp_path)
    pdf = files[0]
    assert page_count(pdf) == 2
    text = pdf_text(pdf)
    for expected in ("機關留存聯", "展售門市聯", "出版機關／單位：經濟部產業發展署",
                     "展售門市：國家書店松江門市", "供貨日期：中華民國115年3月1日", "1011500057",
                     "20（另附樣品1冊）", "簽收", "三、展售門市於每年6月"):
        assert expected in text


def test_price_calculator_shows_its_arithmetic(db: Database, unit_id: int) -> None:
    price, steps = calculate_price(120, PriceFactors(royalty=Decimal("10"),
                                                     management=Decimal("15"),
                                                     consignment=Decimal("40")))
    assert price == 200  # 120 × 1.65 = 198 → 200
    assert steps[-1] == "取整至十元：定價 200 元"
    assert any("版稅 +10%" in s for s in steps)
    book = add_book(db, unit_id, price_ntd=None)
    with db.session() as session:
        assert save_price(session, book, 120, PriceFactors(royalty=Decimal("10")), apply=True) \
            == 140
        from app.models import Publication

        assert session.get(Publication, book).price_ntd == 140
    with pytest.raises(ValidationError):
        calculate_price(0, PriceFactors())


def test_one_list_has_one_agency(db: Database, unit_id: int, store_id: int) -> None:
    from app.services.units import UnitData, save_unit

    with db.session() as session:
        other = save_unit(session, UnitData("經濟部能源署"))
    first = add_book(db, unit_id)
    second = add_book(db, other, "能源統計手冊", gpn="1011500099")
    with db.session() as session, pytest.raises(ValidationError, match="不同機關"):
        create_list(session, store_id, date(2026, 3, 1), [ListItem(first, 1), ListItem(second, 1)])
    with db.session() as session:
        list_id = create_list(session, store_id, date(2026, 3, 1), [ListItem(second, 2)])
        from app.models import ConsignmentList

        assert session.get(ConsignmentList, list_id).unit_id == other
