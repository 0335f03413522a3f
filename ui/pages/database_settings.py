"""Settings → Database: this PC's file, or the office server (with a connection test and the
password kept in the OS credential store). Takes effect at the next start."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from app.db.office import remember_password, try_connection, with_password
from app.errors import PubDeskError
from app.language import shown
from app.settings import Settings

URL_PREFIX = "postgresql+psycopg://"


class DatabaseSettings(QGroupBox):
    """Where PubDesk keeps its records."""

    changed = Signal()
    """The choice was saved into `settings` (the window writes the settings file)."""

    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(self.tr("Database"), parent)
        self.settings = settings
        self.local = QRadioButton(self.tr("This PC (a file in the data folder)"))
        self.office = QRadioButton(self.tr("The office server (PostgreSQL)"))
        self.server = QLineEdit()
        self.server.setObjectName("officeServer")
        self.server.setPlaceholderText(self.tr("server:5432/pubdesk"))
        self.login = QLineEdit()
        self.login.setObjectName("officeLogin")
        self.password = QLineEdit()
        self.password.setObjectName("officePassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.result = QLabel()
        self.result.setWordWrap(True)
        test = QPushButton(self.tr("Test connection"))
        test.clicked.connect(self.test)
        save = QPushButton(self.tr("Use this database from the next start"))
        save.clicked.connect(self.save)
        form = QFormLayout(self)
        form.addRow(self.local)
        form.addRow(self.office)
        form.addRow(self.tr("Server"), self.server)
        form.addRow(self.tr("Login"), self.login)
        form.addRow(self.tr("Password"), self.password)
        buttons = QHBoxLayout()
        buttons.addWidget(test)
        buttons.addWidget(save)
        buttons.addStretch()
        form.addRow(buttons)
        form.addRow(self.result)
        self.office.toggled.connect(self._enable)
        self._show(settings.office_server)

    def _show(self, url: str) -> None:
        if url:
            parsed = make_url(url)
            self.server.setText(f"{parsed.host}:{parsed.port or 5432}/{parsed.database}")
            self.login.setText(parsed.username or "")
        (self.office if url else self.local).setChecked(True)
        self._enable()

    def _enable(self) -> None:
        for edit in (self.server, self.login, self.password):
            edit.setEnabled(self.office.isChecked())

    def url(self) -> str:
        """The server URL from the fields, without the password ('' for this PC's file)."""
        if not self.office.isChecked():
            return ""
        server = self.server.text().strip().removeprefix(URL_PREFIX)
        login = self.login.text().strip()
        if "/" not in server:
            server += "/pubdesk"
        return f"{URL_PREFIX}{login}@{server}" if login else f"{URL_PREFIX}{server}"

    def test(self) -> bool:
        """Connect with the fields' login and password; say the result in words."""
        try:
            url = self.url()
            if not url:
                self.result.setText(self.tr("This PC's database file needs no test."))
                return True
            who = try_connection(with_password(url, self.password.text()))
        except (PubDeskError, ArgumentError, ValueError) as exc:
            self.result.setText(shown(getattr(exc, "message", str(exc))))
            return False
        self.result.setText(
            (self.tr("Connected as %1: you can read and change records.") if who.can_write
             else self.tr("Connected as %1: read only (a viewer's login).")).replace("%1", who.login))
        return True

    def save(self) -> None:
        """Keep the choice (and the password in the credential store) for the next start."""
        if not self.test():
            return
        url = self.url()
        note = self.result.text() + " " + self.tr(
            "Saved. PubDesk uses this database from its next start.")
        if url and self.password.text():
            if not remember_password(url, self.password.text()):
                note += " " + self.tr("This PC has no credential store: PubDesk will ask for "
                                      "the password at each start.")
            self.password.clear()
        self.settings.office_server = url
        self.changed.emit()
        self.result.setText(note)
