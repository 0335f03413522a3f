"""Dialogs of the publications page: 「由此新增」 (which relation, and what it means for the
numbers) and the delete confirmation."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.models import PublicationForm, RelationKind
from app.services.publications import NUMBERING_CONSEQUENCE
from ui.widgets import EnumCombo


class NewFromThisDialog(QDialog):
    """Asks how the new publication relates to the selected one and explains the numbering."""

    def __init__(self, source_title: str, source_form: PublicationForm,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New from this publication"))
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Make a new publication from “%1”. It is:")
                                .replace("%1", source_title)))
        self.options: dict[RelationKind, QRadioButton] = {}
        for kind, text in ((RelationKind.REPRINT_OF, self.tr("A reprint (new printing, "
                                                             "content unchanged)")),
                           (RelationKind.REVISION_OF, self.tr("A revised or enlarged edition")),
                           (RelationKind.OTHER_FORM, self.tr("The same work in another form "
                                                             "(e.g. the e-book)"))):
            button = QRadioButton(text)
            self.group.addButton(button)
            self.options[kind] = button
            layout.addWidget(button)
        self.new_form = EnumCombo(PublicationForm)
        self.new_form.set_value(PublicationForm.EBOOK if source_form is PublicationForm.PRINT
                                else PublicationForm.PRINT)
        self.form_label = QLabel(self.tr("New form:"))
        layout.addWidget(self.form_label)
        layout.addWidget(self.new_form)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setObjectName("numberingConsequence")
        self.explanation.setStyleSheet("padding: 8px; background: #fff8e1;")
        layout.addWidget(self.explanation)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.group.buttonToggled.connect(self._update)
        self.options[RelationKind.REPRINT_OF].setChecked(True)
        self.resize(520, 320)

    def kind(self) -> RelationKind:
        """The chosen relation."""
        return next(k for k, b in self.options.items() if b.isChecked())

    def choose(self, kind: RelationKind) -> None:
        """Select a relation (as the officer would by clicking)."""
        self.options[kind].setChecked(True)

    def _update(self) -> None:
        kind = self.kind()
        self.explanation.setText(NUMBERING_CONSEQUENCE[kind])
        other = kind is RelationKind.OTHER_FORM
        self.new_form.setVisible(other)
        self.form_label.setVisible(other)
