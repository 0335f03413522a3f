"""Small widgets shared by the pages: enum combo boxes, optional-number fields, error labels,
and the habit every list shares (Enter opens what double-click opens)."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.language import shown
from app.models.enums import LabelledEnum


class EnumCombo(QComboBox):
    """A combo box over a LabelledEnum: shows labels, gives members."""

    def __init__(self, enum_type: type[LabelledEnum], parent: QWidget | None = None,
                 allow_none: str | None = None):
        super().__init__(parent)
        self.enum_type = enum_type
        if allow_none is not None:
            self.addItem(allow_none, None)
        # Qt would turn a str-based enum member into a plain QString: store the value and
        # convert back, so callers always get real members.
        for member in enum_type:
            self.addItem(member.shown, member.value)

    def value(self) -> Any:
        """The chosen member (or None for the 'any' entry)."""
        data = self.currentData()
        return None if data is None else self.enum_type(data)

    def set_value(self, member: Enum | None) -> None:
        """Select `member`."""
        index = self.findData(None if member is None else member.value)
        self.setCurrentIndex(max(index, 0))


class ErrorLabel(QLabel):
    """A red message under a field; hidden while empty."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setStyleSheet("color: #b00020;")
        self.setWordWrap(True)
        self.hide()

    def show_message(self, text: str) -> None:
        """Show (or, with an empty text, hide) the message, each line in the officer's
        language (core messages arrive in Chinese: app.language.shown)."""
        self.setText("\n".join(shown(line) for line in text.split("\n")))
        self.setVisible(bool(text))


class OptionalIntEdit(QLineEdit):
    """A whole number that may be left empty (e.g. pages, price). Full-width digits accepted."""

    value_changed = Signal()

    def __init__(self, parent: QWidget | None = None, hint: str = ""):
        super().__init__(parent)
        self.setPlaceholderText(hint)
        self.textChanged.connect(self.value_changed)

    def value(self) -> int | None:
        """The number, None when empty; ValueError when it is not a whole number."""
        import unicodedata

        text = unicodedata.normalize("NFKC", self.text()).strip().replace(",", "")
        if not text:
            return None
        return int(text)

    def set_value(self, value: int | None) -> None:
        """Show `value` (empty for None)."""
        self.setText("" if value is None else str(value))


class _EnterOpens(QObject):
    """Return/Enter on a list's current row does what a double-click does — and is consumed,
    so a dialog's default button is not pressed as well (Qt's own `activated` lets the key
    through, and on some styles fires on a single click)."""

    def __init__(self, view: QAbstractItemView, handler: Callable[[QModelIndex], None]):
        super().__init__(view)
        self.view = view
        self.handler = handler

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            from PySide6.QtCore import Qt

            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                    self.view.state() != QAbstractItemView.State.EditingState:
                index = self.view.currentIndex()
                if index.isValid():
                    self.handler(index)
                    return True
        return super().eventFilter(watched, event)


def opens_on_enter(view: QAbstractItemView, handler: Callable[[QModelIndex], None]) -> None:
    """A list whose rows open something: double-click or Enter on the current row calls
    `handler(index)` — arrows choose, Enter opens, in every list alike."""
    view.doubleClicked.connect(handler)
    view.installEventFilter(_EnterOpens(view, handler))


def date_field(parent: QWidget | None = None) -> tuple[QDateEdit, QWidget]:
    """A date to enter, the same on every page: typed as 2026-12-07 (or picked from the
    calendar), and read back beside it as every date in PubDesk and its letters is written —
    「中華民國115年12月7日」 (7 December 2026 in English). Returns the edit (its date is the
    value) and the row to put in the layout."""
    from datetime import date

    from PySide6.QtCore import QDate

    from app.language import shown_date

    row = QWidget(parent)
    edit = QDateEdit(QDate.currentDate(), row)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    reading = QLabel(row)
    reading.setObjectName("dateReading")
    reading.setStyleSheet("color: #555")
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit)
    layout.addWidget(reading)
    layout.addStretch()

    def read_back() -> None:
        value = edit.date()
        reading.setText(shown_date(date(value.year(), value.month(), value.day())))

    edit.dateChanged.connect(read_back)
    read_back()
    return edit, row
