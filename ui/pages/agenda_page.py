"""待辦 — what needs doing today, grouped by urgency; double-click opens the record on the
page that does it. The computation is `app.services.agenda`; this page only shows it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.language import shown_date, t
from app.services.agenda import KINDS, AgendaItem, Thresholds, Urgency, agenda
from app.services.units import list_units
from ui.hub import DataHub, listen_when_shown
from ui.widgets import opens_on_enter

ITEM = Qt.ItemDataRole.UserRole
COLOURS = {Urgency.OVERDUE: "#b00020", Urgency.SOON: "#8a5a00", Urgency.OPEN: "#000000"}


class AgendaPage(QWidget):
    """The officer's desk: everything due, by urgency."""

    page_key = "agenda"
    open_record = Signal(str, int, str)
    """page key, record id (-1: none), the item's kind (so the page opens where it is done)"""
    """(page key, record id): the window shows that page at that record."""
    count_changed = Signal(int)
    """Items overdue or due soon — shown beside the page's name."""

    def __init__(self, db: Database, hub: DataHub, parent: QWidget | None = None,
                 today: date | None = None,
                 thresholds: Callable[[], Thresholds] | None = None):
        super().__init__(parent)
        self.db = db
        self.today = today
        self.thresholds = thresholds
        """The officer's waiting periods (Settings → 待辦), asked at every reload."""
        self.items: list[AgendaItem] = []
        self.kind = QComboBox()
        self.kind.setObjectName("agendaKind")
        self.kind.addItem(self.tr("All kinds"), "")
        for key, words in KINDS.items():
            self.kind.addItem(t(words), key)
        self.unit = QComboBox()
        self.unit.setObjectName("agendaUnit")
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.reload)
        self.summary = QLabel()
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Kind")))
        filters.addWidget(self.kind)
        filters.addWidget(QLabel(self.tr("Unit")))
        filters.addWidget(self.unit, 1)
        filters.addWidget(refresh)
        self.tree = QTreeWidget()
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)  # a sentence reads from its start
        self.tree.setObjectName("agendaTree")
        self.tree.setHeaderLabels([self.tr("To do"), self.tr("Record"), self.tr("Due"),
                                   self.tr("Rule"), self.tr("What to do")])
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        header = self.tree.header()
        for column, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.Interactive,
                                       QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.Stretch)):
            header.setSectionResizeMode(column, mode)
        header.resizeSection(1, 430)
        # Titles are long; the GPN at the end tells two editions apart — keep both ends.
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        opens_on_enter(self.tree, lambda index: self._open(self.tree.itemFromIndex(index), 0))
        hint = QLabel(self.tr("Double-click an item to open it on the page that does it."))
        hint.setStyleSheet("color: #555")
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(hint)
        self._fill_units()
        self.kind.currentIndexChanged.connect(self.show_items)
        self.unit.currentIndexChanged.connect(self.reload)
        listen_when_shown(hub, self, self._data_changed)
        self.reload()

    def _data_changed(self, entity: str, _record_id: int) -> None:
        if entity == "publishing_units":
            self._fill_units()
        self.reload()

    def _fill_units(self) -> None:
        with self.db.session() as session:
            units = list_units(session)
        chosen = self.unit.currentData()
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItem(self.tr("All units"), 0)
        for unit_id, name in units:
            self.unit.addItem(name, unit_id)
        self.unit.setCurrentIndex(max(0, self.unit.findData(chosen)))  # a renamed unit stays
        self.unit.blockSignals(False)

    def reload(self) -> None:
        """Compute the agenda again (for the chosen unit)."""
        unit_id = int(self.unit.currentData() or 0) or None
        with self.db.session() as session:
            self.items = agenda(session, self.today or date.today(),
                                self.thresholds() if self.thresholds else None, unit_id=unit_id)
        self.show_items()
        pressing = sum(1 for i in self.items if i.urgency is not Urgency.OPEN)
        self.count_changed.emit(pressing)

    def show_items(self) -> None:
        """Fill the tree from `items`, filtered by kind."""
        wanted = self.kind.currentData() or ""
        shown = [i for i in self.items if not wanted or i.kind == wanted]
        self.tree.clear()
        for urgency in Urgency:
            group = [i for i in shown if i.urgency is urgency]
            if not group:
                continue
            top = QTreeWidgetItem([self.tr("%1 (%2)").replace("%1", urgency.shown).replace(
                "%2", str(len(group)))])
            top.setForeground(0, QBrush(QColor(COLOURS[urgency])))
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.tree.addTopLevelItem(top)
            for entry in group:
                row = QTreeWidgetItem([entry.kind_label, entry.label,
                                       shown_date(entry.due) if entry.due else "",
                                       entry.rule, entry.action])
                row.setData(0, ITEM, entry)
                row.setToolTip(1, entry.label)
                row.setToolTip(4, entry.action)
                row.setForeground(0, QBrush(QColor(COLOURS[urgency])))
                top.addChild(row)
            top.setExpanded(True)
        self.summary.setText(self.tr("%1 overdue, %2 due soon, %3 open.")
                             .replace("%1", str(sum(i.urgency is Urgency.OVERDUE for i in shown)))
                             .replace("%2", str(sum(i.urgency is Urgency.SOON for i in shown)))
                             .replace("%3", str(sum(i.urgency is Urgency.OPEN for i in shown))))
        if not shown:
            self.tree.addTopLevelItem(QTreeWidgetItem([self._nothing_to_do()]))

    def _nothing_to_do(self) -> str:
        """An empty 待辦 on a new workspace says where to begin, not only 「沒有待辦事項」."""
        from sqlalchemy import select

        from app.models import Publication

        with self.db.session() as session:
            anything = session.scalar(select(Publication.id).limit(1)) is not None
        if anything:
            return self.tr("Nothing to do.")
        return self.tr("No publications yet: add the first one on the Publications page, or "
                       "import your list with File → Import a publication list (Excel).")

    def _open(self, row: QTreeWidgetItem, _column: int) -> None:
        entry = row.data(0, ITEM)
        if isinstance(entry, AgendaItem):
            self.open_record.emit(entry.page, -1 if entry.record_id is None else entry.record_id,
                                  entry.kind)
