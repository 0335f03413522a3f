"""The 待辦 page: first in the navigation, grouped by urgency, filtered by kind, a count beside
its name, and a double-click opens the record on the page that does it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.demo import build_sample


def test_the_agenda_page_guides_to_the_record(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, db, _ = make_window()
    sample = build_sample(db)
    window.hub.announce("publishing_units")
    assert window.navigation.item(0).data(Qt.ItemDataRole.UserRole) == "agenda"
    page = window.agenda
    page.today = date(2027, 3, 15)
    window.show_page("agenda")
    page.reload()
    tops = [page.tree.topLevelItem(i).text(0) for i in range(page.tree.topLevelItemCount())]
    assert tops[0].startswith("已逾期")
    assert window.navigation.item(0).text().startswith("待辦（")
    rows = [page.tree.topLevelItem(t).child(i) for t in range(page.tree.topLevelItemCount())
            for i in range(page.tree.topLevelItem(t).childCount())]
    assert rows, "the demo on that day has things to do"
    entries = [r.data(0, Qt.ItemDataRole.UserRole) for r in rows]
    kind = entries[0].kind
    page.kind.setCurrentIndex(page.kind.findData(kind))
    filtered = [page.tree.topLevelItem(t).child(i) for t in range(page.tree.topLevelItemCount())
                for i in range(page.tree.topLevelItem(t).childCount())]
    assert filtered
    assert all(r.data(0, Qt.ItemDataRole.UserRole).kind == kind for r in filtered)
    page.kind.setCurrentIndex(0)
    opened = next(e for e in entries if e.page in ("numbering", "deposit", "checks")
                  and e.publication_id is not None)
    target = next(r for r in [page.tree.topLevelItem(t).child(i)
                              for t in range(page.tree.topLevelItemCount())
                              for i in range(page.tree.topLevelItem(t).childCount())]
                  if r.data(0, Qt.ItemDataRole.UserRole) == opened)
    page.tree.setCurrentItem(target)  # arrows choose, Enter opens (issue 33, finding 7)
    page.tree.setFocus()
    QTest.keyClick(page.tree, Qt.Key.Key_Return)
    assert window.current_page_key() == opened.page
    assert window.page(opened.page).publication.current_id() == opened.publication_id
    assert opened.publication_id in (*sample.books, sample.serial_id)


def test_waiting_periods_set_in_settings_are_saved(make_window) -> None:  # type: ignore[no-untyped-def]
    from app.settings import load_settings

    window, _db, locations = make_window()
    window.show_page("settings")
    window.page("settings").periods["deposit_ack_days"].setValue(5)
    assert window.settings.deposit_ack_days == 5
    assert load_settings(locations.settings_file).deposit_ack_days == 5
    assert window.agenda.thresholds is not None
    assert window.agenda.thresholds().deposit_ack_days == 5
