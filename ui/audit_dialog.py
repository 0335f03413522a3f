"""View → 全部異動紀錄: every change in the database — who, when, which record, old → new —
filtered by period, person, kind of record and words; 500 at a time, newest first."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.language import shown, shown_time
from app.services.history import ENTITIES, AuditFilter, AuditRow, audit_rows, audit_users
from ui.widgets import opens_on_enter

PAGE = 500


class AuditDialog(QDialog):
    """The whole audit log, filtered."""

    open_publication = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today or date.today()
        self.setWindowTitle(self.tr("All changes"))
        self.period = QComboBox()
        for label, days in ((self.tr("Any time"), None), (self.tr("Today"), 0),
                            (self.tr("Last 7 days"), 6), (self.tr("Last 30 days"), 29),
                            (self.tr("Last 365 days"), 364)):
            self.period.addItem(label, days)
        self.user = QComboBox()
        self.entity = QComboBox()
        self.entity.addItem(self.tr("All records"), "")
        for table, name in sorted(ENTITIES.items(), key=lambda item: item[1]):
            self.entity.addItem(shown(name), table)
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("Words in the old or new value…"))
        self.text.setClearButtonEnabled(True)
        for combo in (self.period, self.user, self.entity):
            combo.currentIndexChanged.connect(self.reload)
        self.text.returnPressed.connect(self.reload)
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels([
            self.tr("When"), self.tr("Who"), self.tr("Record"), self.tr("No."), self.tr("Change"),
            self.tr("Field"), self.tr("Old → new")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in range(6):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        opens_on_enter(self.table, self._open)
        self.count = QLabel()
        self.more = QPushButton(self.tr("Show %1 more").replace("%1", str(PAGE)))
        self.more.clicked.connect(self.load_more)
        filters = QHBoxLayout()
        for widget in (self.period, self.user, self.entity):
            filters.addWidget(widget)
        filters.addWidget(self.text, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addStretch()
        bottom.addWidget(self.more)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.resize(1100, 620)
        self._rows: list[AuditRow] = []
        self._fill_users()
        self.reload()

    def _fill_users(self) -> None:
        with self.db.session() as session:
            users = audit_users(session)
        self.user.blockSignals(True)
        self.user.clear()
        self.user.addItem(self.tr("Everyone"), "")
        for user in users:
            self.user.addItem(user, user)
        self.user.blockSignals(False)

    def current_filter(self) -> AuditFilter:
        """The filter the controls describe."""
        days = self.period.currentData()
        since = None if days is None else self.today - timedelta(days=int(days))
        return AuditFilter(since=since, until=None, user=self.user.currentData() or "",
                           entity=self.entity.currentData() or "", text=self.text.text().strip())

    def reload(self) -> None:
        """The newest changes that match."""
        self._rows = []
        self.table.setRowCount(0)
        self.load_more()

    def load_more(self) -> None:
        """The next page of older changes."""
        before = self._rows[-1].id if self._rows else None
        with self.db.session() as session:
            rows = audit_rows(session, self.current_filter(), before, PAGE)
        start = len(self._rows)
        self._rows += rows
        self.table.setRowCount(len(self._rows))
        for offset, row in enumerate(rows):
            old, new = shown(row.old), shown(row.new)
            change = f"{old} → {new}" if old and new else old or new
            values = (shown_time(row.at), row.who, shown(row.entity),
                      "" if row.entity_id is None else str(row.entity_id), shown(row.what),
                      shown(row.field), change)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 6:
                    item.setToolTip(value[:2000])
                if column == 0:
                    item.setData(Qt.ItemDataRole.UserRole, start + offset)
                self.table.setItem(start + offset, column, item)
        self.more.setEnabled(len(rows) == PAGE)
        self.count.setText(self.tr("%1 changes shown").replace("%1", str(len(self._rows))))

    def _open(self, index: QModelIndex) -> None:
        row = self._rows[index.row()]
        if row.entity == ENTITIES["publications"] and row.entity_id is not None:
            self.open_publication.emit(row.entity_id)
