"""Where PubDesk keeps its files: the data directory and the database URL.

Precedence, highest first: command-line option (`--data-dir`, `--db`), environment
(`PUBDESK_DATA_DIR`, `PUBDESK_DB`), the portable build's folder (a `PubDesk.portable` file
beside the program: the data lives in `PubDesk-data` next to it, e.g. on a USB stick, issue
30), then the user data directory from platformdirs (on Windows
`%LOCALAPPDATA%\\PubDesk\\PubDesk`), so tests never touch the real profile.
"""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "PubDesk"
DATABASE_FILE = "pubdesk.sqlite3"


@dataclass(frozen=True)
class Locations:
    """The resolved places for one run of the app."""

    data_dir: Path
    database_url: str

    @property
    def backup_dir(self) -> Path:
        """Automatic and manual backups."""
        return self.data_dir / "backups"

    @property
    def settings_file(self) -> Path:
        """The typed user settings (JSON)."""
        return self.data_dir / "settings.json"


def resolve_locations(data_dir: str | os.PathLike[str] | None = None,
                      database_url: str | None = None,
                      environ: dict[str, str] | None = None) -> Locations:
    """Apply the precedence rules; the data directory is created if missing (and possible)."""
    env = os.environ if environ is None else environ
    chosen_dir = data_dir or env.get("PUBDESK_DATA_DIR") or portable_data_dir()
    if not chosen_dir:
        from platformdirs import user_data_dir  # only when asked: 9 ms with what it imports

        chosen_dir = user_data_dir(APP_NAME, APP_NAME)
    folder = Path(chosen_dir).expanduser().resolve()
    # A folder that cannot be made is said to the officer when the database is opened
    # (app.db.engine), in words and with a way out, not as a traceback here.
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
    url = database_url or env.get("PUBDESK_DB") or sqlite_url(folder / DATABASE_FILE)
    return Locations(data_dir=folder, database_url=url)


PORTABLE_MARKER = "PubDesk.portable"
PORTABLE_DATA = "PubDesk-data"


def portable_data_dir(program: str | None = None, frozen: bool | None = None) -> Path | None:
    """The portable build's data folder: beside the program when `PubDesk.portable` is there
    (only for the built program, never for a checkout's Python)."""
    if not (getattr(sys, "frozen", False) if frozen is None else frozen):
        return None
    folder = Path(program or sys.executable).resolve().parent
    return folder / PORTABLE_DATA if (folder / PORTABLE_MARKER).is_file() else None


def sqlite_url(path: Path) -> str:
    """SQLAlchemy URL of a SQLite file (forward slashes work on Windows too)."""
    return "sqlite:///" + path.resolve().as_posix()
