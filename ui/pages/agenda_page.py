"""待辦 — what needs doing today, grouped by urgency; double-click or Enter opens the record on
the page that does it. The computation is `app.services.agenda`, run off the GUI thread (on
years of imported history it reads for seconds); this page only shows it — a group a page at a
time, and the chosen item whole beneath the list, however narrow its column."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.errors import PubDeskError
from app.language import shown, shown_date, t
from app.services import agenda_actions
from app.services.agenda import KINDS, AgendaItem, Thresholds, Urgency, agenda
from app.services.units import list_units
from ui.hub import DataHub, listen_when_shown
from ui.pages.common import run_action
from ui.read_only import writes
from ui.widgets import ErrorLabel, opens_on_enter
from ui.worker import LatestRead

ITEM = Qt.ItemDataRole.UserRole
COLOURS = {Urgency.OVERDUE: "#b00020", Urgency.SOON: "#8a5a00", Urgency.OPEN: "#000000"}
SHOWN_AT_ONCE = 200
"""Items of a group put in the list at a time: a backlog of 100,000 imported records is read
in the background, and shown 200 at a time (「顯示其餘…」 adds the next 200)."""
MORE = "more"
GROUP = "group"
SNOOZE_DAYS = 30
"""How long 「暫緩」 sets an item aside."""


class _ElideMiddle(QStyledItemDelegate):
    """A column that keeps both ends of its text when cut."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Any) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle


class AgendaPage(QWidget):
    """The officer's desk: everything due, by urgency."""

    page_key = "agenda"
    open_record = Signal(str, int, str)
    """page key, record id (-1: none), the item's kind (so the page opens where it is done)"""
    """(page key, record id): the window shows that page at that record."""
    count_changed = Signal(int)
    """Items overdue or due soon — shown beside the page's name."""
    loaded = Signal()
    """A background computation finished (its result shown, or its failure said)."""

    def __init__(self, db: Database, hub: DataHub, parent: QWidget | None = None,
                 today: date | None = None,
                 thresholds: Callable[[date], Thresholds] | None = None):
        super().__init__(parent)
        self.db = db
        self.hub = hub
        self.today = today
        self.thresholds = thresholds
        """The officer's waiting periods (Settings → 待辦), asked at every reload."""
        self.items: list[AgendaItem] = []
        self._reads = LatestRead(self)
        self._shown_per_group: dict[Urgency, int] = {}
        self._anything = True
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
        self.every_year = False
        """True when the officer asked to list every year despite the history cut-off."""
        self.hidden_note = QLabel()
        self.hidden_note.setObjectName("agendaHidden")
        self.hidden_note.setWordWrap(True)
        self.every_year_button = QPushButton()
        self.every_year_button.setObjectName("agendaEveryYear")
        self.every_year_button.clicked.connect(self._toggle_every_year)
        hidden_row = QHBoxLayout()
        hidden_row.addWidget(self.hidden_note, 1)
        hidden_row.addWidget(self.every_year_button)
        self.hidden_note.hide()
        self.every_year_button.hide()
        self.hidden: tuple[int, int | None] = (0, None)
        """What the history cut-off left out: (items, from which year on the list shows)."""
        self._last_action = ""
        """What the last bulk action did, said beside the counts after its reload."""
        self.showing_set_aside = False
        """True while the list shows the items the officer set aside (to bring them back)."""
        self.set_aside_count = 0
        self.set_aside_note = QLabel()
        self.set_aside_note.setObjectName("agendaSetAside")
        self.set_aside_button = QPushButton()
        self.set_aside_button.setObjectName("agendaShowSetAside")
        self.set_aside_button.clicked.connect(self._toggle_set_aside)
        hidden_row_2 = QHBoxLayout()
        hidden_row_2.addWidget(self.set_aside_note, 1)
        hidden_row_2.addWidget(self.set_aside_button)
        self.set_aside_note.hide()
        self.set_aside_button.hide()
        # Bulk actions (issue 26): on the chosen items — or, with a group's heading chosen,
        # on every item of that group, however many are not yet in the list.
        self.error = ErrorLabel()
        self.done_button = QPushButton(self.tr("Mark done…"))
        self.done_button.setObjectName("agendaMarkDone")
        self.done_button.setToolTip(self.tr("Dealt with outside PubDesk: the chosen items leave "
                                            "the list (the audit log keeps who and why)."))
        self.done_button.clicked.connect(self.mark_done)
        self.snooze_button = QPushButton(self.tr("Snooze %n days", "", SNOOZE_DAYS))
        self.snooze_button.setObjectName("agendaSnooze")
        self.snooze_button.clicked.connect(self.snooze)
        self.confirm_button = QPushButton(self.tr("Confirm published…"))
        self.confirm_button.setObjectName("agendaConfirm")
        self.confirm_button.setToolTip(self.tr(
            "Record NCL's confirmation of publication for the chosen “confirm publication” "
            "items, with nothing changed (price, pages and month as recorded)."))
        self.confirm_button.clicked.connect(self.confirm_published)
        self.back_button = QPushButton(self.tr("Bring back"))
        self.back_button.setObjectName("agendaBringBack")
        self.back_button.clicked.connect(self.bring_back)
        self.back_button.hide()
        writes(self.done_button, self.snooze_button, self.confirm_button, self.back_button)
        actions = QHBoxLayout()
        for button in (self.done_button, self.snooze_button, self.confirm_button,
                       self.back_button):
            actions.addWidget(button)
        actions.addWidget(self.error, 1)
        actions.addStretch()
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Kind")))
        filters.addWidget(self.kind)
        filters.addWidget(QLabel(self.tr("Unit")))
        filters.addWidget(self.unit, 1)
        filters.addWidget(refresh)
        self.tree = QTreeWidget()
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)  # a sentence reads from its start
        self.tree.setObjectName("agendaTree")
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
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
        # Titles are long; the GPN at the end tells two editions apart — keep both ends of the
        # record's name; a sentence reads from its start (and whole beneath the list).
        self.tree.setItemDelegateForColumn(1, _ElideMiddle(self.tree))
        opens_on_enter(self.tree, lambda index: self._open(self.tree.itemFromIndex(index), 0))
        self.tree.currentItemChanged.connect(self._show_detail)
        self.detail = QLabel()
        self.detail.setObjectName("agendaDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumHeight(self.fontMetrics().height() * 3)
        hint = QLabel(self.tr("Double-click an item, or press Enter, to open it on the page "
                              "that does it."))
        hint.setStyleSheet("color: #555")
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addLayout(hidden_row)
        layout.addLayout(hidden_row_2)
        layout.addWidget(self.tree, 1)
        layout.addLayout(actions)
        layout.addWidget(self.detail)
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
        """Compute the agenda again (for the chosen unit), in the background: the list on
        screen stays until the new one is ready; an older computation still running is
        discarded when it finishes."""
        unit_id = int(self.unit.currentData() or 0) or None
        today = self.today or date.today()
        limits = self.thresholds(today) if self.thresholds else None
        cut_off = limits.history_from_year if limits is not None else None
        if limits is not None and self.every_year:
            limits = replace(limits, history_from_year=None)
        self.summary.setText(self.tr("Reading the to-do list…"))
        db, listing_set_aside = self.db, self.showing_set_aside

        def compute() -> tuple[list[AgendaItem], bool]:
            from sqlalchemy import select

            from app.models import Publication

            with db.session() as session:
                items = agenda(session, today, limits, unit_id=unit_id,
                               set_aside=listing_set_aside)
                anything = bool(items) or session.scalar(
                    select(Publication.id).limit(1)) is not None
            return items, anything

        def done(result: tuple[list[AgendaItem], bool]) -> None:
            self.items, self._anything = result
            self.hidden = (getattr(self.items, "hidden", 0),
                           getattr(self.items, "history_from_year", None) or cut_off)
            self._shown_per_group = {}
            if not listing_set_aside:
                self.set_aside_count = getattr(self.items, "set_aside", 0)
            self.show_items()
            if not listing_set_aside:
                pressing = sum(1 for i in self.items if i.urgency is not Urgency.OPEN)
                self.count_changed.emit(pressing)
            self.loaded.emit()

        def failed(exc: BaseException, _details: str) -> None:
            self._last_action = ""  # said with a list that was read, or not at all
            reason = shown(exc.message) if isinstance(exc, PubDeskError) else str(exc)
            self.summary.setText(self.tr("The to-do list could not be read: %1")
                                 .replace("%1", reason))
            self.loaded.emit()

        self._reads.start(compute, done, failed)

    @property
    def loading(self) -> bool:
        """True while the agenda is being computed in the background."""
        return self._reads.running

    def is_loaded(self) -> bool:
        """Whether the list on screen is the latest computed (for tests and tools)."""
        return not self.loading

    def show_items(self) -> None:
        """Fill the tree from `items`, filtered by kind: each group's first items (at most
        SHOWN_AT_ONCE more each time the officer asks), the counts whole."""
        wanted = self.kind.currentData() or ""
        shown_items = [i for i in self.items if not wanted or i.kind == wanted]
        self.tree.clear()
        self.detail.setText("")
        for urgency in Urgency:
            group = [i for i in shown_items if i.urgency is urgency]
            if not group:
                continue
            top = QTreeWidgetItem([self.tr("%1 (%2)").replace("%1", urgency.shown).replace(
                "%2", str(len(group)))])
            top.setForeground(0, QBrush(QColor(COLOURS[urgency])))
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            top.setData(0, ITEM, (GROUP, urgency))
            top.setToolTip(0, self.tr("Choose the heading to act on every item of the group."))
            self.tree.addTopLevelItem(top)
            limit = self._shown_per_group.get(urgency, SHOWN_AT_ONCE)
            for entry in group[:limit]:
                row = QTreeWidgetItem([entry.kind_label, entry.label,
                                       shown_date(entry.due) if entry.due else "",
                                       entry.rule, entry.action])
                row.setData(0, ITEM, entry)
                row.setToolTip(1, entry.label)
                row.setToolTip(4, entry.action)
                row.setForeground(0, QBrush(QColor(COLOURS[urgency])))
                top.addChild(row)
            if len(group) > limit:
                left = len(group) - limit
                more = QTreeWidgetItem([self.tr("Show %1 more of the %2 left…")
                                        .replace("%1", str(min(SHOWN_AT_ONCE, left)))
                                        .replace("%2", str(left))])
                more.setData(0, ITEM, (MORE, urgency))
                top.addChild(more)
                more.setFirstColumnSpanned(True)
            top.setExpanded(True)
        self.summary.setText(self.tr("%1 overdue, %2 due soon, %3 open.")
                             .replace("%1", str(sum(i.urgency is Urgency.OVERDUE
                                                    for i in shown_items)))
                             .replace("%2", str(sum(i.urgency is Urgency.SOON
                                                    for i in shown_items)))
                             .replace("%3", str(sum(i.urgency is Urgency.OPEN
                                                    for i in shown_items)))
                             + (f" {self._last_action}" if self._last_action else ""))
        self._last_action = ""
        if not shown_items:
            self.tree.addTopLevelItem(QTreeWidgetItem([
                self.tr("Nothing is set aside.") if self.showing_set_aside
                else self._nothing_to_do()]))
        self._show_hidden()
        self._show_set_aside()

    def _show_hidden(self) -> None:
        """Say what the history cut-off leaves out, with the button that lists it (or, when
        every year is listed, the button that cuts it off again)."""
        hidden, since = self.hidden
        if self.every_year and since is not None:
            self.hidden_note.setText(self.tr("Every year is listed, older publications too."))
            self.every_year_button.setText(self.tr("Only the recent years"))
        elif hidden and since is not None:
            self.hidden_note.setText(self.tr(
                "Up to %1 more items belong to publications published before %2 and are not "
                "listed (Settings → To do lists publications of the last …).")
                .replace("%1", f"{hidden:,}").replace("%2", shown_date(date(since, 1, 1))))
            self.every_year_button.setText(self.tr("List every year"))
        else:
            self.hidden_note.hide()
            self.every_year_button.hide()
            return
        self.hidden_note.show()
        self.every_year_button.show()

    def _show_set_aside(self) -> None:
        """Say how many items the officer set aside, with the button that lists them (and,
        while they are listed, the way back)."""
        listing = self.showing_set_aside
        for button in (self.done_button, self.snooze_button, self.confirm_button):
            button.setVisible(not listing)
        self.back_button.setVisible(listing)
        if listing:
            self.set_aside_note.setText(self.tr("Items set aside (marked done or snoozed): "
                                                "choose some and press Bring back."))
            self.set_aside_button.setText(self.tr("Back to the to-do list"))
        elif self.set_aside_count:
            self.set_aside_note.setText(self.tr("%n item(s) set aside (marked done or snoozed) "
                                                "are not listed.", "", self.set_aside_count))
            self.set_aside_button.setText(self.tr("List them"))
        else:
            self.set_aside_note.hide()
            self.set_aside_button.hide()
            return
        self.set_aside_note.show()
        self.set_aside_button.show()

    def _toggle_set_aside(self) -> None:
        self.showing_set_aside = not self.showing_set_aside
        self.reload()

    def chosen_items(self) -> list[AgendaItem]:
        """The items the bulk actions apply to: the chosen rows, and every item (shown or not)
        of a group whose heading is chosen — under the kind filter."""
        wanted = self.kind.currentData() or ""
        chosen: dict[int, AgendaItem] = {}
        for row in self.tree.selectedItems():
            entry = row.data(0, ITEM)
            if isinstance(entry, AgendaItem):
                chosen[id(entry)] = entry
            elif isinstance(entry, tuple) and entry[0] == GROUP:
                for item in self.items:
                    if item.urgency is entry[1] and (not wanted or item.kind == wanted):
                        chosen[id(item)] = item
        return [item for item in chosen.values() if item.record_id is not None]

    def _keys(self) -> list[agenda_actions.ItemKey] | None:
        items = self.chosen_items()
        if not items:
            self.error.show_message(self.tr("Choose items first (or a group's heading for all "
                                            "of it)."))
            return None
        return [agenda_actions.ItemKey(i.kind, i.record_id, i.due, i.subject_id) for i in items]

    def _after(self, done: int, words: str) -> None:
        """Say what the action did — beside the counts once the list is read again, not
        only until the reload's 「讀取中」 replaces it."""
        self._last_action = words.replace("%1", f"{done:,}")
        self.reload()

    def mark_done(self) -> None:
        """The chosen items were dealt with outside PubDesk: set aside for good, with why."""
        keys = self._keys()
        if keys is None:
            return
        reason, ok = QInputDialog.getText(
            self, self.tr("Mark done"),
            self.tr("%n item(s) leave the to-do list. Why (kept in the audit log)?", "",
                    len(keys)), text=self.tr("Dealt with before PubDesk"))
        if not ok:
            return
        if run_action(self, self.db, self.error,
                      lambda session: agenda_actions.set_aside(session, keys, None, reason)):
            self._after(len(keys), self.tr("%1 item(s) marked done."))

    def snooze(self) -> None:
        """Set the chosen items aside for SNOOZE_DAYS days."""
        keys = self._keys()
        if keys is None:
            return
        from datetime import timedelta

        until = (self.today or date.today()) + timedelta(days=SNOOZE_DAYS)
        reason = self.tr("Snoozed")  # read here: the action runs in the worker
        if run_action(self, self.db, self.error, lambda session: agenda_actions.set_aside(
                session, keys, until, reason)):
            self._after(len(keys), self.tr("%1 item(s) snoozed until %2.")
                        .replace("%2", shown_date(until)))

    def confirm_published(self) -> None:
        """確認出版 for the chosen 待確認出版 items, nothing changed."""
        ids = [i.record_id for i in self.chosen_items()
               if i.kind == "confirm_publication" and i.record_id is not None]
        if not ids:
            self.error.show_message(self.tr("Choose “confirm publication” items first."))
            return
        answer = QMessageBox.question(
            self, self.tr("Confirm published"),
            self.tr("Record %n publication(s) as published, with the price, pages and month "
                    "they have now? Each is recorded as a confirmation in its history.", "",
                    len(ids)))
        if answer != QMessageBox.StandardButton.Yes:
            return
        on, note = self.today or date.today(), self.tr("Confirmed together from To do")
        if run_action(self, self.db, self.error, lambda session: agenda_actions.confirm_published(
                session, ids, on, note)):
            self.hub.announce("publications")
            self._after(len(ids), self.tr("%1 publication(s) confirmed as published."))

    def bring_back(self) -> None:
        """The chosen set-aside items go back on the list."""
        keys = self._keys()
        if keys is None:
            return
        if run_action(self, self.db, self.error,
                      lambda session: agenda_actions.bring_back(session, keys)):
            self._after(len(keys), self.tr("%1 item(s) brought back."))

    def _toggle_every_year(self) -> None:
        self.every_year = not self.every_year
        self.reload()

    def _nothing_to_do(self) -> str:
        """An empty 待辦 on a new workspace says where to begin, not only 「沒有待辦事項」."""
        if self._anything:
            return self.tr("Nothing to do.")
        return self.tr("No publications yet: add the first one on the Publications page, or "
                       "import your list with File → Import a publication list (Excel).")

    def _show_detail(self, row: QTreeWidgetItem | None, _previous: object = None) -> None:
        """The chosen item whole, beneath the list: its record, what to do, its rule and due
        date — a narrow column cuts the sentence, this does not."""
        entry = row.data(0, ITEM) if row is not None else None
        if not isinstance(entry, AgendaItem):
            self.detail.setText("")
            return
        due = self.tr("Due %1.").replace("%1", shown_date(entry.due)) if entry.due else ""
        self.detail.setText(f"<b>{escape(entry.kind_label)}</b>　{escape(entry.label)}<br>"
                            f"{escape(entry.action)}<br>"
                            f"<span style='color:#555'>{escape(entry.rule)}　{escape(due)}</span>")

    def _show_more(self, urgency: Urgency) -> None:
        """「顯示其餘…」: the next SHOWN_AT_ONCE items of a group, the place kept."""
        self._shown_per_group[urgency] = self._shown_per_group.get(urgency, SHOWN_AT_ONCE) + \
            SHOWN_AT_ONCE
        scrolled = self.tree.verticalScrollBar().value()
        self.show_items()
        self.tree.verticalScrollBar().setValue(scrolled)

    def _open(self, row: QTreeWidgetItem | None, _column: int) -> None:
        entry = row.data(0, ITEM) if row is not None else None
        if isinstance(entry, tuple) and entry[0] == MORE:
            self._show_more(entry[1])
            return
        if isinstance(entry, AgendaItem):
            self.open_record.emit(entry.page, -1 if entry.record_id is None else entry.record_id,
                                  entry.kind)
