"""Starting the GUI: check for a display, build the application, fonts, language, database,
and the main window."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QThreadPool
from PySide6.QtWidgets import QApplication

from app.errors import DatabaseDamagedError, DatabaseError, PubDeskError
from app.language import shown
from app.paths import Locations, resolve_locations
from app.settings import Settings, load_settings
from ui.fonts import add_rare_character_fonts, install_fonts
from ui.i18n import install_translators
from ui.mainwindow import MainWindow

if TYPE_CHECKING:
    from app.db import Database

NO_DISPLAY_MESSAGE = """PubDesk 需要圖形顯示環境，但這台電腦目前沒有（找不到 DISPLAY 或 WAYLAND_DISPLAY）。
PubDesk needs a display and none was found (no DISPLAY or WAYLAND_DISPLAY).

  • 在虛擬螢幕上執行 / run on a virtual screen:   xvfb-run -a pubdesk
  • 不顯示視窗（測試用）/ run offscreen:          QT_QPA_PLATFORM=offscreen pubdesk
  • 只用命令列 / command line only:                 pubdesk --help
"""


def display_available(environ: dict[str, str] | None = None, platform: str = sys.platform) -> bool:
    """False on Linux with no X11/Wayland display and no explicit Qt platform."""
    env = os.environ if environ is None else environ
    if not platform.startswith("linux"):
        return True
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") or env.get("QT_QPA_PLATFORM"))


XCB_LIBRARIES = {"xcb-cursor": "libxcb-cursor0", "xcb-icccm": "libxcb-icccm4",
                 "xcb-keysyms": "libxcb-keysyms1", "xkbcommon-x11": "libxkbcommon-x11-0",
                 "xcb-render-util": "libxcb-render-util0", "xcb-image": "libxcb-image0"}
"""The X11 libraries Qt's xcb plugin loads, with the Debian package of each."""


def display_problem(environ: dict[str, str] | None = None,
                    platform: str = sys.platform) -> str | None:
    """On Linux with X11: what would make Qt abort with its misleading "xcb-cursor0" message —
    a DISPLAY that points at no screen, or missing xcb libraries — in words; None if fine."""
    env = os.environ if environ is None else environ
    if not platform.startswith("linux") or env.get("QT_QPA_PLATFORM") or \
            env.get("WAYLAND_DISPLAY") or not env.get("DISPLAY"):
        return None
    import ctypes.util  # only here: 10–15 ms of every start elsewhere (Windows, offscreen)

    display = env["DISPLAY"]
    host, _colon, rest = display.rpartition(":")
    number = rest.split(".", 1)[0]
    if host in ("", "unix") and number.isdigit() and \
            not os.path.exists(f"/tmp/.X11-unix/X{number}"):
        return (f"DISPLAY={display} 指向的畫面不存在（找不到 /tmp/.X11-unix/X{number}）。"
                "請確認 X 伺服器或 Xvfb 已啟動，或改用 xvfb-run -a pubdesk。\n"
                f"DISPLAY={display} names no running X server.")
    missing = [package for library, package in XCB_LIBRARIES.items()
               if ctypes.util.find_library(library) is None]
    if missing:
        return ("Qt 的 X11 視窗外掛需要的程式庫沒有安裝。請執行：\n"
                f"  sudo apt-get install {' '.join(missing)}\n"
                "Qt's X11 plugin needs libraries that are not installed (see the command above).")
    return None


def prepare_application(app: QApplication, language: str, locations: Locations,
                        font_pt: int = 0, rare_fonts: bool = True) -> None:
    """Fonts (interface text `font_pt` points; 0: the system's) and translations, before any
    widget is made (`rare_fonts=False`: the caller adds the fonts for rare characters later,
    with `ui.fonts.add_rare_character_fonts`)."""
    app.setApplicationName("PubDesk")
    app.setOrganizationName("PubDesk")
    install_fonts(app, font_pt, rare=rare_fonts)
    for previous in app.property("pubdesk_translators") or []:  # prepared before: replace
        app.removeTranslator(previous)
    app.setProperty("pubdesk_translators",
                    install_translators(app, language, locations.data_dir / "cache"))


def _choose_other_folder(exc: DatabaseError) -> str | None:
    """The data folder cannot be used: say why and which, and let the officer pick another
    (None: quit)."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    box = QMessageBox(QMessageBox.Icon.Critical, "PubDesk", shown(exc.message))
    choose = box.addButton(QCoreApplication.translate("run_gui", "Choose another folder…"),
                           QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QCoreApplication.translate("run_gui", "Quit"),
                  QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is not choose:
        return None
    folder = QFileDialog.getExistingDirectory(
        None, QCoreApplication.translate("run_gui", "A folder for PubDesk's data"))
    return folder or None


def _restore_over_broken(exc: DatabaseDamagedError, locations: Locations) -> bool:
    """The database file is damaged or empty: say so, and let the officer put a backup in its
    place (True: restored, open again) — the window has no menu yet to do it from."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from app.db.open import replace_broken_database

    box = QMessageBox(QMessageBox.Icon.Critical, "PubDesk", shown(exc.message))
    restore = box.addButton(QCoreApplication.translate("run_gui", "Restore from a backup…"),
                            QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QCoreApplication.translate("run_gui", "Quit"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is not restore:
        return False
    name, _filter = QFileDialog.getOpenFileName(
        None, QCoreApplication.translate("run_gui", "Restore from a backup…"),
        str(locations.backup_dir), "PubDesk (*.sqlite3)")
    if not name:
        return False
    try:
        kept = replace_broken_database(locations, Path(name))
    except PubDeskError as error:
        QMessageBox.critical(None, "PubDesk", shown(error.message))
        return False
    QMessageBox.information(None, "PubDesk", QCoreApplication.translate(
        "run_gui", "Restored. The damaged file was kept as %1 for your IT staff.")
        .replace("%1", str(kept)))
    return True


def open_workspace(locations: Locations) -> tuple[Database, Locations] | None:
    """Open the database; when its folder cannot be used, say so and let the officer choose
    another; when its file is damaged, offer to restore a backup in its place (None: the
    officer gave up, or another error was shown)."""
    from PySide6.QtWidgets import QMessageBox

    from app.db import open_database

    while True:
        try:
            return open_database(locations), locations
        except DatabaseDamagedError as exc:
            if not _restore_over_broken(exc, locations):
                return None
        except DatabaseError as exc:
            chosen = _choose_other_folder(exc) if exc.path else None
            if chosen is None:
                if not exc.path:
                    QMessageBox.critical(None, "PubDesk", shown(exc.message))
                return None
            locations = resolve_locations(chosen, environ={})
        except PubDeskError as exc:
            QMessageBox.critical(None, "PubDesk", shown(exc.message))
            return None


def office_locations(locations: Locations, settings: Settings) -> Locations | None:
    """The office server of Settings → Database, unless `--db`/`PUBDESK_DB` chose another
    database; its password from the OS credential store, or asked for (None: the officer
    cancelled — never silently this PC's file instead)."""
    from dataclasses import replace

    from PySide6.QtWidgets import QInputDialog, QLineEdit

    from app.db.office import stored_password, with_password
    from app.paths import DATABASE_FILE, sqlite_url

    if not settings.office_server or \
            locations.database_url != sqlite_url(locations.data_dir / DATABASE_FILE):
        return locations
    password = stored_password(settings.office_server)
    if password is None:
        password, ok = QInputDialog.getText(
            None, "PubDesk", QCoreApplication.translate(
                "run_gui", "Password for the office database (%1):").replace(
                "%1", settings.office_server.split("//", 1)[-1]), QLineEdit.EchoMode.Password)
        if not ok:
            return None
    return replace(locations, database_url=with_password(settings.office_server, password))


def run_gui(locations: Locations) -> int:
    """`pubdesk` with no command: the window first, then the database (loading the database
    layer takes several times as long as painting the window)."""
    if not display_available():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 2
    problem = display_problem()
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    settings = load_settings(locations.settings_file)
    prepare_application(app, settings.language, locations, settings.ui_font_pt,
                        rare_fonts=False)
    window = MainWindow(None, settings, locations)
    window.fit_screen()  # whole on this screen, at any scaling
    window.show()
    app.processEvents()
    add_rare_character_fonts(app)  # before any record (a name with 𠀋) is shown
    chosen_locations = office_locations(locations, settings)
    opened = open_workspace(chosen_locations) if chosen_locations else None
    if opened is None:
        window.close()
        return 1
    db, chosen = opened
    window.attach_database(db, chosen, load_settings(chosen.settings_file)
                           if chosen != locations else None)
    # Everything alive now (modules, Qt wrappers, the models) lives as long as the window:
    # taken out of the collector's reach, a full collection during a long job scans only what
    # the job made — the longest GUI pause during a 200-book consent output fell from 135 ms
    # to 54 ms (benchmarks/responsiveness.py).
    gc.freeze()
    try:
        return app.exec()
    finally:
        # A backup or check still running must finish before the database closes.
        QThreadPool.globalInstance().waitForDone(30_000)
        db.dispose()
