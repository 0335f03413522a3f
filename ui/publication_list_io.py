"""File → Import / Export the publication list (Excel): the import is read and checked in the
background, the officer reads the per-row report, and only what she confirms is written — in
one transaction, also in the background."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.intake.child import ReadCancelled
from app.language import language, shown
from app.services.publication_lists import (
    ImportPlan,
    apply_import,
    export_publications,
    plan_import,
)
from app.services.publications import ImportCancelled
from ui.errors import show_error
from ui.worker import CancelledCallback, JobCancelled, ProgressCallback, run_job

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
        str(folder), QCoreApplication.translate(
            "PublicationLists", "Spreadsheets (*.xlsx *.ods);;All files (*)"))
    if name:
        plan_list(parent, db, Path(name), on_imported)


def plan_list(parent: QWidget, db: Database, path: Path,
              on_imported: Callable[[list[int]], None] | None = None, *,
              sheet: str | None = None, create_units: bool = False) -> None:
    """Read `path` in the bounded reader (a child process: Cancel ends it at once) and check
    every row in the background; then ask which sheet, or show the report."""
    reading = QCoreApplication.translate("PublicationLists", "Reading the list: %1 rows so far")
    step = QCoreApplication.translate("PublicationLists", "Checking row %1 of %2")

    def job(progress: ProgressCallback, cancelled: CancelledCallback) -> ImportPlan:
        def said(done: int, total: int) -> None:
            if done == 0:
                progress(0, 0, reading.replace("%1", str(total)))
            else:
                progress(done, total, step.replace("%1", str(done)).replace("%2", str(total)))

        try:
            with db.session() as session:
                return plan_import(session, path, said, sheet=sheet,
                                   create_units=create_units, cancelled=cancelled)
        except ReadCancelled as exc:
            raise JobCancelled from exc

    def done(plan: ImportPlan) -> None:
        if plan.sheet_choices:
            chosen, ok = QInputDialog.getItem(
                parent, QCoreApplication.translate("PublicationLists", "Which sheet?"),
                QCoreApplication.translate(
                    "PublicationLists",
                    "Several sheets of %1 hold a publication list. Import which one?")
                .replace("%1", path.name), plan.sheet_choices, 0, False)
            if ok and chosen:
                plan_list(parent, db, path, on_imported, sheet=chosen,
                          create_units=create_units)
            return
        dialog = ImportReportDialog(db, path, plan, parent)
        if on_imported is not None:
            dialog.imported.connect(on_imported)
        dialog.replan.connect(lambda units: plan_list(
            parent, db, path, on_imported, sheet=plan.sheet or None, create_units=units))
        dialog.open()

    run_job(parent, QCoreApplication.translate("PublicationLists", "Checking the list…"), job,
            on_done=done)


class ImportRowsModel(QAbstractTableModel):
    """The report's rows, drawn only as they are scrolled into view (100,000 rows make no
    widget items)."""

    def __init__(self, plan: ImportPlan, parent: QObject | None = None):
        super().__init__(parent)
        self.plan = plan
        self.headers = [self.tr("Row"), self.tr("Title"), self.tr("Result")]
        self.will = self.tr("Will be imported")

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.plan.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self.plan.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if index.column() == 0:
                return str(entry.row_number)
            if index.column() == 1:
                return entry.title
            english = language() == "en"  # the punctuation of the screen's language too
            between, opening, closing = ("; ", " (", ")") if english else ("；", "（", "）")
            if entry.problems:
                return between.join(shown(p) for p in entry.problems)
            return self.will + (opening + between.join(shown(w) for w in entry.warnings)
                                + closing if entry.warnings else "")
        if role == Qt.ItemDataRole.BackgroundRole and not entry.ok:
            return BAD
        return None


class ImportReportDialog(QDialog):
    """Every row with what would happen to it; Import writes the good rows, Cancel nothing."""

    imported = Signal(list)
    """The ids of the publications created."""
    replan = Signal(bool)
    """The officer changed whether new units may be created: check the file again."""

    def __init__(self, db: Database, path: Path, plan: ImportPlan,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.path, self.plan = db, path, plan
        self.setWindowTitle(self.tr("Import %1").replace("%1", path.name))
        good, bad = len(plan.importable), len(plan.rejected)
        lines = [shown(line) for line in plan.file_problems + plan.notes]
        if plan.rows or not plan.file_problems:
            lines.append(self.tr(
                "Sheet %4 — %1 rows: %2 can be imported, %3 have problems and will be left out. "
                "Nothing has been written yet.").replace("%1", str(len(plan.rows)))
                .replace("%2", str(good)).replace("%3", str(bad))
                .replace("%4", f"「{plan.sheet}」"))
        self.summary = QLabel("\n".join(lines))
        self.summary.setWordWrap(True)
        self.create_units = QCheckBox(self.tr(
            "Create the units named in the list that are not set up yet (%1)").replace(
                "%1", "、".join(plan.missing_units)))
        self.create_units.setChecked(plan.create_units)
        self.create_units.setVisible(bool(plan.missing_units))
        self.create_units.toggled.connect(self._replan)
        self.model = ImportRowsModel(plan, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 70)
        self.table.setColumnWidth(1, 300)
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
        layout.addWidget(self.create_units)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(900, 560)

    def _replan(self, create: bool) -> None:
        self.reject()
        self.replan.emit(create)

    def import_now(self) -> None:
        """Write the good rows in one transaction (in the background)."""
        plan = self.plan

        def job(progress: ProgressCallback, cancelled: CancelledCallback) -> list[int]:
            def written(done: int, total: int) -> None:
                progress(done, total, self.tr("Written %1 of %2 rows…")
                         .replace("%1", f"{done:,}").replace("%2", f"{total:,}"))

            try:
                with self.db.session() as session:
                    return apply_import(session, plan, written, cancelled)
            except ImportCancelled as exc:  # the transaction rolled back: nothing written
                raise JobCancelled() from exc

        def done(ids: list[int]) -> None:
            self.imported.emit(ids)
            self.accept()

        def failed(exc: BaseException) -> None:
            self.import_button.setEnabled(True)
            show_error(self, exc)

        def cancelled() -> None:
            self.import_button.setEnabled(True)
            self.summary.setText(self.tr("Cancelled: nothing was written."))

        self.import_button.setEnabled(False)
        run_job(self, self.tr("Importing…"), job, on_done=done, on_failed=failed,
                on_cancelled=cancelled)
