"""What several pages do the same way: run a service action with messages next to the form,
report a failed background job, read a date edit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QDateEdit, QMainWindow, QTableWidgetItem, QWidget

from app.db import Database
from app.documents.editable import EditableFormats
from app.errors import ChangedElsewhereError, PubDeskError, ValidationError
from ui.errors import offer_reload, show_error
from ui.hub import DataHub
from ui.widgets import ErrorLabel
from ui.worker import Job, run_job, wait_for


def clear_window_status(widget: QWidget) -> None:
    """The status bar speaks of the last action: cleared when an action fails, so it never
    says 「已儲存。」 of an earlier one."""
    window = widget.window()
    if isinstance(window, QMainWindow):
        window.statusBar().clearMessage()


def show_failure(parent: QWidget, error: ErrorLabel, exc: BaseException) -> None:
    """Validation problems go next to the form; other errors to the standard display. Either
    way the status bar no longer tells of an earlier success."""
    clear_window_status(parent)
    if isinstance(exc, ValidationError):
        error.show_message("\n".join(p.message for p in exc.problems))
    else:
        show_error(parent, exc)


def run_action(parent: QWidget, db: Database, error: ErrorLabel,
               action: Callable[[Any], object],
               reload: Callable[[], None] | None = None) -> bool:
    """Run `action(session)` in one transaction; True when it succeeded. When someone else
    saved the record first, offer to `reload` it (app.services.guard)."""
    error.show_message("")

    def save() -> None:
        with db.session() as session:
            action(session)

    try:
        # Off the GUI thread: with the office server slow or gone the window still paints.
        wait_for(QCoreApplication.translate("ProgressDialog", "Saving…"), save)
    except ChangedElsewhereError as exc:
        if reload is not None and offer_reload(parent, exc):
            reload()
        else:
            show_failure(parent, error, exc)
        return False
    except PubDeskError as exc:
        show_failure(parent, error, exc)
        return False
    return True


def run_in_background(parent: QWidget, db: Database, error: ErrorLabel, title: str,
                      action: Callable[[Any], Any],
                      on_done: Callable[[Any], None] | None = None) -> Job:
    """`run_action` off the GUI thread: `action(session)` in one transaction in the worker,
    with the progress dialog (writing a document, cutting a PDF: hundreds of milliseconds to
    seconds the window must not freeze for); `on_done(result)` back on the GUI thread."""
    error.show_message("")

    def job(_progress: Any, _cancelled: Any) -> Any:
        with db.session() as session:
            return action(session)

    def failed(exc: BaseException) -> None:
        if isinstance(exc, PubDeskError):
            show_failure(parent, error, exc)
        else:
            show_error(parent, exc)

    return run_job(parent, title, job, on_done=on_done, on_failed=failed)


def chosen_date(edit: QDateEdit) -> date:
    """A QDateEdit's date as a Python date."""
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def read_only_item(text: str, data: object = None) -> QTableWidgetItem:
    """A table cell the officer can select but not edit, optionally carrying an id. A long
    text also shows whole as the cell's tooltip, since a narrow column cuts it short."""
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if len(text) > 12:
        item.setToolTip(text)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item


class WorkflowPage(QWidget):
    """What every workflow page has: the database, the change hub, where outputs go, and the
    two signals the main window listens to."""

    status_message = Signal(str)
    open_document = Signal(object, object)
    page_key = ""

    def __init__(self, db: Database, hub: DataHub, output_root: Path,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.hub = hub
        self.output_root = output_root
        self.editable_formats: Callable[[], EditableFormats] = EditableFormats
        """The editable formats to write (the main window answers from Settings)."""
