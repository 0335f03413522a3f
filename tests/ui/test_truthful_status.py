"""Issue 33 finding 5: the window tells the truth. A save that fails leaves neither the page's
notice nor the status bar saying 「已儲存。」 of the save before; a page that cannot be built
(the server is down) is the page on screen, saying why, with 「再試一次」 — not the previous page
with a traceback on stderr."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QPushButton

from app.errors import DatabaseError
from app.services.units import UnitData, save_unit
from tests.app.factories import add_book

SERVER_DOWN = "連不到辦公室的資料庫伺服器（測試）。請確認網路後再試。"


def test_a_failed_save_does_not_keep_saying_saved(make_window, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
                                                  ) -> None:
    import ui.pages.publications.page as page_module

    window, db, _ = make_window()
    with db.session() as session:
        unit = save_unit(session, UnitData("經濟部"))
    book = add_book(db, unit, "產業年報")
    window.hub.announce("publishing_units")
    window.hub.announce("publications")
    page = window.publications
    page.open_publication(book)
    page.form.title.setText("產業年報（修訂）")
    page.form.title.textEdited.emit("產業年報（修訂）")
    assert page.save()
    assert window.statusBar().currentMessage().startswith("已儲存")
    assert page.notice.text().startswith("已儲存")

    def down(*_args: object, **_kwargs: object) -> object:
        raise DatabaseError(SERVER_DOWN)

    monkeypatch.setattr(page_module, "update_publication", down)
    page.form.title.setText("產業年報（再修訂）")
    page.form.title.textEdited.emit("產業年報（再修訂）")
    assert not page.save()
    assert "已儲存" not in window.statusBar().currentMessage()
    assert page.notice.text().startswith("尚未儲存")
    assert SERVER_DOWN in page.notice.text()


def test_a_page_that_cannot_be_built_says_why_on_screen(make_window, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    window, _db, _ = make_window()
    window.show_page("publications")
    real = window._build_page

    def down(key: str) -> object:
        raise DatabaseError(SERVER_DOWN)

    monkeypatch.setattr(window, "_build_page", down)
    window.show_page("deposit")
    assert window.current_page_key() == "deposit"
    shown = window.stack.currentWidget()
    assert shown.objectName() == "pageNotBuilt"
    reason = shown.findChild(QLabel, "pageNotBuiltReason")
    assert reason.text().startswith("這一頁無法開啟")
    assert SERVER_DOWN in reason.text()
    assert SERVER_DOWN in window.statusBar().currentMessage()
    assert "Traceback" not in capsys.readouterr().err
    monkeypatch.setattr(window, "_build_page", real)
    retry = next(b for b in shown.findChildren(QPushButton))
    retry.click()
    assert "deposit" in window.pages
    assert window.stack.currentWidget().objectName() != "pageNotBuilt"
