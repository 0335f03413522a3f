"""Issue 33: "a page to resolve them" — the 號碼重複 window lists the numbers unrelated records
share, is reached from 待辦 at the record and from View, and resolves each the two ways the
rule allows; arrows choose, Enter opens the record; a refusal says why and writes nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox
from sqlalchemy import text

from app.db import Database, number_triggers
from app.models import Publication, PublicationForm
from app.services.agenda import agenda
from app.services.units import UnitData, save_unit
from tests.app.factories import add_book


def _shared(db: Database, unit: int, title: str, gpn: str, **other: object) -> tuple[int, int]:
    first = add_book(db, unit, title, gpn=gpn)
    second = add_book(db, unit, title, **other)
    with db.engine.begin() as conn:
        number_triggers.drop(conn)
        conn.execute(text("UPDATE publications SET gpn = :g WHERE id = :i"),
                     {"g": gpn, "i": second})
        number_triggers.install(conn)
    return first, second


def test_shared_numbers_are_resolved_from_the_agenda(make_window, qtbot,  # type: ignore[no-untyped-def]
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date

    window, db, _ = make_window()
    with db.session() as session:
        unit = save_unit(session, UnitData("經濟部產業發展署"))
    ebook_of, ebook = _shared(db, unit, "產業年報", "1011500057", form=PublicationForm.EBOOK)
    original, reprint = _shared(db, unit, "工業統計", "1011500060", printing=2,
                                subtitle="115年版")
    window.hub.announce("publications")
    with db.session() as session:
        item = next(i for i in agenda(session, date(2026, 12, 7))
                    if i.kind == "number_shared" and i.publication_id == ebook)
    window.open_record(item.page, item.record_id, item.kind)  # what 待辦's Enter does
    dialog = window._shared_numbers
    assert dialog is not None
    assert dialog.isVisible()
    assert dialog.numbers.count() == 2
    assert dialog.current_number().value == "1011500057"
    assert dialog.selected_holder().id == ebook, "opened at the record the item named"

    dialog.holders.setFocus()  # Enter opens the chosen record on the publications page
    qtbot.keyClick(dialog.holders, Qt.Key.Key_Return)
    assert window.current_page_key() == "publications"
    assert window.publications.current_id == ebook
    assert dialog.isVisible(), "the list stays open beside the record"

    # a reprint link between two forms is refused, with the reason, and nothing changes
    monkeypatch.setattr(QInputDialog, "getItem", lambda *_a, **_k: (_a[3][0], True))
    dialog.reprint_button.click()
    assert "載體不同" in dialog.error.text()
    assert dialog.numbers.count() == 2
    # so the e-book's number is cleared, after asking
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    dialog.clear_button.click()
    assert "已清除" in dialog.notice.text()
    assert not dialog.error.isVisible()
    with db.session() as session:
        assert session.get(Publication, ebook).gpn is None  # type: ignore[union-attr]
        assert session.get(Publication, ebook_of).gpn == "1011500057"  # type: ignore[union-attr]
    assert [dialog.numbers.item(i).text() for i in range(dialog.numbers.count())] == \
        ["GPN 1011500060（2 筆）"]

    # the second printing is recorded as a reprint of the first
    dialog._select_holder(reprint)
    dialog.reprint_button.click()
    assert "再刷" in dialog.notice.text()
    assert dialog.current_number() is None
    assert dialog.numbers.item(0).text().startswith("沒有重複的號碼")
    assert not dialog.clear_button.isEnabled()
    with db.session() as session:
        assert not [i for i in agenda(session, date(2026, 12, 7)) if i.kind == "number_shared"]
    assert original != reprint


def test_the_view_menu_opens_the_list_once(make_window) -> None:  # type: ignore[no-untyped-def]
    window, _db, _ = make_window()
    action = next(a for m in window.menuBar().actions() for a in m.menu().actions()
                  if a.text() == "號碼重複…")
    assert action.isEnabled()
    action.trigger()
    first = window._shared_numbers
    action.trigger()
    assert window._shared_numbers is first, "brought forward, not opened twice"
    assert first.numbers.item(0).text().startswith("沒有重複的號碼")
