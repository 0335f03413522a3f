"""The publication detail form: every field of SPEC §1, with messages next to the fields."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import FieldProblem, ValidationError
from app.language import shown
from app.models import (
    Binding,
    CipStatus,
    ContributorRole,
    CopyrightOwner,
    PartnerKind,
    PublicationForm,
    PublicationStatus,
    PublicationType,
)
from app.rocdate import ROC_OFFSET
from app.services.publication_rules import (
    ContributorData,
    PublicationData,
    validate_publication,
)
from ui.widgets import EnumCombo, ErrorLabel, OptionalIntEdit


class PublicationFormWidget(QWidget):
    """Edits one PublicationData. `edited` fires on any change made by the officer."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._loading = False
        self.errors: dict[str, ErrorLabel] = {}
        self.tabs = QTabWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self._build_main_tab()
        self._build_publishing_tab()
        self._build_numbers_tab()
        self._build_rights_tab()
        for line_edit in self.findChildren(QLineEdit):
            line_edit.textEdited.connect(self._changed)
        for text_edit in self.findChildren(QPlainTextEdit):
            text_edit.textChanged.connect(self._changed)
        for combo in self.findChildren(QComboBox):
            combo.currentIndexChanged.connect(self._changed)
        for spin in self.findChildren(QSpinBox):
            spin.valueChanged.connect(self._changed)
        self.online_registered.toggled.connect(self._changed)
        self.partner_sales.toggled.connect(self._changed)
        self.contributors.itemChanged.connect(self._changed)

    # --- building --------------------------------------------------------------------------

    def _row(self, form: QFormLayout, label: str, widget: QWidget, field: str) -> None:
        form.addRow(label, widget)
        error = ErrorLabel(self)
        form.addRow("", error)
        self.errors[field] = error

    def _tab(self, title: str) -> QFormLayout:
        page = QWidget()
        outer = QVBoxLayout(page)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(form)
        outer.addStretch(1)
        # A long checklist or a small screen (1280×800 at 150 %) scrolls instead of clipping.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        self.tabs.addTab(scroll, title)
        return form

    def _build_main_tab(self) -> None:
        form = self._tab(self.tr("Basic data"))
        self.unit = QComboBox()
        self._row(form, self.tr("Publishing unit"), self.unit, "unit_id")
        self.pub_type = EnumCombo(PublicationType)
        self._row(form, self.tr("Type"), self.pub_type, "pub_type")
        self.form = EnumCombo(PublicationForm)
        self._row(form, self.tr("Form"), self.form, "form")
        self.title = QLineEdit()
        self.title.setObjectName("title")
        self._row(form, self.tr("Title"), self.title, "title")
        self.subtitle = QLineEdit()
        self._row(form, self.tr("Subtitle"), self.subtitle, "subtitle")
        self.series = QLineEdit()
        self._row(form, self.tr("Series"), self.series, "series")
        self.contributors = QTableWidget(0, 2)
        self.contributors.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Role")])
        self.contributors.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch)
        self.contributors.setMinimumHeight(110)
        self.contributors.setMaximumHeight(170)
        buttons = QHBoxLayout()
        add = QPushButton(self.tr("Add person"))
        add.clicked.connect(lambda: self._add_contributor(ContributorData("")))
        remove = QPushButton(self.tr("Remove person"))
        remove.clicked.connect(self._remove_contributor)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch()
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.addWidget(self.contributors)
        box_layout.addLayout(buttons)
        self._row(form, self.tr("Authors, editors,\ntranslators"), box, "contributors")
        self.status = EnumCombo(PublicationStatus)
        # Not typed by hand: it follows the steps in the checklist below, each recorded where
        # it is done (numbers, confirm publication, deposit, first shipment, consent).
        self.status.setEnabled(False)
        self.status.setToolTip(self.tr(
            "The status follows the steps below: a GPN makes it numbered; confirming "
            "publication (Numbering), sending the deposit copies, the first shipment to a "
            "store and the consent letter each move it on."))
        self._row(form, self.tr("Status"), self.status, "status")
        self.milestones = QLabel()
        self.milestones.setObjectName("milestones")
        self.milestones.setWordWrap(True)
        self.milestones.setTextFormat(Qt.TextFormat.RichText)
        self.milestones.setToolTip(self.tr("The life cycle of this publication: what is done, "
                                           "what is missing, and the rule behind each step"))
        form.addRow("", self.milestones)

    def _build_publishing_tab(self) -> None:
        form = self._tab(self.tr("Publishing"))
        self.edition = QSpinBox()
        self.edition.setRange(1, 999)
        self._row(form, self.tr("Edition"), self.edition, "edition")
        self.printing = QSpinBox()
        self.printing.setRange(1, 999)
        self._row(form, self.tr("Printing"), self.printing, "printing")
        when = QWidget()
        when_layout = QHBoxLayout(when)
        when_layout.setContentsMargins(0, 0, 0, 0)
        self.roc_year = OptionalIntEdit(hint=self.tr("ROC year, e.g. 115"))
        self.month = QComboBox()
        self.month.addItem("—", None)
        for month in range(1, 13):
            self.month.addItem(str(month), month)
        when_layout.addWidget(self.roc_year)
        when_layout.addWidget(self.month)
        self._row(form, self.tr("Publication year / month"), when, "published_year")
        self.errors["published_month"] = self.errors["published_year"]
        self.pages = OptionalIntEdit()
        self._row(form, self.tr("Pages"), self.pages, "pages")
        self.size_cm = QLineEdit()
        self.size_cm.setPlaceholderText("21×29.7")
        self._row(form, self.tr("Size (cm)"), self.size_cm, "size_cm")
        self.binding = EnumCombo(Binding)
        self._row(form, self.tr("Binding"), self.binding, "binding")
        self.price = OptionalIntEdit(hint=self.tr("NT$, empty when not for sale"))
        self._row(form, self.tr("Price (NT$)"), self.price, "price_ntd")
        self.language = QLineEdit()
        self._row(form, self.tr("Language"), self.language, "language")
        self.audience = QLineEdit()
        self._row(form, self.tr("Audience"), self.audience, "audience")
        self.keywords = QLineEdit()
        self._row(form, self.tr("Subject keywords"), self.keywords, "keywords")
        self.summary = QPlainTextEdit()
        self.summary.setMaximumHeight(90)
        self._row(form, self.tr("Summary"), self.summary, "summary")

    def _build_numbers_tab(self) -> None:
        form = self._tab(self.tr("Numbers"))
        self.gpn = QLineEdit()
        self._row(form, "GPN", self.gpn, "gpn")
        self.isbn = QLineEdit()
        self._row(form, "ISBN", self.isbn, "isbn")
        self.issn = QLineEdit()
        self._row(form, "ISSN", self.issn, "issn")
        self.isrc = QLineEdit()
        self._row(form, "ISRC", self.isrc, "isrc")
        self.cip_status = EnumCombo(CipStatus)
        self._row(form, self.tr("CIP status"), self.cip_status, "cip_status")
        self.cip_text = QPlainTextEdit()
        self.cip_text.setPlaceholderText(self.tr("Paste the CIP block from the National "
                                                 "Central Library"))
        self._row(form, self.tr("CIP block"), self.cip_text, "cip_text")

    def _build_rights_tab(self) -> None:
        form = self._tab(self.tr("Rights and partners"))
        self.copyright_owner = EnumCombo(CopyrightOwner)
        self._row(form, self.tr("Copyright owner"), self.copyright_owner, "copyright_owner")
        self.copyright_note = QPlainTextEdit()
        self.copyright_note.setMaximumHeight(80)
        self._row(form, self.tr("Licences and notes"), self.copyright_note, "copyright_note")
        self.partner_kind = EnumCombo(PartnerKind)
        self._row(form, self.tr("Partner"), self.partner_kind, "partner_kind")
        self.partner_name = QLineEdit()
        self._row(form, self.tr("Partner name"), self.partner_name, "partner_name")
        self.partner_sales = QCheckBox(self.tr("The partner supplies the exhibition stores "
                                               "(§17)"))
        self._row(form, "", self.partner_sales, "partner_sales_obligation")
        self.partner_commission = QLineEdit()
        self.partner_commission.setPlaceholderText(self.tr("percent agreed with the stores"))
        self._row(form, self.tr("Partner's store commission"), self.partner_commission,
                  "partner_commission_percent")
        self.partner_fee = QLineEdit()
        self._row(form, self.tr("Reuse fee agreed"), self.partner_fee, "partner_reuse_fee")
        self.online_url = QLineEdit()
        self._row(form, self.tr("Online URL"), self.online_url, "online_url")
        self.online_registered = QCheckBox(self.tr("Registered on the government "
                                                   "publications site"))
        self._row(form, "", self.online_registered, "online_registered")

    # --- contributors ------------------------------------------------------------------------

    def _add_contributor(self, person: ContributorData) -> None:
        row = self.contributors.rowCount()
        self.contributors.insertRow(row)
        self.contributors.setItem(row, 0, QTableWidgetItem(person.name))
        role = EnumCombo(ContributorRole)
        role.set_value(person.role)
        role.currentIndexChanged.connect(self._changed)
        self.contributors.setCellWidget(row, 1, role)
        self._changed()

    def _remove_contributor(self) -> None:
        row = self.contributors.currentRow()
        if row >= 0:
            self.contributors.removeRow(row)
            self._changed()

    def _read_contributors(self) -> list[ContributorData]:
        people = []
        for row in range(self.contributors.rowCount()):
            item = self.contributors.item(row, 0)
            combo = self.contributors.cellWidget(row, 1)
            role = combo.value() if isinstance(combo, EnumCombo) else ContributorRole.AUTHOR
            people.append(ContributorData(item.text() if item else "", role))
        return people

    # --- data in and out ---------------------------------------------------------------------

    def _changed(self) -> None:
        if not self._loading:
            self.edited.emit()

    def set_units(self, units: list[tuple[int, str]]) -> None:
        """The units the officer can choose."""
        self._loading = True
        current = self.unit.currentData()
        self.unit.clear()
        for unit_id, name in units:
            self.unit.addItem(name, unit_id)
        if current is not None:
            self.unit.setCurrentIndex(max(0, self.unit.findData(current)))
        self._loading = False

    def set_data(self, data: PublicationData) -> None:
        """Show `data` and clear every message."""
        self._loading = True
        try:
            self.unit.setCurrentIndex(max(0, self.unit.findData(data.unit_id)))
            self.pub_type.set_value(data.pub_type)
            self.form.set_value(data.form)
            self.title.setText(data.title)
            self.subtitle.setText(data.subtitle)
            self.series.setText(data.series)
            self.contributors.setRowCount(0)
            for person in data.contributors:
                self._add_contributor(person)
            self.status.set_value(data.status)
            self.edition.setValue(data.edition)
            self.printing.setValue(data.printing)
            self.roc_year.set_value(data.published_year - ROC_OFFSET
                                    if data.published_year else None)
            self.month.setCurrentIndex(max(0, self.month.findData(data.published_month)))
            self.pages.set_value(data.pages)
            self.size_cm.setText(data.size_cm)
            self.binding.set_value(data.binding)
            self.price.set_value(data.price_ntd)
            self.language.setText(data.language)
            self.audience.setText(data.audience)
            self.keywords.setText(data.keywords)
            self.summary.setPlainText(data.summary)
            for name in ("gpn", "isbn", "issn", "isrc"):
                getattr(self, name).setText(getattr(data, name) or "")
            self.cip_status.set_value(data.cip_status)
            self.cip_text.setPlainText(data.cip_text)
            self.copyright_owner.set_value(data.copyright_owner)
            self.copyright_note.setPlainText(data.copyright_note)
            self.partner_kind.set_value(data.partner_kind)
            self.partner_name.setText(data.partner_name)
            self.partner_sales.setChecked(data.partner_sales_obligation)
            self.partner_commission.setText("" if data.partner_commission_percent is None
                                            else str(data.partner_commission_percent))
            self.partner_fee.setText(data.partner_reuse_fee)
            self.online_url.setText(data.online_url)
            self.online_registered.setChecked(data.online_registered)
        finally:
            self._loading = False
        self.show_problems([])

    def data(self) -> PublicationData:
        """The form's content; ValidationError when a number field holds no number."""
        problems: list[FieldProblem] = []

        def number(edit: OptionalIntEdit, field: str, what: str) -> int | None:
            try:
                return edit.value()
            except ValueError:
                problems.append(FieldProblem(field, self.tr("%1 must be a whole number.")
                                             .replace("%1", what)))
                return None

        roc_year = number(self.roc_year, "published_year", self.tr("The publication year"))
        commission_text = self.partner_commission.text().strip().rstrip("%％")
        try:
            partner_commission = Decimal(commission_text) if commission_text else None
        except InvalidOperation:
            partner_commission = None
            problems.append(FieldProblem("partner_commission_percent",
                                         self.tr("The commission must be a number.")))
        data = PublicationData(
            unit_id=self.unit.currentData() or 0,
            title=self.title.text(), pub_type=self.pub_type.value(), form=self.form.value(),
            subtitle=self.subtitle.text(), series=self.series.text(),
            edition=self.edition.value(), printing=self.printing.value(),
            published_year=roc_year + ROC_OFFSET if roc_year else None,
            published_month=self.month.currentData(),
            pages=number(self.pages, "pages", self.tr("Pages")),
            size_cm=self.size_cm.text().strip(), binding=self.binding.value(),
            price_ntd=number(self.price, "price_ntd", self.tr("The price")),
            language=self.language.text().strip(), audience=self.audience.text().strip(),
            keywords=self.keywords.text().strip(), summary=self.summary.toPlainText(),
            gpn=self.gpn.text(), isbn=self.isbn.text(), issn=self.issn.text(),
            isrc=self.isrc.text(), cip_status=self.cip_status.value(),
            cip_text=self.cip_text.toPlainText(), status=self.status.value(),
            online_url=self.online_url.text(),
            online_registered=self.online_registered.isChecked(),
            copyright_owner=self.copyright_owner.value(),
            copyright_note=self.copyright_note.toPlainText(),
            partner_kind=self.partner_kind.value(), partner_name=self.partner_name.text(),
            partner_sales_obligation=self.partner_sales.isChecked(),
            partner_commission_percent=partner_commission,
            partner_reuse_fee=self.partner_fee.text().strip(),
            contributors=self._read_contributors())
        if problems:
            # Report every problem at once: the rules' verdict on the rest of the form (GPN,
            # ISBN, …) too, not only on the next Save.
            try:
                validate_publication(data)
            except ValidationError as rules:
                flagged = {p.field for p in problems}
                problems += [p for p in rules.problems if p.field not in flagged]
            raise ValidationError(problems)
        return data

    def show_problems(self, problems: list[FieldProblem]) -> None:
        """Put each message next to its field (and switch to the first field's tab)."""
        for label in set(self.errors.values()):
            label.show_message("")
        messages: dict[str, list[str]] = {}
        for problem in problems:
            messages.setdefault(problem.field, []).append(shown(problem.message))
        for field, texts in messages.items():
            if field in self.errors:
                self.errors[field].show_message("\n".join(texts))
        if problems and problems[0].field in self.errors:
            first = self.errors[problems[0].field]
            for index in range(self.tabs.count()):
                page = self.tabs.widget(index)
                if page is not None and page.isAncestorOf(first):
                    self.tabs.setCurrentIndex(index)
                    break

    def visible_problem(self, field: str) -> str:
        """The message shown next to `field` ('' when none) — for tests and accessibility."""
        label = self.errors.get(field)
        return label.text() if label is not None and not label.isHidden() else ""

    def focus_title(self) -> None:
        """Put the cursor in the title field."""
        self.tabs.setCurrentIndex(0)
        self.title.setFocus(Qt.FocusReason.OtherFocusReason)
