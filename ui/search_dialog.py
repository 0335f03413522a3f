"""搜尋全部 (Ctrl+K): type, and what matches anywhere shows at once; Enter opens it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.services.search import Hit, search_everything

HIT = Qt.ItemDataRole.UserRole


class SearchDialog(QDialog):
    """Search across publications, applications, letters, stores and libraries."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.chosen: Hit | None = None
        self.setWindowTitle(self.tr("Search everything"))
        self.resize(720, 480)
        self.query = QLineEdit()
        self.query.setObjectName("searchEverything")
        self.query.setPlaceholderText(self.tr("Title, person, GPN, ISBN, ISSN, registration no., "
                                              "document no., store or library"))
        self.results = QListWidget()
        self.results.setObjectName("searchResults")
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.search_now)
        self.query.textChanged.connect(lambda _text: self._timer.start())
        self.query.returnPressed.connect(self.open_first)
        self.results.itemActivated.connect(self._open)

    def search_now(self) -> None:
        """Search for what is typed and list the hits."""
        with self.db.session() as session:
            hits = search_everything(session, self.query.text())
        self.results.clear()
        for hit in hits:
            item = QListWidgetItem(f"{hit.kind}｜{hit.text}")
            item.setData(HIT, hit)
            self.results.addItem(item)
        self.status.setText(self.tr("%n match(es).", "", len(hits)) if self.query.text().strip()
                            else "")
        if hits:
            self.results.setCurrentRow(0)

    def open_first(self) -> None:
        """Enter in the box: open the selected (first) hit."""
        self._timer.stop()
        self.search_now()
        item = self.results.currentItem()
        if item is not None:
            self._open(item)

    def _open(self, item: QListWidgetItem) -> None:
        hit = item.data(HIT)
        if isinstance(hit, Hit):
            self.chosen = hit
            self.accept()
