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
    page.reload()  # in the background: the window answers meanwhile
    qtbot.waitUntil(page.is_loaded)
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
    assert window.agenda.thresholds(date(2026, 12, 7)).deposit_ack_days == 5


def test_the_agenda_is_computed_off_the_gui_thread_and_shown_a_page_at_a_time(  # type: ignore[no-untyped-def]
        make_window, qtbot, monkeypatch) -> None:
    """Issue 26: 「重新整理」 on 待辦 blocked 3.2 s on 20,091 publications and 5.9 s on 100,000;
    issue 33: its sentences were cut mid-sentence. The computation now waits here on an event
    the test holds — reload returns and the window answers while it runs — and a group is
    shown SHOWN_AT_ONCE at a time, the chosen item whole beneath the list."""
    import threading

    from app.models import PublicationStatus
    from app.services.agenda import agenda as real_agenda
    from app.services.units import UnitData, save_unit
    from tests.app.factories import add_book
    from ui.pages import agenda_page

    window, db, _ = make_window()
    with db.session() as session:
        unit = save_unit(session, UnitData("經濟部"))
    for n in range(12):  # printed without a GPN: each one item, 還沒有 GPN
        add_book(db, unit, f"年報{n}", gpn=None, status=PublicationStatus.PRINTED)
    release = threading.Event()

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        assert threading.current_thread() is not threading.main_thread()
        release.wait(10)
        return real_agenda(*args, **kwargs)

    monkeypatch.setattr(agenda_page, "agenda", held)
    monkeypatch.setattr(agenda_page, "SHOWN_AT_ONCE", 5)
    page = window.agenda
    window.show_page("agenda")
    page.reload()
    assert page.loading, "reload returned while the computation still runs"
    assert "正在整理" in page.summary.text()
    window.show_page("publications")  # the window answers meanwhile
    assert window.current_page_key() == "publications"
    release.set()
    qtbot.waitUntil(page.is_loaded)
    window.show_page("agenda")
    group = next(page.tree.topLevelItem(i) for i in range(page.tree.topLevelItemCount())
                 if page.tree.topLevelItem(i).childCount())
    rows = [group.child(i) for i in range(group.childCount())]
    assert len(rows) == 6, [r.text(0) for r in rows]
    assert rows[-1].text(0).startswith("再顯示 5 項"), rows[-1].text(0)
    page.tree.setCurrentItem(rows[0])
    entry = rows[0].data(0, Qt.ItemDataRole.UserRole)
    assert entry.action in page.detail.text(), "the whole sentence beneath the list"
    # a sentence cut in the list is cut at its end, never in its middle (only the record's
    # name keeps both ends: its GPN tells two editions apart)
    assert page.tree.textElideMode() is Qt.TextElideMode.ElideRight
    assert page.tree.itemDelegateForColumn(4) is None
    assert page.tree.itemDelegateForColumn(1) is not None
    page.tree.setCurrentItem(rows[-1])
    page.tree.setFocus()
    QTest.keyClick(page.tree, Qt.Key.Key_Return)  # 「再顯示」
    group = next(page.tree.topLevelItem(i) for i in range(page.tree.topLevelItemCount())
                 if page.tree.topLevelItem(i).childCount())
    assert group.childCount() == 11


def test_the_history_cut_off_says_what_it_leaves_out_and_lists_it_at_a_click(  # type: ignore[no-untyped-def]
        make_window, qtbot) -> None:
    from sqlalchemy import update

    from app.models import Publication, PublicationStatus
    from app.services.units import UnitData, save_unit
    from tests.app.factories import add_book

    window, db, _ = make_window()
    with db.session() as session:
        unit = save_unit(session, UnitData("經濟部產業發展署"))
    old = [add_book(db, unit, f"舊出版品第{n}種", published_year=2008) for n in range(5)]
    with db.session() as session:
        session.execute(update(Publication).where(Publication.id.in_(old))
                        .values(status=PublicationStatus.PRINTED))
    window.show_page("settings")
    window.page("settings").periods["agenda_history_years"].setValue(3)
    assert window.settings.agenda_history_years == 3
    page = window.agenda
    page.today = date(2026, 12, 7)
    window.show_page("agenda")
    page.reload()
    qtbot.waitUntil(page.is_loaded)
    assert not [i for i in page.items if i.publication_id in old]
    assert page.hidden_note.isVisible()
    assert "2024" in page.hidden_note.text() or "113" in page.hidden_note.text()
    qtbot.mouseClick(page.every_year_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.is_loaded)
    assert {i.publication_id for i in page.items} >= set(old)
    assert page.hidden_note.isVisible()  # says every year is listed, offers to cut again
    qtbot.mouseClick(page.every_year_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.is_loaded)
    assert not [i for i in page.items if i.publication_id in old]
