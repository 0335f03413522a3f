"""The 異動紀錄 tab of a publication: who changed what, when (app.services.history)."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QLabel, QTableWidget, QVBoxLayout, QWidget

from app.db import Database
from app.language import shown, shown_time
from app.services.history import publication_history
from ui.pages.common import read_only_item


class HistoryTab(QWidget):
    """A publication's changes, newest first."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("historyTable")
        self.table.setHorizontalHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("What"),
                                              self.tr("Field"), self.tr("Before"),
                                              self.tr("After")])
        header = self.table.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.summary = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def load(self, publication_id: int | None) -> None:
        """Show a publication's history (None: empty, for a new record)."""
        self.table.setRowCount(0)
        if publication_id is None:
            self.summary.setText(self.tr("A new publication has no history yet."))
            return
        with self.db.session() as session:
            rows = publication_history(session, publication_id)
        for entry in rows:
            row = self.table.rowCount()
            self.table.insertRow(row)
            for column, text in enumerate((shown_time(entry.at), entry.who, shown(entry.what),
                                           shown(entry.field), shown(entry.old),
                                           shown(entry.new))):
                item = read_only_item(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.summary.setText(self.tr("%n change(s), newest first.", "", len(rows)))
