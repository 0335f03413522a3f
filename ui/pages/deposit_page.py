"""寄存 — the deposit plan of a publication, the shipping list, labels and cover letters, and
tracking what was sent and acknowledged; or everything not yet deposited."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.documents.labels import PRESETS
from app.language import shown_date
from app.outputs import output_folder_for
from app.services.deposit import (
    DepositRow,
    acknowledge,
    deposit_rows,
    mark_sent,
    plan_deposit,
    set_copies,
    total_copies,
    write_deposit_documents,
)
from ui.hub import DataHub, listen_when_shown
from ui.pages.common import (
    WorkflowPage,
    chosen_date,
    run_action,
    show_failure,
)
from ui.pages.library_dialog import LibraryDialog
from ui.picker import PublicationPicker
from ui.read_only import writes
from ui.widgets import ErrorLabel, date_field
from ui.worker import run_job

COLUMNS = 9


class DepositPage(WorkflowPage):
    """Deposit copies of published items."""

    page_key = "deposit"

    def __init__(self, db: Database, hub: DataHub, output_root: Path,
                 parent: QWidget | None = None):
        super().__init__(db, hub, output_root, parent)
        self.rows: list[DepositRow] = []

        self.publication = PublicationPicker(db)
        self.publication.changed.connect(self._publication_changed)
        self.unsent_only = QCheckBox(self.tr("Show everything not yet sent (all publications)"))
        self.unsent_only.toggled.connect(self.reload)
        self.encouraged = QCheckBox(self.tr("Include the encouraged national libraries"))
        plan_button = QPushButton(self.tr("Make the deposit plan"))
        plan_button.clicked.connect(self.make_plan)
        self.notice = QLabel(self.tr("The designated libraries are reference data: check them "
                                     "against the Ministry of Culture's current list with “Libraries…”."))
        libraries_button = QPushButton(self.tr("Libraries…"))
        libraries_button.clicked.connect(self.edit_libraries)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #a15c00;")

        self.table = QTableWidget(0, COLUMNS)
        self.table.setObjectName("depositLines")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Publication"), self.tr("Library"), self.tr("Address"), self.tr("Copies"),
             self.tr("E-files"), self.tr("Sent"), self.tr("Carrier / reference"),
             self.tr("Acknowledged"), self.tr("Reason")])
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.total = QLabel()

        self.copies = QSpinBox()
        self.copies.setRange(0, 99)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why it differs from the rule"))
        copies_button = QPushButton(self.tr("Change copies"))
        copies_button.clicked.connect(self.change_copies)
        self.on_date, date_row = date_field()
        self.carrier = QLineEdit()
        self.carrier.setPlaceholderText(self.tr("Carrier"))
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(self.tr("Reference"))
        sent_button = QPushButton(self.tr("Mark selected as sent"))
        sent_button.clicked.connect(self.mark_sent)
        ack_button = QPushButton(self.tr("Mark selected as acknowledged"))
        ack_button.clicked.connect(self.acknowledge)
        self.sheet = QComboBox()
        for preset in PRESETS:
            self.sheet.addItem(preset.name)
        self.start = QSpinBox()
        self.start.setRange(1, 40)
        self.letters = QCheckBox(self.tr("Cover letter for each library"))
        output_button = QPushButton(self.tr("Shipping list and labels"))
        output_button.clicked.connect(self.write_documents)
        self.error = ErrorLabel()
        # the list, labels and letters are only written to files: they stay for a viewer
        writes(self.encouraged, plan_button, libraries_button, self.copies, self.reason,
               copies_button, self.carrier, self.reference, sent_button, ack_button)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Publication")))
        top.addWidget(self.publication, 2)
        top.addWidget(self.encouraged)
        top.addWidget(plan_button)
        top.addWidget(libraries_button)
        edit = QHBoxLayout()
        edit.addWidget(QLabel(self.tr("Copies")))
        edit.addWidget(self.copies)
        edit.addWidget(self.reason, 1)
        edit.addWidget(copies_button)
        track = QHBoxLayout()
        track.addWidget(date_row)
        track.addWidget(self.carrier)
        track.addWidget(self.reference)
        track.addWidget(sent_button)
        track.addWidget(ack_button)
        output = QFormLayout()
        output.addRow(self.tr("Label sheet"), self.sheet)
        output.addRow(self.tr("Start at label"), self.start)
        output.addRow("", self.letters)
        output.addRow("", output_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.unsent_only)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total)
        layout.addLayout(edit)
        layout.addLayout(track)
        layout.addLayout(output)
        layout.addWidget(self.error)
        listen_when_shown(hub, self, self._data_changed)
        self.reload()

    def edit_libraries(self) -> None:
        """Open the library list editor."""
        if LibraryDialog(self.db, self).exec() == LibraryDialog.DialogCode.Accepted:
            self.hub.announce("deposit_libraries")

    def _publication_changed(self) -> None:
        # What was typed for the previous publication is not this one's.
        self.error.show_message("")
        self.reason.clear()
        self.carrier.clear()
        self.reference.clear()
        self.reload()

    def open_record(self, publication_id: int) -> None:
        """Show this page for a publication (from the 待辦 page)."""
        self.publication.set_current(publication_id)

    def reset(self) -> None:
        """After a restore: no publication chosen, the plan read again."""
        self.unsent_only.setChecked(False)
        self.publication.set_current(None)
        self._publication_changed()

    def _data_changed(self, entity: str, _record_id: int) -> None:
        if entity in ("publications", "deposit_libraries", "deposit_lines"):
            self.publication.refresh()
            self.reload()

    def reload(self) -> None:
        """Show the plan of the chosen publication (or everything unsent)."""
        publication_id = None if self.unsent_only.isChecked() else self.publication.current_id()
        if publication_id is None and not self.unsent_only.isChecked():
            self.rows = []
            self.table.setRowCount(0)
            self.total.setText(self.tr("Choose a publication to see its deposit plan."))
            return
        with self.db.session() as session:
            self.rows = deposit_rows(session, publication_id,
                                     unsent_only=self.unsent_only.isChecked())
        self.table.setRowCount(0)
        for row in self.rows:
            index = self.table.rowCount()
            self.table.insertRow(index)
            values = (row.publication_label, row.library, f"{row.postcode}{row.address}", str(row.copies),
                      "有" if row.include_efiles else "",
                      shown_date(row.sent_on) if row.sent_on else "",
                      " ".join(p for p in (row.carrier, row.reference) if p),
                      shown_date(row.acknowledged_on) if row.acknowledged_on else "",
                      row.reason)
            for column, text in enumerate(values):
                self.table.setItem(index, column, QTableWidgetItem(text))
        self.total.setText(self.tr("%1 line(s), %2 copies in total.")
                           .replace("%1", str(len(self.rows)))
                           .replace("%2", str(total_copies(self.rows))))

    def selected_ids(self) -> list[int]:
        """Ids of the selected lines."""
        rows = sorted({index.row() for index in self.table.selectedIndexes()})
        return [self.rows[r].id for r in rows if r < len(self.rows)]

    def _today(self) -> date:
        return chosen_date(self.on_date)

    def _run(self, action: Any, message: str) -> bool:
        if not run_action(self, self.db, self.error, action):
            return False
        self.status_message.emit(message)
        self.reload()
        return True

    def make_plan(self) -> None:
        """Create (or complete) the plan of the chosen publication."""
        publication_id = self.publication.current_id()
        if publication_id is None:
            return
        self.unsent_only.setChecked(False)
        # Every widget read here, on the GUI thread: the action runs in the worker.
        encouraged = self.encouraged.isChecked()
        self._run(lambda s: plan_deposit(s, publication_id, encouraged),
                  self.tr("Deposit plan ready."))

    def change_copies(self) -> None:
        """Set the copies of the selected line."""
        ids = self.selected_ids()
        if len(ids) != 1:
            self.error.show_message(self.tr("Select one line to change its copies."))
            return
        copies, reason = self.copies.value(), self.reason.text()
        self._run(lambda s: set_copies(s, ids[0], copies, reason), self.tr("Copies changed."))

    def mark_sent(self) -> None:
        """Bulk 已寄出."""
        ids = self.selected_ids()
        on, carrier, reference = self._today(), self.carrier.text(), self.reference.text()
        if self._run(lambda s: mark_sent(s, ids, on, carrier, reference),
                     self.tr("Marked as sent.")):
            self.hub.announce("publications")

    def acknowledge(self) -> None:
        """The library confirmed receipt."""
        ids, on = self.selected_ids(), self._today()
        self._run(lambda s: acknowledge(s, ids, on), self.tr("Marked as acknowledged."))

    def write_documents(self) -> None:
        """Write the list, labels (and letters) and preview the list."""
        publication_id = self.publication.current_id()
        if publication_id is None:
            return
        sheet = PRESETS[self.sheet.currentIndex()]
        start, letters, on = self.start.value(), self.letters.isChecked(), self._today()
        formats = self.editable_formats()

        def job(_progress: Any, _cancelled: Any) -> list[Path]:
            with self.db.session() as session:
                folder = output_folder_for(session, self.output_root, "寄存", publication_id)
                return write_deposit_documents(session, publication_id, folder, sheet, on,
                                               start, letters, formats)

        def done(files: list[Path]) -> None:
            self.status_message.emit(self.tr("Written to %1").replace("%1", str(files[0].parent)))
            pdf = next(f for f in files if f.name == "寄存清單.pdf")
            self.open_document.emit(pdf, pdf.with_suffix(".docx"))

        run_job(self, self.tr("Writing the deposit documents…"), job, on_done=done,
                on_failed=lambda exc: show_failure(self, self.error, exc))
