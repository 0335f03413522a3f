"""F1 opens the user guide at the page shown; the guide searches; every page has a section."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from app.guide import load_guide
from ui.mainwindow import PAGE_KEYS


def test_every_navigation_page_has_a_guide_section() -> None:
    for language in ("zh_TW", "en"):
        pages = {s.page for s in load_guide(language)}
        assert set(PAGE_KEYS) <= pages


def test_f1_opens_the_section_of_the_page_shown(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, _db, _ = make_window()
    bound = [a for a in window.findChildren(type(window.menuBar().actions()[0]))
             if a.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)]
    assert bound, "F1 is bound"
    window.show_page("numbering")
    guide = window.show_guide()
    qtbot.addWidget(guide)
    assert guide.current_page() == "numbering"
    assert "CIP" in guide.text.toPlainText()
    window.show_page("consignment")
    bound[0].trigger()
    assert guide.current_page() == "consignment"
    assert "40%" in guide.text.toPlainText()


def test_searching_the_guide(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, _db, _ = make_window()
    guide = window.show_guide()
    qtbot.addWidget(guide)
    guide.query.setText("回執")
    titles = [guide.contents.item(r).text() for r in range(guide.contents.count())]
    assert titles[0] == "寄存"
    assert "回執" in guide.text.toPlainText()
    guide.query.setText("完全不存在的字")
    assert guide.contents.count() == 0
    assert "完全不存在的字" in guide.text.toPlainText()
    guide.query.clear()
    assert guide.contents.count() == len(load_guide("zh_TW"))
    assert guide.contents.currentItem().data(Qt.ItemDataRole.UserRole) == "overview"
