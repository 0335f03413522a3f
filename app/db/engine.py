"""資料庫 — opening the database: URL resolution, SQLite settings, sessions and their errors."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError as SqlDatabaseError
from sqlalchemy.exc import IntegrityError, InterfaceError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.pool import NullPool

from app import messages
from app.db import number_triggers
from app.db.audit import CONTEXT_KEY, install_audit
from app.db.audit_triggers import register_sqlite_functions
from app.db.file_guard import FileGuard, install_file_guard
from app.db.file_problems import folder_problem, location_problem
from app.db.network import is_network_path
from app.errors import (
    ChangedElsewhereError,
    DatabaseDamagedError,
    DatabaseError,
    DatabaseLockedError,
    PubDeskError,
    UnexplainedDatabaseError,
    ValidationError,
)
from app.models.datapath import data_folder
from app.os_errors import sentence

BUSY_TIMEOUT_MS = 10_000

SERVER_WAITS: dict[str, int] = {
    "connect_timeout": 10,  # s: a server that does not answer the connection
    "keepalives": 1, "keepalives_idle": 20, "keepalives_interval": 5, "keepalives_count": 3,
    "tcp_user_timeout": 30_000,  # ms: a network that drops what is sent (a hung link)
}
"""libpq's bounds on waiting for the office server: a hung server or a pulled cable ends in
about 30 s with a message, not an endless wait (a URL's own values win)."""
SERVER_STATEMENT_LIMITS: dict[str, int] = {
    "statement_timeout": 120_000,  # ms: no statement of PubDesk runs for minutes
    "lock_timeout": 15_000,  # ms: a row another officer holds in an open transaction
    "idle_in_transaction_session_timeout": 600_000,  # ms: a transaction left open
}
"""The server-side bounds set for every session PubDesk opens (`-c` options)."""


def server_connect_args(url: str) -> dict[str, Any]:
    """`SERVER_WAITS` and `SERVER_STATEMENT_LIMITS` as psycopg connect arguments, except where
    the URL names its own value."""
    query = make_url(url).query
    args: dict[str, Any] = {k: v for k, v in SERVER_WAITS.items() if k not in query}
    limits = " ".join(f"-c {name}={value}" for name, value in SERVER_STATEMENT_LIMITS.items())
    own = query.get("options")
    args["options"] = f"{own} {limits}" if isinstance(own, str) and own else limits
    return args


def sqlite_file(url: str) -> Path | None:
    """The file behind a SQLite URL; None for other databases and for in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, *, wal: bool | None, foreign_keys: bool,
                    busy_timeout_ms: int) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin (see `begin`).
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    if wal is not None:  # None: leave the file's journal mode as it is (a look before opening)
        cursor.execute(f"PRAGMA journal_mode = {'WAL' if wal else 'DELETE'}")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
    cursor.close()


def shown_url(url: str) -> str:
    """A database URL fit to print: the password, if any, replaced by ***."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL at all: print nothing of it that could be a secret
        return "（無法解析的網址）"


def make_engine(url: str, *, wal: bool | None = True, foreign_keys: bool = True,
                pooled: bool = True, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """An engine with PubDesk's connection settings (SQLite: WAL, FK on, FULL sync, timeout)."""
    if sqlite_file(url) is None and make_url(url).get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, connect_args=server_connect_args(url))
    engine = create_engine(url, poolclass=None if pooled else NullPool)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, record: Any) -> None:
        _sqlite_pragmas(dbapi_conn, wal=wal, foreign_keys=foreign_keys,
                        busy_timeout_ms=busy_timeout_ms)
        # The audit triggers call these; without them no write to an audited table works.
        record.info[CONTEXT_KEY] = register_sqlite_functions(dbapi_conn)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # A real transaction for every unit of work, DDL included (pysqlite would otherwise
        # autocommit DDL and begin lazily).
        conn.exec_driver_sql("BEGIN")
        # Who and why belong to one transaction: nothing said for the last one carries over.
        context = conn.connection.info.get(CONTEXT_KEY)
        if context is not None:
            context.actor, context.reason = "", None

    return engine


@dataclass
class Database:
    """An open PubDesk database: hand out sessions, know where backups go."""

    url: str
    engine: Engine
    backup_dir: Path | None = None
    warnings: list[str] = field(default_factory=list)
    data_dir: Path | None = None
    """Stored file paths are relative to this folder (see app.models.datapath)."""
    upgrade_backup: Path | None = None
    """The backup made before this opening upgraded the schema, if it did."""
    read_only: bool = False
    """Signed in with a viewer's login: the window says so and offers no saving."""
    user: str | None = None
    """Who saves, for the audit log and "saved by" (default: the OS user; office mode: the
    database login)."""
    guarded: bool = True
    """A SQLite file is watched for being replaced under the open connections
    (app.db.file_guard); False only to measure what the watching costs."""
    file_guard: FileGuard | None = field(init=False, default=None)
    """The SQLite file's guard (None for a server database)."""
    _sessions: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        install_audit(self._sessions)
        if self.path is not None and self.guarded:
            self.file_guard = install_file_guard(self.engine, self.path)

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a server database."""
        return sqlite_file(self.url)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: commits on success, rolls back on error, translates DB errors."""
        session = self._sessions()
        if self.user:
            session.info["os_user"] = self.user
        try:
            with data_folder(self.data_dir):
                yield session
                session.commit()
        except StaleDataError:
            session.rollback()
            # Saved by someone between our version check and our UPDATE: the database's own
            # `WHERE row_version = …` caught it. Same error as the check's, so the window
            # offers Reload either way.
            raise ChangedElsewhereError(messages.CHANGED_ELSEWHERE) from None
        except (SqlDatabaseError, InterfaceError) as exc:
            session.rollback()
            if self.file_guard is not None:  # a file replaced under us can read as damaged
                self.file_guard.check()
            raise translate_driver_error(exc, self.path) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> Path | None:
        """Close every pooled connection (before a restore, to reopen, or at exit). The file
        guard forgets the file; the next connection records the file then at the path.

        If another program had put another file in place of the SQLite file, the one this
        database had open is kept as a backup, and its path returned
        (app.db.file_guard.FileGuard.keep_replaced).

        A file another program wrote over in place is copied aside before the connections
        close and put back after: closing the last connection checkpoints our WAL into the
        file at the path, which would mix our pages into the other database (found when a
        second pooled connection, from the worker, left frames to checkpoint)."""
        written_over = self.file_guard is not None and self.file_guard.replaced_in_place()
        aside = _copy_aside(self.path) if written_over and self.path is not None else None
        self.engine.dispose()
        if aside is not None and self.path is not None:
            _put_back(aside, self.path)
        if self.file_guard is None:
            return None
        if written_over:  # nothing of ours is left to keep: the other program wrote over it
            self.file_guard.release()
            return None
        kept = self.file_guard.keep_replaced(self.backup_dir)
        self.file_guard.release()
        return kept


def _copy_aside(path: Path) -> Path | None:
    """The database file as it is now (its own pages; the WAL beside it is not its own)."""
    aside = path.with_name(f".{path.name}.written-over")
    try:
        shutil.copyfile(path, aside)
    except OSError:
        return None
    return aside


def _put_back(aside: Path, path: Path) -> None:
    """The file as it was written over, without our WAL and its index."""
    try:
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.replace(aside, path)
    except OSError:
        return  # the file guard refuses every write to what is there; the officer is told


@contextmanager
def driver_errors_translated(path: Path | None = None) -> Iterator[None]:
    """Around any use of a connection outside `Database.session` (opening, checking the
    revision, migrating): a driver's error becomes a PubDeskError in words. `path`: the SQLite
    file, looked at when the driver cannot open or write it."""
    try:
        yield
    except (SqlDatabaseError, InterfaceError) as exc:
        raise translate_driver_error(exc, path) from exc


def translate_driver_error(exc: SqlDatabaseError | InterfaceError,
                           path: Path | None = None) -> PubDeskError:
    """Turn a driver error into a message the officer can act on. Errors that are our own
    bugs (a broken constraint, bad SQL) are re-raised as they are, for the bug report.

    SQLite's "readonly" and "unable to open" name no cause: with the file's `path` known, its
    folder and the file are looked at (app.db.file_problems) and the cause is said."""
    text = str(exc.orig).lower()
    if path is not None and ("readonly" in text or "read-only" in text or
                             "unable to open" in text):
        problem = location_problem(path)
        if problem is not None:
            return DatabaseError(problem, path=str(path))
        if "unable to open" in text:
            return DatabaseError(messages.DATABASE_CANNOT_OPEN.format(path=path),
                                 path=str(path))
    refused = number_triggers.refused_field(str(exc.orig))
    if refused is not None:
        return ValidationError.single(refused, messages.NUMBER_RULE_REFUSED.format(
            label=refused.upper()))
    if isinstance(exc, IntegrityError) or (isinstance(exc, ProgrammingError) and
                                           "permission denied" not in text):
        raise exc
    if "permission denied" in text or "read-only transaction" in text:
        return DatabaseError(messages.DATABASE_NO_PERMISSION)
    if "statement timeout" in text or "lock timeout" in text or \
            "idle-in-transaction timeout" in text:
        return DatabaseError(messages.SERVER_TOO_SLOW.format(detail=_first_line(exc)))
    if "password authentication failed" in text or "no password supplied" in text:
        return DatabaseError(messages.OFFICE_WRONG_PASSWORD)
    if "connection" in text and ("refused" in text or "timeout" in text or "closed" in text
                                 or "failed" in text or "terminat" in text):
        return DatabaseError(messages.SERVER_UNREACHABLE.format(detail=_first_line(exc)))
    if "locked" in text or "busy" in text:
        return DatabaseLockedError(messages.DATABASE_LOCKED)
    if "disk is full" in text or "disk full" in text:
        return DatabaseError(messages.DISK_FULL)
    if "readonly" in text or "read-only" in text:
        return DatabaseError(messages.DATABASE_READ_ONLY)
    if "malformed" in text or "not a database" in text:
        return DatabaseDamagedError(messages.DATABASE_DAMAGED)
    return UnexplainedDatabaseError(messages.DATABASE_FAILED.format(detail=_first_line(exc)))


def _first_line(exc: SqlDatabaseError | InterfaceError) -> str:
    return (str(exc.orig).strip().splitlines() or [type(exc.orig).__name__])[0]


def check_sqlite_file(path: Path, *, used_before: bool = False) -> None:
    """Refuse a file that exists but is not a SQLite database (e.g. a renamed Excel file), and
    an empty file in a workspace that was used before (it has backups): SQLite would take it
    as a new database and hide the loss. An empty file in a new workspace is what a first
    start stopped before its first write leaves, and is simply used."""
    if not path.exists():
        return
    if path.stat().st_size == 0:
        if used_before:
            raise DatabaseDamagedError(messages.DATABASE_EMPTY_FILE.format(path=path))
        return
    # Asked through SQLite, never by opening the file ourselves: closing any descriptor of a
    # file drops every POSIX lock this process holds on it, so reading the header while
    # another connection of this process is open let that connection's next reader take a
    # half-written WAL for valid ("database disk image is malformed" after another PubDesk
    # was killed mid-save; tests/app/test_kill_durability.py).
    uri = f"file:{quote(path.as_posix())}?mode=ro"
    try:
        with closing(sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)) as conn:
            conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.DatabaseError as exc:
        text = str(exc).lower()
        if "not a database" in text:
            raise DatabaseError(messages.NOT_A_DATABASE.format(path=path), path=str(path)) from exc
        if "malformed" in text:
            raise DatabaseDamagedError(messages.DATABASE_DAMAGED) from exc
        # Locked, busy…: the opening that follows says it in words.


def check_folder_writable(folder: Path) -> None:
    """SQLite writes its journal beside the database: a folder the officer may not write
    would fail at the first save, or while connecting, with a driver's message."""
    reason = folder_problem(folder)
    if reason is not None:
        raise DatabaseError(messages.FOLDER_NOT_WRITABLE.format(path=folder, reason=reason),
                            path=str(folder))


def prepare_sqlite_location(path: Path, backup_dir: Path | None = None) -> list[str]:
    """Create the folder and check the file. Returns warnings; a non-empty list means the file
    is on a network share and must be opened without WAL."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(messages.FOLDER_NOT_WRITABLE.format(
            path=path.parent, reason=sentence(exc)), path=str(path)) from exc
    check_folder_writable(path.parent)
    used_before = backup_dir is not None and backup_dir.is_dir() and \
        any(backup_dir.glob("pubdesk-*"))
    check_sqlite_file(path, used_before=used_before)
    if is_network_path(path):
        return [messages.NETWORK_SHARE.format(path=path)]
    return []
