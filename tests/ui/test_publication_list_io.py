"""File → Import a publication list: the report comes first, nothing is written until the
officer presses Import; File → Export writes the list."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from PySide6.QtWidgets import QApplication, QFileDialog
from sqlalchemy import func, select

from app.models import Publication
from app.services.publication_lists import COLUMNS
from ui.publication_list_io import ImportReportDialog


def test_import_shows_the_report_then_writes_only_when_confirmed(make_window, qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                 monkeypatch) -> None:
    window, db, _ = make_window()
    with db.session() as session:
        before = session.scalar(select(func.count()).select_from(Publication))
    from app.services.units import UnitData, save_unit

    unit_name = "經濟部標準檢驗局"
    with db.session() as session:
        save_unit(session, UnitData(unit_name, "標準局"))
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([c.header for c in COLUMNS])
    headers = [c.header for c in COLUMNS]
    for values in ({"出版機關": unit_name, "題名": "匯入的書", "出版年月": "115年3月"},
                   {"出版機關": unit_name, "題名": "ISBN 錯", "ISBN": "9789865431299"}):
        sheet.append([values.get(h) for h in headers])
    book.save(tmp_path / "list.xlsx")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *_a, **_k: (str(tmp_path / "list.xlsx"), "")))
    shown: list[ImportReportDialog] = []

    def record(self: ImportReportDialog) -> None:  # a method: it gets the dialog as self
        shown.append(self)

    monkeypatch.setattr(ImportReportDialog, "open", record)
    window.import_publication_list()
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    dialog = shown[0]
    qtbot.addWidget(dialog)
    model = dialog.table.model()
    assert model.rowCount() == 2
    assert "檢查碼" in model.index(1, 2).data()
    assert dialog.import_button.isEnabled()
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Publication)) == before
    dialog.import_now()
    qtbot.waitUntil(lambda: not dialog.isVisible() and dialog.result() == 1, timeout=20_000)
    with db.session() as session:
        titles = set(session.scalars(select(Publication.title)))
        assert session.scalar(select(func.count()).select_from(Publication)) == before + 1
    assert "匯入的書" in titles
    assert "ISBN 錯" not in titles


def test_export_writes_the_list(make_window, qtbot, tmp_path: Path, monkeypatch,  # type: ignore[no-untyped-def]
                                modal_dialogs) -> None:
    window, _db, _ = make_window()
    target = tmp_path / "清單.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_a, **_k: (str(target), "")))
    window.export_publication_list()
    qtbot.waitUntil(target.exists, timeout=20_000)
    qtbot.waitUntil(lambda: any("清單.xlsx" in text for _kind, text in modal_dialogs),
                    timeout=20_000)
    QApplication.processEvents()


def test_cancel_ends_the_reading_child_at_once(make_window, qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                               monkeypatch) -> None:
    """The list is read in a bounded child process; 取消 kills it, the window answers at
    once and no report appears (the GUI used to parse in a thread and ignore Cancel)."""
    import time

    import psutil

    from tests import hostile_files as hostile
    from ui.worker import ProgressDialog

    window, _db, _ = make_window()
    rows = [hostile.row(1, ["出版機關", "題名"])] + [
        hostile.row(n, ["經濟部", f"第 {n} 本書，題名夠長以免壓縮得太好 {n * 7919 % 100003}"])
        for n in range(2, 100_001)]
    path = hostile.write_xlsx(tmp_path / "big.xlsx",
                              [("清單", "visible", hostile.sheet_xml(rows))])
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *_a, **_k: (str(path), "")))
    shown: list[object] = []
    monkeypatch.setattr(ImportReportDialog, "open", lambda self: shown.append(self))  # noqa: PLW0108 (a method: gets self)

    def readers() -> list[psutil.Process]:
        found = []
        for process in psutil.Process().children(recursive=True):
            try:
                if "read-sheet" in " ".join(process.cmdline()):
                    found.append(process)
            except psutil.Error:  # a zombie or one that just ended: not reading
                continue
        return found

    window.import_publication_list()
    qtbot.waitUntil(lambda: bool(readers()), timeout=20_000)
    title = QApplication.translate("PublicationLists", "Checking the list…")
    dialogs = [d for d in window.findChildren(ProgressDialog) if d.windowTitle() == title]
    assert len(dialogs) == 1
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    qtbot.waitUntil(dialogs[0].isVisible, timeout=5_000)
    button = dialogs[0].findChild(QPushButton)
    asked = time.monotonic()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # 取消, as the officer presses it
    from ui import worker

    qtbot.waitUntil(lambda: not readers() and not worker._RUNNING, timeout=5_000)
    assert time.monotonic() - asked < 2
    assert shown == []  # cancelled while reading or while checking: no report, nothing kept
