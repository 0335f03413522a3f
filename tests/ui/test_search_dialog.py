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
    dialog.open_first()  # Enter right after typing: opens when the search for it ends
    qtbot.waitUntil(lambda: dialog.chosen is not None)
    assert dialog.chosen.record_id == sample.books[1]
    monkeypatch.setattr(SearchDialog, "exec", lambda self: (
        self.query.setText("中小企業白皮書"), self.open_first(),
        qtbot.waitUntil(lambda: self.chosen is not None), self.result())[-1])
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
    qtbot.waitUntil(dialog.is_idle)
    assert dialog.results.count() == 20
    assert dialog.status.text() == "顯示 20 筆，共 103 筆。"
    assert dialog.show_all.isVisibleTo(dialog)
    dialog.show_all.click()
    qtbot.waitUntil(dialog.is_idle)
    assert dialog.results.count() == 103
    assert dialog.status.text() == "找到 103 筆。"
    assert not dialog.show_all.isVisibleTo(dialog)
    qtbot.keyClick(dialog.query, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.query, Qt.Key.Key_Down)
    assert dialog.results.currentRow() == 2
    wanted = dialog.results.currentItem().data(Qt.ItemDataRole.UserRole)
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert dialog.chosen == wanted


def test_ctrl_k_searches_off_the_gui_thread_and_shows_only_the_latest(  # type: ignore[no-untyped-def]
        make_window, qtbot, monkeypatch) -> None:
    """Issue 26: a search read on the GUI thread at every pause in typing. Here the first
    search waits on an event the test holds: the box keeps taking keys, and when it ends its
    hits — for words no longer typed — are not shown over the latest search's."""
    import threading

    from app.services.search import find_everything as real_find
    from ui import search_dialog

    window, db, _ = make_window()
    build_sample(db)
    release = threading.Event()

    def slow_for_the_first(session, text, limit=20):  # type: ignore[no-untyped-def]
        assert threading.current_thread() is not threading.main_thread()
        if text == "季刊":
            release.wait(10)
        return real_find(session, text, limit)

    monkeypatch.setattr(search_dialog, "find_everything", slow_for_the_first)
    dialog = SearchDialog(db, window)
    qtbot.addWidget(dialog)
    dialog.query.setText("季刊")
    dialog.search_now()
    assert dialog.searching, "the search runs while the box answers"
    dialog.query.setText("中小企業白皮書")
    dialog.search_now()
    qtbot.waitUntil(lambda: dialog.results.count() > 0)
    release.set()
    qtbot.waitUntil(dialog.is_idle)
    qtbot.wait(200)  # the first search's end has arrived, and was discarded
    texts = [dialog.results.item(i).text() for i in range(dialog.results.count())]
    assert texts
    assert all("中小企業白皮書" in t for t in texts), texts
