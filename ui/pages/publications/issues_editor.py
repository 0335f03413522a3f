"""Serial issues (卷/期, year-month) and the articles of the selected issue."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.errors import ChangedElsewhereError, PubDeskError
from app.language import shown_year_month
from app.rocdate import ROC_OFFSET
from app.services.serials import (
    ArticleData,
    IssueData,
    add_issue,
    delete_issue,
    issue_version,
    list_articles,
    list_issues,
    set_articles,
    update_issue,
)
from ui.errors import offer_reload, show_error
from ui.widgets import ErrorLabel, OptionalIntEdit


class IssuesEditor(QWidget):
    """Edits the issues of one serial. `changed` fires after every stored change."""

    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.publication_id: int | None = None
        self.issue_ids: list[int] = []
        self.issue_version: int | None = None

        self.issues = QTableWidget(0, 4)
        self.issues.setObjectName("issuesTable")
        self.issues.setHorizontalHeaderLabels([self.tr("Volume"), self.tr("Number"),
                                               self.tr("Year-month"), self.tr("Title")])
        self.issues.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.issues.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.issues.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.issues.itemSelectionChanged.connect(self._issue_selected)

        self.volume = QLineEdit()
        self.number = QLineEdit()
        self.roc_year = OptionalIntEdit(hint=self.tr("ROC year"))
        self.month = QComboBox()
        for month in range(1, 13):
            self.month.addItem(str(month), month)
        self.issue_title = QLineEdit()
        self.issue_error = ErrorLabel()
        form = QFormLayout()
        form.addRow(self.tr("Volume"), self.volume)
        form.addRow(self.tr("Issue number"), self.number)
        when = QHBoxLayout()
        when.addWidget(self.roc_year)
        when.addWidget(self.month)
        form.addRow(self.tr("Year / month"), when)
        form.addRow(self.tr("Special title"), self.issue_title)
        form.addRow("", self.issue_error)
        issue_buttons = QHBoxLayout()
        for text, slot in ((self.tr("Add issue"), self.add_issue),
                           (self.tr("Save issue"), self.save_issue),
                           (self.tr("Delete issue"), self.delete_issue)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            issue_buttons.addWidget(button)
        top = QWidget()
        top_layout = QHBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.issues, 3)
        issue_form = QVBoxLayout()
        issue_form.addLayout(form)
        issue_form.addLayout(issue_buttons)
        issue_form.addStretch()
        top_layout.addLayout(issue_form, 2)

        self.articles = QTableWidget(0, 4)
        self.articles.setObjectName("articlesTable")
        self.articles.setHorizontalHeaderLabels([self.tr("Article title"), self.tr("Authors"),
                                                 self.tr("First page"), self.tr("Last page")])
        header = self.articles.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.article_error = ErrorLabel()
        article_buttons = QHBoxLayout()
        for text, slot in ((self.tr("Add article"), self.add_article),
                           (self.tr("Remove article"), self.remove_article),
                           (self.tr("Save articles"), self.save_articles)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            article_buttons.addWidget(button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        self.articles_label = QLabel(self.tr("Articles"))
        right_layout.addWidget(self.articles_label)
        right_layout.addWidget(self.articles, 1)
        right_layout.addWidget(self.article_error)
        right_layout.addLayout(article_buttons)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(right)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(split)

    def load(self, publication_id: int | None) -> None:
        """Show the issues of `publication_id`; None (a publication not saved yet, or not a
        serial) empties the editor, so nothing can be added to a serial shown before."""
        self.publication_id = publication_id
        rows = []
        if publication_id is not None:
            with self.db.session() as session:
                rows = list_issues(session, publication_id)
        self.issue_ids = [issue_id for issue_id, _ in rows]
        self._clear_forms()
        self.issues.setRowCount(0)
        for issue_id, data in rows:
            row = self.issues.rowCount()
            self.issues.insertRow(row)
            for column, text in enumerate((data.volume, data.number,
                                           shown_year_month(data.year, data.month),
                                           data.title)):
                self.issues.setItem(row, column, QTableWidgetItem(text))
            del issue_id
        self.articles.setRowCount(0)
        if self.issue_ids:
            self.issues.selectRow(0)

    def _clear_forms(self) -> None:
        for field in (self.volume, self.number, self.roc_year, self.issue_title):
            field.clear()
        self.month.setCurrentIndex(0)
        self.articles.setRowCount(0)
        self.issue_error.show_message("")
        self.article_error.show_message("")
        self.articles_label.setText(self.tr("Articles"))

    def current_issue(self) -> int | None:
        """The selected issue's id."""
        row = self.issues.currentRow()
        return self.issue_ids[row] if 0 <= row < len(self.issue_ids) else None

    def _issue_selected(self) -> None:
        issue_id = self.current_issue()
        self.articles.setRowCount(0)
        if issue_id is None:
            return
        with self.db.session() as session:
            # The version first, the content after (app.services.guard: never the reverse).
            self.issue_version = issue_version(session, issue_id)
            data = dict(list_issues(session, self.publication_id or 0))[issue_id]
            articles = list_articles(session, issue_id)
        self.volume.setText(data.volume)
        self.number.setText(data.number)
        self.roc_year.set_value(data.year - ROC_OFFSET)
        self.month.setCurrentIndex(data.month - 1)
        self.issue_title.setText(data.title)
        for article in articles:
            self._append_article(article)
        self.articles_label.setText(self.tr("Articles of %1").replace(
            "%1", f"{data.volume}卷{data.number}期"))

    def _form_issue(self) -> IssueData | None:
        try:
            year = self.roc_year.value()
        except ValueError:
            year = None
        if year is None:
            self.issue_error.show_message(self.tr("Enter the ROC year of the issue."))
            return None
        return IssueData(self.volume.text(), self.number.text(), year + ROC_OFFSET,
                         int(self.month.currentData()), self.issue_title.text())

    def _store(self, action: str) -> None:
        if self.publication_id is None:
            self.issue_error.show_message(self.tr("Save the publication first; then add its "
                                                  "issues."))
            return
        data = self._form_issue() if action != "delete" else None
        if action != "delete" and data is None:
            return
        try:
            with self.db.session() as session:
                if action == "add" and data is not None:
                    add_issue(session, self.publication_id, data)
                elif action == "save" and data is not None and self.current_issue():
                    assert self.issue_version is not None  # read with the selected issue
                    update_issue(session, self.current_issue() or 0, data,
                                 expected_version=self.issue_version)
                elif action == "delete" and self.current_issue():
                    delete_issue(session, self.current_issue() or 0)
        except ChangedElsewhereError as exc:
            if offer_reload(self, exc):
                self.load(self.publication_id)
            return
        except PubDeskError as exc:
            self.issue_error.show_message(exc.message)
            return
        self.issue_error.show_message("")
        self.load(self.publication_id)
        self.changed.emit()

    def add_issue(self) -> None:
        """Add the issue described in the form."""
        self._store("add")

    def save_issue(self) -> None:
        """Store the form into the selected issue."""
        self._store("save")

    def delete_issue(self) -> None:
        """Delete the selected issue."""
        self._store("delete")

    def _append_article(self, article: ArticleData) -> None:
        row = self.articles.rowCount()
        self.articles.insertRow(row)
        for column, text in enumerate((article.title, article.authors, article.page_start,
                                       article.page_end)):
            self.articles.setItem(row, column, QTableWidgetItem(text))

    def add_article(self) -> None:
        """Add an empty article row to fill in."""
        self._append_article(ArticleData(""))
        self.articles.setCurrentCell(self.articles.rowCount() - 1, 0)

    def remove_article(self) -> None:
        """Remove the selected article row."""
        if self.articles.currentRow() >= 0:
            self.articles.removeRow(self.articles.currentRow())

    def article_rows(self) -> list[ArticleData]:
        """The article table as data."""
        def cell(row: int, column: int) -> str:
            item = self.articles.item(row, column)
            return item.text() if item else ""

        return [ArticleData(cell(r, 0), cell(r, 1), cell(r, 2), cell(r, 3))
                for r in range(self.articles.rowCount())]

    def save_articles(self) -> None:
        """Store the article list of the selected issue."""
        issue_id = self.current_issue()
        if issue_id is None:
            return
        assert self.issue_version is not None  # read with the selected issue
        version = self.issue_version
        try:
            with self.db.session() as session:
                self.issue_version = set_articles(session, issue_id, self.article_rows(),
                                                  expected_version=version)
        except ChangedElsewhereError as exc:
            if offer_reload(self, exc):
                self._issue_selected()
            return
        except PubDeskError as exc:
            self.article_error.show_message(exc.message)
            return
        except Exception as exc:
            show_error(self, exc)
            return
        self.article_error.show_message("")
        self.changed.emit()
