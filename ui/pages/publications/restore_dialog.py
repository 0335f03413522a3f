"""還原時缺少的資料: before a publication comes back from the recycle bin, what to do about each
record it points at that is gone since — recreate it from the bin, use another existing one,
or (where nothing needs it) do without. The plan and every rule are the core's
(app.services.recycle_bin); this dialog only asks."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.language import shown
from app.services.recycle_bin import MissingReference, Resolution, RestorePlan, reference_choices
from app.services.recycle_snapshot import ReferenceKey
from ui.picker import PublicationPicker


class ReferenceChoice(QGroupBox):
    """The choice for one missing record."""

    changed = Signal()

    def __init__(self, db: Database, missing: MissingReference,
                 choices: list[tuple[int, str]] | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.missing = missing
        name = missing.name
        self.setTitle(self.tr("%1 “%2”").replace("%1", shown(missing.what)).replace("%2", name))
        layout = QGridLayout(self)
        if missing.needed_by:
            why = self.tr("It no longer exists. Needed only if what points at it is recreated.")
        else:
            why = self.tr("It no longer exists; %n record(s) of this publication point at it "
                          "(%1).", "", missing.used_by).replace(
                              "%1", ", ".join(shown(w) for w in missing.needed_for))
        self.explanation = QLabel(why)
        self.explanation.setWordWrap(True)
        layout.addWidget(self.explanation, 0, 0, 1, 2)
        self.group = QButtonGroup(self)
        self.recreate = QRadioButton(self.tr("Recreate “%1” from the recycle bin")
                                     .replace("%1", name))
        self.recreate.setEnabled(missing.recreatable)
        if not missing.recreatable:
            self.recreate.setToolTip(
                self.tr("A publication comes back from its own entry in the recycle bin.")
                if missing.table == "publications" else
                self.tr("The recycle bin has no copy of it (deleted with an older PubDesk)."))
        self.use_other = QRadioButton(self.tr("Use another:"))
        self.other: QComboBox | PublicationPicker
        if choices is None:  # publications: chosen by search, never listed whole
            self.other = PublicationPicker(db)
            self.other.changed.connect(self._other_changed)
        else:
            self.other = QComboBox()
            self.other.addItem(self.tr("(choose)"), None)
            for row_id, label in choices:
                self.other.addItem(label, row_id)
            self.other.currentIndexChanged.connect(lambda _i: self._other_changed())
        self.leave_out = QRadioButton(
            self.tr("Leave it empty") if missing.leaves_empty else
            self.tr("Leave out the %n record(s) that need it", "", missing.used_by))
        self.leave_out.setVisible(missing.may_leave_out)
        layout.addWidget(self.recreate, 1, 0, 1, 2)
        layout.addWidget(self.use_other, 2, 0)
        layout.addWidget(self.other, 2, 1)
        layout.addWidget(self.leave_out, 3, 0, 1, 2)
        layout.setColumnStretch(1, 1)
        if missing.in_bin:
            hint = QLabel(self.tr("It is in the recycle bin too: restore it first to keep "
                                  "the link."))
            hint.setWordWrap(True)
            layout.addWidget(hint, 4, 0, 1, 2)
        for button in (self.recreate, self.use_other, self.leave_out):
            self.group.addButton(button)
        self.group.buttonToggled.connect(self._toggled)
        if missing.same_name_id is not None and isinstance(self.other, QComboBox) and \
                self.other.findData(missing.same_name_id) >= 0:
            self.other.setCurrentIndex(self.other.findData(missing.same_name_id))
        elif missing.recreatable:
            self.recreate.setChecked(True)

    def _toggled(self, _button: QRadioButton, checked: bool) -> None:
        if checked:
            self.changed.emit()

    def _other_changed(self) -> None:
        if self.other_id() is not None:
            self.use_other.setChecked(True)
        self.changed.emit()

    def other_id(self) -> int | None:
        """The other record chosen, if any."""
        if isinstance(self.other, PublicationPicker):
            return self.other.current_id()
        value = self.other.currentData()
        return int(value) if value is not None else None

    def resolution(self) -> Resolution | None:
        """What was chosen; None until a complete choice is made."""
        if self.recreate.isChecked():
            return Resolution.recreate()
        if self.leave_out.isChecked():
            return Resolution.leave_out()
        other = self.other_id()
        return Resolution.use(other) if self.use_other.isChecked() and other is not None \
            else None


class RestoreDialog(QDialog):
    """One choice per missing record; OK when each needed one is made."""

    def __init__(self, db: Database, plan: RestorePlan, parent: QWidget | None = None):
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(self.tr("Restore from the recycle bin"))
        intro = QLabel(self.tr(
            "“%1” points at records deleted since. Say what to do about each; nothing is "
            "restored until every one is decided.").replace("%1", plan.label))
        intro.setWordWrap(True)
        choices: dict[str, list[tuple[int, str]]] = {}
        with db.session() as session:  # units, libraries, stores, lists: small tables
            for table in {m.table for m in plan.missing} - {"publications"}:
                choices[table] = reference_choices(session, table)
        self.choices: dict[ReferenceKey, ReferenceChoice] = {}
        body = QWidget()
        rows = QVBoxLayout(body)
        for missing in plan.missing:
            choice = ReferenceChoice(db, missing, choices.get(missing.table))
            choice.changed.connect(self._update)
            self.choices[missing.key] = choice
            rows.addWidget(choice)
        rows.addStretch()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Restore"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.resize(620, 520)
        self._update()

    def _chosen(self) -> dict[ReferenceKey, Resolution]:
        return {key: r for key, choice in self.choices.items()
                if (r := choice.resolution()) is not None}

    def _update(self) -> None:
        chosen = self._chosen()
        needed = {m.key for m in self.plan.required(chosen)}
        for key, choice in self.choices.items():
            choice.setVisible(key in needed)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            all(key in chosen for key in needed))

    def resolutions(self) -> dict[ReferenceKey, Resolution]:
        """The choices for the records that need one (what `restore` takes)."""
        chosen = self._chosen()
        return {m.key: chosen[m.key] for m in self.plan.required(chosen) if m.key in chosen}

