"""What several pages do the same way: run a service action with messages next to the form,
report a failed background job, read a date edit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDateEdit, QTableWidgetItem, QWidget

from app.db import Database
from app.errors import ChangedElsewhereError, PubDeskError, ValidationError
from ui.errors import offer_reload, show_error
from ui.hub import DataHub
from ui.widgets import ErrorLabel


def show_failure(parent: QWidget, error: ErrorLabel, exc: BaseException) -> None:
    """Validation problems go next to the form; other errors to the standard display."""
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
    try:
        with db.session() as session:
            action(session)
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


def chosen_date(edit: QDateEdit) -> date:
    """A QDateEdit's date as a Python date."""
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def read_only_item(text: str, data: object = None) -> QTableWidgetItem:
    """A table cell the officer can select but not edit, optionally carrying an id."""
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
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
