"""Opening a document with no associated program says where the file is, instead of nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from ui import desktop


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts of the message boxes that would have been shown."""
    texts: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        texts.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda _parent, _title, text: texts.append(text)))
    return texts


def test_opened_when_a_program_is_associated(qtbot, tmp_path: Path, shown: list[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        staticmethod(lambda url: opened.append(url.toLocalFile()) or True))
    letter = tmp_path / "函.docx"
    letter.write_bytes(b"x")
    assert desktop.open_in_system(letter, None)
    assert opened == [str(letter)]
    assert shown == []


def test_no_program_says_where_the_file_is(qtbot, tmp_path: Path, shown: list[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: False))
    letter = tmp_path / "函.odt"
    letter.write_bytes(b"x")
    assert not desktop.open_in_system(letter, None)
    assert len(shown) == 1
    assert ".odt" in shown[0]
    assert str(letter) in shown[0]


def test_a_vanished_file_is_said(qtbot, tmp_path: Path, shown: list[str]) -> None:
    assert not desktop.open_in_system(tmp_path / "gone.docx", None)
    assert "gone.docx" in shown[0]
