"""電子檔檢查 — drop PDFs or folders, pick the profile and the publication (its TOC is used),
check in the background with progress and cancel, read the results as a tree with the fix in
plain words, export the report, write bookmarks from the TOC into a copy."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.language import shown
from app.models import EFileRole, PublicationType
from app.pdfcheck import CHECK_TITLES, FileReport, Profile, Status, check_files, write_outline
from app.pdfcheck.evidence import evidence_sentences, technical_lines
from app.pdfcheck.export import export_report
from app.pdfcheck.isolation import BatchCancelled, expand
from app.services.efiles import file_sha256, judge_for_role, record_check, toc_for_check
from app.services.publications import load_publication
from ui.hub import DataHub, listen_when_shown
from ui.pages.common import WorkflowPage
from ui.picker import PublicationPicker
from ui.widgets import EnumCombo
from ui.worker import JobCancelled, run_job

COLOURS = {Status.FAIL: "#b00020", Status.WARN: "#a15c00", Status.PASS: "#1b6e20",
           Status.SKIP: "#666666"}
ORDER = {Status.FAIL: 0, Status.WARN: 1, Status.PASS: 2, Status.SKIP: 3}


class CheckPage(WorkflowPage):
    """The e-file checks."""

    page_key = "checks"

    def __init__(self, db: Database, hub: DataHub, output_root: Path,
                 parent: QWidget | None = None):
        super().__init__(db, hub, output_root, parent)
        self.reports: list[FileReport] = []
        self.setAcceptDrops(True)

        self.files = QListWidget()
        self.files.setObjectName("checkFiles")
        self.files.setToolTip(self.tr("Drop PDF files or folders here"))
        self.profile = QComboBox()
        self.profile.addItem(self.tr("Print PDF"), Profile.PRINT.value)
        self.profile.addItem(self.tr("Scanned PDF"), Profile.SCAN.value)
        self.publication = PublicationPicker(db)
        self.publication.edit.setPlaceholderText(
            self.tr("(none — do not compare or keep) Type to choose…"))
        self.page_offset = QSpinBox()
        self.page_offset.setRange(-999, 999)
        self.page_offset.setToolTip(self.tr("PDF page = printed page + this number"))
        self.role = EnumCombo(EFileRole)
        self.role.set_value(EFileRole.PRINT_BODY)
        form = QFormLayout()
        form.addRow(self.tr("Profile"), self.profile)
        form.addRow(self.tr("Publication (its TOC is compared)"), self.publication)
        form.addRow(self.tr("Page offset"), self.page_offset)
        form.addRow(self.tr("Keep results as"), self.role)

        self.buttons: dict[str, QPushButton] = {}
        row1, row2 = QHBoxLayout(), QHBoxLayout()
        for key, text, slot, row in (
                ("add", self.tr("Add files…"), self.add_files, row1),
                ("folder", self.tr("Add folder…"), self.add_folder, row1),
                ("clear", self.tr("Clear"), self.clear, row1),
                ("run", self.tr("Check"), self.run_checks, row1),
                ("pdf", self.tr("Report as PDF"), lambda: self.export("pdf"), row2),
                ("xlsx", self.tr("Report as XLSX"), lambda: self.export("xlsx"), row2),
                ("bookmarks", self.tr("Write bookmarks from the TOC…"), self.write_bookmarks,
                 row2)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
            self.buttons[key] = button
        row1.addStretch()
        row2.addStretch()
        self.summary = QLabel(self.tr("Add PDF files, then press Check."))
        self.results = QTreeWidget()
        self.results.setObjectName("checkResults")
        self.results.setHeaderLabels([self.tr("File / check"), self.tr("Result"),
                                      self.tr("Details and what to do")])
        self.results.setColumnWidth(0, 300)
        self.results.setColumnWidth(1, 80)
        self.results.setWordWrap(True)

        top = QWidget()
        top_layout = QHBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.files, 1)
        top_layout.addLayout(form, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.results)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(row1)
        layout.addWidget(split, 1)
        layout.addWidget(self.summary)
        layout.addLayout(row2)
        listen_when_shown(hub, self, self._data_changed)
        self._update_buttons()

    # --- inputs --------------------------------------------------------------------------------

    def open_record(self, publication_id: int) -> None:
        """Show this page for a publication (from the 待辦 page)."""
        self.publication.set_current(publication_id)

    def reset(self) -> None:
        """After a restore: no publication chosen (the files listed stay: they are on disk)."""
        self.publication.set_current(None)

    def _data_changed(self, entity: str, _record_id: int) -> None:
        if entity in ("publications", "toc_entries"):
            self.publication.refresh()

    def add_paths(self, paths: list[str]) -> None:
        """Add files (folders are expanded to the PDFs inside)."""
        known = {self.files.item(i).text() for i in range(self.files.count())}
        for path in expand(paths):
            if path not in known:
                self.files.addItem(path)
                known.add(path)
        self._update_buttons()

    def paths(self) -> list[str]:
        """The files to check."""
        return [self.files.item(i).text() for i in range(self.files.count())]

    def add_files(self) -> None:
        """Choose PDFs."""
        names, _filter = QFileDialog.getOpenFileNames(self, self.tr("Add PDF files"), "",
                                                      self.tr("PDF files (*.pdf)"))
        self.add_paths(names)

    def add_folder(self) -> None:
        """Choose a folder; its PDFs are added."""
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a folder"))
        if folder:
            self.add_paths([folder])

    def clear(self) -> None:
        """Forget files and results."""
        self.files.clear()
        self.results.clear()
        self.reports = []
        self._update_buttons()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.add_paths([url.toLocalFile() for url in event.mimeData().urls()
                        if url.isLocalFile()])
        event.acceptProposedAction()

    def _update_buttons(self) -> None:
        has_files = self.files.count() > 0
        self.buttons["run"].setEnabled(has_files)
        self.buttons["pdf"].setEnabled(bool(self.reports))
        self.buttons["xlsx"].setEnabled(bool(self.reports))
        self.buttons["bookmarks"].setEnabled(has_files)

    # --- running ---------------------------------------------------------------------------------

    def run_checks(self) -> None:
        """Check every file in the background."""
        paths = self.paths()
        profile = Profile(self.profile.currentData())
        offset = self.page_offset.value()
        publication_id = self.publication.current_id()
        role = self.role.value()
        # a viewer checks and compares too; only keeping the results with the publication
        # writes, and that the viewer's login may not do (ui.read_only)
        keep = publication_id is not None and not self.db.read_only
        toc = None
        serial = False
        if publication_id is not None:
            with self.db.session() as session:
                toc = toc_for_check(session, publication_id) or None
                serial = load_publication(session, publication_id).pub_type \
                    is PublicationType.SERIAL

        def job(progress: Any, cancelled: Any) -> list[FileReport]:
            try:
                reports = check_files(paths, profile, toc, offset, progress=progress,
                                      cancelled=cancelled)
                for report in reports:  # bookmarks only where 附件三 asks for them
                    judge_for_role(report, role, serial)
            except BatchCancelled:
                raise JobCancelled from None
            if keep and publication_id is not None:
                for index, report in enumerate(reports, start=1):
                    progress(index, len(reports), self.tr("Keeping results…"))
                    file = Path(report.path)
                    try:
                        digest = file_sha256(file, cancelled) if file.exists() else ""
                    except InterruptedError:
                        raise JobCancelled from None
                    with self.db.session() as session:
                        record_check(session, publication_id, report, role, digest, offset)
            return reports

        def done(reports: list[FileReport]) -> None:
            self.show_reports(reports)
            if keep and publication_id is not None:
                self.hub.announce("efiles", publication_id)

        run_job(self, self.tr("Checking PDF files…"), job, on_done=done,
                on_cancelled=lambda: self.summary.setText(self.tr("Check cancelled.")))

    def show_reports(self, reports: list[FileReport]) -> None:
        """Fill the tree: file → check → evidence, failures first."""
        self.reports = reports
        self.results.clear()
        for report in sorted(reports, key=lambda r: ORDER[r.verdict]):
            top = QTreeWidgetItem([Path(report.path).name, shown(report.verdict.label),
                                   shown(report.error) if report.error else report.path])
            top.setForeground(1, QBrush(QColor(COLOURS[report.verdict])))
            self.results.addTopLevelItem(top)
            for note in report.notes:
                QTreeWidgetItem(top, ["", "", shown(note)])
            for check_id, result in sorted(report.checks.items(),
                                           key=lambda item: ORDER[item[1].status]):
                item = QTreeWidgetItem(top, [shown(CHECK_TITLES.get(check_id, check_id)),
                                             shown(result.status.label), shown(result.message)])
                item.setForeground(1, QBrush(QColor(COLOURS[result.status])))
                if result.fix and result.status in (Status.FAIL, Status.WARN):
                    QTreeWidgetItem(item, [self.tr("What to do"), "", shown(result.fix)])
                for line in evidence_sentences(check_id, result.evidence):
                    QTreeWidgetItem(item, ["", "", shown(line)])
                technical = technical_lines(result.evidence)
                if technical:
                    # one click away: collapsed under its own node
                    detail = QTreeWidgetItem(item, [self.tr("Technical detail"), "", ""])
                    for line in technical:
                        QTreeWidgetItem(detail, ["", "", line])
                item.setExpanded(result.status is Status.FAIL)
            top.setExpanded(True)
        for column in (0, 1, 2):
            self.results.resizeColumnToContents(column)
        failed = sum(1 for r in reports if r.failed)
        self.summary.setText(self.tr("%1 file(s) checked: %2 not compliant.")
                             .replace("%1", str(len(reports))).replace("%2", str(failed)))
        self.status_message.emit(self.summary.text())
        self._update_buttons()

    def export(self, kind: str) -> None:
        """Save the report as PDF (then preview it) or XLSX."""
        if not self.reports:
            return
        suffix = ".pdf" if kind == "pdf" else ".xlsx"
        default = str(self.output_root / "檢查報告" / f"電子檔檢查報告{suffix}")
        name, _filter = QFileDialog.getSaveFileName(self, self.tr("Save the report"), default,
                                                    f"*{suffix}")
        if not name:
            return
        target = Path(name)
        # the report is a document: 附件三's Chinese name of the profile, whatever the language
        reports, profile = list(self.reports), Profile(self.profile.currentData()).label

        def done(_result: Any) -> None:
            self.status_message.emit(self.tr("Report saved: %1").replace("%1", str(target)))
            if kind == "pdf":
                self.open_document.emit(target, None)

        # Off the GUI thread: a report of many files took up to 1.4 s to write.
        run_job(self, self.tr("Saving the report…"),
                lambda _progress, _cancelled: export_report(
                    reports, profile, pdf=target if kind == "pdf" else None,
                    xlsx=target if kind == "xlsx" else None), on_done=done)

    def write_bookmarks(self) -> None:
        """Write the chosen publication's TOC as the outline of a copy of the selected file."""
        publication_id = self.publication.current_id()
        item = self.files.currentItem() or self.files.item(0)
        if publication_id is None or item is None:
            self.summary.setText(self.tr("Choose the publication whose TOC to write, and a file."))
            return
        source = Path(item.text())
        default = str(source.with_name(source.stem + "-書籤.pdf"))
        name, _filter = QFileDialog.getSaveFileName(self, self.tr("Save the copy with bookmarks"),
                                                    default, "*.pdf")
        if not name:
            return
        with self.db.session() as session:
            toc = toc_for_check(session, publication_id)
        if not toc:
            self.summary.setText(self.tr("This publication has no TOC yet."))
            return
        offset = self.page_offset.value()

        def job(_progress: Any, _cancelled: Any) -> Path:
            return write_outline(source, Path(name), toc, offset)

        def done(path: Path) -> None:
            self.add_paths([str(path)])
            self.summary.setText(self.tr("Bookmarks written to %1; the original is unchanged.")
                                 .replace("%1", str(path)))

        run_job(self, self.tr("Writing bookmarks…"), job, on_done=done)
