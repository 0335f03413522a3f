"""An ISBN application from draft to assigned, through the numbering page."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.models import ApplicationKind, ApplicationStatus
from app.services.publication_rules import PublicationData
from app.services.publications import create_publication, publication_data
from app.services.units import UnitData, save_unit
from tests.pdf_factory import Builder
from tests.pdf_helpers import pdf_text
from tests.ui.conftest import pick_publication


def _page_with_a_book(make_window):  # type: ignore[no-untyped-def]
    """The numbering page showing a book with a GPN (臺灣產業年報, 1011500057)."""
    window, db, _ = make_window()
    with db.session() as session:
        unit = save_unit(session, UnitData("經濟部產業發展署", phone="(02)2321-2200"))
        book = create_publication(session, PublicationData(
            unit_id=unit, title="臺灣產業年報", published_year=2026, published_month=8,
            price_ntd=450, gpn="1011500057")).id
    window.hub.announce("publications")
    window.show_page("numbering")
    page = window.numbering
    pick_publication(page.publication, book, "年報")
    return window, db, page, book


def test_application_from_draft_to_assigned(make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, db, page, book = _page_with_a_book(make_window)
    plan = {page.plan.item(r, 0).text(): page.plan.item(r, 1).text()
            for r in range(page.plan.rowCount())}
    assert plan == {"GPN": "需要", "ISBN": "需要", "CIP": "可選"}
    assert page.sheet.item(1, 1).text() == "臺灣產業年報"
    qtbot.mouseClick(page.sheet.cellWidget(1, 2), Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == "臺灣產業年報"

    page.kind.set_value(ApplicationKind.ISBN_CIP)
    page.new_application()
    assert page.applications.rowCount() == 1
    assert page.parts.rowCount() == 4
    assert not page.status_buttons[ApplicationStatus.SUBMITTED].isEnabled()

    page.move_to(ApplicationStatus.READY)
    assert "還缺" in page.error.text(), "not ready while uploads are missing"

    builder = Builder()
    for _ in range(10):
        builder.page(b"")
    source = builder.save(tmp_path / "book.pdf")
    page.source.setText(str(source))
    for row, pages in enumerate(("1", "2", "3-4", "5")):
        page.parts.item(row, 1).setText(pages)
    page.cut_parts()  # in the worker, with the progress dialog
    qtbot.waitUntil(lambda: page.missing.text() == "所有上傳資料都已備妥。", timeout=10_000)
    page.move_to(ApplicationStatus.READY)
    page.registration.setText("R1150099")
    page.move_to(ApplicationStatus.SUBMITTED)
    page.assigned.setText("9789860000000")
    page.move_to(ApplicationStatus.ASSIGNED)
    assert "檢查碼錯誤" in page.error.text()
    page.assigned.setText("978-986-00-0000-9")
    page.move_to(ApplicationStatus.ASSIGNED)
    assert page.error.text() == ""
    assert page.applications.item(0, 2).text() == "已核發"
    with db.session() as session:
        data, _ = publication_data(session, book)
    assert data.isbn == "9789860000009"

    page.write_copyright()  # in the worker
    qtbot.waitUntil(lambda: window.current_page_key() == "viewer", timeout=10_000)
    assert "ISBN：978-986-00-0000-9" in pdf_text(window.viewer.pdf_path)
    window.show_page("numbering")
    page.write_barcode()
    assert "ISBN 978-986-00-0000-9" in pdf_text(window.viewer.pdf_path)


def test_a_number_the_book_has_is_only_replaced_when_the_officer_says_so(  # type: ignore[no-untyped-def]
        make_window, monkeypatch, modal_dialogs) -> None:
    from PySide6.QtWidgets import QMessageBox

    _window, db, page, book = _page_with_a_book(make_window)
    page.kind.set_value(ApplicationKind.GPN)
    page.new_application()  # the box is answered 「保留號碼」 (modal_dialogs: no button clicked)
    assert page.applications.rowCount() == 0
    assert any("已有 GPN 1011500057" in text for _kind, text in modal_dialogs)
    asked: list[str] = []

    def correct(box: QMessageBox) -> int:
        asked.append(box.text())
        button = next(b for b in box.buttons() if b.text() in ("申請更正", "更正號碼"))
        button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", correct)
    page.new_application()
    assert page.applications.rowCount() == 1
    for status in (ApplicationStatus.READY, ApplicationStatus.SUBMITTED):
        page.move_to(status)
    page.assigned.setText("1011500058")
    page.move_to(ApplicationStatus.ASSIGNED)
    assert "1011500057 → 1011500058" in asked[-1]
    with db.session() as session:
        data, _ = publication_data(session, book)
    assert data.gpn == "1011500058"
    assert page.applications.item(0, 2).text() == "已核發"
