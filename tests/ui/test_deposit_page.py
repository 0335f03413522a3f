"""Plan, print (to PDF) and mark a deposit sent; the item's status changes."""

from __future__ import annotations

from app.demo import build_sample
from app.models import PublicationStatus
from app.services.publications import publication_data
from tests.pdf_helpers import pdf_text
from tests.ui.conftest import pick_publication


def test_plan_print_and_mark_sent(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, db, _ = make_window()
    sample = build_sample(db)
    window.hub.announce("publications")
    window.show_page("deposit")
    page = window.deposit
    pick_publication(page.publication, sample.books[0])
    page.make_plan()
    assert page.table.rowCount() == 7
    assert "8" in page.total.text()

    page.table.selectRow(4)
    page.copies.setValue(3)
    page.change_copies()
    assert "說明原因" in page.error.text()
    page.reason.setText("市府要求")
    page.change_copies()
    assert page.table.item(4, 3).text() == "3"

    page.letters.setChecked(True)
    page.write_documents()
    qtbot.waitUntil(lambda: window.current_page_key() == "viewer", timeout=20000)
    assert "出版品寄存清單" in pdf_text(window.viewer.pdf_path)
    labels = window.viewer.pdf_path.with_name("寄存標籤.pdf")
    assert "國家圖書館 館藏發展及書目管理組 收" in pdf_text(labels)

    window.show_page("deposit")
    page.table.selectAll()
    page.carrier.setText("中華郵政")
    page.mark_sent()
    with db.session() as session:
        data, _ = publication_data(session, sample.books[0])
    assert data.status is PublicationStatus.DEPOSITED
    assert page.table.item(0, 6).text() == "中華郵政"
    page.unsent_only.setChecked(True)
    assert page.table.rowCount() == 0


def test_libraries_are_editable(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from app.services.reference import list_libraries
    from ui.pages.library_dialog import LibraryDialog

    window, db, _ = make_window()
    dialog = LibraryDialog(db, window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 7
    dialog.table.item(4, 3).setText("臺北市大安區建國南路二段125號（新址）")
    dialog.table.item(4, 8).setCheckState(dialog.table.item(4, 8).checkState().Checked)
    dialog._append(None, dialog.row_data(0).__class__(""))
    dialog.table.item(7, 0).setText("國立臺灣大學圖書館")
    dialog.table.item(7, 5).setText("x")
    dialog.save()
    assert "整數" in dialog.error.text()
    dialog.table.item(7, 5).setText("1")
    dialog.save()
    assert dialog.result() == LibraryDialog.DialogCode.Accepted
    with db.session() as session:
        libraries = {d.name: d for _i, d in list_libraries(session)}
    assert libraries["臺北市立圖書館"].address.endswith("（新址）")
    assert libraries["臺北市立圖書館"].verified
    assert "國立臺灣大學圖書館" in libraries
