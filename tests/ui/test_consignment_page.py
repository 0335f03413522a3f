"""A list for a store printed in both copies, a June settlement, the overdue flag."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QSpinBox

from app.demo import build_sample
from tests.pdf_helpers import page_count, pdf_text
from tests.ui.conftest import pick_publication


def test_list_both_copies_june_settlement_overdue(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, db, _ = make_window()
    sample = build_sample(db)
    window.hub.announce("publications")
    window.show_page("consignment")
    page = window.consignment
    assert page.store.currentText() == "國家書店松江門市"
    pick_publication(page.list_publication, sample.books[0])
    page.list_copies.setValue(30)
    page.list_sample.setChecked(True)
    page.add_title()
    assert page.titles.rowCount() == 1
    assert page.list_publication.current_id() is None, "ready for the next title"
    last_year = date.today().year - 1
    page.supply_date.setDate(date(last_year, 3, 2))
    page.contact.setText("林怡君")
    page.make_list()
    qtbot.waitUntil(lambda: window.current_page_key() == "viewer", timeout=20000)
    pdf = window.viewer.pdf_path
    assert page_count(pdf) == 2
    text = pdf_text(pdf)
    assert "機關留存聯" in text
    assert "展售門市聯" in text
    assert "30（另附樣品1冊）" in text

    window.show_page("consignment")
    assert page.stock.rowCount() == 1
    assert [page.stock.item(0, c).text() for c in (1, 4, 5)] == ["30", "30", "1"]
    # Last year's June settlement: due on 30 August last year, so overdue whatever today is.
    page.period.setCurrentIndex(page.period.findData(f"{last_year}-06-30"))
    assert page.period.currentIndex() >= 0
    sold = page.sold.cellWidget(0, 2)
    assert isinstance(sold, QSpinBox)
    sold.setValue(12)
    page.commission.setValue(45)
    page.record_settlement()
    assert "40%" in page.error.text(), "the 40 % rule refuses without a contract basis"
    page.commission.setValue(35)
    page.record_settlement()
    assert page.error.text() == ""
    assert page.history.rowCount() == 1
    # 12 × 450 = 5400; 35 % = 1890; net 3510.
    assert [page.history.item(0, c).text() for c in (2, 3, 4)] == ["5400", "1890", "3510"]
    assert page.history.item(0, 7).text() == "逾期未收 3510"
    assert page.stock.item(0, 4).text() == "18"
    assert not page.public_selection.isChecked()

    # A second settlement for the same store and period is refused unless it corrects.
    page.sold.cellWidget(0, 2).setValue(1)
    page.record_settlement()
    assert "已經登錄過了" in page.error.text()
    assert page.history.rowCount() == 1

    # Paid in parts: NT$1 is not 「已收款」.
    page.history.selectRow(0)
    page.amount.setValue(1)
    page.record_payment()
    assert page.history.item(0, 7).text() == "逾期未收 3509"
    assert page.history.item(0, 6).text().startswith("1（")
    page.history.selectRow(0)
    page.amount.setValue(3509)
    page.record_payment()
    assert page.history.item(0, 7).text() == "已收款"
