"""Showing errors: ours (PubDeskError) as a plain message the officer can act on; anything
else is our bug, shown with the details to send to the developers."""

from __future__ import annotations

import traceback

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import PubDeskError


def show_error(parent: QWidget | None, exc: BaseException, details: str = "") -> None:
    """A message box for `exc`."""
    if isinstance(exc, PubDeskError):
        QMessageBox.warning(parent, "PubDesk", exc.message)
        return
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("PubDesk")
    box.setText(QCoreApplication.translate(
        "ErrorDisplay", "Something went wrong inside PubDesk. Your saved data is safe. "
                        "Please send the details below to the developers."))
    box.setDetailedText(details or "".join(traceback.format_exception(exc)))
    box.exec()
