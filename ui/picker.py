"""Choosing a publication by typing: the search of the publications page in a pop-up list.

A combo box holding every publication does not scale (100,000 records) and cannot tell apart
records that share a title. Here the officer types part of a title, a person, a GPN or an
ISBN and picks from at most `LIMIT` matches, each shown with 載體, 版次/刷次 and GPN.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLineEdit, QToolButton, QWidget

from app.db import Database
from app.models import PublicationType
from app.services.publications import row_for, search_publications

LIMIT = 50
ID_ROLE = Qt.ItemDataRole.UserRole


class PublicationPicker(QWidget):
    """A line to type in, a list of matches, one chosen publication (or none)."""

    changed = Signal()
    """The chosen publication changed (by the officer or by `set_current`)."""

    def __init__(self, db: Database, parent: QWidget | None = None,
                 pub_type: PublicationType | None = None):
        super().__init__(parent)
        self.db = db
        self.pub_type = pub_type
        self._current: int | None = None
        self._label = ""
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("Type a title, person, GPN or ISBN to choose…"))
        self.edit.setClearButtonEnabled(True)
        self.matches = QStandardItemModel(self)
        self.completer = QCompleter(self.matches, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(12)
        self.completer.setWidget(self.edit)
        self.completer.activated[QModelIndex].connect(self._activated)  # type: ignore[index]
        self.browse = QToolButton()
        self.browse.setText("▾")
        self.browse.setToolTip(self.tr("Show the most recently changed publications"))
        self.browse.clicked.connect(lambda: self.search_now(""))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(lambda: self.search_now(self.edit.text()))
        self.edit.textEdited.connect(lambda _text: self._timer.start())
        self.edit.editingFinished.connect(self._editing_finished)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.browse)

    def current_id(self) -> int | None:
        """The chosen publication's id, or None."""
        return self._current

    def current_label(self) -> str:
        """The chosen publication as shown (title, 載體, 版次/刷次, GPN)."""
        return self._label

    def search_now(self, text: str) -> int:
        """Fill the list with the matches for `text` and show it; returns how many."""
        self._timer.stop()
        with self.db.session() as session:
            rows = search_publications(session, text, LIMIT, self.pub_type)
        self.matches.clear()
        for row in rows:
            item = QStandardItem(row.label)
            item.setData(row.id, ID_ROLE)
            item.setToolTip(f"{row.label}\nISBN {row.isbn or '—'}　{row.unit_name}")
            self.matches.appendRow(item)
        if rows and self.isVisible():
            self.completer.complete()
        return len(rows)

    def choose_match(self, row: int) -> None:
        """Pick row `row` of the list (what a click on it does)."""
        self._activated(self.matches.index(row, 0))

    def _activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        value = index.data(ID_ROLE) if index.isValid() else None
        if value is not None:
            self.set_current(int(value))

    def set_current(self, publication_id: int | None) -> None:
        """Choose `publication_id` (None: nothing); emits `changed` when it differs."""
        label = ""
        if publication_id is not None:
            with self.db.session() as session:
                row = row_for(session, publication_id)
            if row is None:
                publication_id = None
            else:
                label = row.label
        previous = self._current
        self._current, self._label = publication_id, label
        self.edit.setText(label)
        self.edit.setCursorPosition(0)
        self.edit.setToolTip(label)
        if previous != publication_id:
            self.changed.emit()

    def refresh(self) -> None:
        """Read the chosen record again (after a change elsewhere): a new title is shown, a
        deleted record is no longer chosen."""
        self.set_current(self._current)

    def _editing_finished(self) -> None:
        # Typing without picking changes nothing: the line shows the chosen record again;
        # an emptied line means "none".
        popup = self.completer.popup()
        if popup is not None and popup.isVisible():
            return
        if not self.edit.text().strip():
            self.set_current(None)
        elif self.edit.text() != self._label:
            self.edit.setText(self._label)
