"""The deposit libraries, edited as a table (reference data the officer maintains). Each row
keeps the version it was read at, so saving the table never overwrites a library someone
else saved meanwhile (app.services.guard)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.errors import ChangedElsewhereError, PubDeskError, ValidationError
from app.models import LibraryKind
from app.services.reference import LibraryData, library_versions, list_libraries, save_library
from ui.errors import offer_reload, show_error
from ui.widgets import EnumCombo, ErrorLabel

TEXT_COLUMNS = ("name", "division", "postcode", "address", "phone")


class LibraryDialog(QDialog):
    """Edit, add, deactivate and confirm deposit libraries."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("Deposit libraries"))
        self.resize(1100, 460)
        self.ids: list[int | None] = []
        self.read: dict[int, tuple[LibraryData, int]] = {}
        """Each library as read and its version: only changed rows are saved, each on its own
        version."""
        self.table = QTableWidget(0, 11)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Division"), self.tr("Postcode"), self.tr("Address"),
             self.tr("Phone"), self.tr("Copies"), self.tr("Kind"), self.tr("In use"),
             self.tr("Checked against the official list"), self.tr("Agency code"),
             self.tr("Where the code was found")])
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.error = ErrorLabel()
        add = QPushButton(self.tr("Add a library"))
        add.clicked.connect(lambda: self._append(None, LibraryData("")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("The designated list is set by the Ministry of Culture and changes: "
                                        "check each row, then tick it as checked.")))
        layout.addWidget(self.table, 1)
        layout.addWidget(add)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.load()

    def load(self) -> None:
        """Show the libraries as they are now."""
        self.table.setRowCount(0)
        self.ids = []
        with self.db.session() as session:
            versions = library_versions(session)  # versions first (app.services.guard)
            libraries = list_libraries(session)
        self.read = {library_id: (data, versions[library_id]) for library_id, data in libraries}
        for library_id, data in libraries:
            self._append(library_id, data)

    def _append(self, library_id: int | None, data: LibraryData) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.ids.append(library_id)
        for column, name in enumerate(TEXT_COLUMNS):
            self.table.setItem(row, column, QTableWidgetItem(getattr(data, name)))
        self.table.setItem(row, 5, QTableWidgetItem(str(data.copies)))
        kind = EnumCombo(LibraryKind)
        kind.set_value(data.kind)
        self.table.setCellWidget(row, 6, kind)
        for column, value in ((7, data.active), (8, data.verified)):
            item = QTableWidgetItem()
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            item.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
            self.table.setItem(row, column, item)
        for column, text in ((9, data.agency_code), (10, data.agency_code_source)):
            self.table.setItem(row, column, QTableWidgetItem(text))

    def row_data(self, row: int) -> LibraryData:
        """One row as data."""
        def text(column: int) -> str:
            item = self.table.item(row, column)
            return item.text() if item is not None else ""

        def checked(column: int) -> bool:
            item = self.table.item(row, column)
            return item is not None and item.checkState() == Qt.CheckState.Checked

        try:
            copies = int(text(5) or 0)
        except ValueError:
            raise ValidationError.single("copies", self.tr("Copies must be a whole number.")) \
                from None
        kind = self.table.cellWidget(row, 6)
        return LibraryData(text(0), text(1), text(2), text(3), text(4), copies,
                           kind.value() if isinstance(kind, EnumCombo) else
                           LibraryKind.DESIGNATED, checked(7), checked(8), text(9), text(10))

    def save(self) -> None:
        """Store every row; stay open with the message when one is wrong."""
        try:
            with self.db.session() as session:
                for row, library_id in enumerate(self.ids):
                    data = self.row_data(row)
                    if library_id is None:
                        if data.name.strip():
                            save_library(session, data)
                        continue
                    before, version = self.read[library_id]
                    if data != before:
                        save_library(session, data, library_id, expected_version=version)
        except ChangedElsewhereError as exc:
            if offer_reload(self, exc):
                self.load()
            return
        except ValidationError as exc:
            self.error.show_message("\n".join(p.message for p in exc.problems))
            return
        except PubDeskError as exc:
            show_error(self, exc)
            return
        self.accept()
