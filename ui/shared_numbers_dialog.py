"""號碼重複: the numbers unrelated records share (stored before §4(二) was enforced), one at a
time, with the two ways out — record one as a reprint of the other, or take the number off the
record that holds it wrongly (app.services.number_resolution). Opened from View, from a 待辦
item of the kind 「號碼重複」, and closes nothing the officer has not chosen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.errors import PubDeskError
from app.language import t
from app.services.number_resolution import clear_number, record_reprint
from app.services.number_rule import Holder, SharedNumber, holder_label, shared_numbers
from app.services.publications import edition_shown
from app.services.units import list_units
from ui.hub import DataHub
from ui.pages.common import read_only_item, show_failure
from ui.read_only import lock, writes
from ui.widgets import ErrorLabel, opens_on_enter

NUMBER = Qt.ItemDataRole.UserRole


class SharedNumbersDialog(QDialog):
    """Every shared number on the left, its records on the right, what to do below."""

    open_publication = Signal(int)
    """Open this record on the publications page (the dialog stays open beside it)."""

    def __init__(self, db: Database, hub: DataHub | None = None,
                 parent: QWidget | None = None, focus_id: int | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.hub = hub
        self.setWindowTitle(self.tr("Shared numbers"))
        explanation = QLabel(self.tr(
            "These numbers are held by records that are not reprints of one another. Each "
            "publication and each form needs numbers of its own; only a reprint keeps the "
            "original's (§4(2)). For each number, either record the later printing as a reprint "
            "of the original, or clear the number on the record that holds it wrongly and apply "
            "for its own."))
        explanation.setWordWrap(True)
        self.numbers = QListWidget()
        self.numbers.setObjectName("sharedNumbers")
        self.numbers.currentRowChanged.connect(self._show_holders)
        self.holders = QTableWidget(0, 5)
        self.holders.setObjectName("sharedHolders")
        self.holders.setHorizontalHeaderLabels([
            self.tr("No."), self.tr("Title"), self.tr("Form"), self.tr("Edition"),
            self.tr("Unit")])
        self.holders.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.holders.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.holders.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.holders.setTabKeyNavigation(False)
        self.holders.verticalHeader().setVisible(False)
        header = self.holders.horizontalHeader()
        for column in (0, 2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        opens_on_enter(self.holders, self._open_index)
        self.holders.itemSelectionChanged.connect(self._enable)
        self.open_button = QPushButton(self.tr("Open this record"))
        self.open_button.clicked.connect(self.open_selected)
        self.reprint_button = QPushButton(self.tr("Record as a reprint of…"))
        self.reprint_button.clicked.connect(self.record_reprint)
        self.clear_button = QPushButton(self.tr("Clear the number on this record…"))
        self.clear_button.clicked.connect(self.clear_selected)
        for button in (self.open_button, self.reprint_button, self.clear_button):
            button.setAutoDefault(False)
        writes(self.reprint_button, self.clear_button)
        self.error = ErrorLabel()
        self.notice = QLabel()
        self.notice.setObjectName("sharedNotice")
        self.notice.setWordWrap(True)
        close = QPushButton(self.tr("Close"))
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.holders, 1)
        actions = QHBoxLayout()
        for button in (self.open_button, self.reprint_button, self.clear_button):
            actions.addWidget(button)
        actions.addStretch()
        right_layout.addLayout(actions)
        splitter = QSplitter()
        splitter.addWidget(self.numbers)
        splitter.addWidget(right)
        splitter.setSizes([260, 640])
        bottom = QHBoxLayout()
        bottom.addWidget(self.notice, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error)
        layout.addLayout(bottom)
        self.resize(940, 520)
        self.shared: list[SharedNumber] = []
        self.unit_names: dict[int, str] = {}
        self.reload(focus_id=focus_id)
        if db.read_only:
            lock(self)

    # --- reading ---------------------------------------------------------------------------

    def reload(self, *, keep: tuple[str, str] | None = None, focus_id: int | None = None) -> None:
        """Read the shared numbers again; show `keep` (field, value) if it is still shared,
        else the first number `focus_id` holds, else the number at the same place."""
        row = max(0, self.numbers.currentRow())
        with self.db.session() as session:
            self.shared = shared_numbers(session)
            self.unit_names = dict(list_units(session))
        self.numbers.blockSignals(True)
        self.numbers.clear()
        for number in self.shared:
            item = QListWidgetItem(self.tr("%1 %2 (%3 records)").replace("%1", number.label)
                                   .replace("%2", number.value)
                                   .replace("%3", str(len(number.holders))))
            item.setData(NUMBER, (number.field, number.value))
            self.numbers.addItem(item)
        self.numbers.blockSignals(False)
        wanted = [i for i, n in enumerate(self.shared) if (n.field, n.value) == keep] or \
            [i for i, n in enumerate(self.shared) if any(h.id == focus_id for h in n.holders)]
        if not self.shared:
            self.numbers.addItem(QListWidgetItem(self.tr(
                "No shared numbers: every number belongs to one publication or its reprints.")))
            self.numbers.setCurrentRow(-1)
            self._show_holders(-1)
            return
        self.numbers.setCurrentRow(wanted[0] if wanted else min(row, len(self.shared) - 1))
        if focus_id is not None:
            self._select_holder(focus_id)

    def _show_holders(self, row: int) -> None:
        holders = self.shared[row].holders if 0 <= row < len(self.shared) else ()
        self.holders.setRowCount(len(holders))
        for line, holder in enumerate(holders):
            cells = (str(holder.id), holder.title, holder.form.shown,
                     edition_shown(holder.edition, holder.printing),
                     self.unit_names.get(holder.unit_id, ""))
            for column, text in enumerate(cells):
                self.holders.setItem(line, column, read_only_item(text, holder.id))
        if holders:
            self.holders.selectRow(0)
        self._enable()

    def _select_holder(self, record_id: int) -> None:
        number = self.current_number()
        for line, holder in enumerate(number.holders if number else ()):
            if holder.id == record_id:
                self.holders.selectRow(line)

    def current_number(self) -> SharedNumber | None:
        """The shared number shown."""
        row = self.numbers.currentRow()
        return self.shared[row] if 0 <= row < len(self.shared) else None

    def selected_holder(self) -> Holder | None:
        """The record chosen in the table."""
        number = self.current_number()
        rows = self.holders.selectionModel().selectedRows()
        if number is None or not rows:
            return None
        return number.holders[rows[0].row()]

    def _enable(self) -> None:
        chosen = self.selected_holder() is not None
        for button in (self.open_button, self.reprint_button, self.clear_button):
            button.setEnabled(chosen and not (self.db.read_only and button is not
                                              self.open_button))

    # --- doing -----------------------------------------------------------------------------

    def _open_index(self, index: QModelIndex) -> None:
        self.holders.selectRow(index.row())
        self.open_selected()

    def open_selected(self) -> None:
        """Show the chosen record on the publications page."""
        holder = self.selected_holder()
        if holder is not None:
            self.open_publication.emit(holder.id)

    def record_reprint(self) -> None:
        """Ask which record the chosen one is a reprint of, then record it."""
        number, holder = self.current_number(), self.selected_holder()
        if number is None or holder is None:
            return
        others = [h for h in number.holders if h.id != holder.id]
        names = [holder_label(h) for h in others]
        chosen, accepted = QInputDialog.getItem(
            self, self.tr("Record as a reprint"),
            self.tr("%1 is a reprint of:").replace("%1", holder_label(holder)), names, 0, False)
        if not accepted:
            return
        original = others[names.index(chosen)]
        if self._write(lambda session: record_reprint(session, holder.id, original.id),
                       (number.field, number.value), holder.id):
            self._said(t("已記錄：{reprint} 是 {original} 的再刷，兩筆沿用同一組號碼。",
                         reprint=holder_label(holder), original=holder_label(original)))

    def clear_selected(self) -> None:
        """Take the shared number off the chosen record, after asking."""
        number, holder = self.current_number(), self.selected_holder()
        if number is None or holder is None:
            return
        question = t("要清除 {publication} 的 {label} {value} 嗎？清除後請為它申請自己的號碼；"
                     "這項變更會記入異動紀錄。", publication=holder_label(holder),
                     label=number.label, value=number.value)
        answer = QMessageBox.question(self, self.tr("Clear the number"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self._write(lambda session: clear_number(session, holder.id, number.field,
                                                    number.value),
                       (number.field, number.value), holder.id):
            self._said(t("已清除 {publication} 的 {label} {value}；請為它申請自己的號碼。",
                         publication=holder_label(holder), label=number.label,
                         value=number.value))

    def _write(self, action: Callable[[Any], object], keep: tuple[str, str], record_id: int) -> bool:
        """Run `action(session)`; say a refusal next to the list and read the list again
        either way (a refusal may mean someone changed the records meanwhile)."""
        self.error.show_message("")
        self.notice.setText("")
        try:
            with self.db.session() as session:
                action(session)
        except PubDeskError as exc:
            show_failure(self, self.error, exc)
            self.reload(keep=keep, focus_id=record_id)
            return False
        if self.hub is not None:
            self.hub.announce("publications", record_id)
        self.reload(keep=keep, focus_id=record_id)
        return True

    def _said(self, text: str) -> None:
        self.notice.setText(text)
