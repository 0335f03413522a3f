"""編號 — the numbering plan of a publication, its applications (draft → ready → submitted →
assigned / returned), the upload packet cut from the book PDF, the data sheet for the web
form, and the outputs: copyright page and ISBN barcode; confirming publication (NCL 四)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from app.db import Database
from app.documents.barcode import write_barcode_pdf, write_barcode_svg
from app.errors import PubDeskError
from app.identifiers import display
from app.language import shown, shown_date
from app.models import ApplicationKind, ApplicationStatus, NumberApplication, Publication
from app.outputs import output_folder_for
from app.rocdate import ROC_OFFSET
from app.services.copyright_page import write_copyright_page
from app.services.numbering import (
    NumberCorrectionNeeded,
    advance,
    confirm_publication,
    create_application,
    cut_part,
    data_sheet,
    list_applications,
    load_application,
    missing_parts,
    numbering_plan,
)
from ui.errors import show_error
from ui.hub import DataHub, listen_when_shown
from ui.pages.common import (
    WorkflowPage,
    chosen_date,
    read_only_item,
    run_action,
    run_in_background,
)
from ui.picker import PublicationPicker
from ui.read_only import writes
from ui.widgets import EnumCombo, ErrorLabel, OptionalIntEdit, date_field


class NumberingPage(WorkflowPage):
    """Numbers for one publication at a time, applications across all."""

    page_key = "numbering"

    def __init__(self, db: Database, hub: DataHub, output_root: Path,
                 parent: QWidget | None = None):
        super().__init__(db, hub, output_root, parent)
        self.application_id: int | None = None

        self.publication = PublicationPicker(db)
        self.publication.setObjectName("numberingPublication")
        self.publication.changed.connect(self._publication_changed)
        self.plan = QTableWidget(0, 4)
        self.plan.setHorizontalHeaderLabels([self.tr("Number"), self.tr("Needed"),
                                             self.tr("Why"), self.tr("Now")])
        for column in (0, 1, 3):  # the short columns as wide as their words; 依據 takes the rest
            self.plan.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents)
        self.plan.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.plan.verticalHeader().setVisible(False)
        self.plan.setWordWrap(True)  # the rule behind each number, whole (§4, NCL 二(二)1)
        self.plan.setMaximumHeight(190)
        self.kind = EnumCombo(ApplicationKind)
        new_button = QPushButton(self.tr("New application"))
        new_button.clicked.connect(self.new_application)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search registration number or title"))
        self.search.textChanged.connect(self.reload_applications)
        self.applications = QTableWidget(0, 6)
        self.applications.setObjectName("applicationsTable")
        self.applications.setHorizontalHeaderLabels(
            [self.tr("Publication"), self.tr("Kind"), self.tr("Status"),
             self.tr("Registration no."), self.tr("Number"), self.tr("Missing uploads")])
        # The publication column names the record (title, 載體, 版次, GPN): it keeps a width
        # the officer can read; the short columns fit their contents.
        header = self.applications.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.applications.setColumnWidth(0, 260)
        self.applications.setWordWrap(False)
        self.applications.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.applications.itemSelectionChanged.connect(self._application_selected)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(QLabel(self.tr("Publication")))
        left_layout.addWidget(self.publication)
        left_layout.addWidget(self.plan)
        writes(self.kind, new_button)
        new_row = QHBoxLayout()
        new_row.addWidget(self.kind)
        new_row.addWidget(new_button)
        left_layout.addLayout(new_row)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.applications, 1)

        self.tabs = QTabWidget()
        self._build_application_tab()
        self._build_packet_tab()
        self._build_sheet_tab()
        self._build_output_tab()
        self.error = ErrorLabel()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.tabs, 1)
        right_layout.addWidget(self.error)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([560, 700])
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        listen_when_shown(hub, self, self._data_changed)
        self._publication_changed()

    # --- building --------------------------------------------------------------------------------

    def _build_application_tab(self) -> None:
        page = QWidget()
        outer = QVBoxLayout(page)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch()
        self.app_status = QLabel(self.tr("Choose or start an application."))
        self.app_status.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.on_date, date_row = date_field()
        self.registration = QLineEdit()
        self.reply = QPlainTextEdit()
        self.reply.setMaximumHeight(60)
        self.assigned = QLineEdit()
        self.assigned.setObjectName("assignedNumber")
        self.cip_text = QPlainTextEdit()
        self.cip_text.setMaximumHeight(90)
        self.cip_card = QLineEdit()
        form.addRow(self.tr("Status"), self.app_status)
        form.addRow(self.tr("Date"), date_row)
        form.addRow(self.tr("Registration no."), self.registration)
        form.addRow(self.tr("Reply"), self.reply)
        form.addRow(self.tr("Assigned number"), self.assigned)
        form.addRow(self.tr("CIP block"), self.cip_text)
        form.addRow(self.tr("CIP card file"), self.cip_card)
        buttons = QGridLayout()  # two rows: the page stays usable on a narrow window
        self.status_buttons: dict[ApplicationStatus, QPushButton] = {}
        for index, (status, text) in enumerate((
                (ApplicationStatus.READY, self.tr("Mark ready")),
                             (ApplicationStatus.SUBMITTED, self.tr("Mark submitted")),
                             (ApplicationStatus.ASSIGNED, self.tr("Record the number")),
                             (ApplicationStatus.RETURNED, self.tr("Returned")),
                             (ApplicationStatus.DRAFT, self.tr("Back to draft")))):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, s=status: self.move_to(s))
            buttons.addWidget(button, index // 3, index % 3)
            self.status_buttons[status] = button
        form.addRow("", buttons)
        writes(page)
        self.tabs.addTab(page, self.tr("Application"))

    def _build_packet_tab(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        source_row = QHBoxLayout()
        self.source = QLineEdit()
        self.source.setPlaceholderText(self.tr("The book PDF the pages are cut from"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose_source)
        source_row.addWidget(self.source, 1)
        source_row.addWidget(browse)
        self.parts = QTableWidget(0, 3)
        self.parts.setObjectName("packetParts")
        self.parts.setHorizontalHeaderLabels([self.tr("Upload"), self.tr("Pages (e.g. 3-4)"),
                                              self.tr("File")])
        self.parts.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        cut = QPushButton(self.tr("Cut the pages"))
        cut.clicked.connect(self.cut_parts)
        self.missing = QLabel()
        layout.addLayout(source_row)
        layout.addWidget(self.parts, 1)
        layout.addWidget(self.missing)
        layout.addWidget(cut)
        writes(page)  # cutting records the pages and files with the application
        self.tabs.addTab(page, self.tr("Upload packet"))

    def _build_sheet_tab(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("The fields of the NCL web form, in its order.")))
        self.sheet = QTableWidget(0, 3)
        self.sheet.setObjectName("dataSheet")
        self.sheet.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Value"), ""])
        self.sheet.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.sheet)
        self.tabs.addTab(page, self.tr("Data sheet"))

    def _build_output_tab(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        copyright_button = QPushButton(self.tr("Copyright page (DOCX, PDF, text)"))
        copyright_button.clicked.connect(self.write_copyright)
        barcode_button = QPushButton(self.tr("ISBN barcode (SVG, PDF)"))
        barcode_button.clicked.connect(self.write_barcode)
        confirm_box = QWidget()
        confirm = QFormLayout(confirm_box)
        self.confirm_price = OptionalIntEdit(hint=self.tr("unchanged"))
        self.confirm_pages = OptionalIntEdit(hint=self.tr("unchanged"))
        self.confirm_year = OptionalIntEdit(hint=self.tr("ROC year, if delayed"))
        self.confirm_month = QSpinBox()
        self.confirm_month.setRange(0, 12)
        self.confirm_month.setSpecialValueText("—")
        self.confirm_note = QLineEdit()
        confirm.addRow(self.tr("Price now"), self.confirm_price)
        confirm.addRow(self.tr("Pages now"), self.confirm_pages)
        confirm.addRow(self.tr("Published year / month"), self.confirm_year)
        confirm.addRow("", self.confirm_month)
        confirm.addRow(self.tr("Note"), self.confirm_note)
        confirm_button = QPushButton(self.tr("Confirm publication (NCL part 4)"))
        confirm_button.clicked.connect(self.confirm)
        confirm.addRow("", confirm_button)
        # What 確認出版 recorded stays on the page (the status bar is gone in 8 s).
        self.confirm_result = QLabel()
        self.confirm_result.setObjectName("confirmResult")
        self.confirm_result.setWordWrap(True)
        confirm.addRow("", self.confirm_result)
        writes(confirm_box)  # the copyright page and barcode are files: they stay
        layout.addWidget(copyright_button)
        layout.addWidget(barcode_button)
        layout.addWidget(QLabel(self.tr("After printing:")))
        layout.addWidget(confirm_box)
        layout.addStretch()
        self.tabs.addTab(page, self.tr("Outputs"))

    # --- loading -------------------------------------------------------------------------------

    def _data_changed(self, entity: str, record_id: int) -> None:
        if entity not in ("publications", "publishing_units"):
            return
        shown = self.publication_id()
        self.publication.refresh()
        if self.publication_id() != shown or record_id in (-1, shown):
            self._publication_changed()

    def open_record(self, publication_id: int) -> None:
        """Show this page for a publication (from the 待辦 page)."""
        self.publication.set_current(publication_id)

    TAB_FOR: ClassVar[dict[str, int]] = {"number_missing": 0, "application_waiting": 0, "application_returned": 0,
                                         "confirm_publication": 3}
    """The tab (Application, Upload packet, Data sheet, Outputs) where each 待辦 kind is done."""

    def open_for(self, publication_id: int, kind: str) -> None:
        """From the 待辦 page: the publication, on the tab where the item is done; for an
        application waiting or returned, that application selected."""
        self.open_record(publication_id)
        self.tabs.setCurrentIndex(self.TAB_FOR.get(kind, 0))
        if kind in ("application_waiting", "application_returned"):
            wanted = {"application_waiting": ApplicationStatus.SUBMITTED,
                      "application_returned": ApplicationStatus.RETURNED}[kind]
            with self.db.session() as session:
                application_id = session.scalar(
                    select(NumberApplication.id).where(
                        NumberApplication.publication_id == publication_id,
                        NumberApplication.status == wanted)
                    .order_by(NumberApplication.id.desc()).limit(1))
            for row in range(self.applications.rowCount()):
                cell = self.applications.item(row, 0)
                if cell is not None and cell.data(Qt.ItemDataRole.UserRole) == application_id:
                    self.applications.selectRow(row)
                    break

    def reset(self) -> None:
        """After a restore: no publication or application chosen, everything read again."""
        self.application_id = None
        self.search.clear()
        self.publication.set_current(None)
        self._publication_changed()

    def publication_id(self) -> int | None:
        """The publication shown."""
        return self.publication.current_id()

    def _publication_changed(self) -> None:
        publication_id = self.publication_id()
        self.error.show_message("")
        # What was typed for the previous publication is not this one's.
        for field in (self.confirm_price, self.confirm_pages, self.confirm_year,
                      self.confirm_note, self.source):
            field.clear()
        self.confirm_month.setValue(0)
        self.confirm_result.clear()
        self.plan.setRowCount(0)
        self.sheet.setRowCount(0)
        if publication_id is None:
            self.reload_applications()
            return
        with self.db.session() as session:
            publication = session.get(Publication, publication_id)
            plan = numbering_plan(publication) if publication else []
            sheet = data_sheet(session, publication_id)
        for item in plan:
            row = self.plan.rowCount()
            self.plan.insertRow(row)
            need = {"required": self.tr("Required"), "optional": self.tr("Optional"),
                    "not needed": self.tr("Not applicable")}[item.need]
            for column, text in enumerate((item.kind, need, item.reason,
                                           display(item.kind, item.current) or "—")):
                self.plan.setItem(row, column, read_only_item(text))
        self.plan.resizeRowsToContents()
        rows_height = sum(self.plan.rowHeight(r) for r in range(self.plan.rowCount()))
        self.plan.setFixedHeight(min(190, max(80, self.plan.horizontalHeader().height()
                                             + rows_height + 2 * self.plan.frameWidth() + 2)))
        for label, value in sheet:
            row = self.sheet.rowCount()
            self.sheet.insertRow(row)
            self.sheet.setItem(row, 0, read_only_item(label))
            self.sheet.setItem(row, 1, read_only_item(value))
            copy = QPushButton(self.tr("Copy"))
            copy.clicked.connect(lambda _c=False, v=value: self._copy(v))
            self.sheet.setCellWidget(row, 2, copy)
        self.reload_applications()

    def _copy(self, value: str) -> None:
        QGuiApplication.clipboard().setText(value)
        self.status_message.emit(self.tr("Copied: %1").replace("%1", value[:40]))

    def reload_applications(self) -> None:
        """The applications list (search by 掛號單號 or title)."""
        with self.db.session() as session:
            rows = list_applications(session, self.search.text())
        self.applications.blockSignals(True)
        self.applications.setRowCount(0)
        for application in rows:
            row = self.applications.rowCount()
            self.applications.insertRow(row)
            values = (application.publication_label, application.kind.shown, application.status.shown,
                      application.registration_no, application.assigned_number,
                      "、".join(application.missing))
            for column, text in enumerate(values):
                self.applications.setItem(row, column, read_only_item(text, application.id))
            if application.id == self.application_id:
                self.applications.selectRow(row)
        self.applications.blockSignals(False)
        self._show_application()

    def _application_selected(self) -> None:
        row = self.applications.currentRow()
        item = self.applications.item(row, 0) if row >= 0 else None
        self.application_id = int(item.data(Qt.ItemDataRole.UserRole)) if item else None
        self.error.show_message("")
        self._show_application()

    def _show_application(self) -> None:
        """Every field of the form comes from the selected application, or is emptied: no
        value typed for one application may stay on screen to be saved into another."""
        self.parts.setRowCount(0)
        for button in self.status_buttons.values():
            button.setEnabled(False)
        application = None
        if self.application_id is not None:
            with self.db.session() as session:
                try:
                    application = load_application(session, self.application_id)
                except PubDeskError:
                    self.application_id = None
                if application is not None:
                    status, kind = application.status, application.kind
                    parts = [(p.part, p.page_range, p.file_path) for p in application.parts]
                    missing = missing_parts(application)
        self.registration.setText(application.registration_no if application else "")
        self.assigned.setText(application.assigned_number if application else "")
        self.reply.setPlainText(application.reply if application else "")
        self.cip_text.setPlainText(application.cip_text if application else "")
        self.cip_card.setText(application.cip_card_path if application else "")
        self.on_date.setDate(QDate.currentDate())
        self.missing.setText("")
        if application is None:
            self.app_status.setText(self.tr("Choose or start an application."))
            return
        self.app_status.setText(f"{kind.shown}：{status.shown}")
        allowed = {ApplicationStatus.DRAFT: {ApplicationStatus.READY},
                   ApplicationStatus.READY: {ApplicationStatus.SUBMITTED,
                                             ApplicationStatus.DRAFT},
                   ApplicationStatus.SUBMITTED: {ApplicationStatus.ASSIGNED,
                                                 ApplicationStatus.RETURNED},
                   ApplicationStatus.RETURNED: {ApplicationStatus.DRAFT,
                                                ApplicationStatus.READY}}.get(status, set())
        for target, button in self.status_buttons.items():
            button.setEnabled(target in allowed)
        for part, page_range, file_path in parts:
            row = self.parts.rowCount()
            self.parts.insertRow(row)
            self.parts.setItem(row, 0, read_only_item(part))
            self.parts.setItem(row, 1, QTableWidgetItem(page_range))
            self.parts.setItem(row, 2, read_only_item(Path(file_path).name if file_path else ""))
        self.missing.setText(self.tr("Still missing: %1").replace("%1", "、".join(missing))
                             if missing else self.tr("All uploads are ready."))

    # --- actions -------------------------------------------------------------------------------

    def _today(self) -> date:
        return chosen_date(self.on_date)

    def _run(self, action: Any, success: str) -> bool:
        if not run_action(self, self.db, self.error, action):
            return False
        self.status_message.emit(success)
        return True

    def _run_correctable(self, action: Any, success: str, correct: str) -> bool:
        """`action(session, correction)`; when the publication already has a different number
        (NumberCorrectionNeeded), ask, and only on 「`correct`」 run it again as a correction."""
        needed: list[NumberCorrectionNeeded] = []

        def attempt(session: Any) -> None:
            try:
                action(session, False)
            except NumberCorrectionNeeded as exc:
                needed.append(exc)
                raise

        if self._run(attempt, success):
            return True
        if not needed:
            return False
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("The number is already there"),
                          shown(str(needed[0])), parent=self)
        yes = box.addButton(correct, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Keep the number"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is yes and self._run(lambda s: action(s, True), success)

    def new_application(self) -> None:
        """Start an application of the chosen kind for the publication."""
        publication_id = self.publication_id()
        if publication_id is None:
            return
        created: list[int] = []
        kind = self.kind.value()
        if self._run_correctable(
                lambda s, correction: created.append(create_application(
                    s, publication_id, kind, correction=correction)),
                self.tr("Application started."), self.tr("Apply for a correction")):
            self.application_id = created[0]
            self.reload_applications()

    def move_to(self, status: ApplicationStatus) -> None:
        """Advance the selected application."""
        if self.application_id is None:
            return
        application_id = self.application_id
        # Every widget read here, on the GUI thread: the action runs in the worker.
        fields = {"registration_no": self.registration.text(),
                  "reply": self.reply.toPlainText(), "assigned_number": self.assigned.text(),
                  "cip_text": self.cip_text.toPlainText(), "cip_card_path": self.cip_card.text()}
        on = self._today()
        if self._run_correctable(lambda s, correction: advance(
                s, application_id, status, on, **fields, correction=correction),
                self.tr("Application is now: %1").replace("%1", status.shown),
                self.tr("Correct the number")):
            if status is ApplicationStatus.ASSIGNED:
                self.hub.announce("publications", self.publication_id() or -1)
            self.reload_applications()
            self._publication_changed()

    def _choose_source(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, self.tr("The book PDF"), "",
                                                    self.tr("PDF files (*.pdf)"))
        if name:
            self.source.setText(name)

    def cut_parts(self) -> None:
        """Cut every part that has a page range."""
        if self.application_id is None:
            return
        source = Path(self.source.text().strip())
        if not source.is_file():
            self.error.show_message(self.tr("Choose the book PDF first."))
            return
        folder = self.output_root / "編號申請" / f"申請{self.application_id}"
        wanted = []
        for row in range(self.parts.rowCount()):
            part_item, range_item = self.parts.item(row, 0), self.parts.item(row, 1)
            if part_item is not None and range_item is not None and range_item.text().strip():
                wanted.append((part_item.text(), range_item.text()))
        application_id = self.application_id

        def action(session: Any) -> None:
            for part, page_range in wanted:
                cut_part(session, application_id, part, source, page_range, folder)

        def done(_result: Any) -> None:
            self.status_message.emit(self.tr("Pages cut into %1").replace("%1", str(folder)))
            self.reload_applications()

        run_in_background(self, self.db, self.error, self.tr("Cutting the pages…"), action, done)

    def _output_folder(self, publication_id: int) -> Path:
        with self.db.session() as session:
            return output_folder_for(session, self.output_root, "編號", publication_id)

    def write_copyright(self) -> None:
        """Write the copyright page and preview its PDF."""
        publication_id = self.publication_id()
        if publication_id is None:
            return
        formats = self.editable_formats()

        def done(files: list[Path]) -> None:
            self.status_message.emit(self.tr("Copyright page written."))
            pdf = next(p for p in files if p.suffix == ".pdf")
            self.open_document.emit(pdf, next(
                (p for p in files if p.suffix in (".odt", ".docx")), None))

        run_in_background(
            self, self.db, self.error, self.tr("Writing the copyright page…"),
            lambda s: write_copyright_page(s, publication_id, output_folder_for(
                s, self.output_root, "編號", publication_id), formats), done)

    def write_barcode(self) -> None:
        """Write the ISBN barcode (SVG for the designer, PDF to look at)."""
        publication_id = self.publication_id()
        if publication_id is None:
            return
        with self.db.session() as session:
            publication = session.get(Publication, publication_id)
            isbn = publication.isbn if publication else None
        if not isbn:
            self.error.show_message(self.tr("This publication has no ISBN yet."))
            return
        folder = self._output_folder(publication_id)
        try:
            write_barcode_svg(isbn, folder / f"ISBN-{isbn}.svg")
            pdf = write_barcode_pdf(isbn, folder / f"ISBN-{isbn}.pdf")
        except PubDeskError as exc:
            show_error(self, exc)
            return
        self.open_document.emit(pdf, None)

    def confirm(self) -> None:
        """NCL 四: record the publication as out, with what changed."""
        publication_id = self.publication_id()
        if publication_id is None:
            return
        try:
            price = self.confirm_price.value()
            pages = self.confirm_pages.value()
            roc_year = self.confirm_year.value()
        except ValueError:
            self.error.show_message(self.tr("Price, pages and year must be whole numbers."))
            return
        month = self.confirm_month.value() or None
        year = roc_year + ROC_OFFSET if roc_year else None
        changes: list[str] = []
        on, note = self._today(), self.confirm_note.text()
        if self._run(lambda s: changes.extend(confirm_publication(
                s, publication_id, on, price, pages, year, month, note)),
                self.tr("Publication confirmed.")):
            said = self.tr("Publication confirmed on %1 (kept in its history).").replace(
                "%1", shown_date(self._today()))
            if changes:
                said += " " + self.tr("Recorded: %1").replace("%1", "；".join(changes))
            self.hub.announce("publications", publication_id)  # re-reads the page: then say it
            self.confirm_result.setText(said)
            self.status_message.emit(said)
