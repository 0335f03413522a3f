"""委託統籌展售 — lists to the stores (附件一, two copies), stock and returns, June/December
settlements with the 40 % rule and overdue payments, the store terms, the price calculator."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.language import shown_date
from app.services.consignment import (
    ListItem,
    PriceFactors,
    StoreTerms,
    calculate_price,
    create_list,
    record_payment,
    record_return,
    record_settlement,
    save_price,
    save_store_terms,
    settlements,
    stock,
    store_choices,
    store_version,
    write_consignment_list,
)
from app.services.publications import row_for
from ui.hub import DataHub, listen_when_shown
from ui.pages.common import (
    WorkflowPage,
    chosen_date,
    read_only_item,
    run_action,
    show_failure,
)
from ui.picker import PublicationPicker
from ui.read_only import writes
from ui.widgets import ErrorLabel, date_field
from ui.worker import run_job

ID = Qt.ItemDataRole.UserRole


def _cell_data(table: QTableWidget, row: int, column: int) -> Any:
    """The id or value a cell carries (None for an empty cell)."""
    item = table.item(row, column)
    return item.data(ID) if item is not None else None


class ConsignmentPage(WorkflowPage):
    """The stores."""

    page_key = "consignment"

    def __init__(self, db: Database, hub: DataHub, output_root: Path,
                 parent: QWidget | None = None):
        super().__init__(db, hub, output_root, parent)
        self.terms_version: int | None = None
        self.store = QComboBox()
        self.store.setObjectName("consignmentStore")
        self.store.currentIndexChanged.connect(self.reload)
        self.error = ErrorLabel()
        self.tabs = QTabWidget()
        self._build_list_tab()
        self._build_stock_tab()
        self._build_settlement_tab()
        self._build_terms_tab()
        self._build_price_tab()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Store")))
        top.addWidget(self.store, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        listen_when_shown(hub, self, self._data_changed)
        self.reload_all()

    # --- building --------------------------------------------------------------------------------

    def _build_list_tab(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.titles: QTableWidget
        self.list_publication = PublicationPicker(self.db)
        self.list_copies = QSpinBox()
        self.list_copies.setRange(1, 99_999)
        self.list_sample = QCheckBox(self.tr("With a sample"))
        add = QPushButton(self.tr("Add to the list"))
        add.clicked.connect(self.add_title)
        remove = QPushButton(self.tr("Remove the selected line"))
        remove.clicked.connect(lambda: self.titles.removeRow(self.titles.currentRow()))
        add_row = QHBoxLayout()
        add_row.addWidget(self.list_publication, 1)
        add_row.addWidget(QLabel(self.tr("Copies")))
        add_row.addWidget(self.list_copies)
        add_row.addWidget(self.list_sample)
        add_row.addWidget(add)
        self.titles = QTableWidget(0, 4)
        self.titles.setObjectName("consignmentTitles")
        self.titles.setHorizontalHeaderLabels([self.tr("Publication"), "GPN", self.tr("Copies"),
                                               self.tr("With a sample")])
        self.titles.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.titles.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.titles.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.supply_date, supply_row = date_field()
        self.contact = QLineEdit()
        make = QPushButton(self.tr("Make the list (two copies)"))
        make.clicked.connect(self.make_list)
        form = QFormLayout()
        form.addRow(self.tr("Supply date"), supply_row)
        form.addRow(self.tr("Contact"), self.contact)
        layout.addWidget(QLabel(self.tr("Choose each title to send and its copies. The first "
                                        "shipment of a title may carry one sample.")))
        layout.addLayout(add_row)
        layout.addWidget(self.titles, 1)
        layout.addWidget(remove)
        layout.addLayout(form)
        layout.addWidget(make)
        writes(self.list_copies, self.list_sample, add, remove, self.titles,
               self.supply_date, self.contact, make)
        self.tabs.addTab(page, self.tr("Consignment list"))

    def _build_stock_tab(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.stock = QTableWidget(0, 6)
        self.stock.setObjectName("consignmentStock")
        self.stock.setHorizontalHeaderLabels([self.tr("Title"), self.tr("Supplied"),
                                              self.tr("Sold"), self.tr("Returned"),
                                              self.tr("On hand"), self.tr("Samples")])
        self.stock.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.stock.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.return_copies = QSpinBox()
        self.return_copies.setRange(1, 9999)
        back = QPushButton(self.tr("Record a return of the selected title"))
        back.clicked.connect(self.record_return)
        row = QHBoxLayout()
        row.addWidget(self.return_copies)
        row.addWidget(back)
        row.addStretch()
        writes(self.return_copies, back)
        layout.addWidget(self.stock, 1)
        layout.addLayout(row)
        self.tabs.addTab(page, self.tr("Stock"))

    def _build_settlement_tab(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.period = QComboBox()
        year = date.today().year
        for y in (year, year - 1, year + 1):
            for month, day in ((6, 30), (12, 31)):
                # ISO text as the item data: Qt would turn a Python date into a QDate.
                self.period.addItem(shown_date(date(y, month, day)),
                                    date(y, month, day).isoformat())
        self.sold = QTableWidget(0, 3)
        self.sold.setObjectName("consignmentSold")
        self.sold.setHorizontalHeaderLabels([self.tr("Title"), self.tr("On hand"),
                                             self.tr("Sold in the period")])
        self.sold.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.commission = QDoubleSpinBox()
        self.commission.setRange(0, 100)
        self.commission.setSuffix(" %")
        self.public_selection = QCheckBox(self.tr("Contract from public selection / "
                                                  "most-advantageous tender"))
        self.override_reason = QLineEdit()
        self.correct = QCheckBox(self.tr("Correct this period's settlement (replaces the one "
                                         "recorded; payments are kept)"))
        settle = QPushButton(self.tr("Record the settlement"))
        settle.clicked.connect(self.record_settlement)
        form = QFormLayout()
        form.addRow(self.tr("Settlement"), self.period)
        form.addRow(self.tr("Commission"), self.commission)
        form.addRow("", self.public_selection)
        form.addRow(self.tr("Contract basis"), self.override_reason)
        form.addRow("", self.correct)
        self.history = QTableWidget(0, 8)
        self.history.setObjectName("settlementHistory")
        self.history.setHorizontalHeaderLabels(
            [self.tr("Store"), self.tr("Period end"), self.tr("Gross"), self.tr("Commission"),
             self.tr("Net"), self.tr("Due"), self.tr("Received"), self.tr("Outstanding")])
        self.history.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.paid_on, paid_row = date_field()
        self.amount = QSpinBox()
        self.amount.setRange(0, 99_999_999)
        pay = QPushButton(self.tr("Record payment of the selected settlement"))
        pay.clicked.connect(self.record_payment)
        pay_row = QHBoxLayout()
        pay_row.addWidget(paid_row)
        pay_row.addWidget(self.amount)
        pay_row.addWidget(pay)
        writes(self.sold, self.commission, self.public_selection, self.override_reason,
               self.correct, settle, self.paid_on, self.amount, pay)
        layout.addWidget(self.sold, 1)
        layout.addLayout(form)
        layout.addWidget(settle)
        layout.addWidget(self.history, 1)
        layout.addLayout(pay_row)
        self.tabs.addTab(page, self.tr("Settlements"))

    def _build_terms_tab(self) -> None:
        page = QWidget()
        form = QFormLayout(page)
        self.terms_contact = QLineEdit()
        self.terms_commission = QDoubleSpinBox()
        self.terms_commission.setRange(0, 100)
        self.terms_commission.setSuffix(" %")
        self.terms_first = QSpinBox()
        self.terms_first.setRange(0, 9999)
        self.terms_public = QCheckBox(self.tr("Contract from public selection / "
                                              "most-advantageous tender"))
        self.terms_reason = QLineEdit()
        save = QPushButton(self.tr("Save the store's terms"))
        save.clicked.connect(self.save_terms)
        form.addRow(self.tr("Contact"), self.terms_contact)
        form.addRow(self.tr("Commission (at most 40 %, §7)"), self.terms_commission)
        form.addRow(self.tr("First-edition copies"), self.terms_first)
        form.addRow("", self.terms_public)
        form.addRow(self.tr("Contract basis"), self.terms_reason)
        form.addRow("", save)
        writes(page)
        self.tabs.addTab(page, self.tr("Store terms"))

    def _build_price_tab(self) -> None:
        page = QWidget()
        form = QFormLayout(page)
        self.price_publication = PublicationPicker(self.db)
        self.cost = QSpinBox()
        self.cost.setRange(0, 999_999)
        self.factors: dict[str, QDoubleSpinBox] = {}
        for key, label in (("royalty", self.tr("Royalty")),
                           ("management", self.tr("Management")),
                           ("consignment", self.tr("Consignment fee")),
                           ("storage_freight", self.tr("Storage and freight")),
                           ("special_purpose", self.tr("Special purpose"))):
            spin = QDoubleSpinBox()
            spin.setRange(-100, 500)
            spin.setSuffix(" %")
            self.factors[key] = spin
            form.addRow(label, spin)
        self.arithmetic = QPlainTextEdit()
        self.arithmetic.setReadOnly(True)
        self.apply_price = QCheckBox(self.tr("Make it the publication's price"))
        calculate = QPushButton(self.tr("Calculate and keep"))
        calculate.clicked.connect(self.calculate)
        form.insertRow(0, self.tr("Publication"), self.price_publication)
        form.insertRow(1, self.tr("Printing cost per copy (NT$)"), self.cost)
        form.addRow("", self.apply_price)
        form.addRow("", calculate)
        form.addRow(self.tr("Arithmetic"), self.arithmetic)
        writes(self.cost, *self.factors.values(), self.apply_price, calculate)  # it keeps it
        self.tabs.addTab(page, self.tr("Price calculator (§6)"))

    # --- loading -------------------------------------------------------------------------------

    def _data_changed(self, entity: str, _record_id: int) -> None:
        if entity == "sales_stores":
            self.reload_all()
        elif entity == "publications":
            self.list_publication.refresh()
            self.price_publication.refresh()
            self.reload()

    def reset(self) -> None:
        """After a restore: the list being prepared and every choice forgotten."""
        self.titles.setRowCount(0)
        self.list_publication.set_current(None)
        self.price_publication.set_current(None)
        self.public_selection.setChecked(False)
        self.override_reason.clear()
        self.correct.setChecked(False)
        self.arithmetic.clear()
        self.reload_all()

    def reload_all(self) -> None:
        """Stores and the store's data."""
        with self.db.session() as session:
            stores = store_choices(session)
        current = self.store.currentData()
        self.store.blockSignals(True)
        self.store.clear()
        for store_id, name, *_terms in stores:
            self.store.addItem(name, store_id)
        self.store.setCurrentIndex(max(0, self.store.findData(current)))
        self.store.blockSignals(False)
        self.reload()

    def start_list(self) -> None:
        """Ctrl+N: the consignment-list tab, ready to choose the first title."""
        self.tabs.setCurrentIndex(0)
        self.list_publication.edit.setFocus()

    def add_title(self) -> None:
        """Put the chosen publication on the list being prepared (once per title)."""
        publication_id = self.list_publication.current_id()
        if publication_id is None:
            self.error.show_message(self.tr("Choose a publication to add first."))
            return
        self.error.show_message("")
        with self.db.session() as session:
            row_data = row_for(session, publication_id)
        if row_data is None:
            return
        row = next((r for r in range(self.titles.rowCount())
                    if _cell_data(self.titles, r, 0) == publication_id), None)
        if row is None:
            row = self.titles.rowCount()
            self.titles.insertRow(row)
        self.titles.setItem(row, 0, read_only_item(row_data.label, publication_id))
        self.titles.setItem(row, 1, read_only_item(row_data.gpn))
        self.titles.setItem(row, 2, read_only_item(str(self.list_copies.value()),
                                                   self.list_copies.value()))
        sample = self.list_sample.isChecked()
        self.titles.setItem(row, 3, read_only_item(self.tr("Yes") if sample else "", sample))
        self.list_publication.set_current(None)
        self.list_sample.setChecked(False)

    def open_record(self, store_id: int) -> None:
        """Show this page for a store (from the 待辦 page)."""
        index = self.store.findData(store_id)
        if index >= 0:
            self.store.setCurrentIndex(index)

    def store_id(self) -> int | None:
        """The chosen store."""
        value = self.store.currentData()
        return int(value) if value is not None else None

    def reload(self) -> None:
        """Stock, settlements and terms of the chosen store."""
        self.error.show_message("")
        store_id = self.store_id()
        with self.db.session() as session:
            # The version first, the terms after (app.services.guard).
            self.terms_version = store_version(session, store_id) if store_id is not None \
                else None
            rows = stock(session, store_id) if store_id is not None else []
            history = settlements(session, date.today())
            stores = {s[0]: s for s in store_choices(session)}
        self.stock.setRowCount(0)
        self.sold.setRowCount(0)
        for row in rows:
            index = self.stock.rowCount()
            self.stock.insertRow(index)
            for column, text in enumerate((row.title, str(row.supplied), str(row.sold),
                                           str(row.returned), str(row.on_hand),
                                           str(row.samples))):
                self.stock.setItem(index, column, read_only_item(text, row.publication_id))
            self.sold.insertRow(index)
            self.sold.setItem(index, 0, read_only_item(row.title, row.publication_id))
            self.sold.setItem(index, 1, read_only_item(str(row.on_hand)))
            spin = QSpinBox()
            spin.setRange(0, max(0, row.on_hand))
            self.sold.setCellWidget(index, 2, spin)
        self.history.setRowCount(0)
        for entry in history:
            index = self.history.rowCount()
            self.history.insertRow(index)
            received = (f"{entry.received}（{shown_date(entry.last_paid_on)}）"
                        if entry.last_paid_on else "")
            values = (entry.store, shown_date(entry.period_end), str(entry.gross),
                      str(entry.commission), str(entry.net), shown_date(entry.due_on),
                      received, f"{entry.state.shown} {entry.outstanding}"
                      if entry.outstanding else entry.state.shown)
            for column, text in enumerate(values):
                item = read_only_item(text, entry.id)
                if entry.overdue and column == 7:
                    item.setForeground(QBrush(QColor("#b00020")))
                self.history.setItem(index, column, item)
        if store_id in stores:
            _id, _name, percent, first, contact = stores[store_id]
            self.commission.setValue(float(percent))
            self.terms_commission.setValue(float(percent))
            self.terms_first.setValue(first)
            self.terms_contact.setText(contact)

    # --- actions -------------------------------------------------------------------------------

    def _run(self, action: Any, message: str) -> bool:
        if not run_action(self, self.db, self.error, action):
            return False
        self.status_message.emit(message)
        self.reload()
        return True

    def make_list(self) -> None:
        """Create the consignment list and write both copies, then preview."""
        store_id = self.store_id()
        if store_id is None:
            return
        items = [ListItem(int(_cell_data(self.titles, row, 0)),
                          int(_cell_data(self.titles, row, 2)),
                          bool(_cell_data(self.titles, row, 3)))
                 for row in range(self.titles.rowCount())]
        on, contact = chosen_date(self.supply_date), self.contact.text()

        formats = self.editable_formats()

        def job(_progress: Any, _cancelled: Any) -> list[Path]:
            with self.db.session() as session:
                list_id = create_list(session, store_id, on, items, contact)
                # One folder per list (its record id): two lists for one store on one day
                # never overwrite each other.
                folder = self.output_root / "展售" / f"清單{list_id:05d}_{on:%Y%m%d}"
                return write_consignment_list(session, list_id, folder, formats)

        def done(files: list[Path]) -> None:
            self.titles.setRowCount(0)
            self.reload()
            self.hub.announce("publications")
            self.open_document.emit(files[0], files[1])

        run_job(self, self.tr("Writing the consignment list…"), job, on_done=done,
                on_failed=lambda exc: show_failure(self, self.error, exc))

    def record_return(self) -> None:
        """Copies of the selected title came back."""
        row = self.stock.currentRow()
        store_id = self.store_id()
        item = self.stock.item(row, 0) if row >= 0 else None
        if item is None or store_id is None:
            self.error.show_message(self.tr("Select a title in the stock list first."))
            return
        publication_id, copies = int(item.data(ID)), self.return_copies.value()
        self._run(lambda s: record_return(s, store_id, publication_id, copies, date.today()),
                  self.tr("Return recorded."))

    def record_settlement(self) -> None:
        """Sales of the period."""
        store_id = self.store_id()
        if store_id is None:
            return
        sales: dict[int, int] = {}
        for row in range(self.sold.rowCount()):
            title, spin = self.sold.item(row, 0), self.sold.cellWidget(row, 2)
            if title is not None and isinstance(spin, QSpinBox) and spin.value():
                sales[int(title.data(ID))] = spin.value()
        period_end = date.fromisoformat(str(self.period.currentData()))
        percent = Decimal(str(round(self.commission.value(), 2)))
        # Every widget read here, on the GUI thread: the action runs in the worker.
        public, reason = self.public_selection.isChecked(), self.override_reason.text()
        correction = self.correct.isChecked()
        if self._run(lambda s: record_settlement(s, store_id, period_end, sales, percent,
                                                 public, reason, correction),
                     self.tr("Settlement recorded.")):
            # The exception, its basis and the correction belong to that settlement only.
            self.public_selection.setChecked(False)
            self.override_reason.clear()
            self.correct.setChecked(False)

    def record_payment(self) -> None:
        """The store paid the selected settlement."""
        row = self.history.currentRow()
        item = self.history.item(row, 0) if row >= 0 else None
        if item is None:
            self.error.show_message(self.tr("Select a settlement first."))
            return
        settlement_id, on, amount = int(item.data(ID)), chosen_date(self.paid_on), \
            self.amount.value()
        if self._run(lambda s: record_payment(s, settlement_id, on, amount),
                     self.tr("Payment recorded.")):
            self.amount.setValue(0)

    def save_terms(self) -> None:
        """The store's contact, commission and first-edition copies."""
        store_id = self.store_id()
        if store_id is None:
            return
        terms = StoreTerms(self.terms_contact.text(),
                           Decimal(str(round(self.terms_commission.value(), 2))),
                           self.terms_first.value(), self.terms_public.isChecked(),
                           self.terms_reason.text())
        version = self.terms_version
        assert version is not None  # read with the chosen store
        if run_action(self, self.db, self.error,
                      lambda s: save_store_terms(s, store_id, terms, expected_version=version),
                      self.reload):
            self.status_message.emit(self.tr("Store terms saved."))
            self.reload()

    def calculate(self) -> None:
        """§6: work out a price and keep it with the publication."""
        publication_id = self.price_publication.current_id()
        if publication_id is None:
            return
        try:
            factors = PriceFactors(**{k: Decimal(str(round(v.value(), 2)))
                                      for k, v in self.factors.items()})
        except InvalidOperation:
            return
        cost, apply = self.cost.value(), self.apply_price.isChecked()
        if self._run(lambda s: save_price(s, publication_id, cost, factors, apply),
                     self.tr("Price calculation kept.")):
            self.arithmetic.setPlainText("\n".join(calculate_price(cost, factors)[1]))
            if apply:
                self.hub.announce("publications", publication_id)
