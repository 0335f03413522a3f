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
