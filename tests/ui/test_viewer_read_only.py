"""A viewer's window is read only from the start (issue #27): signed in with a viewer's login
(`Database.read_only`), every page shows its data with nothing that writes enabled — no
save, new, delete, import or record button, no editable field of a record, Ctrl+N, Ctrl+S and
Delete inert — and a banner says why, once. Looking, searching, previewing and exporting stay.

The checks go from what is enabled, not from what the pages marked: an enabled button or an
editable field must be one of the known lookers below, so a new writing control that is not
marked fails here."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTableWidget,
    QTreeWidget,
    QWidget,
)
from sqlalchemy import text

from app.db import Database, open_database
from app.demo import SampleWorkspace, build_sample
from app.paths import resolve_locations
from app.resources import resource_path
from app.services.publications import delete_publication
from app.settings import load_settings
from ui.mainwindow import PAGE_KEYS, MainWindow
from ui.pages.database_settings import DatabaseSettings
from ui.picker import PublicationPicker

BANNER = "以檢視者身分登入：只能查看，不能修改資料。如需修改，請洽管理者將您的帳號改為承辦人。"

LOOKING_BUTTONS = {
    "Refresh", "Recycle bin…", "Copyright page (DOCX, PDF, text)", "ISBN barcode (SVG, PDF)",
    "Show everything not yet sent (all publications)", "Cover letter for each library",
    "Shipping list and labels", "Make draft", "Add to the letter", "Add files…", "Add folder…",
    "Clear", "Check", "Report as PDF", "Report as XLSX", "Write bookmarks from the TOC…",
    "Choose…", "Add to the package", "Check and export", "Open the package folder",
    "Open PDF…", "ODF (ODT, ODS)", "Word and Excel (DOCX, XLSX)", "Close",
    "Books (Annex 2(1))", "Serial issue (Annex 2(2))", "As a ZIP file",
}
"""Buttons that only look, choose, preview or write files (English source texts)."""

LOOKING_FIELDS = {
    "agenda": ("kind", "unit"),
    "publications": ("search", "type_filter", "status_filter", "unit_filter"),
    "numbering": ("search",),
    "deposit": ("on_date", "start", "sheet"),
    "consignment": ("store", "period"),
    "consent": ("unit", "contact", "issue", "issued_on", "doc_number", "copies", "subject",
                "items"),
    "checks": ("profile", "role", "page_offset"),
    "packages": ("kind", "folder"),
    "viewer": ("page",),
    "settings": ("language", "font_size"),
}
"""Fields and choices that filter, search or set up a document or this PC, per page."""

WRITING_BUTTONS = {
    "publications": {"New", "New from this…", "Delete", "Save", "Revert", "Save TOC",
                     "Add", "Paste as text…", "Add issue", "Save issue", "Delete issue",
                     "Save articles", "Add person", "Record the review", "Site updated",
                     "Add licence…"},
    "agenda": {"Mark done…", "Confirm published…"},
    "numbering": {"New application", "Mark ready", "Record the number", "Cut the pages",
                  "Confirm publication (NCL part 4)"},
    "deposit": {"Make the deposit plan", "Libraries…", "Change copies",
                "Mark selected as sent", "Mark selected as acknowledged"},
    "consignment": {"Add to the list", "Make the list (two copies)",
                    "Record a return of the selected title", "Record the settlement",
                    "Record payment of the selected settlement", "Save the store's terms",
                    "Calculate and keep"},
    "consent": {"Write documents and record"},
    "settings": {"New unit", "Delete unit", "Add contact", "Save unit", "New", "Save"},
}
"""What each page must show, disabled: the check above is not vacuous."""


def _on_screen(sources: set[str]) -> set[str]:
    """The texts `sources` show as in Chinese (the catalogue's translations)."""
    tree = ET.parse(resource_path("translations", "pubdesk_zh_TW.ts"))
    chinese = {m.findtext("source"): m.findtext("translation") for m in tree.iter("message")}
    return {(chinese.get(source) or source).replace("&", "") for source in sources}


def _text(button: QAbstractButton | QAction) -> str:
    return button.text().replace("&", "")


def _snapshot(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table: what a write would change."""
    with db.engine.connect() as connection:
        tables = [row[0] for row in connection.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))]
        return {table: sorted((tuple(r) for r in connection.execute(
            text(f'SELECT * FROM "{table}"'))), key=repr) for table in tables}


@pytest.fixture
def viewer(prepared_app: QApplication, qtbot, tmp_path: Path  # type: ignore[no-untyped-def]
           ) -> Iterator[tuple[MainWindow, Database, SampleWorkspace]]:
    """A normal workspace with the demo records, opened as a viewer's login would open it."""
    locations = resolve_locations(tmp_path / "workspace", environ={})
    db = open_database(locations)
    sample = build_sample(db)
    with db.session() as session:  # in the recycle bin before the viewer comes
        delete_publication(session, sample.ebook_id, confirmed=True)
    db.read_only = True
    window = MainWindow(db, load_settings(locations.settings_file), locations)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    yield window, db, sample
    db.dispose()


def _inside(widget: QWidget, kinds: tuple[type, ...]) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, kinds):
            return True
        parent = parent.parentWidget()
    return False


def _writing_controls(page: QWidget, key: str) -> list[str]:
    """Enabled controls of `page` that are not known lookers."""
    allowed = {id(getattr(page, name)) for name in LOOKING_FIELDS.get(key, ())}
    looking = _on_screen(LOOKING_BUTTONS)
    if key == "settings":
        allowed |= {id(box) for box in page.periods.values()}  # type: ignore[attr-defined]
    found = []
    for widget in page.findChildren(QWidget):
        if not widget.isEnabled() or _inside(widget, (PublicationPicker, DatabaseSettings,
                                                      QTabBar)):
            continue
        if isinstance(widget, QAbstractButton) and widget.text():
            if _text(widget) not in looking:
                found.append(f"button {_text(widget)!r}")
        elif isinstance(widget, QLineEdit | QPlainTextEdit | QAbstractSpinBox | QComboBox):
            if _inside(widget, (QAbstractSpinBox, QComboBox)) or id(widget) in allowed:
                continue
            editable = isinstance(widget, QComboBox) or not widget.isReadOnly()
            if editable:
                found.append(f"{type(widget).__name__} {widget.objectName() or widget!r}")
        elif isinstance(widget, QTableWidget) and \
                widget.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers:
            # an editable table: only if it has editable cells (read_only_item makes none)
            if any((item := widget.item(r, c)) is not None and
                   item.flags() & Qt.ItemFlag.ItemIsEditable
                   for r in range(widget.rowCount()) for c in range(widget.columnCount())):
                found.append(f"table {widget.objectName() or widget!r}")
        elif isinstance(widget, QTreeWidget) and \
                widget.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers:
            top = [widget.topLevelItem(i) for i in range(widget.topLevelItemCount())]
            if any(item.flags() & Qt.ItemFlag.ItemIsEditable for item in top):
                found.append(f"tree {widget.objectName() or widget!r}")
    return found


def test_a_viewer_sees_every_page_read_only_with_the_reason(  # type: ignore[no-untyped-def]
        viewer, qtbot, tmp_path: Path) -> None:
    window, _db, _sample = viewer
    banner = window.read_only_banner
    assert banner.isVisible()
    assert banner.text() == BANNER
    assert banner.geometry().top() < window.navigation.geometry().top(), "above the pages"
    for key in PAGE_KEYS:
        window.show_page(key)
        qtbot.wait(10)
        page = window.page(key)
        assert _writing_controls(page, key) == [], key
        disabled = {_text(b) for b in page.findChildren(QAbstractButton) if not b.isEnabled()}
        missing = _on_screen(WRITING_BUTTONS.get(key, set())) - disabled
        assert not missing, f"{key}: not found disabled: {missing}"
    menus = {_text(a): a.isEnabled() for a in window.findChildren(QAction) if a.text()}
    for source, enabled in (("&New…", False), ("&Restore a backup…", False),
                            ("&Import a publication list (Excel)…", False),
                            ("&Export the publication list (Excel)…", True),
                            ("Search everything…", True)):
        assert menus[_on_screen({source}).pop()] is enabled, source
    window.show_page("publications")
    window.grab().save(str(tmp_path / "viewer-publications.png"))


def test_what_a_page_enables_later_stays_locked(viewer, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Opening a record enables Delete and rebuilds the form's rows; a viewer's stay inert."""
    window, _db, sample = viewer
    window.show_page("publications")
    page = window.publications
    for record_id in (sample.books[1], sample.books[0]):
        page.open_publication(record_id)
        assert page.current_id == record_id
        assert not page.delete_button.isEnabled()
        assert not page.copy_button.isEnabled()
        assert page.form.title.isReadOnly()
        table = page.form.contributors
        assert table.rowCount() >= 1
        roles = [table.cellWidget(r, 1) for r in range(table.rowCount())]
        assert roles
        assert all(isinstance(w, QComboBox) and not w.isEnabled() for w in roles)
    page.toc_editor.tree.setCurrentItem(page.toc_editor.tree.topLevelItem(0))
    assert not any(button.isEnabled() for button in page.toc_editor.buttons.values())
    window.show_page("settings")
    settings = window.settings_page
    assert all(edit.isReadOnly() for edit in settings.edits.values())
    assert settings.contacts.rowCount() == 1
    default = settings.contacts.cellWidget(0, settings.contacts.columnCount() - 1)
    assert isinstance(default, QCheckBox)
    assert not default.isEnabled()
    settings.reference.stores.table.setCurrentCell(0, 0)
    assert settings.reference.stores.edits["name"].text()
    assert settings.reference.stores.edits["name"].isReadOnly()
    window.show_page("consent")  # a draft is looking; recording it is not
    consent = window.consent
    consent.select_book(sample.books[0], all_rights=True)
    assert consent.make_draft()
    assert consent.subject.toPlainText()
    assert not consent.output_button.isEnabled()


def test_shortcuts_and_double_clicks_write_nothing(  # type: ignore[no-untyped-def]
        viewer, qtbot, monkeypatch: pytest.MonkeyPatch, modal_dialogs) -> None:
    from PySide6.QtWidgets import QInputDialog

    window, db, sample = viewer
    asked: list[object] = []
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: asked.append(a) or ("", False))
    before = _snapshot(db)
    window.show_page("publications")
    page = window.publications
    page.open_publication(sample.books[0])
    page.form.title.setFocus()
    for key in PAGE_KEYS:
        window.show_page(key)
        qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    window.show_page("publications")
    assert page.current_id == sample.books[0], "Ctrl+N started no new publication"
    qtbot.keyClick(page.form.title, Qt.Key.Key_X)
    qtbot.keyClick(page.form.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    page.delete_button.click()
    page.save_button.click()
    from ui.pages.publications.recycle_bin_dialog import RecycleBinDialog

    dialog = RecycleBinDialog(db, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.rowCount() == 1, "the viewer sees what was deleted"
    assert not dialog.restore_button.isEnabled()
    assert not dialog.purge_button.isEnabled()
    assert not dialog.empty_button.isEnabled()
    cell = dialog.table.visualItemRect(dialog.table.item(0, 0)).center()
    qtbot.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert dialog.table.rowCount() == 1
    assert asked == []
    assert modal_dialogs == []
    assert _snapshot(db) == before
