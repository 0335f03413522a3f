"""The publications table model: holds the ids in display order and a cache of rows fetched
in blocks as they scroll into view — never live ORM objects."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from app.identifiers import display
from app.language import shown_year_month
from app.services.publications import PublicationRow

RowLoader = Callable[[list[int]], dict[int, PublicationRow]]
BLOCK = 200
CACHE_LIMIT = 5000


class PublicationTableModel(QAbstractTableModel):
    """Rows of publications; `set_ids` replaces the list (after a search or sort)."""

    COLUMNS = ("title", "form", "edition", "gpn", "isbn", "status", "type", "unit", "published")
    SORT_KEYS = ("title", None, None, "gpn", "isbn", "status", "type", None, "published")

    def __init__(self, load_rows: RowLoader):
        super().__init__()
        self._load_rows = load_rows
        self._ids: list[int] = []
        self._cache: OrderedDict[int, PublicationRow] = OrderedDict()
        # What tells records of one title apart (form, edition, numbers) comes right after it.
        self._headers = [QCoreApplication.translate("PublicationTableModel", "Title"),
                         QCoreApplication.translate("PublicationTableModel", "Form"),
                         QCoreApplication.translate("PublicationTableModel", "Edition"),
                         "GPN", "ISBN",
                         QCoreApplication.translate("PublicationTableModel", "Status"),
                         QCoreApplication.translate("PublicationTableModel", "Type"),
                         QCoreApplication.translate("PublicationTableModel", "Unit"),
                         QCoreApplication.translate("PublicationTableModel", "Published")]

    def set_ids(self, ids: list[int]) -> None:
        """Show these publications, in this order."""
        self.beginResetModel()
        self._ids = list(ids)
        self._cache.clear()
        self.endResetModel()

    def refresh_rows(self, ids: list[int] | None = None) -> None:
        """Forget cached rows (all, or some) so they are read again."""
        if ids is None:
            self._cache.clear()
        else:
            for record_id in ids:
                self._cache.pop(record_id, None)
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1,
                                                                len(self.COLUMNS) - 1))

    def id_at(self, row: int) -> int:
        """The publication id shown on `row`."""
        return self._ids[row]

    def row_of(self, record_id: int) -> int:
        """The row showing `record_id`, or -1."""
        try:
            return self._ids.index(record_id)
        except ValueError:
            return -1

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def _row(self, row: int) -> PublicationRow | None:
        record_id = self._ids[row]
        cached = self._cache.get(record_id)
        if cached is not None:
            self._cache.move_to_end(record_id)
            return cached
        start = max(0, row - BLOCK // 4)
        wanted = [i for i in self._ids[start:start + BLOCK] if i not in self._cache]
        self._cache.update(self._load_rows(wanted))
        while len(self._cache) > CACHE_LIMIT:
            self._cache.popitem(last=False)
        return self._cache.get(record_id)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == Qt.ItemDataRole.UserRole:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self._row(index.row())
        if row is None:
            return None
        column = self.COLUMNS[index.column()]
        if column == "published":
            return shown_year_month(row.published_year, row.published_month)
        values = {"title": row.title, "type": row.pub_type.shown, "form": row.form.shown,
                  "edition": row.edition_text, "status": row.status.shown,
                  "unit": row.unit_name, "gpn": row.gpn, "isbn": display("isbn", row.isbn)}
        return values[column]

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
