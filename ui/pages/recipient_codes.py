"""機關代碼 of the recipients that are not records of their own (文化部, who every consent letter
goes to), for the DI files — entered with where each was looked up, saved in the database so
every officer's letters carry the same code (app.services.agency_codes)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.db import Database
from app.errors import PubDeskError
from app.language import shown
from app.services.agency_codes import AgencyCode, recipient_code, set_recipient_code
from app.services.consent_texts import RECIPIENT
from ui.read_only import writes
from ui.widgets import ErrorLabel

RECIPIENTS = (RECIPIENT,)
"""The recipients whose codes are kept here (the libraries keep theirs on their record)."""


class RecipientCodes(QGroupBox):
    """One row per recipient: its 機關代碼 and where it was found."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(self.tr("Recipients' agency codes (for DI files)"), parent)
        self.db = db
        self.codes: dict[str, tuple[QLineEdit, QLineEdit]] = {}
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("The document system names each recipient by its agency code. "
                                   "Copy it from the document system's directory; PubDesk never "
                                   "guesses one, and an empty code is left for the document "
                                   "system to fill in.")))
        for name in RECIPIENTS:
            code, source = QLineEdit(), QLineEdit()
            code.setObjectName(f"code_{name}")
            code.setPlaceholderText(self.tr("e.g. A09000000E"))
            source.setPlaceholderText(self.tr("Where it was found"))
            row = QHBoxLayout()
            row.addWidget(code, 1)
            row.addWidget(source, 2)
            form.addRow(name, row)
            self.codes[name] = (code, source)
            writes(code, source)  # a viewer reads them only
        self.error = ErrorLabel()
        self.save_button = QPushButton(self.tr("Save agency codes"))
        self.save_button.clicked.connect(self.save)
        writes(self.save_button)
        form.addRow(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        self.reload()

    def reload(self) -> None:
        """Show the codes as saved."""
        with self.db.session() as session:
            kept = {name: recipient_code(session, name) for name in RECIPIENTS}
        for name, (code, source) in self.codes.items():
            code.setText(kept[name].code)
            source.setText(kept[name].source)

    def save(self) -> bool:
        """Store every row (a wrong code is said, nothing saved)."""
        self.error.show_message("")
        try:
            with self.db.session() as session:
                for name, (code, source) in self.codes.items():
                    set_recipient_code(session, name, AgencyCode(code.text(), source.text()))
        except PubDeskError as exc:
            self.error.show_message(shown(exc.message))
            return False
        self.reload()
        return True
