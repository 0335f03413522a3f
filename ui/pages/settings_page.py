"""設定 page: publishing units (letterhead data, 發文字號 code), their contacts, language."""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.errors import ChangedElsewhereError, PubDeskError, ValidationError
from app.services.units import (
    ContactData,
    UnitData,
    delete_unit,
    list_contacts,
    list_units,
    save_contacts,
    save_unit,
    unit_data,
    unit_version,
)
from app.settings import Settings
from ui.errors import offer_reload, show_error
from ui.hub import DataHub
from ui.pages.database_settings import DatabaseSettings
from ui.pages.recipient_codes import RecipientCodes
from ui.pages.reference_editor import ReferenceEditor
from ui.read_only import writes
from ui.widgets import ErrorLabel

CONTACT_COLUMNS = ("name", "job_title", "phone", "fax", "email")


class SettingsPage(QWidget):
    """Units, contacts and the interface language."""

    status_message = Signal(str)
    language_changed = Signal(str)
    settings_changed = Signal()
    """A setting stored in the settings file changed (the window saves it)."""
    page_key = "settings"

    def __init__(self, db: Database, hub: DataHub, settings: Settings,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.hub = hub
        self.settings = settings
        self.unit_id: int | None = None
        self.unit_version: int | None = None

        self.units = QListWidget()
        self.units.setObjectName("unitsList")
        self.units.currentItemChanged.connect(self._unit_selected)
        new_unit = QPushButton(self.tr("New unit"))
        new_unit.clicked.connect(self.new_unit)
        remove_unit = QPushButton(self.tr("Delete unit"))
        remove_unit.clicked.connect(self.delete_unit)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(QLabel(self.tr("Publishing units")))
        left_layout.addWidget(self.units, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(new_unit)
        buttons.addWidget(remove_unit)
        left_layout.addLayout(buttons)

        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, ErrorLabel] = {}
        labels = {"full_name": self.tr("Full name"), "short_name": self.tr("Short name"),
                  "postcode": self.tr("Postcode"), "address": self.tr("Address"),
                  "phone": self.tr("Phone"), "fax": self.tr("Fax"), "email": self.tr("E-mail"),
                  "website": self.tr("Web site"),
                  "doc_code": self.tr("Document number code (e.g. 經研)"),
                  "agency_code": self.tr("Agency code (for DI files)"),
                  "agency_code_source": self.tr("Where the agency code was found"),
                  "deposit_contact_name": self.tr("Deposit contact (NCL)"),
                  "deposit_contact_phone": self.tr("Deposit contact's phone"),
                  "deposit_contact_email": self.tr("Deposit contact's e-mail"),
                  "deposit_notice": self.tr("How NCL's deposit notices are received")}
        unit_box = QGroupBox(self.tr("Letterhead data"))
        form = QFormLayout(unit_box)
        # §16: whether this unit records its review before print (checklist and to-do).
        self.review_required = QCheckBox(self.tr("Record a review before print (§16)"))
        self.review_required.setObjectName("unit_review_required")
        self.review_required.setToolTip(self.tr(
            "After the GPN the unit reviews the publication itself, then prints; ticked, the "
            "checklist and To do ask for that review to be recorded."))
        for f in fields(UnitData):
            if f.name == "review_required":
                form.addRow("", self.review_required)
                continue
            edit = QLineEdit()
            edit.setObjectName(f"unit_{f.name}")
            self.edits[f.name] = edit
            form.addRow(labels[f.name], edit)
            error = ErrorLabel()
            form.addRow("", error)
            self.errors[f.name] = error
        self.edits["deposit_notice"].setPlaceholderText(self.tr("e.g. e-mail, post"))

        self.contacts = QTableWidget(0, len(CONTACT_COLUMNS) + 1)
        self.contacts.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Job title"),
                                                 self.tr("Phone"), self.tr("Fax"),
                                                 self.tr("E-mail"), self.tr("Default")])
        self.contacts.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.contact_error = ErrorLabel()
        contact_box = QGroupBox(self.tr("Contacts"))
        contact_layout = QVBoxLayout(contact_box)
        contact_layout.addWidget(self.contacts)
        contact_layout.addWidget(self.contact_error)
        contact_buttons = QHBoxLayout()
        add_contact = QPushButton(self.tr("Add contact"))
        add_contact.clicked.connect(lambda: self._append_contact(ContactData("")))
        remove_contact = QPushButton(self.tr("Remove contact"))
        remove_contact.clicked.connect(self._remove_contact)
        contact_buttons.addWidget(add_contact)
        contact_buttons.addWidget(remove_contact)
        contact_buttons.addStretch()
        contact_layout.addLayout(contact_buttons)

        self.save_button = QPushButton(self.tr("Save unit"))
        self.save_button.clicked.connect(self.save)
        save_row = QHBoxLayout()
        save_row.addStretch()
        save_row.addWidget(self.save_button)
        # the units are the database's; language, periods, fonts, formats and the database
        # connection below are this PC's settings, a viewer's too
        writes(new_unit, remove_unit, unit_box, contact_box, self.save_button)

        self.language = QComboBox()
        self.language.addItem("繁體中文", "zh_TW")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.language.currentIndexChanged.connect(self._language_chosen)
        app_box = QGroupBox(self.tr("Application"))
        app_form = QFormLayout(app_box)
        app_form.addRow(self.tr("Language"), self.language)
        self.periods: dict[str, QSpinBox] = {}
        for name, label, tip in (
                ("backups_kept", self.tr("Automatic backups kept"), self.tr(
                    "The oldest automatic backup goes when a new one is made; backups you make "
                    "yourself are never removed.")),
                ("application_reply_days", self.tr("Follow up an application after (days)"),
                 self.tr("To do lists a submitted number application without a reply after "
                         "this many days.")),
                ("deposit_ack_days", self.tr("Follow up a deposit after (days)"), self.tr(
                    "To do lists deposit copies sent without an acknowledgement after this many "
                    "days (§5).")),
                ("settlement_warning_days", self.tr("Announce a settlement (days before)"),
                 self.tr("To do announces the June and December settlement this many days "
                         "before the period ends (Annex 1, note 3)."))):
            box = QSpinBox()
            box.setRange(1, 365)
            box.setValue(int(getattr(settings, name)))
            box.setToolTip(tip)
            box.valueChanged.connect(lambda value, key=name: self._period_changed(key, value))
            self.periods[name] = box
            app_form.addRow(label, box)
        # 待辦's history cut-off: years of imported history need not drown today's work.
        history = QSpinBox()
        history.setObjectName("agendaHistoryYears")
        history.setRange(0, 50)
        history.setSpecialValueText(self.tr("All years"))
        history.setSuffix(self.tr(" years"))
        history.setValue(settings.agenda_history_years)
        history.setToolTip(self.tr("To do lists the publications published in the last this "
                                   "many years only, and says how many it leaves out."))
        history.valueChanged.connect(
            lambda value: self._period_changed("agenda_history_years", value))
        self.periods["agenda_history_years"] = history
        app_form.addRow(self.tr("To do lists publications of the last"), history)
        # Fonts: the interface's size is the officer's (small laptop screens, 150 % scaling);
        # the documents' fonts follow the rules (標楷體, or the bundled 全字庫正楷體).
        self.font_size = QSpinBox()
        self.font_size.setRange(0, 20)
        self.font_size.setSpecialValueText(self.tr("System size"))
        self.font_size.setSuffix(self.tr(" pt"))
        self.font_size.setValue(settings.ui_font_pt if settings.ui_font_pt >= 8 else 0)
        self.font_size.setToolTip(self.tr("Used from the next start of PubDesk."))
        self.font_size.valueChanged.connect(self._font_size_changed)
        app_form.addRow(self.tr("Interface text size"), self.font_size)
        fonts_note = QLabel(self.tr(
            "Documents use DFKai-SB when Windows has it, else the bundled TW-Kai; rare "
            "characters (CJK Extension B, user-defined characters) come from TW-Kai Ext-B and "
            "Plus, installed with PubDesk. Help → About lists the fonts found on this PC."))
        fonts_note.setWordWrap(True)
        app_form.addRow(self.tr("Document fonts"), fonts_note)
        # Editable documents: ODF is the government's standard (CNS 15251); Word and Excel
        # files for offices that still ask for them. At least one stays ticked.
        self.formats = {"write_odf": QCheckBox(self.tr("ODF (ODT, ODS)")),
                        "write_ooxml": QCheckBox(self.tr("Word and Excel (DOCX, XLSX)"))}
        formats_row = QHBoxLayout()
        for name, check in self.formats.items():
            check.setChecked(bool(getattr(settings, name)))
            check.setToolTip(self.tr(
                "Letters, lists and the copyright page are written as PDF and in the editable "
                "formats ticked here; packages carry the same."))
            check.toggled.connect(lambda on, key=name: self._format_toggled(key, on))
            formats_row.addWidget(check)
        formats_row.addStretch()
        app_form.addRow(self.tr("Editable documents"), formats_row)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(unit_box)
        right_layout.addWidget(contact_box, 1)
        right_layout.addLayout(save_row)
        right_layout.addWidget(app_box)
        self.recipient_codes = RecipientCodes(db)
        right_layout.addWidget(self.recipient_codes)
        lists = QGroupBox(self.tr("Deposit libraries and sales stores"))
        lists_layout = QVBoxLayout(lists)
        self.reference = ReferenceEditor(db)
        self.reference.setMinimumHeight(460)
        for editor in (self.reference.libraries, self.reference.stores):
            editor.saved.connect(self.hub.announce)
        lists_layout.addWidget(self.reference)
        right_layout.addWidget(lists)
        self.database = DatabaseSettings(settings)
        self.database.changed.connect(lambda: self.language_changed.emit(self.settings.language))
        right_layout.addWidget(self.database)
        # Scrolls rather than growing the window: the page must fit a 1280×800 screen.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(right)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(scroll)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self.reload()

    def reload(self, select: int | None = None) -> None:
        """Read the units again."""
        with self.db.session() as session:
            units = list_units(session)
        self.units.blockSignals(True)
        self.units.clear()
        for unit_id, name in units:
            item = QListWidgetItem(name)
            item.setData(256, unit_id)
            self.units.addItem(item)
        self.units.blockSignals(False)
        target = select if select is not None else (units[0][0] if units else None)
        for row in range(self.units.count()):
            if self.units.item(row).data(256) == target:
                self.units.setCurrentRow(row)
        if not units:
            self.new_unit()

    def _unit_selected(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        self.unit_id = int(item.data(256))
        with self.db.session() as session:
            # The version first, the content after (app.services.guard: never the reverse).
            self.unit_version = unit_version(session, self.unit_id)
            data = unit_data(session, self.unit_id)
            contacts = list_contacts(session, self.unit_id)
        for name, edit in self.edits.items():
            edit.setText(getattr(data, name))
        self.review_required.setChecked(data.review_required)
        self.contacts.setRowCount(0)
        for contact in contacts:
            self._append_contact(contact)
        self._clear_errors()

    def new_unit(self) -> None:
        """Empty form for a new unit."""
        self.unit_id = None
        self.unit_version = None
        self.units.clearSelection()
        for edit in self.edits.values():
            edit.clear()
        self.review_required.setChecked(False)
        self.contacts.setRowCount(0)
        self._clear_errors()
        self.edits["full_name"].setFocus()

    def _clear_errors(self) -> None:
        for label in self.errors.values():
            label.show_message("")
        self.contact_error.show_message("")

    def _append_contact(self, contact: ContactData) -> None:
        row = self.contacts.rowCount()
        self.contacts.insertRow(row)
        for column, name in enumerate(CONTACT_COLUMNS):
            self.contacts.setItem(row, column, QTableWidgetItem(getattr(contact, name)))
        default = QCheckBox()
        default.setChecked(contact.is_default)
        self.contacts.setCellWidget(row, len(CONTACT_COLUMNS), default)

    def _remove_contact(self) -> None:
        if self.contacts.currentRow() >= 0:
            self.contacts.removeRow(self.contacts.currentRow())

    def _contact_rows(self) -> list[ContactData]:
        rows = []
        for row in range(self.contacts.rowCount()):
            cells = [self.contacts.item(row, c) for c in range(len(CONTACT_COLUMNS))]
            values = [cell.text() if cell is not None else "" for cell in cells]
            box = self.contacts.cellWidget(row, len(CONTACT_COLUMNS))
            name, job_title, phone, fax, email = values
            rows.append(ContactData(name, job_title, phone, fax, email,
                                    is_default=isinstance(box, QCheckBox) and box.isChecked()))
        return rows

    def save(self) -> None:
        """Store the unit and its contacts."""
        data = UnitData(**{name: edit.text() for name, edit in self.edits.items()},
                        review_required=self.review_required.isChecked())
        self._clear_errors()
        try:
            with self.db.session() as session:
                if self.unit_id is None:
                    unit_id = save_unit(session, data)
                else:
                    assert self.unit_version is not None  # read with the selected unit
                    unit_id = save_unit(session, data, self.unit_id,
                                        expected_version=self.unit_version)
                # The unit was written a moment ago in this transaction, which holds it until
                # commit: the version read now is the one this save made.
                save_contacts(session, unit_id, self._contact_rows(),
                              expected_version=unit_version(session, unit_id))
        except ValidationError as exc:
            for problem in exc.problems:
                label = self.errors.get(problem.field, self.contact_error)
                label.show_message(problem.message)
            return
        except ChangedElsewhereError as exc:
            if offer_reload(self, exc):
                self.reload(select=self.unit_id)
            return
        except PubDeskError as exc:
            show_error(self, exc)
            return
        self.unit_id = unit_id
        self.reload(select=unit_id)
        self.hub.announce("publishing_units", unit_id)
        self.status_message.emit(self.tr("Unit saved."))

    def delete_unit(self) -> None:
        """Delete the selected unit (refused while it has publications)."""
        if self.unit_id is None:
            return
        name = self.edits["full_name"].text()
        answer = QMessageBox.question(self, self.tr("Delete unit"),
                                      self.tr("Delete “%1” and its contacts?").replace("%1", name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            with self.db.session() as session:
                delete_unit(session, self.unit_id)
        except PubDeskError as exc:
            show_error(self, exc)
            return
        self.hub.announce("publishing_units", self.unit_id)
        self.unit_id = None
        self.reload()

    def _period_changed(self, name: str, value: int) -> None:
        setattr(self.settings, name, value)
        self.settings_changed.emit()

    def _font_size_changed(self, value: int) -> None:
        # 1–7 are not sizes anyone reads: the arrows step from "System size" to 8 pt
        if 0 < value < 8:
            self.font_size.setValue(8 if self.settings.ui_font_pt == 0 else 0)
            return
        self.settings.ui_font_pt = value
        self.settings_changed.emit()

    def _format_toggled(self, name: str, on: bool) -> None:
        other = next(key for key in self.formats if key != name)
        if not on and not self.formats[other].isChecked():
            self.formats[other].setChecked(True)  # never no editable format at all
        setattr(self.settings, name, on)
        setattr(self.settings, other, self.formats[other].isChecked())
        self.settings_changed.emit()

    def _language_chosen(self) -> None:
        language = self.language.currentData()
        if language != self.settings.language:
            self.settings.language = language
            self.language_changed.emit(language)
            QMessageBox.information(self, self.tr("Language"), self.tr(
                "The new language is used from the next start of PubDesk."))
