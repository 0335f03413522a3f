"""Why a SQLite file cannot be used, in words (issue 28, item 11).

SQLite reports a folder the officer may not write, a read-only disk and a file marked read
only alike: "unable to open database file" or "attempt to write a readonly database". Those
words name neither the cause nor the way out, so the place is looked at instead: can a file be
made in the folder (SQLite writes its journal, -wal and -shm files there), and may the database
file and its companions be written?
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from app import messages
from app.os_errors import sentence

COMPANIONS = ("", "-wal", "-shm", "-journal")
"""The database file and the files SQLite keeps beside it."""


def folder_problem(folder: Path) -> str | None:
    """Why no file can be made and removed in `folder` (app.os_errors.sentence), or None."""
    probe = folder / f".pubdesk-write-test-{os.getpid()}"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        return sentence(exc, folder)
    return None


def file_problem(path: Path) -> str | None:
    """Which of the SQLite file `path` and its companions may not be written, or None."""
    for suffix in COMPANIONS:
        part = path.with_name(path.name + suffix)
        if part.exists() and not os.access(part, os.W_OK):
            return messages.DATABASE_FILE_READ_ONLY.format(path=part)
    return None


def location_problem(path: Path) -> str | None:
    """Why the workspace database at `path` cannot be written — its data folder, or the file
    or one of its companions is read only — or None when neither explains it."""
    reason = folder_problem(path.parent)
    if reason is not None:
        return messages.FOLDER_NOT_WRITABLE.format(path=path.parent, reason=reason)
    return file_problem(path)


def sqlite_sentence(exc: sqlite3.Error, path: Path) -> str:
    """A sqlite3 error met reading or writing the file `path` (a backup, a restore), said by
    its meaning: SQLite's result code when the module gives it, else its words."""
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    text = str(exc).lower()
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_PERM", "SQLITE_AUTH")) or \
            "unable to open" in text or "readonly" in text:
        return folder_problem(path.parent) or file_problem(path) or \
            messages.DATABASE_CANNOT_OPEN.format(path=path)
    if name.startswith("SQLITE_FULL") or "full" in text:
        return messages.OS_DISK_FULL.format(path=path)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return messages.DATABASE_LOCKED
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text or \
            "not a database" in text:
        return messages.SQLITE_FILE_DAMAGED.format(path=path)
    if name.startswith("SQLITE_IOERR") or "i/o error" in text:
        return messages.OS_IO.format(path=path)
    code = getattr(exc, "sqlite_errorcode", None)
    return messages.SQLITE_FAILED.format(path=path, code=code if code is not None else "—")
