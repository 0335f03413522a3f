"""Opening a file or folder in the program Windows (or the desktop) associates with it — and
saying so when there is none, instead of silently doing nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget


def open_in_system(path: Path, parent: QWidget | None) -> bool:
    """Open `path` with its associated program; on failure tell the officer where the file is
    and offer its folder. Returns whether the file was opened."""
    if not path.exists():
        QMessageBox.warning(parent, "PubDesk", QCoreApplication.translate(
            "Desktop", "The file {path} is no longer there (moved or deleted?). Make it again "
            "from this page.").format(path=path))
        return False
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return True
    if path.is_dir():
        QMessageBox.warning(parent, "PubDesk", QCoreApplication.translate(
            "Desktop", "The folder {path} could not be shown. Open it in File Explorer "
            "yourself.").format(path=path))
        return False
    text = QCoreApplication.translate(
        "Desktop", "No program on this PC opens {kind} files (for example Microsoft Word or "
        "LibreOffice Writer for .docx and .odt). The file is saved at:\n{path}")
    box = QMessageBox(QMessageBox.Icon.Warning, "PubDesk",
                      text.format(kind=path.suffix.lower(), path=path), parent=parent)
    show = box.addButton(QCoreApplication.translate("Desktop", "Show the folder"),
                         QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is show:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
    return False
