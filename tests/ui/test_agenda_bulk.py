"""待辦's bulk actions as an officer with an imported backlog uses them (issue 26): a group's
heading chosen acts on the whole group (not only the 200 rows shown), the reason asked and
kept, the count of what is set aside said with a way to list it and bring items back, and
確認出版 for many at once."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox, QTreeWidgetItem

from app.models import AgendaSetAside, Publication, PublicationStatus
from app.services.publications import create_checked_publications
from app.services.units import UnitData, save_unit
from tests.app.factories import book

TODAY = date(2026, 12, 8)


def _window_with_backlog(make_window, qtbot, count: int = 450):  # type: ignore[no-untyped-def]
    window, db, _ = make_window()
    with db.session() as session:
        unit = save_unit(session, UnitData("經濟部產業發展署"))
        ids = create_checked_publications(session, [
            book(unit, f"舊出版品 {i}", gpn=str(1010000000 + i), isbn=None,
                 status=PublicationStatus.NUMBERED, published_year=2015, published_month=3)
            for i in range(count)])
    window.hub.announce("publishing_units")
    page = window.agenda
    page.today = TODAY
    window.show_page("agenda")
    page.kind.setCurrentIndex(page.kind.findData("confirm_publication"))
    page.reload()
    qtbot.waitUntil(page.is_loaded)
    return window, db, page, ids


def _heading(page) -> QTreeWidgetItem:  # type: ignore[no-untyped-def]
    return page.tree.topLevelItem(0)


def _listed(page) -> int:  # type: ignore[no-untyped-def]
    return sum(1 for item in page.items if item.kind == "confirm_publication")


def test_mark_a_whole_group_done_then_bring_some_back(make_window, qtbot,  # type: ignore[no-untyped-def]
                                                      monkeypatch) -> None:
    _window, db, page, _ids = _window_with_backlog(make_window, qtbot)
    assert _listed(page) == 450
    assert _heading(page).childCount() == 201  # 200 rows and 「顯示其餘…」
    asked: list[str] = []

    def answer(_parent, _title, label, **_kw):  # type: ignore[no-untyped-def]
        asked.append(label)
        return "民國104年的舊資料，早已確認", True

    monkeypatch.setattr(QInputDialog, "getText", answer)
    page.tree.clearSelection()
    _heading(page).setSelected(True)
    page.done_button.click()
    qtbot.waitUntil(page.is_loaded)
    assert "450" in asked[0]
    assert _listed(page) == 0
    assert "450" in page.summary.text(), "what was done is said after the list is read again"
    assert "450" in page.set_aside_note.text()
    with db.session() as session:
        reasons = {row.reason for row in session.query(AgendaSetAside)}
        assert reasons == {"民國104年的舊資料，早已確認"}
        assert session.query(AgendaSetAside).count() == 450
    page.set_aside_button.click()  # list them
    qtbot.waitUntil(page.is_loaded)
    assert page.showing_set_aside
    assert page.back_button.isVisible()
    first = _heading(page).child(0)
    second = _heading(page).child(1)
    page.tree.clearSelection()
    first.setSelected(True)
    second.setSelected(True)
    page.back_button.click()
    qtbot.waitUntil(page.is_loaded)
    page.set_aside_button.click()  # back to the list
    qtbot.waitUntil(page.is_loaded)
    assert not page.showing_set_aside
    assert _listed(page) == 2
    assert "448" in page.set_aside_note.text()


def test_confirm_many_published_from_the_list(make_window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _window, db, page, ids = _window_with_backlog(make_window, qtbot, 30)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    rows = [_heading(page).child(i) for i in range(10)]
    chosen = {row.data(0, Qt.ItemDataRole.UserRole).record_id for row in rows}
    page.tree.clearSelection()
    for row in rows:
        row.setSelected(True)
    page.confirm_button.click()
    qtbot.waitUntil(page.is_loaded)
    assert _listed(page) == 20
    with db.session() as session:
        confirmed = {p.id for p in session.query(Publication).filter(
            Publication.status == PublicationStatus.PRINTED)}
    assert confirmed == chosen
    assert confirmed <= set(ids)


def test_nothing_chosen_is_said(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _window, _db, page, _ids = _window_with_backlog(make_window, qtbot, 3)
    page.tree.clearSelection()
    page.snooze_button.click()
    assert page.error.text()
    page.confirm_button.click()
    assert page.error.text()
