"""With English chosen, no Chinese on any page or dialog except the officer's own data (issue
15): a demo workspace (every kind of record, agenda items of every kind, e-files checked, a
faulty PDF among them, a validation error on screen), every page visited at 1280×800, the
dialogs opened; every visible text — labels, buttons, tabs, combo items, placeholders, table
headers and cells, tree items, tooltips — is read. The zh-TW side: the catalogue has no
unfinished entry (test_fonts_and_language) and the core catalogue has English for every
marked text (below)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTabWidget,
    QWidget,
)
from sqlalchemy import inspect, text

from app.db import open_database
from app.demo import make_demo
from app.language import catalogue_path, read_po, set_language
from app.language_sources import marked_texts
from app.settings import load_settings
from tests.app.pdfcheck.test_evidence import faulty
from tests.app.pdfcheck.test_structure import book
from ui.mainwindow import PAGE_KEYS, MainWindow

CHINESE = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff\u3000-\u303f\uff01-\uff5e]")
ALLOWED = [
    "繁體中文",  # the language chooser names each language in itself
    "(一、(一)1、)",  # how the letter numbers items: what the officer will see printed
    "(第一章, 第一節, 一、, 1.1)",  # TOC numbering the officer types
    "(e.g. 經研)",  # a 發文字號 code is Chinese
    "全字庫正楷體",  # the font's name in its licence attribution
]
PRESCRIBED_CHINESE = {"dataSheet"}
"""Widgets that show what the officer copies into a Chinese form: the NCL web form's fields,
in its own words and order, with the values to paste."""


def test_every_marked_core_text_has_english() -> None:
    english = read_po(catalogue_path("en"))
    needed = marked_texts()
    missing = sorted(needed - set(english))
    assert not missing, f"{len(missing)} core texts without English, e.g. {missing[:5]}"
    unused = sorted(set(english) - needed)
    assert not unused, f"entries nothing uses any more: {unused[:5]}"
    for source, target in english.items():
        # Chinese stays only in patterns: 附件三's file names (○卷○期_版權頁.pdf), regexes
        prescribed = source.startswith("^") or source.endswith((".pdf", "_"))
        assert not CHINESE.search(target) or (prescribed and target == source), (source, target)
        fields = set(re.findall(r"\{(\w*)", source))
        assert set(re.findall(r"\{(\w*)", target)) == fields, (source, target)


@pytest.fixture
def in_english(prepared_app: QApplication) -> Iterator[None]:
    """The application as `pubdesk --language en` prepares it, for one test."""
    translators = prepared_app.property("pubdesk_translators") or []
    for translator in translators:
        prepared_app.removeTranslator(translator)
    QLocale.setDefault(QLocale("en_US"))
    set_language("en")
    yield
    set_language("zh_TW")
    QLocale.setDefault(QLocale("zh_TW"))
    for translator in translators:
        prepared_app.installTranslator(translator)


def _user_data(db_url_engine, folder: Path) -> list[str]:  # type: ignore[no-untyped-def]
    """Every text value in the database and every file name under the workspace: what the
    officer typed or named may be Chinese whatever the language."""
    values: set[str] = set()
    with db_url_engine.connect() as connection:
        schema = inspect(connection)
        for table in schema.get_table_names():
            for column in schema.get_columns(table):
                if "CHAR" in str(column["type"]).upper() or "TEXT" in str(column["type"]).upper():
                    for (value,) in connection.execute(
                            text(f'SELECT "{column["name"]}" FROM "{table}"')):
                        if isinstance(value, str) and CHINESE.search(value):
                            values.add(value)
                            values.update(value.splitlines())
                            values.add(value.replace("\\", "/").rsplit("/", 1)[-1])
    for path in folder.rglob("*"):
        values.update({path.name, path.stem})
    return sorted(values, key=len, reverse=True)


def _texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) of everything visible under `root`."""
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.objectName() in PRESCRIBED_CHINESE or \
                (widget.parent() is not None and
                 widget.parent().objectName() in PRESCRIBED_CHINESE):
            continue
        where = f"{type(widget).__name__} {widget.objectName()}"
        found = [widget.toolTip(), widget.windowTitle() if widget.isWindow() else ""]
        if isinstance(widget, QLabel):
            found.append(widget.text())
        if isinstance(widget, QAbstractButton):
            found.append(widget.text())
        if isinstance(widget, QGroupBox):
            found.append(widget.title())
        if isinstance(widget, QTabWidget):
            found += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QComboBox):
            found += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QLineEdit):
            found.append(widget.placeholderText())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None and \
                not isinstance(widget, QHeaderView):  # a header shows its view's model
            found += list(_model_texts(widget.model()))
        for value in found:
            if value:
                yield where, value


def _model_texts(model, parent: QModelIndex | None = None, depth: int = 0) -> Iterator[str]:  # type: ignore[no-untyped-def]
    parent = parent or QModelIndex()
    try:
        columns = model.columnCount(parent)
    except TypeError:
        columns = 1
    if depth == 0:
        for column in range(columns):
            yield str(model.headerData(column, Qt.Orientation.Horizontal) or "")
    for row in range(min(model.rowCount(parent), 80)):
        for column in range(columns):
            index = model.index(row, column, parent)
            yield str(model.data(index) or "")
            yield str(model.data(index, Qt.ItemDataRole.ToolTipRole) or "")
        if depth < 3:
            yield from _model_texts(model, model.index(row, 0, parent), depth + 1)


def _chinese_left(value: str, data: list[str]) -> str:
    for allowed in [*ALLOWED, *data]:
        if allowed in value:
            value = value.replace(allowed, "")
    return "".join(CHINESE.findall(value))


def test_no_chinese_on_any_screen_in_english(in_english: None, qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                             modal_dialogs: list[tuple[str, str]]) -> None:
    on = date(2026, 11, 2)
    locations, sample = make_demo(tmp_path / "demo", on)
    db = open_database(locations)
    settings = load_settings(locations.settings_file)
    settings.language = "en"
    window = MainWindow(db, settings, locations)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.agenda.today = on + timedelta(days=1)
    found: dict[str, set[str]] = {}

    def look(name: str, root: QWidget) -> None:
        QApplication.processEvents()
        data = _user_data(db.engine, tmp_path)
        for where, value in _texts(root):
            if _chinese_left(value, data):
                found.setdefault(f"{name}: {where}", set()).add(value[:200])

    try:
        for key in PAGE_KEYS:
            window.show_page(key)
            if key == "agenda":
                window.agenda.reload()
                qtbot.waitUntil(window.agenda.is_loaded)
            look(key, window)
        # each page at a record, every tab
        from PySide6.QtWidgets import QTabWidget as Tabs

        for key in ("numbering", "deposit", "consent", "consignment", "checks"):
            for record in (sample.books[1], sample.books[0]):
                window.open_record(key, record)
                for tabs in window.page(key).findChildren(Tabs):
                    for index in range(tabs.count()):
                        tabs.setCurrentIndex(index)
                        look(f"{key} at {record}, tab {tabs.tabText(index)}", window)
        # a book with its checklist, then the serial with its issues
        window.show_page("publications")
        page = window.publications
        page.open_publication(sample.books[0])
        look("publication", window)
        page.open_publication(sample.serial_id)
        page.detail_tabs.setCurrentWidget(page.issues_editor)
        look("serial", window)
        # a save's warnings (issue 32 item 1: the page joined the core's sentences raw)
        page.open_publication(sample.books[1])
        page.form.gpn.setText("1999900001")
        page.save()
        look("save warning", window)
        assert "1999900001" in page.notice.text(), "the test saw the warning it looks for"
        # licences, review and the site (issue 31), on a book with a licence
        page.detail_tabs.setCurrentWidget(page.licences)
        look("licences tab", window)
        # a validation message on screen
        page.open_publication(sample.books[1])
        page.detail_tabs.setCurrentIndex(0)
        page.form.tabs.setCurrentIndex(0)
        page.form.isbn.setText("978-957-00-0000-1")
        page.form.title.setText("")
        page.save()
        look("validation", window)
        from ui.widgets import ErrorLabel

        said = [label.text() for label in page.form.findChildren(ErrorLabel) if label.text()]
        assert "Enter the title." in said, said  # the test saw the message it looks for
        page.revert() if hasattr(page, "revert") else None
        # checks: the demo e-file, a sound book, a faulty file, a file that is not a PDF
        window.show_page("checks")
        checks = window.checks
        not_pdf = tmp_path / "download.pdf"
        not_pdf.write_text("<html>404</html>")
        checks.add_paths([str(book(tmp_path)), str(faulty(tmp_path)), str(not_pdf)])
        checks.run_checks()
        qtbot.waitUntil(lambda: checks.results.topLevelItemCount() == 3, timeout=120_000)
        look("check results", window)
        # dialogs
        from ui.audit_dialog import AuditDialog
        from ui.pages.library_dialog import LibraryDialog
        from ui.search_dialog import SearchDialog

        for dialog in (SearchDialog(db, window), AuditDialog(db, window),
                       LibraryDialog(db, window), page.open_recycle_bin()):
            dialog.show()
            look(type(dialog).__name__, dialog)
            dialog.close()
        guide = window.show_guide()
        look("guide", guide)  # the guide's own text may quote the rules in Chinese
        guide.close()
        # Every page built, none needs to scroll sideways at 1920×1080 and 150 % (1280×720)
        window.resize(1280, 720)
        for key in PAGE_KEYS:
            window.show_page(key)
            assert window.page(key).minimumSizeHint().width() <= window.stack.width(), key
    finally:
        window.close()
        db.dispose()
    data = _user_data(db.engine, tmp_path)
    for kind, said in modal_dialogs:  # message boxes said along the way
        if _chinese_left(said, data):
            found.setdefault(f"message box ({kind})", set()).add(said[:200])
    assert not found, "\n".join(f"{where}: {sorted(values)}" for where, values in found.items())
