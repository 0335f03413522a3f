"""Settings → 寄存圖書館與展售門市: the officer keeps the lists — add, rename, deactivate
(kept for history, left out of new plans and lists), mark as checked against the official list.
Saves are guarded like every record edited as a whole (app.services.guard)."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.errors import ChangedElsewhereError, PubDeskError
from app.models import LibraryKind
from app.services.reference import (
    LibraryData,
    StoreData,
    library_versions,
    list_libraries,
    list_stores,
    save_library,
    save_store,
)
from ui.errors import offer_reload, show_error
from ui.pages.common import read_only_item
from ui.read_only import writes
from ui.widgets import ErrorLabel

ROW_ID = 256


class _ListEditor(QWidget):
    """A table of records and a form for the selected one (or a new one)."""

    saved = Signal(str)
    """The table name that changed, for the window's change announcements."""

    def __init__(self, db: Database, headers: list[str], labels: dict[str, str],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.loaded: tuple[int, int] | None = None
        """The record in the form and the version it was read at; None for a new one."""
        self.rows: dict[int, tuple[Any, int]] = {}
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.currentCellChanged.connect(lambda row, *_: self._select(row))
        self.edits: dict[str, QWidget] = {}
        form = QFormLayout()
        for name, label in labels.items():
            form.addRow(label, self._editor(name))
        self.error = ErrorLabel()
        add = QPushButton(self.tr("New"))
        add.clicked.connect(self.new)
        save = QPushButton(self.tr("Save"))
        save.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addStretch()
        buttons.addWidget(save)
        writes(add, save, *self.edits.values())
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    def _editor(self, name: str) -> QWidget:
        widget: QWidget
        if name in ("active", "verified"):
            widget = QCheckBox()
        elif name == "copies":
            spin = QSpinBox()
            spin.setRange(0, 20)
            widget = spin
        elif name == "kind":
            combo = QComboBox()
            for kind in LibraryKind:
                combo.addItem(kind.shown, kind)
            widget = combo
        else:
            widget = QLineEdit()
        widget.setObjectName(f"ref_{name}")
        self.edits[name] = widget
        return widget

    def _value(self, name: str) -> Any:
        widget = self.edits[name]
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        if isinstance(widget, QSpinBox):
            return widget.value()
        if isinstance(widget, QComboBox):
            return widget.currentData()
        assert isinstance(widget, QLineEdit)
        return widget.text()

    def _show(self, data: Any) -> None:
        for f in fields(data):
            widget, value = self.edits.get(f.name), getattr(data, f.name)
            if isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QSpinBox):
                widget.setValue(int(value))
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(value)))
            elif isinstance(widget, QLineEdit):
                widget.setText(str(value))

    def fill(self, records: list[tuple[int, Any, int]], columns: list[str]) -> None:
        """Show the records (id, data, version)."""
        self.rows = {record_id: (data, version) for record_id, data, version in records}
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for record_id, data, _version in records:
            row = self.table.rowCount()
            self.table.insertRow(row)
            for column, name in enumerate(columns):
                value = getattr(data, name)
                text = (self.tr("Yes") if value else self.tr("No")) \
                    if isinstance(value, bool) else getattr(value, "shown", str(value))
                self.table.setItem(row, column, read_only_item(text, record_id))
        self.table.blockSignals(False)

    def _select(self, row: int) -> None:
        item = self.table.item(row, 0) if row >= 0 else None
        if item is None:
            return
        record_id = int(item.data(ROW_ID))
        data, version = self.rows[record_id]
        self.loaded = (record_id, version)
        self._show(data)
        self.error.show_message("")

    def new(self) -> None:
        """An empty form for a new record."""
        self.loaded = None
        self.table.clearSelection()
        self._show(self.blank())
        self.error.show_message("")

    # Each list says what a new record looks like, how it is stored and read (overridden).
    def blank(self) -> Any:
        return None

    def store(self, session: Any) -> int:
        """Save the form; return the record's id."""
        del session
        return 0

    def reload(self) -> None:
        return None

    def _select_record(self, record_id: int) -> None:
        """Show `record_id` again as just read: its data and the version to save it on."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(ROW_ID) == record_id:
                self.table.blockSignals(True)
                self.table.setCurrentCell(row, 0)
                self.table.blockSignals(False)
                self._select(row)
                return

    def save(self) -> None:
        """Store the form (refused if someone saved the record since it was shown)."""
        try:
            with self.db.session() as session:
                record_id = self.store(session)
        except ChangedElsewhereError as exc:
            if offer_reload(self, exc):
                self.reload()
            return
        except PubDeskError as exc:
            if hasattr(exc, "problems"):
                self.error.show_message(exc.message)
            else:
                show_error(self, exc)
            return
        self.reload()
        # the next save of this form is based on the version this one made, not the old one
        self._select_record(record_id)


class LibraryEditor(_ListEditor):
    """寄存圖書館 (§5)."""

    COLUMNS = ("name", "division", "copies", "kind", "active", "verified")

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(db, [self.tr("Library"), self.tr("Division"), self.tr("Copies"),
                              self.tr("Kind"), self.tr("Active"), self.tr("Checked")],
                         {"name": self.tr("Library"), "division": self.tr("Division"),
                          "postcode": self.tr("Postcode"), "address": self.tr("Address"),
                          "phone": self.tr("Phone"), "copies": self.tr("Copies"),
                          "kind": self.tr("Kind"), "active": self.tr("Active"),
                          "verified": self.tr("Checked against the official list"),
                          "agency_code": self.tr("Agency code (for DI files)"),
                          "agency_code_source": self.tr("Where the agency code was found")},
                         parent)
        self.reload()

    def blank(self) -> LibraryData:
        return LibraryData("")

    def reload(self) -> None:
        with self.db.session() as session:
            versions = library_versions(session)  # versions first (app.services.guard)
            records = [(i, data, versions.get(i, 1)) for i, data in list_libraries(session)]
        self.fill(records, list(self.COLUMNS))

    def store(self, session: Any) -> int:
        data = LibraryData(**{f.name: self._value(f.name) for f in fields(LibraryData)})
        if self.loaded is None:
            record_id = save_library(session, data)
        else:
            record_id = save_library(session, data, self.loaded[0],
                                     expected_version=self.loaded[1])
        self.saved.emit("deposit_libraries")
        return record_id


class StoreEditor(_ListEditor):
    """展售門市 (§7)."""

    COLUMNS = ("name", "address", "phone", "active", "verified")

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(db, [self.tr("Store"), self.tr("Address"), self.tr("Phone"),
                              self.tr("Active"), self.tr("Checked")],
                         {"name": self.tr("Store"), "postcode": self.tr("Postcode"),
                          "address": self.tr("Address"), "phone": self.tr("Phone"),
                          "url": self.tr("Web site"), "active": self.tr("Active"),
                          "verified": self.tr("Checked against the contract")}, parent)
        self.reload()

    def blank(self) -> StoreData:
        return StoreData("")

    def reload(self) -> None:
        with self.db.session() as session:
            records = list_stores(session)
        self.fill(records, list(self.COLUMNS))

    def store(self, session: Any) -> int:
        data = StoreData(**{f.name: self._value(f.name) for f in fields(StoreData)})
        if self.loaded is None:
            record_id = save_store(session, data)
        else:
            record_id = save_store(session, data, self.loaded[0],
                                   expected_version=self.loaded[1])
        self.saved.emit("sales_stores")
        return record_id


class ReferenceEditor(QTabWidget):
    """Both lists, as tabs."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.libraries = LibraryEditor(db)
        self.stores = StoreEditor(db)
        self.addTab(self.libraries, self.tr("Deposit libraries"))
        self.addTab(self.stores, self.tr("Sales stores"))
