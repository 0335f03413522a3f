"""The 目次 editor: a tree with add, delete, indent, outdent, move, and paste-as-text.

It edits a list of TocLine with the pure functions of app.toc and shows it as a tree; the
page saves the list through the service."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import PubDeskError
from app.models import TocKind
from app.toc import (
    TocLine,
    delete_line,
    indent_line,
    insert_line,
    move_line,
    outdent_line,
    parse_toc_text,
)
from ui.errors import show_error
from ui.widgets import EnumCombo, ErrorLabel

INDEX_ROLE = Qt.ItemDataRole.UserRole


def fill_tree(tree: QTreeWidget, lines: list[TocLine]) -> list[QTreeWidgetItem]:
    """Show an outline in a tree widget; returns the items in reading order."""
    tree.clear()
    items: list[QTreeWidgetItem] = []
    parents: list[QTreeWidgetItem] = []
    for index, line in enumerate(lines):
        item = QTreeWidgetItem([line.title, line.page, line.kind.shown])
        item.setData(0, INDEX_ROLE, index)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        del parents[line.level - 1:]
        if parents:
            parents[-1].addChild(item)
        else:
            tree.addTopLevelItem(item)
        parents.append(item)
        items.append(item)
    tree.expandAll()
    return items


class TocPasteDialog(QDialog):
    """Paste a TOC as text; see it parsed into levels and pages before accepting."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Paste a table of contents"))
        self.resize(820, 520)
        self.lines: list[TocLine] = []
        hint = QLabel(self.tr("One entry per line, the page number at the end (after dots, "
                              "spaces or a tab). Levels are read from the numbering "
                              "(第一章, 第一節, 一、, 1.1) or the indentation."))
        hint.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setObjectName("tocPasteText")
        self.preview = QTreeWidget()
        self.preview.setHeaderLabels([self.tr("Title"), self.tr("Page"), self.tr("Kind")])
        self.error = ErrorLabel()
        self.replace = QRadioButton(self.tr("Replace the current TOC"))
        self.replace.setChecked(True)
        self.append = QRadioButton(self.tr("Add after the current TOC"))
        split = QSplitter()
        split.addWidget(self.text)
        split.addWidget(self.preview)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(split, 1)
        layout.addWidget(self.error)
        choice = QHBoxLayout()
        choice.addWidget(self.replace)
        choice.addWidget(self.append)
        choice.addStretch()
        layout.addLayout(choice)
        layout.addWidget(self.buttons)
        self.text.textChanged.connect(self._parse)
        self._parse()

    def _parse(self) -> None:
        try:
            self.lines = parse_toc_text(self.text.toPlainText())
            self.error.show_message("")
        except PubDeskError as exc:
            self.lines = []
            self.error.show_message(exc.message)
        fill_tree(self.preview, self.lines)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.lines))


class TocEditor(QWidget):
    """Edits a TOC; `save_requested` carries the outline to store."""

    save_requested = Signal(list)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.lines: list[TocLine] = []
        self._saved: list[TocLine] = []
        self.tree = QTreeWidget()
        self.tree.setObjectName("tocTree")
        self.tree.setHeaderLabels([self.tr("Title"), self.tr("Page"), self.tr("Kind")])
        self.tree.setColumnWidth(0, 380)
        self.tree.itemChanged.connect(self._item_edited)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.kind = EnumCombo(TocKind)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.status = QLabel()
        buttons = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
                ("add", self.tr("Add"), self.add_entry),
                ("add_child", self.tr("Add sub-entry"), self.add_child),
                ("delete", self.tr("Delete"), self.delete_entry),
                ("indent", self.tr("Indent"), self.indent),
                ("outdent", self.tr("Outdent"), self.outdent),
                ("up", self.tr("Move up"), lambda: self.move_entry(up=True)),
                ("down", self.tr("Move down"), lambda: self.move_entry(up=False)),
                ("paste", self.tr("Paste as text…"), self.paste_text)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            position = len(self.buttons)
            buttons.addWidget(button, position // 4, position % 4)
            self.buttons[key] = button
        kind_row = QHBoxLayout()
        kind_row.addWidget(QLabel(self.tr("Kind of the selected entry:")))
        kind_row.addWidget(self.kind)
        kind_row.addStretch()
        save_row = QHBoxLayout()
        save_row.addWidget(self.status)
        save_row.addStretch()
        self.revert_button = QPushButton(self.tr("Revert"))
        self.revert_button.clicked.connect(self.revert)
        self.save_button = QPushButton(self.tr("Save TOC"))
        self.save_button.clicked.connect(lambda: self.save_requested.emit(list(self.lines)))
        save_row.addWidget(self.revert_button)
        save_row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.tree, 1)
        layout.addLayout(kind_row)
        layout.addLayout(save_row)
        self._update_buttons()

    # --- state -------------------------------------------------------------------------------

    def set_lines(self, lines: list[TocLine]) -> None:
        """Show a saved TOC."""
        self._saved = list(lines)
        self._show(list(lines), 0 if lines else -1)

    def is_modified(self) -> bool:
        """Whether there are unsaved edits."""
        return self.lines != self._saved

    def revert(self) -> None:
        """Throw away unsaved edits."""
        self._show(list(self._saved), 0 if self._saved else -1)

    def mark_saved(self) -> None:
        """The current outline was stored."""
        self._saved = list(self.lines)
        self._update_buttons()

    def _show(self, lines: list[TocLine], select: int) -> None:
        self.lines = lines
        self.tree.blockSignals(True)
        items = fill_tree(self.tree, lines)
        self.tree.blockSignals(False)
        if 0 <= select < len(items):
            self.tree.setCurrentItem(items[select])
        self._update_buttons()

    def current_index(self) -> int:
        """Reading-order index of the selected entry, or -1."""
        item = self.tree.currentItem()
        return int(item.data(0, INDEX_ROLE)) if item is not None else -1

    def _update_buttons(self) -> None:
        has = self.current_index() >= 0
        for key in ("add_child", "delete", "indent", "outdent", "up", "down"):
            self.buttons[key].setEnabled(has)
        modified = self.is_modified()
        self.save_button.setEnabled(modified)
        self.revert_button.setEnabled(modified)
        self.status.setText(self.tr("%n entries", "", len(self.lines))
                            + (self.tr(" — not saved") if modified else ""))

    # --- edits -------------------------------------------------------------------------------

    def _apply(self, operation: str) -> None:
        index = self.current_index()
        try:
            if operation == "indent":
                self._show(indent_line(self.lines, index), index)
            elif operation == "outdent":
                self._show(outdent_line(self.lines, index), index)
            elif operation == "delete":
                new = delete_line(self.lines, index)
                self._show(new, min(index, len(new) - 1))
        except PubDeskError as exc:
            show_error(self, exc)

    def indent(self) -> None:
        """Make the selected entry a child of the one before."""
        self._apply("indent")

    def outdent(self) -> None:
        """Move the selected entry one level up."""
        self._apply("outdent")

    def delete_entry(self) -> None:
        """Delete the selected entry (its children move up)."""
        self._apply("delete")

    def move_entry(self, up: bool) -> None:
        """Move the selected entry with its children past its sibling."""
        new, index = move_line(self.lines, self.current_index(), up)
        self._show(new, index)

    def add_entry(self) -> None:
        """Add an entry after the selected one's block, at its level."""
        index = self.current_index()
        if index < 0:
            position, level = len(self.lines), 1
        else:
            from app.toc import subtree_end

            position, level = subtree_end(self.lines, index), self.lines[index].level
        self._insert(position, level)

    def add_child(self) -> None:
        """Add an entry as the first child of the selected one."""
        index = self.current_index()
        self._insert(index + 1, self.lines[index].level + 1)

    def _insert(self, position: int, level: int) -> None:
        self._show(insert_line(self.lines, position, TocLine(level, self.tr("New entry"))),
                   position)
        item = self.tree.currentItem()
        if item is not None:
            self.tree.editItem(item, 0)

    def paste_text(self) -> None:
        """Ask for TOC text and use what it parses to."""
        dialog = TocPasteDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.lines:
            return
        self.apply_pasted(dialog.lines, append=dialog.append.isChecked())

    def apply_pasted(self, lines: list[TocLine], append: bool = False) -> None:
        """Replace the outline with (or add) parsed lines."""
        combined = [*self.lines, *lines] if append else list(lines)
        self._show(combined, len(self.lines) if append else 0)

    def _item_edited(self, item: QTreeWidgetItem, _column: int) -> None:
        index = int(item.data(0, INDEX_ROLE))
        old = self.lines[index]
        title = item.text(0).strip() or old.title
        self.lines[index] = TocLine(old.level, title, item.text(1).strip(), old.kind)
        self._update_buttons()

    def _current_changed(self) -> None:
        index = self.current_index()
        if index >= 0:
            self.kind.blockSignals(True)
            self.kind.set_value(self.lines[index].kind)
            self.kind.blockSignals(False)
        self._update_buttons()

    def _kind_changed(self) -> None:
        index = self.current_index()
        if index < 0:
            return
        old = self.lines[index]
        self.lines[index] = TocLine(old.level, old.title, old.page, self.kind.value())
        item = self.tree.currentItem()
        if item is not None:
            self.tree.blockSignals(True)
            item.setText(2, self.kind.value().shown)
            self.tree.blockSignals(False)
        self._update_buttons()
