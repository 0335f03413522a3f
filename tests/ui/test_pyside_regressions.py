"""Regressions inside pinned libraries that once crashed the app.

PySide6 6.12.0 lowered the reference count of `None` by one every time an empty QVariant
crossed into Python (`QComboBox.addItem(text, None)`, `itemData`, `currentData`, model data).
Python 3.11's `None` is not immortal, so after a few thousand such calls the process aborted
with `Fatal Python error: none_dealloc` — the window vanished on the 15th Save. 6.11.3 is
pinned; these tests fail on any version that brings the fault back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem
from PySide6.QtWidgets import QApplication, QComboBox

CALLS = 5000
NO_PARENT = QModelIndex()


def _none_refs_after(action: object) -> int:
    assert callable(action)
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        action()
    return sys.getrefcount(None) - before


def test_combo_items_with_none_data_keep_none_alive(qapp: QApplication) -> None:
    combo = QComboBox()
    # A leak of a few references is harmless; the regression lost one per call.
    assert _none_refs_after(lambda: combo.addItem("出版品", None)) > -CALLS // 10
    assert _none_refs_after(lambda: combo.itemData(0)) > -CALLS // 10
    combo.setCurrentIndex(0)
    assert _none_refs_after(combo.currentData) > -CALLS // 10


def test_empty_model_data_keeps_none_alive(qapp: QApplication) -> None:
    class Empty(QAbstractTableModel):
        def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
            return 1

        def columnCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
            return 1

        def data(self, index: QModelIndex | QPersistentModelIndex,
                 role: int = Qt.ItemDataRole.DisplayRole) -> object:
            return None

    model = Empty()
    index = model.index(0, 0)
    assert _none_refs_after(lambda: model.data(index)) > -CALLS // 10
    item = QStandardItem()
    assert _none_refs_after(lambda: item.data(Qt.ItemDataRole.UserRole)) > -CALLS // 10
