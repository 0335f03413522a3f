"""The main window: navigation on the left, the page on the right, menus, status bar."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.errors import PubDeskError
from app.language import shown
from app.paths import Locations
from app.settings import Settings, save_settings
from ui.errors import show_error
from ui.hub import DataHub
from ui.read_only import lock, writes
from ui.worker import run_job

if TYPE_CHECKING:
    from app.db import Database
    from ui.guide_dialog import GuideDialog
    from ui.pages.agenda_page import AgendaPage
    from ui.pages.check_page import CheckPage
    from ui.pages.consent_page import ConsentPage
    from ui.pages.consignment_page import ConsignmentPage
    from ui.pages.deposit_page import DepositPage
    from ui.pages.numbering_page import NumberingPage
    from ui.pages.packages_page import PackagesPage
    from ui.pages.publications.page import PublicationsPage
    from ui.pages.settings_page import SettingsPage
    from ui.pages.viewer_page import DocumentViewerPage
    from ui.shared_numbers_dialog import SharedNumbersDialog

PAGE_KEY_ROLE = 256
"""Qt.ItemDataRole.UserRole, by its value: the window paints before anything touches the `Qt`
namespace, whose first use builds all of its enums (16 ms of the first paint; it is built
after the paint, with the first page)."""


def _centred(widget: QWidget) -> QWidget:
    """`widget` in the middle of a page (stretches around it: no `Qt` alignment flag)."""
    page = QWidget()
    column = QVBoxLayout(page)
    row = QHBoxLayout()
    row.addStretch()
    row.addWidget(widget)
    row.addStretch()
    column.addStretch()
    column.addLayout(row)
    column.addStretch()
    return page


NEW_THINGS = {
    "publications": ("new_publication", QT_TRANSLATE_NOOP("MainWindow", "a publication")),
    "numbering": ("new_application", QT_TRANSLATE_NOOP(
        "MainWindow", "a number application for the chosen publication")),
    "deposit": ("make_plan", QT_TRANSLATE_NOOP(
        "MainWindow", "a deposit plan for the chosen publication")),
    "consignment": ("start_list", QT_TRANSLATE_NOOP("MainWindow", "a consignment list")),
    "checks": ("add_files", QT_TRANSLATE_NOOP("MainWindow", "files to check")),
    "settings": ("new_unit", QT_TRANSLATE_NOOP("MainWindow", "a publishing unit")),
}
"""Ctrl+N on each page: the method that creates, and what it creates (for the chooser shown
where Ctrl+N is ambiguous: the 待辦, consent, packages and preview pages)."""

PAGE_KEYS = ("agenda", "publications", "numbering", "deposit", "consignment", "consent",
             "checks", "packages", "viewer", "settings")
"""The pages in navigation order (Ctrl+1 … Ctrl+9, then Ctrl+0)."""


class MainWindow(QMainWindow):
    """PubDesk's one window. Pages are built here and handed what they need.

    Without a database the window shows at once, saying the database is being opened (the
    database layer alone takes several times as long to load as the window to paint);
    `attach_database` then builds the first page."""

    database_replaced = Signal()
    """The database file was replaced under the open database (app.db.file_guard; emitted
    from whichever thread tried to write): the window opens it again."""

    def __init__(self, db: Database | None, settings: Settings, locations: Locations):
        super().__init__()
        self._db = db
        self.settings = settings
        self.locations = locations
        self.hub = DataHub(self)
        self._guide: GuideDialog | None = None
        self._shared_numbers: SharedNumbersDialog | None = None
        self._reopen_pending = False
        self.database_replaced.connect(self._database_replaced)
        self.setWindowTitle(self.tr("PubDesk — government publications"))
        self.resize(1280, 800)

        self.pages: dict[str, QWidget] = {}
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.stack = QStackedWidget()
        # A page is built — and its modules (python-docx, openpyxl, reportlab, pikepdf …)
        # imported — when it is first shown or asked for, not at start-up: the window paints
        # with the first page alone.
        titles = (self.tr("To do"), self.tr("Publications"), self.tr("Numbering"), self.tr("Deposit copies"),
                  self.tr("Sales stores"), self.tr("Usage consent"), self.tr("E-file checks"),
                  self.tr("Packages"), self.tr("Document preview"), self.tr("Settings"))
        for key, title in zip(PAGE_KEYS, titles, strict=True):
            self.stack.addWidget(_centred(QLabel(self.tr("Opening the database…"))))
            item = QListWidgetItem(title)
            item.setData(PAGE_KEY_ROLE, key)
            self.navigation.addItem(item)

        self.navigation.setFixedWidth(150)
        # Why nothing can be changed, said once where it is always seen (a viewer's login).
        self.read_only_banner = QLabel(self.tr(
            "Signed in as a viewer: you can look at the data but not change it. To make "
            "changes, ask the administrator to make your account an officer's."))
        self.read_only_banner.setObjectName("readOnlyBanner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setStyleSheet(
            "QLabel#readOnlyBanner { background: #fff4ce; color: #5c3b00; "
            "border: 1px solid #e0b44c; border-radius: 3px; padding: 6px 10px; }")
        self.read_only_banner.hide()
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addWidget(self.read_only_banner)
        layout = QHBoxLayout()
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        outer.addLayout(layout, 1)
        self.setCentralWidget(central)
        self.navigation.currentRowChanged.connect(self._show_row)

        self.location_label = QLabel()
        self.statusBar().addPermanentWidget(self.location_label)
        self._build_menus()
        self._restore_geometry()
        self.navigation.setEnabled(False)
        if db is not None:
            self.attach_database(db)

    @property
    def db(self) -> Database:
        """The open database (pages are built only once there is one)."""
        if self._db is None:
            raise PubDeskError(self.tr("The database is still being opened."))
        return self._db

    def attach_database(self, db: Database, locations: Locations | None = None,
                        settings: Settings | None = None) -> None:
        """The database is open: show where it is and the page last used."""
        self._db = db
        if db.file_guard is not None:
            db.file_guard.on_replaced = self.database_replaced.emit
        if locations is not None:
            self.locations = locations
        if settings is not None:
            self.settings = settings
        from sqlalchemy.engine import make_url

        where = str(db.path) if db.path else make_url(db.url).render_as_string(hide_password=True)
        if db.read_only:
            where = self.tr("Read only (viewer login %1) — %2").replace(
                "%1", db.user or "").replace("%2", where)
        self.location_label.setText(where)
        for warning in db.warnings:  # the core's sentence, in the officer's language
            self.statusBar().showMessage(shown(warning))
        self.navigation.setEnabled(True)
        for action in self.database_actions:
            action.setEnabled(True)
        if db.read_only:  # before any page is built: each is locked as it is (page())
            self.read_only_banner.show()
            lock(self)
        if self.settings.splitter_state:
            self.publications.splitter.restoreState(
                QByteArray.fromHex(self.settings.splitter_state.encode()))
        self.show_page(self.settings.last_page)
        if self.navigation.currentRow() < 0:
            self.navigation.setCurrentRow(0)
        self._show_row(self.navigation.currentRow())
        if self.isVisible() and not getattr(self, "_backup_started", False):
            self._backup_started = True
            QTimer.singleShot(500, self.start_auto_backup)

    def _show_row(self, row: int) -> None:
        if not 0 <= row < len(PAGE_KEYS):
            return
        try:
            self.page(PAGE_KEYS[row])
        except PubDeskError as exc:
            # The page chosen in the navigation is the one on screen, even when it cannot be
            # built (the server is down): it says why, on the page, with a way to try again —
            # not the previous page with a traceback on stderr.
            self._show_unbuilt(row, exc)
        self.stack.setCurrentIndex(row)

    def _show_unbuilt(self, row: int, exc: PubDeskError) -> None:
        from PySide6.QtWidgets import QPushButton, QVBoxLayout

        from app.language import shown

        notice = QWidget()
        notice.setObjectName("pageNotBuilt")
        layout = QVBoxLayout(notice)
        text = QLabel(self.tr("This page cannot be opened: %1").replace("%1", shown(exc.message)))
        text.setWordWrap(True)
        text.setObjectName("pageNotBuiltReason")
        retry = QPushButton(self.tr("Try again"))
        retry.clicked.connect(lambda: self._show_row(row))
        layout.addStretch(1)
        layout.addWidget(text)
        layout.addWidget(retry, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(2)
        old = self.stack.widget(row)
        self.stack.insertWidget(row, notice)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()
        self.statusBar().showMessage(text.text())

    def page(self, key: str) -> QWidget:
        """The page `key`, built on first use."""
        from PySide6.QtWidgets import QFrame, QScrollArea

        built = self.pages.get(key)
        if built is not None:
            return built
        page = self._build_page(key)
        if self.db.read_only:
            lock(page)
        if hasattr(page, "editable_formats"):  # writes documents: in the formats Settings asks
            from app.documents.editable import EditableFormats

            page.editable_formats = lambda: EditableFormats.of(self.settings)
        self.pages[key] = page
        index = PAGE_KEYS.index(key)
        waiting = self.stack.widget(index)  # the 「正在開啟資料庫…」 placeholder it replaces
        # Each page scrolls when the window is smaller than it needs (1280×800 at 150 %
        # scaling is 853×533): the window never refuses to get that small, nothing is cut off.
        holder = QScrollArea()
        holder.setWidgetResizable(True)
        holder.setFrameShape(QFrame.Shape.NoFrame)
        holder.setWidget(page)
        self.stack.insertWidget(index, holder)
        if waiting is not None:
            self.stack.removeWidget(waiting)
            waiting.deleteLater()
        signal = getattr(page, "status_message", None)
        if signal is not None:
            signal.connect(lambda text: self.statusBar().showMessage(text, 8000))
        opener = getattr(page, "open_document", None)
        if opener is not None:
            opener.connect(self.preview)
        return page

    def _build_page(self, key: str) -> QWidget:
        output = self.locations.data_dir / "output"
        if key == "agenda":
            from app.services.agenda import Thresholds
            from ui.pages.agenda_page import AgendaPage

            agenda_page = AgendaPage(self.db, self.hub,
                                     thresholds=lambda today: Thresholds.of(self.settings,
                                                                            today))
            agenda_page.open_record.connect(self.open_record)
            agenda_page.count_changed.connect(self._agenda_count)
            return agenda_page
        if key == "publications":
            from ui.pages.publications.page import PublicationsPage
            publications_page = PublicationsPage(self.db, self.hub)
            publications_page.go_to_page.connect(self.open_record)
            return publications_page
        if key == "numbering":
            from ui.pages.numbering_page import NumberingPage
            return NumberingPage(self.db, self.hub, output)
        if key == "deposit":
            from ui.pages.deposit_page import DepositPage
            return DepositPage(self.db, self.hub, output)
        if key == "consignment":
            from ui.pages.consignment_page import ConsignmentPage
            return ConsignmentPage(self.db, self.hub, output)
        if key == "consent":
            from ui.pages.consent_page import ConsentPage
            return ConsentPage(self.db, self.hub, output)
        if key == "checks":
            from ui.pages.check_page import CheckPage
            return CheckPage(self.db, self.hub, output)
        if key == "packages":
            from ui.pages.packages_page import PackagesPage
            return PackagesPage(self.db, self.hub, output)
        if key == "viewer":
            from ui.pages.viewer_page import DocumentViewerPage
            return DocumentViewerPage()
        from ui.pages.settings_page import SettingsPage
        settings_page = SettingsPage(self.db, self.hub, self.settings)
        settings_page.language_changed.connect(lambda _lang: self.save_settings())

        def settings_changed() -> None:
            self.save_settings()
            self.hub.announce("settings")  # the 待辦 page re-reads with the new periods

        settings_page.settings_changed.connect(settings_changed)
        return settings_page

    @property
    def publications(self) -> PublicationsPage:
        """出版品."""
        return cast("PublicationsPage", self.page("publications"))

    @property
    def numbering(self) -> NumberingPage:
        """編號申請."""
        return cast("NumberingPage", self.page("numbering"))

    @property
    def deposit(self) -> DepositPage:
        """寄存."""
        return cast("DepositPage", self.page("deposit"))

    @property
    def consignment(self) -> ConsignmentPage:
        """展售門市."""
        return cast("ConsignmentPage", self.page("consignment"))

    @property
    def consent(self) -> ConsentPage:
        """授權利用."""
        return cast("ConsentPage", self.page("consent"))

    @property
    def checks(self) -> CheckPage:
        """電子檔檢查."""
        return cast("CheckPage", self.page("checks"))

    @property
    def packages(self) -> PackagesPage:
        """送交包."""
        return cast("PackagesPage", self.page("packages"))

    @property
    def viewer(self) -> DocumentViewerPage:
        """文件預覽."""
        return cast("DocumentViewerPage", self.page("viewer"))

    @property
    def settings_page(self) -> SettingsPage:
        """設定."""
        return cast("SettingsPage", self.page("settings"))

    @property
    def agenda(self) -> AgendaPage:
        """待辦."""
        return cast("AgendaPage", self.page("agenda"))

    def open_record(self, key: str, record_id: int, kind: str = "") -> None:
        """Show page `key` at a record (from the 待辦 page): each page knows how; a page
        with `open_for` also opens where an agenda item of `kind` is done (its tab)."""
        if key == "shared_numbers":  # a dialog, not a page: the 號碼重複 list at this record
            self.show_shared_numbers(None if record_id < 0 else record_id)
            return
        self.show_page(key)
        page = self.page(key)
        if record_id < 0:
            return
        open_for = getattr(page, "open_for", None)
        opener = getattr(page, "open_record", None)
        if kind and callable(open_for):
            open_for(record_id, kind)
        elif callable(opener):
            opener(record_id)

    def search_everything(self) -> None:
        """Ctrl+K: find anything, then open it on its page."""
        from ui.search_dialog import SearchDialog

        dialog = SearchDialog(self.db, self)
        if dialog.exec() == SearchDialog.DialogCode.Accepted and dialog.chosen is not None:
            self.open_record(dialog.chosen.page, dialog.chosen.record_id)

    def _agenda_count(self, pressing: int) -> None:
        item = self.navigation.item(PAGE_KEYS.index("agenda"))
        title = self.tr("To do")
        item.setText(self.tr("%1 (%2)").replace("%1", title).replace("%2", str(pressing))
                     if pressing else title)

    def preview(self, pdf: Path, docx: Path | None = None) -> None:
        """Show a generated document in the preview page."""
        if self.viewer.show_document(pdf, docx):
            self.show_page("viewer")

    def show_page(self, key: str) -> None:
        """Switch to a page by its key."""
        for row in range(self.navigation.count()):
            if self.navigation.item(row).data(PAGE_KEY_ROLE) == key:
                self.navigation.setCurrentRow(row)

    def current_page_key(self) -> str:
        """The key of the page shown."""
        item = self.navigation.currentItem()
        return str(item.data(PAGE_KEY_ROLE)) if item else ""

    def _build_menus(self) -> None:
        # `setShortcuts`, not `setShortcut`: resolving setShortcut's overloads builds the whole
        # `Qt` namespace (16 ms before the window could paint).
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        backup = QAction(self.tr("&Back up now"), self)
        backup.setShortcuts([QKeySequence("Ctrl+B")])
        backup.triggered.connect(self.backup_now)
        restore = QAction(self.tr("&Restore a backup…"), self)
        restore.triggered.connect(self.restore_backup)
        new_action = QAction(self.tr("&New…"), self)
        new_action.setShortcuts(QKeySequence.StandardKey.New)
        new_action.triggered.connect(self.create_new)
        quit_action = QAction(self.tr("&Quit"), self)
        # Not Qt's standard Quit key: on Windows it has none (Alt+F4 is the window's), and the
        # README promises Ctrl+Q everywhere.
        quit_action.setShortcuts([QKeySequence("Ctrl+Q")])
        quit_action.triggered.connect(self.close)
        import_list = QAction(self.tr("&Import a publication list (Excel)…"), self)
        import_list.triggered.connect(self.import_publication_list)
        export_list = QAction(self.tr("&Export the publication list (Excel)…"), self)
        export_list.triggered.connect(self.export_publication_list)
        file_menu.addAction(new_action)
        file_menu.addSeparator()
        file_menu.addAction(backup)
        file_menu.addAction(restore)
        file_menu.addSeparator()
        file_menu.addAction(import_list)
        file_menu.addAction(export_list)
        self.database_actions = [backup, restore, import_list, export_list, new_action]
        writes(restore, import_list, new_action)
        for action in self.database_actions:
            action.setEnabled(False)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        search = QAction(self.tr("Search everything…"), self)
        search.setShortcuts([QKeySequence("Ctrl+K")])
        search.triggered.connect(self.search_everything)
        view_menu.addAction(search)
        all_changes = QAction(self.tr("All changes…"), self)
        all_changes.triggered.connect(self.show_all_changes)
        view_menu.addAction(all_changes)
        shared = QAction(self.tr("Shared numbers…"), self)
        shared.triggered.connect(lambda _checked=False: self.show_shared_numbers())
        view_menu.addAction(shared)
        self.database_actions += [search, all_changes, shared]
        for action in (search, all_changes, shared):
            action.setEnabled(self._db is not None)
        view_menu.addSeparator()
        for row in range(self.navigation.count()):
            item = self.navigation.item(row)
            action = QAction(item.text(), self)
            action.setShortcuts([QKeySequence(f"Ctrl+{(row + 1) % 10}")])
            action.triggered.connect(lambda _checked=False, r=row: self.navigation.setCurrentRow(r))
            view_menu.addAction(action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        guide = QAction(self.tr("&User guide"), self)
        guide.setShortcuts(QKeySequence.StandardKey.HelpContents)
        guide.triggered.connect(self.show_guide)
        help_menu.addAction(guide)
        about = QAction(self.tr("&About PubDesk"), self)
        about.triggered.connect(self.about)
        help_menu.addAction(about)

    # --- geometry and settings -----------------------------------------------------------------

    def _restore_geometry(self) -> None:
        if self.settings.window_geometry:
            self.restoreGeometry(QByteArray.fromHex(self.settings.window_geometry.encode()))
        if self.settings.window_state:
            self.restoreState(QByteArray.fromHex(self.settings.window_state.encode()))

    def fit_screen(self, room: QRect | None = None) -> None:
        """The window on the screen, whole (`room`: the screen's available area, in logical
        pixels): 1280×800 is 1919×1199 physical pixels at 150 % scaling, more than a 1280×800
        laptop has; a size saved on a larger monitor, or a position on one no longer
        attached, is brought back too (issue 26). Called by the launcher before the window
        is first shown."""
        if room is None:
            screen = self.screen() or QApplication.primaryScreen()
            if screen is None:
                return
            room = screen.availableGeometry()
        frame = self.frameGeometry()
        extra_w, extra_h = frame.width() - self.width(), frame.height() - self.height()
        width = min(self.width(), room.width() - extra_w)
        height = min(self.height(), room.height() - extra_h)
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        frame = self.frameGeometry()
        x = min(max(frame.x(), room.left()), room.right() - frame.width() + 1)
        y = min(max(frame.y(), room.top()), room.bottom() - frame.height() + 1)
        if (x, y) != (frame.x(), frame.y()):
            self.move(x, y)

    def save_settings(self) -> None:
        """Store geometry, the page shown and the options."""
        self.settings.window_geometry = bytes(self.saveGeometry().toHex().data()).decode()
        self.settings.window_state = bytes(self.saveState().toHex().data()).decode()
        if "publications" in self.pages:
            self.settings.splitter_state = bytes(
                self.publications.splitter.saveState().toHex().data()).decode()
        self.settings.last_page = self.current_page_key() or self.settings.last_page
        try:
            save_settings(self.settings, self.locations.settings_file)
        except PubDeskError as exc:
            self.statusBar().showMessage(self.tr("Settings could not be saved: %1")
                                         .replace("%1", shown(exc.message)))

    def closeEvent(self, event: QCloseEvent) -> None:
        from ui.worker import waiting

        if waiting():  # a save under way: the database stays open until it is done
            self.statusBar().showMessage(self.tr("Saving… PubDesk closes when it is done."),
                                         5000)
            event.ignore()
            return
        if "publications" in self.pages and not self.publications.confirm_leave():
            event.ignore()
            return
        self.save_settings()
        event.accept()

    # --- backups -------------------------------------------------------------------------------

    def start_auto_backup(self) -> None:
        """The daily automatic backup, in the background."""
        if self._db is None or self._db.path is None:
            return
        from app.db import auto_backup_if_due

        def job(_progress: object, _cancelled: object) -> Path | None:
            return auto_backup_if_due(self.db, self.locations.backup_dir,
                                      self.settings.backups_kept)

        def done(path: Path | None) -> None:
            if path is not None:
                self.statusBar().showMessage(self.tr("Automatic backup: %1")
                                             .replace("%1", str(path)), 8000)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, PubDeskError):
                self.statusBar().showMessage(shown(exc.message))
            else:
                show_error(self, exc)

        run_job(self, self.tr("Backing up…"), job, on_done=done, on_failed=failed)

    def show_all_changes(self) -> None:
        """View → All changes: the whole audit log, filtered."""
        from PySide6.QtCore import Qt

        from ui.audit_dialog import AuditDialog

        dialog = AuditDialog(self.db, self)
        dialog.open_publication.connect(lambda record_id: self.open_record("publications",
                                                                           record_id))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def show_shared_numbers(self, focus_id: int | None = None) -> None:
        """View → 號碼重複 (and a 待辦 item of that kind): the numbers unrelated records share,
        with the ways to resolve each; one such window at a time, brought forward."""
        from PySide6.QtCore import Qt
        from shiboken6 import isValid

        from ui.shared_numbers_dialog import SharedNumbersDialog

        dialog = self._shared_numbers
        if dialog is not None and isValid(dialog):
            dialog.reload(focus_id=focus_id)
        else:
            dialog = SharedNumbersDialog(self.db, self.hub, self, focus_id=focus_id)
            dialog.open_publication.connect(lambda record_id: self.open_record("publications",
                                                                               record_id))
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self._shared_numbers = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def create_new(self) -> None:
        """Ctrl+N: create what this page creates; where that is ambiguous, ask."""
        from PySide6.QtWidgets import QInputDialog

        key = self.current_page_key()
        if key not in NEW_THINGS:
            names = {page: self.tr(str(what)) for page, (_method, what) in NEW_THINGS.items()}
            labels = [self.navigation.item(PAGE_KEYS.index(page)).text().split("（")[0]
                      + "：" + names[page] for page in NEW_THINGS]
            chosen, accepted = QInputDialog.getItem(self, self.tr("New"), self.tr(
                "What do you want to create?"), labels, 0, False)
            if not accepted:
                return
            key = list(NEW_THINGS)[labels.index(chosen)]
            self.show_page(key)
        getattr(self.page(key), NEW_THINGS[key][0])()

    def import_publication_list(self) -> None:
        """File → Import a publication list: check, report, then write what is confirmed."""
        from ui.publication_list_io import import_list

        def imported(ids: list[int]) -> None:
            self.hub.announce("publications")
            self.statusBar().showMessage(self.tr("Imported %1 publications.").replace(
                "%1", str(len(ids))), 10_000)

        import_list(self, self.db, Path.home(), imported)

    def export_publication_list(self) -> None:
        """File → Export the publication list."""
        from ui.publication_list_io import export_list

        export_list(self, self.db, self.locations.data_dir / "output")

    def backup_now(self) -> None:
        """File → Back up now."""
        from app.db import make_backup
        from app.db.backup import CONTENTS_NOTE

        def job(_progress: object, _cancelled: object) -> Path:
            return make_backup(self.db, self.locations.backup_dir)

        def done(path: Path) -> None:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.information(self, self.tr("Backup"),
                                    self.tr("Backed up to:\n%1").replace("%1", str(path))
                                    + "\n\n" + CONTENTS_NOTE)

        run_job(self, self.tr("Backing up…"), job, on_done=done)

    def restore_backup(self) -> None:
        """File → Restore a backup…"""
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from app.db import restore_database
        from app.db.backup import describe_backup

        if not self.publications.confirm_leave():
            return
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Restore a backup"), str(self.locations.backup_dir),
            self.tr("PubDesk backups (*.sqlite3 *.pgsql.sql)"))
        if not name:
            return
        try:
            contents = describe_backup(Path(name))
        except PubDeskError as exc:
            show_error(self, exc)
            return
        answer = QMessageBox.warning(
            self, self.tr("Restore a backup"),
            self.tr("Replace all current data with the backup “%1”? The current data is "
                    "backed up first.").replace("%1", Path(name).name) + "\n\n" + contents,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return

        def job(_progress: object, _cancelled: object) -> Path:
            return restore_database(self.db, Path(name), self.locations)

        def done(safety: Path) -> None:
            from PySide6.QtWidgets import QMessageBox

            self.reload_after_restore()
            QMessageBox.information(self, self.tr("Restore a backup"), self.tr(
                "Restored. The data from before the restore was saved as:\n%1")
                .replace("%1", str(safety)))

        run_job(self, self.tr("Restoring…"), job, on_done=done,
                on_failed=lambda exc: show_error(self, exc))

    def reload_after_restore(self) -> None:
        """The whole database was replaced: every page forgets what it showed and reads
        again, so no form keeps data from before the restore (and saving it cannot create a
        second record)."""
        # Pages not built yet will read the restored data when they are.
        for key, page in self.pages.items():
            if key == "publications":
                self.publications.reload_all()
            elif key == "settings":
                self.settings_page.reload()
            else:
                reset = getattr(page, "reset", None)
                if reset is not None:
                    reset()

    def _database_replaced(self) -> None:
        if not self._reopen_pending:
            self._reopen_pending = True
            QTimer.singleShot(0, self._reopen_when_free)

    def _reopen_when_free(self) -> None:
        """Open the replaced database again once the officer has read why the save failed
        (no message box open) and no background job still uses the old file."""
        from PySide6.QtCore import QThreadPool
        from PySide6.QtWidgets import QApplication, QMessageBox

        from app.db.open import reopen_database
        from ui.worker import waiting

        # Not while a save waits (ui.worker.wait_for runs a nested event loop): it must come
        # back and say why it failed before the file it was refused on is opened again.
        if QApplication.activeModalWidget() is not None or waiting() or \
                QThreadPool.globalInstance().activeThreadCount() > 0:
            QTimer.singleShot(250, self._reopen_when_free)
            return
        self._reopen_pending = False
        try:
            kept = reopen_database(self.db, self.locations)
        except PubDeskError as exc:
            show_error(self, exc)
            return
        # As after a restore: no form keeps a record of the old file, whose ids mean other
        # records in the new one.
        self.reload_after_restore()
        self.statusBar().showMessage(self.tr(
            "The database file was replaced by another program. PubDesk opened it again and "
            "shows the data now in it; changes that were not saved must be made again."))
        if kept is not None:
            QMessageBox.information(self, self.tr("Database file replaced"), self.tr(
                "The database file PubDesk had open was replaced by another program. Its data "
                "was kept as:\n%1\n\nFile → Restore a backup brings it back.")
                .replace("%1", str(kept)))

    def show_guide(self) -> GuideDialog:
        """F1 / Help → User guide, at the section of the page shown."""
        from ui.guide_dialog import GuideDialog

        if self._guide is None:
            self._guide = GuideDialog(self.settings.language, self)
        self._guide.show_page(self.current_page_key() or "overview")
        return self._guide

    def about(self) -> None:
        """Help → About."""
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, self.tr("About PubDesk"), self.tr(
            "<b>PubDesk %1</b><p>The workbench for the publication officers of the Ministry "
            "of Economic Affairs and its agencies.</p><p>Database: %2</p><p>Chinese text uses "
            "全字庫正楷體 (TW-Kai), National Development Council, Open Government Data "
            "License v1.0.</p>").replace("%1", __version__).replace("%2", str(
                self.db.path or self.db.url)))

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if self._db is not None and not getattr(self, "_backup_started", False):
            self._backup_started = True
            QTimer.singleShot(500, self.start_auto_backup)
