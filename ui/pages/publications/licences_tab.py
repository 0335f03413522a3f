"""The 授權與審核 tab of a publication: what happens to it after the GPN besides numbering —
the review before print (§16), what the government publications site holds (§15) and the
licences granted to others (§12, with 附件二 注意事項's warning). Each action is saved at
once, in the worker (ui.pages.common.run_action); the core says what is allowed."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.db.audit import session_user
from app.language import listed, shown, shown_date
from app.models import Licence
from app.services import gpn_site, licences
from app.services.licences import LicenceData
from app.services.publications import load_publication
from app.services.review import ReviewData, record_review, reviews_of
from ui.pages.common import read_only_item, run_action
from ui.read_only import writes
from ui.widgets import ErrorLabel, date_field, opens_on_enter


def _qdate(value: date | None) -> QDate:
    return QDate(value.year, value.month, value.day) if value else QDate.currentDate()


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class OptionalDate(QWidget):
    """A date the officer may leave out: a box to tick, then the date."""

    def __init__(self, label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.given = QCheckBox(label)
        self.edit, row = date_field(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.given)
        layout.addWidget(row, 1)
        self.given.toggled.connect(self.edit.setEnabled)
        self.edit.setEnabled(False)

    def value(self) -> date | None:
        """The date, or None when not ticked."""
        return _pydate(self.edit.date()) if self.given.isChecked() else None

    def set_value(self, value: date | None) -> None:
        """Show a stored date (None: unticked)."""
        self.given.setChecked(value is not None)
        self.edit.setDate(_qdate(value))


def _whole_number(text: str) -> int | None:
    cleaned = text.replace(",", "").strip()
    return int(cleaned) if cleaned.isdigit() else None


class LicenceDialog(QDialog):
    """Add or change one licence; saved only when the core accepts it."""

    def __init__(self, db: Database, publication_id: int, licence_id: int | None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.publication_id, self.licence_id = db, publication_id, licence_id
        self.warnings: list[str] = []
        self.setWindowTitle(self.tr("Licence") if licence_id is None else self.tr("Edit licence"))
        self.licensee = QLineEdit()
        self.licensee.setObjectName("licensee")
        self.whole = QRadioButton(self.tr("Whole"))
        self.part = QRadioButton(self.tr("In part"))
        self.whole.setChecked(True)
        scope = QWidget()
        scope_row = QHBoxLayout(scope)
        scope_row.setContentsMargins(0, 0, 0, 0)
        scope_row.addWidget(self.whole)
        scope_row.addWidget(self.part)
        scope_row.addStretch()
        self.uses = QPlainTextEdit()
        self.uses.setPlaceholderText(self.tr("Uses or parts licensed, in the contract's words"))
        self.uses.setFixedHeight(60)
        self.exclusive = QCheckBox(self.tr("Exclusive licence"))
        self.transfer = QCheckBox(self.tr("Transfer of the rights"))
        self.starts = OptionalDate(self.tr("From"))
        self.ends = OptionalDate(self.tr("Until"))
        self.fee = QLineEdit()
        self.fee.setPlaceholderText(self.tr("NT$, empty when none"))
        self.copies = QLineEdit()
        self.copies.setPlaceholderText(self.tr("Copies given in kind, empty when none"))
        self.contract = QLineEdit()
        self.note = QPlainTextEdit()
        self.note.setFixedHeight(50)
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow(self.tr("Licensee"), self.licensee)
        form.addRow(self.tr("Scope"), scope)
        form.addRow(self.tr("Uses"), self.uses)
        form.addRow("", self.exclusive)
        form.addRow("", self.transfer)
        form.addRow(self.tr("Period"), self.starts)
        form.addRow("", self.ends)
        form.addRow(self.tr("Fee"), self.fee)
        form.addRow(self.tr("Copies in kind"), self.copies)
        form.addRow(self.tr("Contract reference"), self.contract)
        form.addRow(self.tr("Note"), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if licence_id is not None:
            with db.session() as session:
                stored = session.get(Licence, licence_id)
                if stored is not None:
                    self.show_data(LicenceData.of(stored))

    def show_data(self, data: LicenceData) -> None:
        """Fill the form."""
        self.licensee.setText(data.licensee)
        (self.whole if data.whole else self.part).setChecked(True)
        self.uses.setPlainText(data.uses)
        self.exclusive.setChecked(data.exclusive)
        self.transfer.setChecked(data.transfer)
        self.starts.set_value(data.starts_on)
        self.ends.set_value(data.ends_on)
        self.fee.setText("" if data.fee_ntd is None else str(data.fee_ntd))
        self.copies.setText("" if data.copies_in_kind is None else str(data.copies_in_kind))
        self.contract.setText(data.contract_ref)
        self.note.setPlainText(data.note)

    def data(self) -> LicenceData:
        """What the form says."""
        return LicenceData(
            licensee=self.licensee.text(), whole=self.whole.isChecked(),
            uses=self.uses.toPlainText(), exclusive=self.exclusive.isChecked(),
            transfer=self.transfer.isChecked(), starts_on=self.starts.value(),
            ends_on=self.ends.value(), fee_ntd=_whole_number(self.fee.text()),
            copies_in_kind=_whole_number(self.copies.text()),
            contract_ref=self.contract.text(), note=self.note.toPlainText())

    def save(self) -> None:
        """Save through the core; stay open with its message when it refuses."""
        for box, name in ((self.fee, self.tr("The fee")), (self.copies, self.tr("Copies"))):
            if box.text().strip() and _whole_number(box.text()) is None:
                self.error.show_message(self.tr("%1 must be a whole number, or empty.")
                                        .replace("%1", name))
                return
        data, publication_id, licence_id = self.data(), self.publication_id, self.licence_id
        warnings: list[str] = []

        def action(session: Any) -> None:  # in the worker: locals only, no widget or self
            warnings.extend(licences.save_licence(session, publication_id, data,
                                                  licence_id).warnings)

        if run_action(self, self.db, self.error, action):
            self.warnings = warnings
            self.accept()


class LicencesReviewTab(QWidget):
    """Review, site upkeep and licences of the publication shown."""

    changed = Signal(str)
    """A table changed (for the window's change announcements)."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.publication_id: int | None = None
        self.error = ErrorLabel()

        review = QGroupBox(self.tr("Review before print (§16)"))
        self.review_state = QLabel()
        self.review_state.setWordWrap(True)
        self.review_state.setObjectName("reviewState")
        self.reviewed_on, reviewed_row = date_field(self)
        self.reviewer = QLineEdit()
        self.reviewer.setObjectName("reviewer")
        self.review_note = QLineEdit()
        self.review_button = QPushButton(self.tr("Record the review"))
        self.review_button.setObjectName("recordReview")
        self.review_button.clicked.connect(self.record_review)
        review_form = QFormLayout(review)
        review_form.addRow(self.review_state)
        review_form.addRow(self.tr("Reviewed on"), reviewed_row)
        review_form.addRow(self.tr("Reviewer"), self.reviewer)
        review_form.addRow(self.tr("Note"), self.review_note)
        review_form.addRow("", self.review_button)

        site = QGroupBox(self.tr("Government publications site (§15)"))
        self.site_state = QLabel()
        self.site_state.setWordWrap(True)
        self.site_state.setObjectName("siteState")
        self.site_button = QPushButton(self.tr("Site updated"))
        self.site_button.setObjectName("siteUpdated")
        self.site_button.setToolTip(self.tr("You have registered or updated this publication on "
                                            "the government publications site today"))
        self.site_button.clicked.connect(self.mark_site_updated)
        site_layout = QHBoxLayout(site)
        site_layout.addWidget(self.site_state, 1)
        site_layout.addWidget(self.site_button)

        granted = QGroupBox(self.tr("Licences to others (§12)"))
        self.conflict = QLabel()
        self.conflict.setWordWrap(True)
        self.conflict.setObjectName("licenceConflict")
        self.conflict.setStyleSheet("color: #9a5b00")
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("licencesTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Licensee"), self.tr("Kind"), self.tr("Uses"), self.tr("Period"),
            self.tr("Fee"), self.tr("Contract")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        for column in (0, 1, 3, 4, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        opens_on_enter(self.table, lambda _index: self.edit_licence())
        self.add_button = QPushButton(self.tr("Add licence…"))
        self.add_button.setObjectName("addLicence")
        self.add_button.clicked.connect(lambda: self._open_dialog(None))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.clicked.connect(self.edit_licence)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.clicked.connect(self.delete_licence)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch()
        granted_layout = QVBoxLayout(granted)
        granted_layout.addWidget(self.conflict)
        granted_layout.addWidget(self.table, 1)
        granted_layout.addLayout(buttons)

        # A viewer reads all of it and changes none (ui.read_only).
        writes(self.review_button, self.reviewed_on, self.reviewer, self.review_note,
               self.site_button, self.add_button, self.edit_button, self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addWidget(review)
        layout.addWidget(site)
        layout.addWidget(granted, 1)
        self.load(None)

    def load(self, publication_id: int | None) -> None:
        """Show a publication (None: a new record, nothing to do here yet)."""
        self.publication_id = publication_id
        self.error.show_message("")
        self.table.setRowCount(0)
        enabled = publication_id is not None
        for widget in (self.review_button, self.site_button, self.add_button, self.edit_button,
                       self.delete_button):
            widget.setEnabled(enabled)
        if publication_id is None:
            text = self.tr("Save the new publication first.")
            self.review_state.setText(text)
            self.site_state.setText(text)
            self.conflict.setText("")
            return
        with self.db.session() as session:
            pub = load_publication(session, publication_id)
            has_gpn, required = bool(pub.gpn), pub.unit.review_required
            reviews = [(r.reviewed_on, r.reviewer, r.note) for r in reviews_of(session, pub.id)]
            record = gpn_site.record_of(session, pub.id)
            updated = record.updated_on if record else None
            changed = gpn_site.changed_fields(session, pub.id)
            rows = [(g.id, g.licensee, licences.kind_of(g), g.uses if not g.whole else "",
                     g.starts_on, g.ends_on, g.fee_ntd, g.copies_in_kind, g.contract_ref)
                    for g in licences.licences_of(session, pub.id)]
            conflict = licences.conflict_warning(session, pub.id)
            if not self.reviewer.text():
                self.reviewer.setText(session_user(session))
        self._show_review(reviews, has_gpn, required)
        self._show_site(has_gpn, updated, changed)
        for row_data in rows:
            self._add_row(*row_data)
        self.conflict.setText(shown(conflict) if conflict else "")
        self.conflict.setVisible(bool(conflict))

    def _show_review(self, reviews: list[tuple[date, str, str]], has_gpn: bool,
                     required: bool) -> None:
        if reviews:
            on, who, note = reviews[0]
            text = self.tr("Reviewed on %1 by %2.").replace("%1", shown_date(on)).replace(
                "%2", who) + (f" {note}" if note else "")
            if len(reviews) > 1:
                text += " " + self.tr("%n earlier review(s).", "", len(reviews) - 1)
        elif not has_gpn:
            text = self.tr("The review comes after the GPN (§16): this publication has none yet.")
        elif required:
            text = self.tr("Not reviewed yet: your unit records its review before print.")
        else:
            text = self.tr("Not reviewed yet. Your unit does not ask for a recorded review "
                           "(Settings → Units); you may record one all the same.")
        self.review_state.setText(text)
        self.review_button.setEnabled(has_gpn)

    def _show_site(self, has_gpn: bool, updated: date | None,
                   changed: list[str] | None) -> None:
        if not has_gpn:
            text = self.tr("The publication is registered on the site with its GPN; it has none yet.")
        elif changed is None:
            text = self.tr("PubDesk does not know what the site holds (a record from before, or "
                           "imported). Compare it on the site, then press Site updated.")
        elif changed:
            text = self.tr("Out of date since %1: %2 changed. Update the site, then press Site "
                           "updated.").replace("%1", shown_date(updated)).replace(
                "%2", listed(changed))
        else:
            text = self.tr("The same as on the site (last updated %1).").replace(
                "%1", shown_date(updated))
        self.site_state.setText(text)
        self.site_button.setEnabled(has_gpn)

    def _add_row(self, licence_id: int, licensee: str, kind: str, uses: str,
                 starts: date | None, ends: date | None, fee: int | None,
                 copies: int | None, contract: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        period = " – ".join(shown_date(d) if d else "…" for d in (starts, ends)) \
            if starts or ends else self.tr("no end date")
        paid = [f"NT${fee:,}" if fee is not None else "",
                self.tr("%n copies", "", copies) if copies is not None else ""]
        for column, text in enumerate((licensee, kind, uses, period,
                                       ", ".join(p for p in paid if p), contract)):
            item = read_only_item(text)
            item.setToolTip(text)
            if column == 0:
                item.setData(Qt.ItemDataRole.UserRole, licence_id)
            self.table.setItem(row, column, item)

    def _chosen(self) -> int | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _open_dialog(self, licence_id: int | None) -> None:
        if self.publication_id is None:
            return
        dialog = LicenceDialog(self.db, self.publication_id, licence_id, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.changed.emit("licences")
            self.load(self.publication_id)
            if dialog.warnings:
                QMessageBox.warning(self, self.tr("Rights granted to the Ministry of Culture"),
                                    "\n\n".join(shown(w) for w in dialog.warnings))

    def edit_licence(self) -> None:
        """Change the chosen licence."""
        chosen = self._chosen()
        if chosen is None:
            self.error.show_message(self.tr("Choose a licence first."))
            return
        self._open_dialog(chosen)

    def delete_licence(self) -> None:
        """Delete the chosen licence, after asking."""
        chosen = self._chosen()
        if chosen is None:
            self.error.show_message(self.tr("Choose a licence first."))
            return
        answer = QMessageBox.question(self, self.tr("Delete licence"),
                                      self.tr("Delete this licence? The history keeps what it said."))
        if answer != QMessageBox.StandardButton.Yes:
            return
        if run_action(self, self.db, self.error,
                      lambda session: licences.delete_licence(session, chosen)):
            self.changed.emit("licences")
            self.load(self.publication_id)

    def record_review(self) -> None:
        """Record the review the form describes."""
        if self.publication_id is None:
            return
        publication_id = self.publication_id
        data = ReviewData(_pydate(self.reviewed_on.date()), self.reviewer.text(),
                          self.review_note.text())
        today = date.today()
        if run_action(self, self.db, self.error, lambda session: record_review(
                session, publication_id, data, today)):
            self.review_note.clear()
            self.changed.emit("publication_reviews")
            self.load(publication_id)

    def mark_site_updated(self) -> None:
        """The officer has updated the site today."""
        if self.publication_id is None:
            return
        publication_id, today = self.publication_id, date.today()
        if run_action(self, self.db, self.error,
                      lambda session: gpn_site.mark_updated(session, publication_id, today)):
            self.changed.emit("gpn_site_records")
            self.load(publication_id)

