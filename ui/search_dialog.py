"""搜尋全部 (Ctrl+K): type, and what matches anywhere shows as soon as it is found (the search runs
off the GUI thread, so typing never waits for it); Enter opens it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.errors import PubDeskError
from app.language import shown
from app.services.search import ALL_LIMIT, LIMIT, Found, Hit, find_everything
from ui.worker import LatestRead

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
        self.show_all = QPushButton(self.tr("Show all"))
        self.show_all.setObjectName("searchShowAll")
        self.show_all.hide()
        self.show_all.clicked.connect(lambda: self.search_now(ALL_LIMIT))
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.results, 1)
        footer = QHBoxLayout()
        footer.addWidget(self.status, 1)
        footer.addWidget(self.show_all)
        layout.addLayout(footer)
        # Arrows and Page Up/Down in the box move the selection in the list, so the officer
        # types, walks down the hits and presses Enter on the one wanted.
        self.query.installEventFilter(self)
        self._reads = LatestRead(self)
        self._open_when_done = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.search_now)
        self.query.textChanged.connect(lambda _text: self._timer.start())
        self.query.returnPressed.connect(self.open_first)
        self.results.itemActivated.connect(self._open)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.query and isinstance(event, QKeyEvent) and \
                event.type() == QEvent.Type.KeyPress:
            steps = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 10,
                     Qt.Key.Key_PageUp: -10}.get(Qt.Key(event.key()))
            if steps is not None and self.results.count():
                row = min(max(self.results.currentRow() + steps, 0), self.results.count() - 1)
                self.results.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    def search_now(self, limit: int = LIMIT) -> None:
        """Search for what is typed, in the background (on 100,000 records a search reads
        for longer than a keystroke may wait), then list the hits, saying how many of how
        many; a search overtaken by more typing is discarded when it ends."""
        self._timer.stop()
        text, db = self.query.text(), self.db

        def search() -> Found:
            with db.session() as session:
                return find_everything(session, text, limit)

        def failed(exc: BaseException, _details: str) -> None:
            self._open_when_done = False
            self.status.setText(shown(exc.message) if isinstance(exc, PubDeskError)
                                else str(exc))

        self._reads.start(search, lambda found: self._show(found, limit), failed)

    @property
    def searching(self) -> bool:
        """A search is running in the background."""
        return self._reads.running

    def is_idle(self) -> bool:
        """No search waiting or running (for tests)."""
        return not self.searching and not self._timer.isActive()

    def _show(self, found: Found, limit: int) -> None:
        self.results.clear()
        for hit in found.hits:
            item = QListWidgetItem(f"{hit.kind}｜{hit.text}")
            item.setData(HIT, hit)
            self.results.addItem(item)
        if not self.query.text().strip():
            self.status.setText("")
        elif found.capped:
            self.status.setText(self.tr("Showing %1 of more than %2 matches.").replace(
                "%1", str(len(found.hits))).replace("%2", str(found.total)))
        elif found.more:
            self.status.setText(self.tr("Showing %1 of %2 matches.").replace(
                "%1", str(len(found.hits))).replace("%2", str(found.total)))
        else:
            self.status.setText(self.tr("%n match(es).", "", found.total))
        self.show_all.setVisible(found.more and limit < ALL_LIMIT)
        if found.hits:
            self.results.setCurrentRow(0)
        if self._open_when_done:
            self._open_when_done = False
            self.open_first()

    def open_first(self) -> None:
        """Enter in the box: open the selected hit (the first, unless the arrows moved) — of
        what is typed: typed since the last search, or while one runs, it opens when the
        search for it ends."""
        if self._timer.isActive() or self.searching:
            self._open_when_done = True
            if self._timer.isActive():
                self.search_now()
            return
        item = self.results.currentItem()
        if item is not None:
            self._open(item)

    def _open(self, item: QListWidgetItem) -> None:
        hit = item.data(HIT)
        if isinstance(hit, Hit):
            self.chosen = hit
            self.accept()
