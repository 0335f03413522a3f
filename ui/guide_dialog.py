"""The user guide window (F1, Help → User guide): sections on the left with a search box, the
chosen section on the right. Non-modal: it stays open beside the work."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.guide import GuideSection, load_guide, search, section_for


class GuideDialog(QDialog):
    """The guide in one language."""

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("PubDesk user guide"))
        self.sections = load_guide(language)
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("Search the guide…"))
        self.query.setClearButtonEnabled(True)
        self.query.textChanged.connect(self._filter)
        self.contents = QListWidget()
        self.contents.currentItemChanged.connect(self._show)
        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(False)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.query)
        column.addWidget(self.contents)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.text)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 640])
        layout = QHBoxLayout(self)
        layout.addWidget(splitter)
        self.resize(920, 620)
        self._fill(self.sections)

    def _fill(self, sections: list[GuideSection]) -> None:
        self.contents.clear()
        for section in sections:
            item = QListWidgetItem(section.title)
            item.setData(Qt.ItemDataRole.UserRole, section.page)
            self.contents.addItem(item)
        if sections:
            self.contents.setCurrentRow(0)
        else:
            self.text.setPlainText(self.tr("Nothing in the guide matches “%1”.").replace(
                "%1", self.query.text()))

    def _filter(self, text: str) -> None:
        self._fill(search(self.sections, text))

    def _show(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        page = item.data(Qt.ItemDataRole.UserRole)
        self.text.setMarkdown(section_for(self.sections, page).markdown)
        words = self.query.text().split()
        if words:
            self.text.find(words[0])

    def show_page(self, page: str) -> None:
        """Show the section of `page` (the overview when it has none)."""
        if self.query.text():
            self.query.clear()
        wanted = section_for(self.sections, page).page
        for row in range(self.contents.count()):
            if self.contents.item(row).data(Qt.ItemDataRole.UserRole) == wanted:
                self.contents.setCurrentRow(row)
        self.show()
        self.raise_()
        self.activateWindow()

    def current_page(self) -> str:
        """The page whose section is shown."""
        item = self.contents.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""
