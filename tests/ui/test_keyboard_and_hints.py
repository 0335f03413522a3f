"""Issue 33 finding 7, the keyboard and the hints: Tab leaves the publications table for the
form; from 待辦 a confirmation opens on the numbering page's Outputs tab and a waiting
application on the Application tab with it selected; an empty 待辦 on a new workspace says
where to begin."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from app.models import ApplicationKind, ApplicationStatus, NumberApplication
from app.services.agenda import AgendaItem, Urgency
from app.services.units import UnitData, save_unit
from tests.app.factories import add_book


def test_tab_leaves_the_publications_table(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, db, _ = make_window()
    with db.session() as session:
        unit = save_unit(session, UnitData("經濟部"))
    for n in range(5):
        add_book(db, unit, f"年報{n}")
    window.hub.announce("publications")
    page = window.publications
    page.table.setFocus()
    page.table.selectRow(0)
    assert not page.table.tabKeyNavigation()
    qtbot.keyClick(page.table, Qt.Key.Key_Tab)
    assert window.focusWidget() is not page.table, "Tab moved on, out of the table"


def _agenda_item(kind: str, publication_id: int) -> AgendaItem:
    return AgendaItem(kind, publication_id, "", None, Urgency.SOON, "", "", "numbering",
                      publication_id)


def test_from_the_agenda_the_numbering_page_opens_on_the_right_tab(make_window) -> None:  # type: ignore[no-untyped-def]
    window, db, _ = make_window()
    with db.session() as session:
        unit = save_unit(session, UnitData("經濟部"))
    book = add_book(db, unit, "年報")
    with db.session() as session:
        session.add(NumberApplication(publication_id=book, kind=ApplicationKind.ISBN,
                                      status=ApplicationStatus.SUBMITTED,
                                      submitted_on=date(2026, 10, 1), registration_no="R1"))
    window.hub.announce("publications")
    for kind, tab in (("confirm_publication", "輸出"), ("application_waiting", "申請案")):
        item = _agenda_item(kind, book)
        window.open_record(item.page, book, item.kind)
        page = window.numbering
        assert window.current_page_key() == "numbering"
        assert page.publication_id() == book
        assert page.tabs.tabText(page.tabs.currentIndex()).startswith(tab), \
            page.tabs.tabText(page.tabs.currentIndex())
    assert page.application_id is not None, "the waiting application is the one selected"


def test_an_empty_agenda_on_a_new_workspace_says_where_to_begin(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, _db, _ = make_window()
    window.show_page("agenda")
    page = window.agenda
    page.reload()
    qtbot.waitUntil(page.is_loaded)
    texts = [page.tree.topLevelItem(i).text(0) for i in range(page.tree.topLevelItemCount())]
    assert any("還沒有任何出版品" in t and "匯入" in t for t in texts), texts


def test_confirming_publication_says_what_it_recorded_on_the_page(make_window) -> None:  # type: ignore[no-untyped-def]
    """Issue 33 finding 7: 確認出版 gave no feedback on the page."""
    window, db, _ = make_window()
    with db.session() as session:
        unit = save_unit(session, UnitData("經濟部"))
    book = add_book(db, unit, "年報", price_ntd=450)
    window.hub.announce("publications")
    window.show_page("numbering")
    page = window.numbering
    page.open_record(book)
    page.confirm_price.setText("500")
    page.confirm()
    said = page.confirm_result.text()
    assert said.startswith("已於")
    assert "確認出版" in said
    assert "定價：450 → 500" in said
    page.open_record(add_book(db, unit, "另一本"))
    assert page.confirm_result.text() == "", "what was said is the confirmed book's only"


def test_every_date_is_entered_and_read_back_in_one_style(make_window) -> None:  # type: ignore[no-untyped-def]
    """Issue 33 finding 7: dates appeared in three styles — the consent page's 2026-12-07,
    the other pages' locale 2026/12/7, and 中華民國115年12月7日 everywhere else. Every date
    field now takes 2026-12-07 and reads it back as the letters write it."""
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QDateEdit, QLabel

    from app.language import shown_date
    from ui.mainwindow import PAGE_KEYS

    window, _db, _ = make_window()
    seen = 0
    for key in PAGE_KEYS:
        window.show_page(key)
        for edit in window.page(key).findChildren(QDateEdit):
            seen += 1
            assert edit.displayFormat() == "yyyy-MM-dd", (key, edit.displayFormat())
            reading = edit.parentWidget().findChild(QLabel, "dateReading")
            assert reading is not None, key
            edit.setDate(QDate(2026, 12, 7))
            assert reading.text() == shown_date(date(2026, 12, 7)) == "中華民國115年12月7日"
    assert seen >= 5, "the numbering, deposit, consent and two consignment dates"


def test_the_publications_type_ahead_reads_off_the_gui_thread(make_window, qtbot,  # type: ignore[no-untyped-def]
                                                              monkeypatch) -> None:
    """Issue 26: the type-ahead read on the GUI thread (p95 231 ms at 100,000 records). Here
    the search for the first word waits on an event the test holds: the list keeps what it
    had, a newer search shows, and the older one's end is discarded."""
    import threading

    import ui.pages.publications.page as publications_page

    window, db, _ = make_window()
    with db.session() as session:
        unit = save_unit(session, UnitData("經濟部"))
    for name in ("產業年報", "統計月報", "統計年報"):
        add_book(db, unit, name)
    window.hub.announce("publications")
    page = window.publications
    real = publications_page.publication_ids
    release = threading.Event()

    def held(session, flt, *order):  # type: ignore[no-untyped-def]
        if flt.text == "產業":
            assert threading.current_thread() is not threading.main_thread()
            release.wait(10)
        return real(session, flt, *order)

    monkeypatch.setattr(publications_page, "publication_ids", held)
    page.search.setText("產業")
    page.refresh_in_background()
    assert page.listing
    assert page.model.rowCount() == 3, "the list keeps what it had meanwhile"
    page.search.setText("統計")
    page.refresh_in_background()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    release.set()
    qtbot.waitUntil(lambda: not page.listing)
    qtbot.wait(200)
    assert page.model.rowCount() == 2, "the older search's end was discarded"
