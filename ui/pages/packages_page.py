"""送交包 — export a checked, hashed package for 文化部, 國家圖書館 or deposit, as a folder or
ZIP, with progress and cancel; failures of the re-check are listed and may be accepted one by
one with a reason."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.language import shown
from app.packages.builder import PackageCancelled
from app.packages.kinds import ExportRefused, Override, build_package
from app.pdfcheck import CHECK_TITLES
from app.services.publications import row_for, rows_for
from ui.desktop import open_in_system
from ui.hub import DataHub, listen_when_shown
from ui.pages.common import WorkflowPage, show_failure
from ui.picker import PublicationPicker
from ui.widgets import ErrorLabel
from ui.worker import JobCancelled, run_job


class PackagesPage(WorkflowPage):
    """Build one package."""

    page_key = "packages"

    def __init__(self, db: Database, hub: DataHub, output_root: Path,
                 parent: QWidget | None = None):
        super().__init__(db, hub, output_root, parent)
        self.last_package: Path | None = None
        self.kind = QComboBox()
        self.kind.setObjectName("packageKind")
        for key, text in (("moc", self.tr("For the Ministry of Culture (consent, e-files, disc label)")),
                          ("ncl", self.tr("For the National Central Library (ISBN/CIP uploads)")),
                          ("deposit", self.tr("For deposit (list and labels)"))):
            self.kind.addItem(text, key)
        self.picker = PublicationPicker(db)
        add = QPushButton(self.tr("Add to the package"))
        add.clicked.connect(self._add_chosen)
        self.publications = QListWidget()
        self.publications.setObjectName("packagePublications")
        self.publications.setToolTip(self.tr("Untick a publication to leave it out"))
        self.folder = QLineEdit(str(output_root / "送交包"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose_folder)
        self.as_zip = QCheckBox(self.tr("As a ZIP file"))
        self.export_button = QPushButton(self.tr("Check and export"))
        self.export_button.clicked.connect(self.export)
        self.open_button = QPushButton(self.tr("Open the package folder"))
        self.open_button.clicked.connect(self._open_folder)
        self.open_button.setEnabled(False)
        self.failures = QTableWidget(0, 4)
        self.failures.setObjectName("packageFailures")
        self.failures.setHorizontalHeaderLabels([self.tr("File"), self.tr("Check"),
                                                 self.tr("Problem"),
                                                 self.tr("Reason to accept (empty = fix it)")])
        self.failures.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.failures.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.error = ErrorLabel()
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Package for"), self.kind)
        form.addRow(self.tr("Save in"), folder_row)
        form.addRow("", self.as_zip)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Publications in the package")))
        pick_row = QHBoxLayout()
        pick_row.addWidget(self.picker, 1)
        pick_row.addWidget(add)
        layout.addLayout(pick_row)
        layout.addWidget(self.publications, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(QLabel(self.tr("Checks that failed (accept one only with a reason; "
                                        "it is written into the manifest)")))
        layout.addWidget(self.failures, 1)
        listen_when_shown(hub, self, lambda entity, _id: self.reload()
                          if entity == "publications" else None)
        self.reload()

    def reload(self) -> None:
        """The publications put in the package, read again (a deleted one leaves)."""
        self.picker.refresh()
        ids = [int(self.publications.item(i).data(Qt.ItemDataRole.UserRole))
               for i in range(self.publications.count())]
        with self.db.session() as session:
            rows = rows_for(session, ids)
        for i in reversed(range(self.publications.count())):
            item = self.publications.item(i)
            row = rows.get(int(item.data(Qt.ItemDataRole.UserRole)))
            if row is None:
                self.publications.takeItem(i)
            else:
                item.setText(row.label)

    def reset(self) -> None:
        """After a restore: nothing chosen."""
        self.publications.clear()
        self.picker.set_current(None)
        self.failures.setRowCount(0)
        self.error.show_message("")

    def _add_chosen(self) -> None:
        if self.picker.current_id() is not None:
            self.choose(self.picker.current_id() or 0)
            self.picker.set_current(None)

    def chosen(self) -> list[int]:
        """Ids of the ticked publications."""
        return [int(self.publications.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(self.publications.count())
                if self.publications.item(i).checkState() == Qt.CheckState.Checked]

    def choose(self, publication_id: int) -> None:
        """Put a publication in the package (ticked)."""
        for i in range(self.publications.count()):
            if self.publications.item(i).data(Qt.ItemDataRole.UserRole) == publication_id:
                self.publications.item(i).setCheckState(Qt.CheckState.Checked)
                return
        with self.db.session() as session:
            row = row_for(session, publication_id)
        if row is None:
            return
        item = QListWidgetItem(row.label)
        item.setData(Qt.ItemDataRole.UserRole, publication_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        self.publications.addItem(item)

    def overrides(self) -> list[Override]:
        """The failures the officer accepted, with their reasons."""
        accepted = []
        for row in range(self.failures.rowCount()):
            file_item, check_item, _problem, reason = (self.failures.item(row, c)
                                                       for c in range(4))
            if file_item is None or check_item is None or reason is None:
                continue
            if reason.text().strip():
                # its name in the package: two e-files of one name are two findings
                accepted.append(Override(str(file_item.data(Qt.ItemDataRole.UserRole) or
                                             file_item.text()),
                                         str(check_item.data(Qt.ItemDataRole.UserRole)),
                                         reason.text()))
        return accepted

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Save packages in"),
                                                  self.folder.text())
        if folder:
            self.folder.setText(folder)

    def export(self) -> None:
        """Check and build in the background; list refusals for acceptance."""
        kind, ids = self.kind.currentData(), self.chosen()
        names = {"moc": "文化部", "ncl": "國家圖書館", "deposit": "寄存"}
        target = Path(self.folder.text()) / f"{names[kind]}送交包-{datetime.now():%Y%m%d-%H%M%S}"
        as_zip, overrides = self.as_zip.isChecked(), self.overrides()
        formats = self.editable_formats()
        self.error.show_message("")

        def job(progress: Any, cancelled: Any) -> Path:
            try:
                with self.db.session() as session:
                    return build_package(session, kind, ids, target, as_zip, overrides,
                                         progress, cancelled, formats=formats)
            except PackageCancelled:
                raise JobCancelled from None

        def done(path: Path) -> None:
            self.last_package = path
            self.open_button.setEnabled(True)
            self.failures.setRowCount(0)
            self.status_message.emit(self.tr("Package ready: %1").replace("%1", str(path)))

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ExportRefused):
                self._show_failures(exc.failures, exc.package_names)
                self.error.show_message(exc.message)
            else:
                show_failure(self, self.error, exc)

        run_job(self, self.tr("Building the package…"), job, on_done=done, on_failed=failed,
                on_cancelled=lambda: self.error.show_message(
                    self.tr("Cancelled: nothing was written.")))

    def _show_failures(self, failures: list[tuple[str, str, str]],
                       package_names: dict[str, str] | None = None) -> None:
        kept = {(o.file, o.check): o.reason for o in self.overrides()}
        self.failures.setRowCount(0)
        for path, check, message in failures:
            row = self.failures.rowCount()
            self.failures.insertRow(row)
            name = (package_names or {}).get(path, Path(path).name)
            file_item = QTableWidgetItem(Path(name).name)
            file_item.setData(Qt.ItemDataRole.UserRole, name)
            file_item.setToolTip(name)
            self.failures.setItem(row, 0, file_item)
            check_item = QTableWidgetItem(shown(CHECK_TITLES.get(check, check)))
            check_item.setData(Qt.ItemDataRole.UserRole, check)
            self.failures.setItem(row, 1, check_item)
            self.failures.setItem(row, 2, QTableWidgetItem(shown(message)))
            self.failures.setItem(row, 3, QTableWidgetItem(kept.get((name, check), "")))

    def _open_folder(self) -> None:
        if self.last_package is not None:
            folder = self.last_package if self.last_package.is_dir() else \
                self.last_package.parent
            open_in_system(folder, self)
