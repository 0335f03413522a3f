"""出版品 page: the table with search and filters on the left, the selected publication on
the right (details, 目次, issues, related publications)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.errors import ChangedElsewhereError, PubDeskError, ValidationError
from app.language import shown, shown_date, t
from app.models import PublicationForm, PublicationStatus, PublicationType
from app.services.life_cycle import Step, checklist
from app.services.publication_rules import PublicationData
from app.services.publications import (
    PublicationFilter,
    PublicationRow,
    copy_publication,
    create_publication,
    delete_blockers,
    delete_publication,
    edition_shown,
    publication_data,
    publication_ids,
    related_publications,
    row_for,
    rows_for,
    update_publication,
)
from app.services.toc_service import get_toc, save_toc
from app.services.units import list_units
from app.toc import TocLine
from ui.errors import offer_reload, show_error
from ui.hub import DataHub, listen_when_shown
from ui.pages.common import clear_window_status
from ui.pages.publications.dialogs import NewFromThisDialog
from ui.pages.publications.form import PublicationFormWidget
from ui.pages.publications.history_tab import HistoryTab
from ui.pages.publications.issues_editor import IssuesEditor
from ui.pages.publications.licences_tab import LicencesReviewTab
from ui.pages.publications.table_model import PublicationTableModel
from ui.pages.publications.toc_editor import TocEditor
from ui.read_only import writes
from ui.widgets import EnumCombo, opens_on_enter
from ui.worker import LatestRead, wait_for


def checklist_html(steps: list[Step], go: str) -> str:
    """The life-cycle checklist as rich text: ✔ or □, the step, its date or what is missing,
    the rule, and a link to the page that does it."""
    rows = []
    for step in steps:
        colour = "#2e7d32" if step.done else "#b26a00"
        when = t("（{date}）", date=shown_date(step.on)) if step.on else ""
        link = "" if step.done or step.page == "publications" else \
            f' <a href="page:{step.page}">{escape(go)}</a>'
        rows.append(f'<tr><td style="color:{colour}">{"✔" if step.done else "□"}</td>'
                    f"<td><b>{escape(step.title)}</b>{when}</td>"
                    f"<td>{escape(step.detail)}{link}</td>"
                    f'<td style="color:#666">{escape(step.rule)}</td></tr>')
    return '<table cellspacing="2">' + "".join(rows) + "</table>"


if TYPE_CHECKING:
    from ui.pages.publications.recycle_bin_dialog import RecycleBinDialog


class PublicationsPage(QWidget):
    """The publications workspace. `status_message` goes to the main window's status bar."""

    status_message = Signal(str)
    go_to_page = Signal(str, int)
    """A life-cycle step's link: show page `key` at this publication."""
    page_key = "publications"

    def __init__(self, db: Database, hub: DataHub, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.hub = hub
        self.current_id: int | None = None
        self.current_version: int | None = None
        self._dirty = False
        self._sort = ("title", False)

        self.model = PublicationTableModel(self._load_rows)
        self.table = QTableView()
        self.table.setObjectName("publicationsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(False)
        # Tab leaves the list for the form (arrows move within it); cell by cell, the form
        # could not be reached by keyboard at all.
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self._sort_changed)
        header.setStretchLastSection(True)
        metrics = self.table.fontMetrics()
        # 載體 and 版次 as wide as their usual words in the chosen language (「初版二刷」 or
        # "2nd edition"; longer ones have a tooltip), the rest fixed.
        form_width = max(metrics.horizontalAdvance(f.shown) for f in PublicationForm) + 16
        edition_width = metrics.horizontalAdvance(edition_shown(2, 1)) + 16
        for column, width in enumerate((200, max(56, form_width), max(72, edition_width),
                                        96, 124)):
            self.table.setColumnWidth(column, width)
        self.table.verticalHeader().hide()
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(self.tr("Search titles, people, GPN, ISBN…"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self.refresh_in_background)
        self._list_reads = LatestRead(self)
        self.search.textChanged.connect(self._search_timer.start)
        self.type_filter = EnumCombo(PublicationType, allow_none=self.tr("All types"))
        self.status_filter = EnumCombo(PublicationStatus, allow_none=self.tr("All statuses"))
        self.unit_filter = QComboBox()
        for combo in (self.type_filter, self.status_filter, self.unit_filter):
            combo.currentIndexChanged.connect(self.refresh)
        self.count_label = QLabel()

        self.new_button = QPushButton(self.tr("New"))
        self.new_button.setToolTip(self.tr("New publication (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_publication)
        self.copy_button = QPushButton(self.tr("New from this…"))
        self.copy_button.clicked.connect(self.new_from_this)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.clicked.connect(self.delete_current)
        self.bin_button = QPushButton(self.tr("Recycle bin…"))
        self.bin_button.setToolTip(self.tr("Deleted publications, to restore or remove for good"))
        self.bin_button.clicked.connect(self.open_recycle_bin)

        self.form = PublicationFormWidget()
        self.form.milestones.linkActivated.connect(self._step_link)
        self.form.edited.connect(self._form_edited)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("Revert"))
        self.revert_button.clicked.connect(self.revert)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setObjectName("formNotice")

        self.toc_editor = TocEditor()
        self.toc_editor.save_requested.connect(self._save_toc)
        self.issues_editor = IssuesEditor(db)
        self.issues_editor.changed.connect(lambda: self.hub.announce("serial_issues"))
        self.related = QListWidget()
        opens_on_enter(self.related, lambda index: self._open_related(
            self.related.item(index.row())))

        self.detail_tabs = QTabWidget()
        details = QWidget()
        details_layout = QVBoxLayout(details)
        details_layout.addWidget(self.form, 1)
        details_layout.addWidget(self.notice)
        save_row = QHBoxLayout()
        save_row.addStretch()
        save_row.addWidget(self.revert_button)
        save_row.addWidget(self.save_button)
        details_layout.addLayout(save_row)
        self.detail_tabs.addTab(details, self.tr("Details"))
        self.detail_tabs.addTab(self.toc_editor, self.tr("Table of contents"))
        self.detail_tabs.addTab(self.issues_editor, self.tr("Issues and articles"))
        self.detail_tabs.addTab(self.related, self.tr("Related publications"))
        self.licences = LicencesReviewTab(db)
        self.licences.changed.connect(lambda entity: self.hub.announce(entity,
                                                                       self.current_id or -1))
        self.detail_tabs.addTab(self.licences, self.tr("Licences and review"))
        self.history = HistoryTab(db)
        self.detail_tabs.addTab(self.history, self.tr("History"))

        filters = QHBoxLayout()
        filters.addWidget(self.type_filter)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.unit_filter)
        actions = QHBoxLayout()
        actions.addWidget(self.new_button)
        actions.addWidget(self.copy_button)
        actions.addWidget(self.delete_button)
        actions.addWidget(self.bin_button)
        actions.addStretch()
        actions.addWidget(self.count_label)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(actions)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail_tabs)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([620, 640])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

        save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        writes(self.new_button, self.copy_button, self.delete_button, self.form,
               self.save_button, self.revert_button, save_shortcut, self.toc_editor,
               self.issues_editor)
        listen_when_shown(hub, self, self._data_changed)
        self.reload_units()
        self._show_empty()
        self.refresh()
        if self.model.rowCount():
            self.open_publication(self.model.id_at(0))

    # --- list --------------------------------------------------------------------------------

    def _load_rows(self, ids: list[int]) -> dict[int, PublicationRow]:
        with self.db.session() as session:
            return rows_for(session, ids)

    def current_filter(self) -> PublicationFilter:
        """What the search box and filters ask for."""
        return PublicationFilter(text=self.search.text().strip(),
                                 pub_type=self.type_filter.value(),
                                 status=self.status_filter.value(),
                                 unit_id=self.unit_filter.currentData())

    def refresh(self) -> None:
        """Re-run the search, keeping the selected publication selected if still listed
        (at once: after a save, a sort or a filter the list must be the new one)."""
        self._list_reads.discard()  # a typed search still running is now out of date
        with self.db.session() as session:
            ids = publication_ids(session, self.current_filter(), *self._sort)
        self._show_ids(ids)

    def refresh_in_background(self) -> None:
        """The type-ahead: the search for what is typed runs off the GUI thread (on 100,000
        records a one-character search reads for a quarter of a second — too long for a
        keystroke to wait), and is shown only if nothing newer was asked meanwhile."""
        flt, order, db = self.current_filter(), self._sort, self.db

        def read() -> list[int]:
            with db.session() as session:
                return publication_ids(session, flt, *order)

        self._list_reads.start(read, self._show_ids,
                               lambda exc, details: show_error(self, exc, details))

    @property
    def listing(self) -> bool:
        """True while a typed search is being read in the background."""
        return self._list_reads.running

    def _show_ids(self, ids: list[int]) -> None:
        self.model.set_ids(ids)
        self.count_label.setText(self.tr("%n publication(s)", "", len(ids)))
        if self.current_id is not None:
            self._select_row(self.model.row_of(self.current_id))

    def _select_row(self, row: int) -> None:
        if row < 0:
            return
        self.table.selectionModel().blockSignals(True)
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.selectionModel().blockSignals(False)
        self.table.scrollTo(self.model.index(row, 0))

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        key = PublicationTableModel.SORT_KEYS[column] or "updated"
        self._sort = (key, order == Qt.SortOrder.DescendingOrder)
        self.refresh()

    def reload_units(self) -> None:
        """Refresh the unit lists (filter and form)."""
        with self.db.session() as session:
            units = list_units(session)
        self.unit_filter.blockSignals(True)
        current = self.unit_filter.currentData()
        self.unit_filter.clear()
        self.unit_filter.addItem(self.tr("All units"), None)
        for unit_id, name in units:
            self.unit_filter.addItem(name, unit_id)
        self.unit_filter.setCurrentIndex(max(0, self.unit_filter.findData(current)))
        self.unit_filter.blockSignals(False)
        self.form.set_units(units)

    def focus_search(self) -> None:
        """Ctrl+F."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _data_changed(self, entity: str, _record_id: int) -> None:
        if entity == "publishing_units":
            self.reload_units()
            self.model.refresh_rows()
        elif entity == "publications":
            self.refresh()

    # --- selection and editing -----------------------------------------------------------------

    def _row_changed(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        record_id = self.model.id_at(index.row())
        if record_id == self.current_id:
            return
        if not self.confirm_leave():
            self._select_row(self.model.row_of(self.current_id) if self.current_id else -1)
            return
        self.open_publication(record_id)

    def confirm_leave(self) -> bool:
        """Ask what to do with unsaved edits; False means stay."""
        if not (self._dirty or self.toc_editor.is_modified()):
            return True
        answer = QMessageBox.question(
            self, self.tr("Unsaved changes"),
            self.tr("This publication has changes that are not saved. Save them?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        if answer == QMessageBox.StandardButton.Save:
            if self._dirty and not self.save():
                return False
            if self.toc_editor.is_modified():
                self._save_toc(self.toc_editor.lines)
        return True

    def open_record(self, record_id: int) -> None:
        """Show a publication (from the 待辦 page), if the officer may leave the current one."""
        if self.confirm_leave():
            self.open_publication(record_id)
            self._select_row(self.model.row_of(record_id))

    def open_publication(self, record_id: int) -> None:
        """Show a publication in the detail panel."""
        try:
            with self.db.session() as session:
                data, version = publication_data(session, record_id)
                toc = get_toc(session, record_id)
                links = related_publications(session, record_id)
                steps = checklist(session, record_id)
        except PubDeskError as exc:
            show_error(self, exc)
            self.refresh()
            return
        self.current_id, self.current_version = record_id, version
        self.form.set_data(data)
        self.form.milestones.setText(checklist_html(steps, self.tr("Go there")))
        self.toc_editor.set_lines(toc)
        is_serial = data.pub_type is PublicationType.SERIAL
        self.detail_tabs.setTabEnabled(2, is_serial)
        self.detail_tabs.setTabEnabled(1, not is_serial)
        self.issues_editor.load(record_id if is_serial else None)
        self.history.load(record_id)
        self.licences.load(record_id)
        self.related.clear()
        for link in links:
            text = (f"{link.kind.shown} → {link.other_label}" if link.outgoing
                    else f"{link.other_label} ← {link.kind.shown}")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, link.other_id)
            self.related.addItem(item)
        self._set_dirty(False)
        self.notice.setText("")
        self.copy_button.setEnabled(True)
        self.delete_button.setEnabled(True)
        self._select_row(self.model.row_of(record_id))

    def clear_detail(self) -> None:
        """Show no publication: every part of the detail panel emptied, so nothing of the
        record shown before can be saved into another (a new one, or after a restore)."""
        self.current_id, self.current_version = None, None
        self.form.set_data(PublicationData(unit_id=0, title=""))
        self.form.show_problems([])
        self.form.milestones.setText("")
        self.toc_editor.set_lines([])
        self.issues_editor.load(None)
        self.history.load(None)
        self.licences.load(None)
        self.related.clear()
        self.notice.setText("")
        self._dirty = False
        self._show_empty()

    def reload_all(self) -> None:
        """After the whole database changed (a restore): forget the record shown, read the
        units and the list again."""
        self.clear_detail()
        self.table.clearSelection()
        self.reload_units()
        self.refresh()

    def _show_empty(self) -> None:
        self.detail_tabs.setEnabled(False)
        self.copy_button.setEnabled(False)
        self.delete_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.revert_button.setEnabled(False)

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self.detail_tabs.setEnabled(True)
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)

    def _form_edited(self) -> None:
        self._set_dirty(True)

    def new_publication(self) -> None:
        """Start a new publication in the form (saved with Save)."""
        if not self.confirm_leave():
            return
        if self.form.unit.count() == 0:
            QMessageBox.information(self, self.tr("No publishing unit yet"), self.tr(
                "Add your unit first under Settings → Publishing units; its name and "
                "address go on every letter."))
            return
        self.clear_detail()
        self.table.clearSelection()
        self.form.set_data(PublicationData(unit_id=self.form.unit.itemData(0), title=""))
        self.detail_tabs.setCurrentIndex(0)
        self._set_dirty(True)
        self.notice.setText(self.tr("New publication — fill in the title and save."))
        self.form.focus_title()

    def save(self) -> bool:
        """Validate and store the form; messages appear next to the fields."""
        current_id, current_version = self.current_id, self.current_version

        def store() -> Any:
            with self.db.session() as session:
                if current_id is None:
                    return create_publication(session, data)
                assert current_version is not None  # loaded with current_id
                return update_publication(session, current_id, data,
                                          expected_version=current_version)

        try:
            data = self.form.data()
            # Off the GUI thread: with the office server slow or gone the window still paints.
            saved = wait_for(self.tr("Saving…"), store)
        except ValidationError as exc:
            self.form.show_problems(exc.problems)
            self._not_saved(self.tr("Not saved: please correct the fields marked in red."))
            return False
        except ChangedElsewhereError as exc:
            self._not_saved(self.tr("Not saved: someone else saved this publication first."))
            if offer_reload(self, exc) and self.current_id is not None:
                self._set_dirty(False)
                self.open_publication(self.current_id)
            return False
        except PubDeskError as exc:
            # The notice and the status bar belong to this attempt: never the last save's
            # 「已儲存。」 after a save that failed.
            self._not_saved(self.tr("Not saved: %1").replace("%1", shown(exc.message)))
            show_error(self, exc)
            return False
        self.current_id, self.current_version = saved.id, saved.row_version
        self.form.show_problems([])
        self._set_dirty(False)
        note = self.tr("Saved.")
        if saved.warnings:
            note += " " + " ".join(shown(w) for w in saved.warnings)
        self.notice.setText(note)
        self.status_message.emit(note)
        self.hub.announce("publications", saved.id)
        self.open_publication(saved.id)
        self.notice.setText(note)
        return True

    def _not_saved(self, note: str) -> None:
        self.notice.setText(note)
        clear_window_status(self)

    def revert(self) -> None:
        """Throw away unsaved edits."""
        if self.current_id is None:
            self.clear_detail()
            return
        self.open_publication(self.current_id)

    def _save_toc(self, lines: list[TocLine]) -> None:
        if self.current_id is None:
            QMessageBox.information(self, self.tr("Save first"),
                                    self.tr("Save the publication before its table of "
                                            "contents."))
            return
        assert self.current_version is not None  # loaded with current_id
        try:
            with self.db.session() as session:
                version = save_toc(session, self.current_id, lines,
                                   expected_version=self.current_version)
        except ChangedElsewhereError as exc:
            if offer_reload(self, exc):
                self.open_publication(self.current_id)
            return
        except PubDeskError as exc:
            show_error(self, exc)
            return
        self.current_version = version
        self.toc_editor.mark_saved()
        self.status_message.emit(self.tr("Table of contents saved."))
        self.hub.announce("toc_entries", self.current_id)

    def new_from_this(self) -> None:
        """Copy the selected publication as a reprint, revision or another form."""
        if self.current_id is None or not self.confirm_leave():
            return
        data = self.form.data()
        dialog = NewFromThisDialog(data.title, data.form, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            with self.db.session() as session:
                saved = copy_publication(session, self.current_id, dialog.kind(),
                                         dialog.new_form.value())
        except PubDeskError as exc:
            show_error(self, exc)
            return
        self.hub.announce("publications", saved.id)
        self.open_publication(saved.id)
        self.notice.setText(" ".join(shown(w) for w in saved.warnings))
        self.status_message.emit(shown(saved.warnings[0]))

    def delete_current(self) -> None:
        """Delete the selected publication after confirmation."""
        if self.current_id is None:
            return
        with self.db.session() as session:
            reasons = delete_blockers(session, self.current_id)
            row = row_for(session, self.current_id)
        # Named so that the print book is not mistaken for its e-book or a reprint.
        title = row.label if row is not None else self.form.title.text()
        text = self.tr("Delete “%1” with its table of contents, issues and files list? "
                       "It goes to the recycle bin, from which it can be restored.").replace(
                           "%1", title)
        if reasons:
            text += "\n\n" + "\n".join("• " + r for r in reasons)
        answer = QMessageBox.warning(self, self.tr("Delete publication"), text,
                                     QMessageBox.StandardButton.Yes
                                     | QMessageBox.StandardButton.No,
                                     QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            with self.db.session() as session:
                delete_publication(session, self.current_id, confirmed=True)
        except PubDeskError as exc:
            show_error(self, exc)
            return
        deleted = self.current_id
        self.clear_detail()
        self.hub.announce("publications", deleted)
        self.status_message.emit(self.tr("Moved “%1” to the recycle bin.").replace("%1", title))

    def open_recycle_bin(self) -> RecycleBinDialog:
        """The 資源回收筒: restore a deleted publication, or remove it for good."""
        from ui.pages.publications.recycle_bin_dialog import RecycleBinDialog

        dialog = RecycleBinDialog(self.db, self)

        def restored(publication_id: int) -> None:
            self.hub.announce("publications", publication_id)
            self.refresh()
            if self.confirm_leave():
                self.open_publication(publication_id)

        dialog.restored.connect(restored)
        dialog.open()
        return dialog

    def _step_link(self, link: str) -> None:
        """「前往」 beside a life-cycle step: the page that does it, at this publication."""
        if self.current_id is not None and link.startswith("page:"):
            self.go_to_page.emit(link.removeprefix("page:"), self.current_id)

    def _open_related(self, item: QListWidgetItem) -> None:
        record_id = int(item.data(Qt.ItemDataRole.UserRole))
        if self.confirm_leave():
            self.open_publication(record_id)
