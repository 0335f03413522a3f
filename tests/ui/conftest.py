"""GUI fixtures: the application prepared as `pubdesk` prepares it (bundled font, zh-TW),
and a main window on a fresh workspace."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.db import Database, open_database
from app.paths import Locations, resolve_locations
from app.settings import load_settings
from ui.main import prepare_application
from ui.mainwindow import MainWindow


@pytest.fixture(scope="session")
def prepared_app(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> QApplication:
    cache = resolve_locations(tmp_path_factory.mktemp("cache"), environ={})
    prepare_application(qapp, "zh_TW", cache)
    return qapp


def commit_text(widget: QWidget, text: str) -> None:
    """Type Chinese the way an input method delivers it: one commit event."""
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@pytest.fixture
def make_window(prepared_app: QApplication, qtbot, tmp_path: Path  # type: ignore[no-untyped-def]
                ) -> Iterator[Callable[[], tuple[MainWindow, Database, Locations]]]:
    locations = resolve_locations(tmp_path / "workspace", environ={})
    opened: list[Database] = []

    def build() -> tuple[MainWindow, Database, Locations]:
        db = open_database(locations)
        opened.append(db)
        window = MainWindow(db, load_settings(locations.settings_file), locations)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window, db, locations

    yield build
    for db in opened:
        db.dispose()


@pytest.fixture(autouse=True)
def modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """No test may block on a real modal message box: every one is recorded here and
    answered Discard/No/OK. A test that expects a dialog patches it itself or reads this."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[tuple[str, str]] = []

    def fake(kind: str, answer: QMessageBox.StandardButton) -> Callable[..., object]:
        def record(_parent: object, title: str = "", text: str = "", *_a: object,
                   **_k: object) -> QMessageBox.StandardButton:
            shown.append((kind, f"{title}: {text}"))
            return answer
        return record

    monkeypatch.setattr(QMessageBox, "question", fake("question",
                                                      QMessageBox.StandardButton.Discard))
    monkeypatch.setattr(QMessageBox, "warning", fake("warning", QMessageBox.StandardButton.No))
    monkeypatch.setattr(QMessageBox, "information", fake("information",
                                                         QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "critical", fake("critical", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "about", fake("about", QMessageBox.StandardButton.Ok))

    def exec_box(box: QMessageBox) -> int:
        shown.append(("box", f"{box.windowTitle()}: {box.text()}\n{box.detailedText()}"))
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    return shown


def pick_publication(picker, publication_id: int, text: str = "") -> None:  # type: ignore[no-untyped-def]
    """Choose a publication as the officer does: type, then click the match in the list."""
    picker.search_now(text)
    for row in range(picker.matches.rowCount()):
        if picker.matches.item(row).data(Qt.ItemDataRole.UserRole) == publication_id:
            picker.choose_match(row)
            assert picker.current_id() == publication_id
            return
    raise AssertionError(f"publication {publication_id} is not among the matches for {text!r}")
