"""資源回收筒: deleted publications, restored whole or removed for good (emptying is its own
confirmed action). What a publication points at that is gone since is asked about first
(restore_dialog)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
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
from app.errors import PubDeskError
from app.language import shown, shown_time
from app.services.recycle_bin import empty_bin, list_bin, purge, restore, restore_plan
from ui.errors import show_error
from ui.pages.publications.restore_dialog import RestoreDialog
from ui.read_only import lock, writes
from ui.widgets import opens_on_enter


class RecycleBinDialog(QDialog):
    """The bin: restore, delete for good, empty."""

    restored = Signal(int)
    """A publication came back (its id)."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("Recycle bin"))
        self.explanation = QLabel(self.tr(
            "Deleted publications stay here with their table of contents, issues, applications, "
            "deposit records and files list until you restore them or remove them for good."))
        self.explanation.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Publication"), self.tr("Deleted"),
                                              self.tr("By")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        opens_on_enter(self.table, lambda _index: self._double_clicked())
        self.restore_button = QPushButton(self.tr("Restore"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.purge_button = QPushButton(self.tr("Delete for good…"))
        self.purge_button.clicked.connect(self.purge_selected)
        self.empty_button = QPushButton(self.tr("Empty the recycle bin…"))
        self.empty_button.clicked.connect(self.empty)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.purge_button)
        buttons.addStretch()
        buttons.addWidget(self.empty_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(820, 460)
        writes(self.restore_button, self.purge_button, self.empty_button)
        self.reload()
        if db.read_only:  # a viewer may look at what was deleted, not restore or remove it
            lock(self)

    def reload(self) -> None:
        """Show what is in the bin, newest first."""
        with self.db.session() as session:
            items = list_bin(session)
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            label = QTableWidgetItem(item.label)
            label.setData(Qt.ItemDataRole.UserRole, item.id)
            self.table.setItem(row, 0, label)
            self.table.setItem(row, 1, QTableWidgetItem(shown_time(item.deleted_at)))
            self.table.setItem(row, 2, QTableWidgetItem(item.deleted_by))
        if items:
            self.table.selectRow(0)
        for button in (self.restore_button, self.purge_button, self.empty_button):
            button.setEnabled(bool(items))

    def _selected(self) -> tuple[int, str] | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        if item is None:
            return None
        return int(item.data(Qt.ItemDataRole.UserRole)), item.text()

    def _double_clicked(self) -> None:
        # restores as the button does, and only when the button can be pressed (a viewer)
        if self.restore_button.isEnabled():
            self.restore_selected()

    def restore_selected(self) -> None:
        """Put the chosen publication back, whole — after asking about what it points at
        that is gone since (RestoreDialog); Cancel there leaves everything as it is."""
        chosen = self._selected()
        if chosen is None:
            return
        try:
            with self.db.session() as session:
                plan = restore_plan(session, chosen[0])
            resolutions = {}
            if plan.missing:
                dialog = RestoreDialog(self.db, plan, self)
                if dialog.exec() != QDialog.DialogCode.Accepted:
                    return
                resolutions = dialog.resolutions()
            with self.db.session() as session:
                result = restore(session, chosen[0], resolutions)
        except PubDeskError as exc:  # deleted meanwhile, a conflict: nothing was written
            show_error(self, exc)
            self.reload()
            return
        self.reload()
        if result.left_out:
            QMessageBox.information(self, self.tr("Restored"), self.tr(
                "“%1” is back, without what you chose to leave out:\n%2").replace(
                    "%1", chosen[1]).replace(
                    "%2", "\n".join("• " + shown(s) for s in result.left_out)))
        self.restored.emit(result.publication_id)

    def purge_selected(self) -> None:
        """Remove the chosen publication for good, after asking."""
        chosen = self._selected()
        if chosen is None:
            return
        answer = QMessageBox.warning(
            self, self.tr("Delete for good"), self.tr(
                "Delete “%1” for good? It cannot be restored afterwards (backups still have "
                "it).").replace("%1", chosen[1]),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        with self.db.session() as session:
            purge(session, chosen[0])
        self.reload()

    def empty(self) -> None:
        """Remove everything in the bin for good, after asking."""
        count = self.table.rowCount()
        answer = QMessageBox.warning(
            self, self.tr("Empty the recycle bin"), self.tr(
                "Delete all %n publication(s) in the recycle bin for good? They cannot be "
                "restored afterwards (backups still have them).", "", count),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        with self.db.session() as session:
            empty_bin(session)
        self.reload()
