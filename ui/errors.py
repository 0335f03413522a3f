"""Showing errors: ours (PubDeskError) as a plain message the officer can act on; anything
else is our bug, shown with the details to send to the developers."""

from __future__ import annotations

import traceback

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.errors import ChangedElsewhereError, PubDeskError
from app.language import shown


def show_error(parent: QWidget | None, exc: BaseException, details: str = "") -> None:
    """A message box for `exc`."""
    from PySide6.QtWidgets import QMessageBox

    if isinstance(exc, PubDeskError):
        QMessageBox.warning(parent, "PubDesk", shown(exc.message))
        return
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("PubDesk")
    box.setText(QCoreApplication.translate(
        "ErrorDisplay", "Something went wrong inside PubDesk. Your saved data is safe. "
                        "Please send the details below to the developers."))
    box.setDetailedText(details or "".join(traceback.format_exception(exc)))
    box.exec()


def offer_reload(parent: QWidget | None, exc: ChangedElsewhereError) -> bool:
    """Someone else saved the record first: say who and when, and offer to reload it (True)
    or keep this window's unsaved edits on screen to copy from (False)."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, "PubDesk", shown(exc.message), parent=parent)
    reload_button = box.addButton(
        QCoreApplication.translate("ErrorDisplay", "Reload"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QCoreApplication.translate("ErrorDisplay", "Keep my edits on screen"),
                  QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(reload_button)
    box.exec()
    return box.clickedButton() is reload_button
