"""The officer's first hour, driven through the real widgets."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from app.db import Database
from app.models import RelationKind
from app.paths import Locations
from app.services.publications import PublicationFilter, publication_data, publication_ids
from app.services.toc_service import get_toc
from tests.ui.conftest import commit_text
from ui.mainwindow import MainWindow
from ui.pages.publications.dialogs import NewFromThisDialog
from ui.pages.publications.toc_editor import TocPasteDialog

PASTED_TOC = """序……………………i
第一章　緒論……………1
　第一節　研究背景……2
　第二節　研究方法……5
第二章　產業現況……11
圖目次…………………iii
"""

Builder = Callable[[], tuple[MainWindow, Database, Locations]]


def test_officer_creates_finds_edits_and_reprints_a_publication(
        make_window: Builder, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    window, db, _locations = make_window()

    # 1. Settings: add the unit (typed with an input method).
    window.show_page("settings")
    settings = window.settings_page
    commit_text(settings.edits["full_name"], "經濟部產業發展署")
    commit_text(settings.edits["short_name"], "產發署")
    commit_text(settings.edits["address"], "臺北市中正區福州街15號")
    commit_text(settings.edits["doc_code"], "產發")
    qtbot.mouseClick(settings.save_button, Qt.MouseButton.LeftButton)
    assert settings.units.count() == 1
    assert settings.units.item(0).text() == "經濟部產業發展署"

    # 2. Publications: new, fill the form, see a validation error, fix it, save.
    window.show_page("publications")
    page = window.publications
    assert page.form.unit.count() == 1, "the new unit reached the publications page"
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    commit_text(page.form.title, "臺灣產業發展年報")
    page.form.title.textEdited.emit(page.form.title.text())
    qtbot.keyClicks(page.form.roc_year, "115")
    page.form.month.setCurrentIndex(8)
    commit_text(page.form.pages, "二百")
    qtbot.keyClicks(page.form.gpn, "10115")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.current_id is None, "nothing is saved while a field is wrong"
    assert "整數" in page.form.visible_problem("pages")
    assert "10 位" in page.form.visible_problem("gpn"), "every problem at the first Save"
    page.form.pages.clear()
    qtbot.keyClicks(page.form.pages, "240")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.current_id is None
    assert "10 位" in page.form.visible_problem("gpn")
    assert page.form.visible_problem("pages") == ""
    page.form.gpn.clear()
    qtbot.keyClicks(page.form.gpn, "1011500057")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.current_id is not None
    assert page.form.visible_problem("gpn") == ""
    book_id = page.current_id
    with db.session() as session:
        data, _ = publication_data(session, book_id)
    assert (data.title, data.published_year, data.published_month, data.pages, data.gpn) == (
        "臺灣產業發展年報", 2026, 8, 240, "1011500057")

    # 3. Find it by typing part of its Chinese title.
    page.new_publication()
    page.revert()
    commit_text(page.search, "產業發展")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.search.text() == "產業發展")
    commit_text(page.search, "不存在")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.table.selectRow(0)
    assert page.current_id == book_id

    # 4. The TOC: paste text, save.
    def paste_dialog(dialog: TocPasteDialog) -> int:
        dialog.text.setPlainText(PASTED_TOC)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(TocPasteDialog, "exec", paste_dialog)
    page.detail_tabs.setCurrentWidget(page.toc_editor)
    qtbot.mouseClick(page.toc_editor.buttons["paste"], Qt.MouseButton.LeftButton)
    assert page.toc_editor.tree.topLevelItemCount() == 4
    assert page.toc_editor.is_modified()
    page.toc_editor.tree.setCurrentItem(page.toc_editor.tree.topLevelItem(3))  # 圖目次
    qtbot.mouseClick(page.toc_editor.buttons["up"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.toc_editor.save_button, Qt.MouseButton.LeftButton)
    with db.session() as session:
        toc = get_toc(session, book_id)
    assert [(x.level, x.title) for x in toc] == [
        (1, "序"), (1, "第一章 緒論"), (2, "第一節 研究背景"), (2, "第二節 研究方法"),
        (1, "圖目次"), (1, "第二章 產業現況")]

    # 5. A reprint: the dialog explains that the GPN is kept.
    explained: list[str] = []

    def reprint_dialog(dialog: NewFromThisDialog) -> int:
        dialog.choose(RelationKind.REPRINT_OF)
        explained.append(dialog.explanation.text())
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewFromThisDialog, "exec", reprint_dialog)
    qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)
    assert "沿用" in explained[0]
    reprint_id = page.current_id
    assert reprint_id not in (None, book_id)
    assert page.form.printing.value() == 2
    assert page.form.gpn.text() == "1011500057"
    assert page.related.count() == 1
    with db.session() as session:
        assert len(publication_ids(session, PublicationFilter())) == 2
        assert len(get_toc(session, reprint_id)) == 6

    # 6. Restart: data and window geometry are kept.
    window.resize(1234, 777)
    assert (window.width(), window.height()) == (1234, 777)
    window.close()
    second, db2, _ = make_window()
    assert (second.width(), second.height()) == (1234, 777)
    assert second.current_page_key() == "publications"
    assert second.publications.model.rowCount() == 2
    del db2


def test_unsaved_edits_are_not_lost_silently(make_window: Builder, qtbot,  # type: ignore[no-untyped-def]
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from app.services.units import UnitData, save_unit
    from tests.app.factories import add_book

    window, db, _ = make_window()
    with db.session() as session:
        unit = save_unit(session, UnitData("經濟部"))
    first = add_book(db, unit, "第一本")
    add_book(db, unit, "第二本")
    window.hub.announce("publishing_units")
    window.hub.announce("publications")
    page = window.publications
    page.open_publication(first)
    page.form.title.setText("改過的題名")
    page.form.title.textEdited.emit("改過的題名")
    asked: list[str] = []

    def cancel(*args: object, **_kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", cancel)
    page.table.selectRow(page.model.row_of(first) ^ 1)
    assert asked, "leaving a modified publication asks first"
    assert page.current_id == first
    assert page.form.title.text() == "改過的題名"


def test_delete_asks_and_explains_numbers(make_window: Builder, qtbot,  # type: ignore[no-untyped-def]
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from app.services.units import UnitData, save_unit
    from tests.app.factories import add_book

    window, db, _ = make_window()
    with db.session() as session:
        unit = save_unit(session, UnitData("經濟部"))
    book = add_book(db, unit)
    window.show_page("publications")  # the officer is on the page (it opens on 待辦)
    window.hub.announce("publications")
    page = window.publications
    page.open_publication(book)
    shown: list[str] = []

    def answer(_parent: object, _title: str, text: str, *_args: object
               ) -> QMessageBox.StandardButton:
        shown.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "warning", answer)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert "GPN 1011500057" in shown[0]
    assert page.model.rowCount() == 0
    assert page.current_id is None


def test_the_history_tab_shows_who_changed_what(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from app.services.publications import publication_data, update_publication
    from app.services.units import UnitData, save_unit
    from tests.app.factories import add_book

    window, db, _ = make_window()
    with db.session() as session:
        unit = save_unit(session, UnitData("經濟部"))
    book = add_book(db, unit)
    with db.session() as session:
        session.info["os_user"] = "陳志明"
        data, version = publication_data(session, book)
        data.pages = 300
        update_publication(session, book, data, expected_version=version)
    window.show_page("publications")
    page = window.publications
    page.open_publication(book)
    page.detail_tabs.setCurrentWidget(page.history)
    table = page.history.table
    cells = [[table.item(r, c).text() for c in range(table.columnCount())]
             for r in range(table.rowCount())]
    assert any(row[1].startswith("陳志明") and row[3] == "頁數" and row[4] == "240" and row[5] == "300"
               for row in cells), cells
    page.new_publication()
    assert table.rowCount() == 0


def test_the_life_cycle_checklist_links_to_the_page_that_does_the_step(make_window) -> None:  # type: ignore[no-untyped-def]
    from app.demo import build_sample

    window, db, _ = make_window()
    sample = build_sample(db)
    window.show_page("publications")
    pubs = window.publications
    pubs.open_publication(sample.books[0])
    text = pubs.form.milestones.text()
    assert "取得編號" in text
    assert "寄存" in text
    assert 'href="page:deposit"' in text
    pubs.form.milestones.linkActivated.emit("page:deposit")
    assert window.current_page_key() == "deposit"
    assert window.deposit.publication.current_id() == sample.books[0]
