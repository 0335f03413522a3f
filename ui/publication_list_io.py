"""File → Import / Export the publication list (Excel): the import is read and checked in the
background, the officer reads the per-row report, and only what she confirms is written — in
one transaction, also in the background."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.services.publication_lists import (
    ImportPlan,
    apply_import,
    export_publications,
    plan_import,
)
from ui.errors import show_error
from ui.worker import CancelledCallback, ProgressCallback, run_job

BAD = QColor("#fde2e1")


def export_list(parent: QWidget, db: Database, folder: Path) -> None:
    """Ask where, then write every publication to an XLSX in the background."""
    title = QCoreApplication.translate("PublicationLists", "Export the publication list")
    name, _filter = QFileDialog.getSaveFileName(
        parent, title, str(folder / "出版品清單.xlsx"),
        QCoreApplication.translate("PublicationLists", "Excel workbook (*.xlsx)"))
    if not name:
        return
    path = Path(name).with_suffix(".xlsx")

    def job(_progress: ProgressCallback, _cancelled: CancelledCallback) -> int:
        with db.session() as session:
            return export_publications(session, path)

    def done(count: int) -> None:
        QMessageBox.information(parent, title, QCoreApplication.translate(
            "PublicationLists", "%1 publications written to:\n%2").replace(
                "%1", str(count)).replace("%2", str(path)))

    run_job(parent, QCoreApplication.translate(
        "PublicationLists", "Exporting the publication list…"), job, on_done=done)


def import_list(parent: QWidget, db: Database, folder: Path,
                on_imported: Callable[[list[int]], None] | None = None) -> None:
    """Ask for the file, check it in the background, then show the report."""
    name, _filter = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("PublicationLists", "Import a publication list"),
        str(folder), QCoreApplication.translate("PublicationLists", "Excel workbook (*.xlsx)"))
    if not name:
        return
    path = Path(name)
    step = QCoreApplication.translate("PublicationLists", "Checking row %1 of %2")

    def job(progress: ProgressCallback, _cancelled: CancelledCallback) -> ImportPlan:
        with db.session() as session:
            return plan_import(session, path, lambda done, total: progress(
                done, total, step.replace("%1", str(done)).replace("%2", str(total))))

    def done(plan: ImportPlan) -> None:
        dialog = ImportReportDialog(db, path, plan, parent)
        if on_imported is not None:
            dialog.imported.connect(on_imported)
        dialog.open()

    run_job(parent, QCoreApplication.translate("PublicationLists", "Checking the list…"), job,
            on_done=done)


class ImportReportDialog(QDialog):
    """Every row with what would happen to it; Import writes the good rows, Cancel nothing."""

    imported = Signal(list)
    """The ids of the publications created."""

    def __init__(self, db: Database, path: Path, plan: ImportPlan,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.path, self.plan = db, path, plan
        self.setWindowTitle(self.tr("Import %1").replace("%1", path.name))
        good, bad = len(plan.importable), len(plan.rejected)
        summary = self.tr("%1 rows: %2 can be imported, %3 have problems and will be left out. "
                          "Nothing has been written yet.").replace("%1", str(len(plan.rows))) \
            .replace("%2", str(good)).replace("%3", str(bad))
        self.summary = QLabel("\n".join([*plan.file_problems, summary]))
        self.summary.setWordWrap(True)
        self.table = QTableWidget(len(plan.rows), 3)
        self.table.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Title"),
                                              self.tr("Result")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 260)
        for row, entry in enumerate(plan.rows):
            said = "；".join(entry.problems) if entry.problems else (
                self.tr("Will be imported") + ("（" + "；".join(entry.warnings) + "）"
                                               if entry.warnings else ""))
            cells = [QTableWidgetItem(str(entry.row_number)), QTableWidgetItem(entry.title),
                     QTableWidgetItem(said)]
            for column, cell in enumerate(cells):
                if not entry.ok:
                    cell.setBackground(BAD)
                self.table.setItem(row, column, cell)
        self.table.resizeRowsToContents()
        self.import_button = QPushButton(self.tr("Import %1 publications").replace(
            "%1", str(good)))
        self.import_button.setEnabled(good > 0)
        self.import_button.clicked.connect(self.import_now)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(cancel)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(900, 560)

    def import_now(self) -> None:
        """Write the good rows in one transaction (in the background)."""
        plan = self.plan

        def job(_progress: ProgressCallback, _cancelled: CancelledCallback) -> list[int]:
            with self.db.session() as session:
                return apply_import(session, plan)

        def done(ids: list[int]) -> None:
            self.imported.emit(ids)
            self.accept()

        def failed(exc: BaseException) -> None:
            self.import_button.setEnabled(True)
            show_error(self, exc)

        self.import_button.setEnabled(False)
        run_job(self, self.tr("Importing…"), job, on_done=done, on_failed=failed)
