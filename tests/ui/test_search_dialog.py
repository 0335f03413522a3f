"""Ctrl+K: type, Enter, and the record opens on its page."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from app.demo import build_sample
from ui.search_dialog import SearchDialog


def test_search_everything_opens_the_record(make_window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window, db, _ = make_window()
    sample = build_sample(db)
    actions = [a for a in window.findChildren(type(window.menuBar().actions()[0]))
               if a.shortcut() == QKeySequence("Ctrl+K")]
    assert actions, "Ctrl+K is bound"
    dialog = SearchDialog(db, window)
    qtbot.addWidget(dialog)
    dialog.query.setText("中小企業白皮書")
    dialog.open_first()
    assert dialog.chosen is not None
    assert dialog.chosen.record_id == sample.books[1]
    monkeypatch.setattr(SearchDialog, "exec", lambda self: (
        self.query.setText("中小企業白皮書"), self.open_first(), self.result())[-1])
    window.search_everything()
    assert window.current_page_key() == "publications"
    assert window.publications.current_id == sample.books[1]


def test_all_changes_lists_filters_and_opens_a_publication(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from ui.audit_dialog import AuditDialog

    window, db, _ = make_window()
    sample = build_sample(db)
    dialog = AuditDialog(db, window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() > 10
    dialog.entity.setCurrentIndex(dialog.entity.findData("publications"))
    rows = dialog.table.rowCount()
    assert 0 < rows < 500
    assert all(dialog.table.item(r, 2).text() == "出版品" for r in range(rows))
    dialog.text.setText("中小企業白皮書")
    dialog.reload()
    assert dialog.table.rowCount() >= 1
    opened: list[int] = []
    dialog.open_publication.connect(opened.append)
    dialog.show()
    dialog.table.setCurrentCell(0, 0)  # arrows choose, Enter opens (issue 33, finding 7) —
    dialog.table.setFocus()  # and only opens: no default button is pressed with it
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert opened == [sample.books[1]]
    assert dialog.isVisible()
    dialog.text.setText("完全不存在的字串")
    dialog.reload()
    assert dialog.table.rowCount() == 0
    assert not dialog.more.isEnabled()


def test_ctrl_k_says_how_many_shows_all_and_follows_the_arrows(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Issue 33 finding 7: 「找到 20 筆」 when 103 matched, arrows that did not move, Enter that
    always opened the first hit."""
    from PySide6.QtCore import Qt

    from app.services.units import UnitData, save_unit
    from tests.app.factories import add_book

    window, db, _ = make_window()
    with db.session() as session:
        unit = save_unit(session, UnitData("經濟部"))
    for n in range(103):
        add_book(db, unit, f"統計年報第{n}輯", gpn=None)
    dialog = SearchDialog(db, window)
    qtbot.addWidget(dialog)
    dialog.query.setText("統計年報")
    dialog.search_now()
    assert dialog.results.count() == 20
    assert dialog.status.text() == "顯示 20 筆，共 103 筆。"
    assert dialog.show_all.isVisibleTo(dialog)
    dialog.show_all.click()
    assert dialog.results.count() == 103
    assert dialog.status.text() == "找到 103 筆。"
    assert not dialog.show_all.isVisibleTo(dialog)
    qtbot.keyClick(dialog.query, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.query, Qt.Key.Key_Down)
    assert dialog.results.currentRow() == 2
    wanted = dialog.results.currentItem().data(Qt.ItemDataRole.UserRole)
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert dialog.chosen == wanted
