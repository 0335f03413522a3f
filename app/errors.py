"""Errors a user can cause, each with a message in the user's language.

The GUI shows `message` next to `field` (or in the status area); a traceback dialog is kept for
our own bugs, which are any other exception.
"""

from __future__ import annotations

from dataclasses import dataclass


class PubDeskError(Exception):
    """Base of every error the user can cause and act on."""

    def __init__(self, message: str, *, field: str | None = None, path: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.path = path


@dataclass(frozen=True)
class FieldProblem:
    """One thing wrong with one field of a form."""

    field: str
    message: str


class ValidationError(PubDeskError):
    """Input that breaks a rule; carries every problem found, so a form can show them all."""

    def __init__(self, problems: list[FieldProblem]):
        if not problems:
            raise ValueError("a ValidationError needs at least one problem")
        super().__init__("；".join(p.message for p in problems), field=problems[0].field)
        self.problems = problems

    @classmethod
    def single(cls, field: str, message: str) -> ValidationError:
        """A validation error about one field."""
        return cls([FieldProblem(field, message)])


class ChangedElsewhereError(PubDeskError):
    """Someone saved the record after this window loaded it; this save was refused so that
    neither change is lost. The window should offer to reload."""


class NotFoundError(PubDeskError):
    """A record the user asked for no longer exists (deleted elsewhere, or a wrong id)."""


class DatabaseError(PubDeskError):
    """The database cannot be used as asked (locked, too new, damaged, on a network share)."""


class DatabaseDamagedError(DatabaseError):
    """The database file is damaged or empty: it can only be replaced from a backup
    (app.db.open.replace_broken_database)."""


class UnexplainedDatabaseError(DatabaseError):
    """A driver error we have no better words for; its message quotes the driver."""


class DatabaseTooNewError(DatabaseError):
    """The database was written by a newer PubDesk than this one."""


class DatabaseLockedError(DatabaseError):
    """Another program holds the database for longer than we wait."""


class DatabaseReplacedError(DatabaseError):
    """The database file was replaced or overwritten by another program while PubDesk had it
    open (app.db.file_guard): the write was refused before anything reached the file, and the
    database must be opened again (app.db.open.reopen_database)."""


class BackupError(PubDeskError):
    """A backup or restore could not be made."""
