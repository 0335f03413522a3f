"""授權利用 — usage-consent letters to 文化部: choose books (or a serial issue and its
articles), set the scopes and e-file types, edit 主旨/說明, output and record."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.documents.model import items_from_text, items_to_text
from app.errors import PubDeskError, ValidationError
from app.language import listed, shown, shown_date
from app.models import ConsentKind, EFileRole, Publication, PublicationType
from app.services.consent import (
    ArticleConsentItem,
    BookConsentItem,
    ConsentDraft,
    ConsentFiles,
    ConsentRequest,
    article_choices,
    consent_draft,
    consent_history,
    record_consent,
    write_consent_files,
)
from app.services.consent_texts import (
    BOOK_EFILE_TYPES,
    SERIAL_EFILE_TYPES,
    ArticleScope,
    ConsentScope,
)
from app.services.publications import publication_unit, row_for, rows_for
from app.services.serials import list_issues
from app.services.units import contact_choices, list_units
from ui.errors import show_error
from ui.hub import DataHub, listen_when_shown
from ui.pages.common import WorkflowPage, read_only_item, show_failure
from ui.picker import PublicationPicker
from ui.read_only import writes
from ui.widgets import ErrorLabel, date_field
from ui.worker import run_job

ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
def _scope_short(_page: QWidget | None = None) -> dict[ConsentScope, str]:
    """Column headers of the list's six scopes (the full name is the tooltip). Translated in a
    context of their own, named here: `page.tr` would look them up under the page's class while
    lupdate files them under "page" — the zh-TW screen showed them in English."""
    return {ConsentScope.DIGITAL_ARCHIVE: QCoreApplication.translate("ConsentColumns", "Archive"),
            ConsentScope.DIGITAL_READING: QCoreApplication.translate("ConsentColumns", "Reading"),
            ConsentScope.PREVIEW: QCoreApplication.translate("ConsentColumns", "Preview"),
            ConsentScope.EBOOK_SALES: QCoreApplication.translate("ConsentColumns", "E-book"),
            ConsentScope.PRINT_ON_DEMAND: QCoreApplication.translate("ConsentColumns", "On demand"),
            ConsentScope.REPRINT: QCoreApplication.translate("ConsentColumns", "Reprint")}


def _efile_short(_page: QWidget | None = None) -> dict[EFileRole, str]:
    """Column headers of the e-file types sent with the letter (context as `_scope_short`)."""
    return {EFileRole.FINAL_COVER: QCoreApplication.translate("ConsentColumns", "Final cover"),
            EFileRole.FINAL_BODY: QCoreApplication.translate("ConsentColumns", "Final body"),
            EFileRole.PRINT_COVER: QCoreApplication.translate("ConsentColumns", "Print cover"),
            EFileRole.PRINT_BODY: QCoreApplication.translate("ConsentColumns", "Print body"),
            EFileRole.SCAN: QCoreApplication.translate("ConsentColumns", "Scan")}


def _check_item(checked: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem()
    item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
                  | Qt.ItemFlag.ItemIsSelectable)
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    return item


def _cell(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    item = table.item(row, column)
    if item is None:  # every cell is filled when the row is made
        raise LookupError(f"empty cell {row},{column}")
    return item


def _checked(table: QTableWidget, row: int, column: int) -> bool:
    return _cell(table, row, column).checkState() == Qt.CheckState.Checked


def _set_checked(table: QTableWidget, row: int, column: int, checked: bool) -> None:
    _cell(table, row, column).setCheckState(Qt.CheckState.Checked if checked
                                            else Qt.CheckState.Unchecked)


class ConsentPage(WorkflowPage):
    """The consent workflow. `open_document(pdf, docx)` asks the window to preview a file."""

    page_key = "consent"

    BOOK_SCOPE_COLUMN = 3
    BOOK_ALL_COLUMN = BOOK_SCOPE_COLUMN + len(ConsentScope)
    BOOK_REMARKS_COLUMN = BOOK_ALL_COLUMN + 1
    BOOK_EFILE_COLUMN = BOOK_REMARKS_COLUMN + 1

    def __init__(self, db: Database, hub: DataHub, output_root: Path,
                 parent: QWidget | None = None):
        super().__init__(db, hub, output_root, parent)
        self.draft: ConsentDraft | None = None

        self.book_mode = QRadioButton(self.tr("Books (Annex 2(1))"))
        self.serial_mode = QRadioButton(self.tr("Serial issue (Annex 2(2))"))
        self.book_mode.setChecked(True)
        modes = QButtonGroup(self)
        modes.addButton(self.book_mode)
        modes.addButton(self.serial_mode)
        self.book_mode.toggled.connect(self._mode_changed)
        self.unit = QComboBox()
        self.unit.currentIndexChanged.connect(self._unit_changed)
        self.contact = QComboBox()
        self.issued_on, issued_row = date_field()
        self.doc_number = QLineEdit()
        self.doc_number.setPlaceholderText(self.tr(
            "As the document system issues it; left empty, the letter prints a blank to fill in"))
        self.copies = QLineEdit()
        self.copies.setPlaceholderText(self.tr("Copies to, separated by commas"))
        head = QFormLayout()
        mode_row = QHBoxLayout()
        mode_row.addWidget(self.book_mode)
        mode_row.addWidget(self.serial_mode)
        mode_row.addStretch()
        head.addRow(self.tr("Consent for"), mode_row)
        head.addRow(self.tr("Issuing unit"), self.unit)
        head.addRow(self.tr("Contact"), self.contact)
        head.addRow(self.tr("Date"), issued_row)
        head.addRow(self.tr("Document number"), self.doc_number)
        head.addRow(self.tr("Copies to"), self.copies)

        self.books = QTableWidget(0, self.BOOK_EFILE_COLUMN + len(BOOK_EFILE_TYPES))
        self.books.setObjectName("consentBooks")
        headers = [self.tr("Include"), self.tr("Title"), "GPN",
                   *(_scope_short(self)[s] for s in ConsentScope), self.tr("All rights"),
                   self.tr("Remarks"), *(_efile_short(self)[r] for r in BOOK_EFILE_TYPES)]
        self.books.setHorizontalHeaderLabels(headers)
        tips = {**{c: s.shown for c, s in enumerate(ConsentScope, start=self.BOOK_SCOPE_COLUMN)},
                **{c: r.shown
                   for c, r in enumerate(BOOK_EFILE_TYPES, start=self.BOOK_EFILE_COLUMN)}}
        for column, tip in tips.items():
            header_item = self.books.horizontalHeaderItem(column)
            if header_item is not None:
                header_item.setToolTip(tip)
        self.books.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The title is the key column: it keeps a readable width (the table scrolls sideways
        # when the scope and e-file columns need more room, as in English).
        self.books.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.books.setColumnWidth(1, 260)
        self.book_picker = PublicationPicker(db)
        add_book = QPushButton(self.tr("Add to the letter"))
        add_book.clicked.connect(lambda: self.add_book(self.book_picker.current_id()))
        book_page = QWidget()
        book_layout = QVBoxLayout(book_page)
        book_layout.setContentsMargins(0, 0, 0, 0)
        book_row = QHBoxLayout()
        book_row.addWidget(QLabel(self.tr("Book")))
        book_row.addWidget(self.book_picker, 1)
        book_row.addWidget(add_book)
        book_layout.addLayout(book_row)
        book_layout.addWidget(self.books, 1)

        self.serial = PublicationPicker(db, pub_type=PublicationType.SERIAL)
        self.serial.changed.connect(self._load_issues)
        self.issue = QComboBox()
        self.issue.currentIndexChanged.connect(self._load_articles)
        self.articles = QTableWidget(0, 5 + len(SERIAL_EFILE_TYPES))
        self.articles.setObjectName("consentArticles")
        self.articles.setHorizontalHeaderLabels(
            [self.tr("Include"), self.tr("Article"), ArticleScope.FULL_TEXT.shown,
             ArticleScope.ABSTRACT.shown, self.tr("Remarks"),
             *(_efile_short(self)[r] for r in SERIAL_EFILE_TYPES)])
        self.articles.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.articles.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.articles.itemChanged.connect(self._article_scope_exclusive)
        serial_page = QWidget()
        serial_layout = QVBoxLayout(serial_page)
        pick = QHBoxLayout()
        pick.addWidget(QLabel(self.tr("Serial")))
        pick.addWidget(self.serial, 2)
        pick.addWidget(QLabel(self.tr("Issue")))
        pick.addWidget(self.issue, 1)
        serial_layout.addLayout(pick)
        serial_layout.addWidget(self.articles)
        self.selection = QStackedWidget()
        self.selection.addWidget(book_page)
        self.selection.addWidget(serial_page)

        self.subject = QPlainTextEdit()
        self.subject.setObjectName("consentSubject")
        self.subject.setMaximumHeight(60)
        self.items = QPlainTextEdit()
        self.items.setObjectName("consentItems")
        self.items.setToolTip(self.tr("One item per line; indent two spaces for a sub-item. "
                                      "Numbers (一、(一)1、) are added when printed."))
        self.error = ErrorLabel()
        self.draft_button = QPushButton(self.tr("Make draft"))
        self.draft_button.clicked.connect(self.make_draft)
        self.output_button = QPushButton(self.tr("Write documents and record"))
        self.output_button.clicked.connect(self.output)
        self.output_button.setEnabled(False)
        writes(self.output_button)  # a draft writes nothing; recording it does
        draft_box = QWidget()
        draft_form = QFormLayout(draft_box)
        draft_form.addRow(self.tr("Subject"), self.subject)
        draft_form.addRow(self.tr("Explanation"), self.items)
        draft_form.addRow("", self.error)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.draft_button)
        buttons.addWidget(self.output_button)
        draft_form.addRow("", buttons)

        self.history = QTableWidget(0, 4)
        self.history.setObjectName("consentHistory")
        self.history.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Document number"),
                                                self.tr("Kind"), self.tr("Publications")])
        self.history.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.history.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.history.cellDoubleClicked.connect(self._open_history)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(head)
        top_layout.addWidget(self.selection, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(draft_box)
        history_box = QWidget()
        history_layout = QVBoxLayout(history_box)
        history_layout.setContentsMargins(0, 0, 0, 0)
        history_layout.addWidget(QLabel(self.tr("Letters sent (double-click to preview)")))
        history_layout.addWidget(self.history)
        split.addWidget(history_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setStretchFactor(2, 1)
        # The books first: at 1280×800 the table shows five or more rows, the draft below,
        # the letters already sent last (drag the handles for more).
        split.setSizes([430, 220, 110])
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        listen_when_shown(hub, self, self._data_changed)
        self.reload()

    # --- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read units, publications and history again."""
        with self.db.session() as session:
            units = list_units(session)
        current = self.unit.currentData()
        self.unit.blockSignals(True)
        self.unit.clear()
        for unit_id, name in units:
            self.unit.addItem(name, unit_id)
        self.unit.setCurrentIndex(max(0, self.unit.findData(current)))
        self.unit.blockSignals(False)
        self._unit_changed()
        self._load_history()

    def _data_changed(self, entity: str, _record_id: int) -> None:
        if entity in ("publishing_units", "contacts", "publications"):
            self.reload()
        if entity in ("publications", "serial_issues"):
            self._refresh_books()
            self.serial.refresh()
            self._load_issues()

    def _unit_changed(self) -> None:
        unit_id = self.unit.currentData()
        self.contact.clear()
        if unit_id is None:
            return
        with self.db.session() as session:
            contacts = contact_choices(session, unit_id)
        for contact_id, name, is_default in contacts:
            self.contact.addItem(name, contact_id)
            if is_default:
                self.contact.setCurrentIndex(self.contact.count() - 1)

    def add_book(self, publication_id: int | None) -> int:
        """Put a book on the letter (once), in title order; returns its row (-1: none)."""
        if publication_id is None:
            self.error.show_message(self.tr("Choose a book to add first."))
            return -1
        for row in range(self.books.rowCount()):
            if _cell(self.books, row, 0).data(ID_ROLE) == publication_id:
                return row
        with self.db.session() as session:
            found = row_for(session, publication_id)
            unit_id = publication_unit(session, publication_id)
        if found is None:
            return -1
        if not self._letter_unit_follows(unit_id, found.label, found.unit_name,
                                         empty=self.books.rowCount() == 0):
            return -1
        self.error.show_message("")
        row = next((r for r in range(self.books.rowCount())
                    if _cell(self.books, r, 0).data(SORT_ROLE) > (found.title, found.id)),
                   self.books.rowCount())
        self.books.insertRow(row)
        include = _check_item(True)
        include.setData(ID_ROLE, found.id)
        include.setData(SORT_ROLE, (found.title, found.id))
        self.books.setItem(row, 0, include)
        title_item = read_only_item(found.label)
        title_item.setToolTip(found.label)
        self.books.setItem(row, 1, title_item)
        self.books.setItem(row, 2, read_only_item(found.gpn or self.tr("(no GPN)")))
        for column in range(self.BOOK_SCOPE_COLUMN, self.books.columnCount()):
            self.books.setItem(row, column, QTableWidgetItem("")
                               if column == self.BOOK_REMARKS_COLUMN else _check_item())
        self.book_picker.set_current(None)
        self._forget_draft()
        return row

    def _refresh_books(self) -> None:
        """Names on the list read again; books deleted elsewhere leave it."""
        ids = [int(_cell(self.books, row, 0).data(ID_ROLE)) for row in range(self.books.rowCount())]
        with self.db.session() as session:
            rows = rows_for(session, ids)
        for row in reversed(range(self.books.rowCount())):
            found = rows.get(ids[row])
            if found is None:
                self.books.removeRow(row)
            else:
                _cell(self.books, row, 1).setText(found.label)
                _cell(self.books, row, 2).setText(found.gpn or self.tr("(no GPN)"))

    def open_record(self, publication_id: int) -> None:
        """Show this page for a publication (from the 待辦 page): a book in the book list, a
        serial chosen as the serial."""
        with self.db.session() as session:
            publication = session.get(Publication, publication_id)
            is_serial = publication is not None and \
                publication.pub_type is PublicationType.SERIAL
        if is_serial:
            self.serial_mode.setChecked(True)
            self.serial.set_current(publication_id)
        else:
            self.book_picker.set_current(publication_id)
            self.add_book(publication_id)

    def reset(self) -> None:
        """After a restore: nothing chosen, everything read again."""
        self.books.setRowCount(0)
        self.book_picker.set_current(None)
        self.serial.set_current(None)
        self._forget_draft()
        self.subject.clear()
        self.items.clear()
        self.error.show_message("")
        self.reload()

    def _letter_unit_follows(self, unit_id: int | None, label: str, owner: str, *,
                             empty: bool) -> bool:
        """發文機關 is the publication's own unit: chosen for the officer with the first
        publication of a letter; a publication of another unit is not put on it."""
        if unit_id is None or self.unit.currentData() == unit_id:
            return True
        if empty:
            self.unit.setCurrentIndex(max(0, self.unit.findData(unit_id)))
            self.status_message.emit(self.tr("Issuing unit set to the publication's own: %1")
                                     .replace("%1", owner))
            return True
        self.error.show_message(self.tr(
            "%1 belongs to %2, and this letter is for the publications of %3. A letter is "
            "issued by one unit for its own publications: send one letter per unit.")
            .replace("%1", label).replace("%2", owner).replace("%3", self.unit.currentText()))
        return False

    def _load_issues(self) -> None:
        self.issue.clear()
        serial_id = self.serial.current_id()
        if serial_id is None:
            self.articles.setRowCount(0)
            return
        with self.db.session() as session:
            issues = list_issues(session, serial_id)
            unit_id = publication_unit(session, serial_id)
            found = row_for(session, serial_id)
        if found is not None:
            self._letter_unit_follows(unit_id, found.label, found.unit_name, empty=True)
        for issue_id, issue in issues:
            self.issue.addItem(f"{issue.volume}卷{issue.number}期", issue_id)

    def _load_articles(self) -> None:
        self.articles.blockSignals(True)
        self.articles.setRowCount(0)
        issue_id = self.issue.currentData()
        if issue_id is not None:
            with self.db.session() as session:
                choices = article_choices(session, issue_id)
            for article_id, title in choices:
                row = self.articles.rowCount()
                self.articles.insertRow(row)
                include = _check_item(True)
                include.setData(ID_ROLE, article_id)
                self.articles.setItem(row, 0, include)
                self.articles.setItem(row, 1, read_only_item(title))
                self.articles.setItem(row, 2, _check_item(True))
                self.articles.setItem(row, 3, _check_item(False))
                self.articles.setItem(row, 4, QTableWidgetItem(""))
                for column in range(5, self.articles.columnCount()):
                    self.articles.setItem(row, column, _check_item())
        self.articles.blockSignals(False)

    def _article_scope_exclusive(self, item: QTableWidgetItem) -> None:
        """全文(含摘要) and 摘要 exclude each other, like radio buttons."""
        if item.column() not in (2, 3) or item.checkState() != Qt.CheckState.Checked:
            return
        other = self.articles.item(item.row(), 5 - item.column())
        if other is not None:
            self.articles.blockSignals(True)
            other.setCheckState(Qt.CheckState.Unchecked)
            self.articles.blockSignals(False)

    def _mode_changed(self) -> None:
        self.selection.setCurrentIndex(0 if self.book_mode.isChecked() else 1)
        self._forget_draft()

    def _load_history(self) -> None:
        with self.db.session() as session:
            records = consent_history(session)
        self.history.setRowCount(0)
        for record in records:
            row = self.history.rowCount()
            self.history.insertRow(row)
            first = read_only_item(shown_date(record.issued_on))
            first.setData(ID_ROLE, record.output_folder)
            self.history.setItem(row, 0, first)
            self.history.setItem(row, 1, read_only_item(record.doc_number))
            self.history.setItem(row, 2, read_only_item(record.kind.shown))
            self.history.setItem(row, 3, read_only_item(listed(record.titles)))

    # --- the request -----------------------------------------------------------------------------

    def request(self) -> ConsentRequest:
        """What the officer has chosen on the page."""
        qdate = self.issued_on.date()
        copies = [c.strip() for c in self.copies.text().replace("，", "、").split("、") if c.strip()]
        request = ConsentRequest(
            unit_id=self.unit.currentData() or 0,
            kind=ConsentKind.BOOK if self.book_mode.isChecked() else ConsentKind.SERIAL,
            issued_on=date(qdate.year(), qdate.month(), qdate.day()),
            doc_number=self.doc_number.text().strip(), copies=copies,
            contact_id=self.contact.currentData())
        if request.kind is ConsentKind.BOOK:
            for row in range(self.books.rowCount()):
                if not _checked(self.books, row, 0):
                    continue
                remarks = _cell(self.books, row, self.BOOK_REMARKS_COLUMN)
                request.books.append(BookConsentItem(
                    publication_id=int(_cell(self.books, row, 0).data(ID_ROLE)),
                    scopes={s for c, s in enumerate(ConsentScope, start=self.BOOK_SCOPE_COLUMN)
                            if _checked(self.books, row, c)},
                    all_rights=_checked(self.books, row, self.BOOK_ALL_COLUMN),
                    remarks=remarks.text(),
                    efile_types={r for c, r in enumerate(BOOK_EFILE_TYPES,
                                                         start=self.BOOK_EFILE_COLUMN)
                                 if _checked(self.books, row, c)}))
        else:
            request.issue_id = self.issue.currentData()
            for row in range(self.articles.rowCount()):
                if not _checked(self.articles, row, 0):
                    continue
                scope = ArticleScope.FULL_TEXT if _checked(self.articles, row, 2) else \
                    ArticleScope.ABSTRACT if _checked(self.articles, row, 3) else None
                request.articles.append(ArticleConsentItem(
                    article_id=int(_cell(self.articles, row, 0).data(ID_ROLE)), scope=scope,
                    remarks=_cell(self.articles, row, 4).text(),
                    efile_types={r for c, r in enumerate(SERIAL_EFILE_TYPES, start=5)
                                 if _checked(self.articles, row, c)}))
        return request

    def select_book(self, publication_id: int, scopes: set[ConsentScope] | None = None,
                    all_rights: bool = False, efiles: set[EFileRole] | None = None) -> None:
        """Tick a book and its scopes (what the officer does with the mouse)."""
        row = self.add_book(publication_id)
        if row < 0:
            return
        _set_checked(self.books, row, 0, True)
        for column, scope in enumerate(ConsentScope, start=self.BOOK_SCOPE_COLUMN):
            _set_checked(self.books, row, column, scope in (scopes or set()))
        _set_checked(self.books, row, self.BOOK_ALL_COLUMN, all_rights)
        for column, role in enumerate(BOOK_EFILE_TYPES, start=self.BOOK_EFILE_COLUMN):
            _set_checked(self.books, row, column, role in (efiles or set()))

    # --- draft and output ------------------------------------------------------------------------

    def _forget_draft(self) -> None:
        self.draft = None
        self.output_button.setEnabled(False)

    def make_draft(self) -> bool:
        """Build the letter from the choices and show 主旨/說明 for editing."""
        self.error.show_message("")
        try:
            with self.db.session() as session:
                self.draft = consent_draft(session, self.request())
        except ValidationError as exc:
            self._forget_draft()
            self.error.show_message("\n".join(p.message for p in exc.problems))
            return False
        except PubDeskError as exc:
            self._forget_draft()
            show_error(self, exc)
            return False
        self.subject.setPlainText(self.draft.letter.subject)
        self.items.setPlainText(items_to_text(self.draft.letter.items))
        self.doc_number.setText(self.draft.letter.doc_number)
        self.output_button.setEnabled(True)
        self.status_message.emit(self.tr("Draft ready: check the subject and the explanation, then write."))
        if self.draft.warnings:  # 附件二 注意事項: rights already transferred or exclusive
            self.error.show_message("\n".join(shown(w) for w in self.draft.warnings))
        return True

    def output(self) -> None:
        """Write DOCX/PDF/XLSX in the background, record the letter, show the PDF."""
        if self.draft is None and not self.make_draft():
            return
        draft = self.draft
        assert draft is not None
        draft.letter.subject = " ".join(self.subject.toPlainText().split())
        draft.letter.items = items_from_text(self.items.toPlainText())
        draft.letter.doc_number = self.doc_number.text().strip() or draft.letter.doc_number
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        kind = "圖書" if draft.request.kind is ConsentKind.BOOK else "連續性出版品"
        folder = self.output_root / "授權利用" / f"{stamp}-{kind}"

        formats = self.editable_formats()

        def job(progress: object, _cancelled: object) -> ConsentFiles:
            files = write_consent_files(draft, folder, formats)
            with self.db.session() as session:
                record_consent(session, draft, str(folder))
            return files

        def done(files: ConsentFiles) -> None:
            self._forget_draft()
            self._load_history()
            self.hub.announce("publications")
            self.status_message.emit(self.tr("Consent letter written to %1").replace(
                "%1", str(folder)))
            self.open_document.emit(files.letter_pdf, files.letter_editable)

        run_job(self, self.tr("Writing the consent documents…"), job, on_done=done,
                on_failed=lambda exc: show_failure(self, self.error, exc))

    def _open_history(self, row: int, _column: int) -> None:
        folder = Path(str(_cell(self.history, row, 0).data(ID_ROLE)))
        letters = sorted(folder.glob("*授權函.pdf")) if folder.exists() else []
        if not letters:
            self.error.show_message(self.tr("The files of this letter are no longer in %1.")
                                    .replace("%1", str(folder)))
            return
        self.open_document.emit(letters[0], letters[0].with_suffix(".docx"))
