"""資料庫檔的身分 — the database file is ours while open (issue 28, item 6).

A SQLite connection keeps what it read (its page cache, the WAL index) and trusts the file not
to change except through SQLite. A sync tool, or an officer restoring by hand, that puts another
file in its place breaks that trust: the connection goes on reading the old data, acknowledges
the next save, and what reaches the disk is a mix of both files ("row 1 missing from index").

The guard records the identity of the database file when the engine first connects and after
each of our own commits, and looks again before the first write of every transaction:

- the file at the path — device and inode (on Windows, the volume and file id, which os.stat
  reports in the same fields); a file moved or renamed into place is another file;
- the 100-byte SQLite header: the magic, the page size and PubDesk's stamp — PRAGMA
  application_id (`APPLICATION_ID`) and PRAGMA user_version, a random identity each database
  file is given once (`ensure_identity`) and each backup gets anew (`give_identity`), so that copying a
  backup or another office's database over the file, in place, is caught too; and the file
  change counter, which SQLite only ever counts up;
- the WAL file's salt: its first salt counts the WAL's restarts, so an older copy of the WAL
  put in place counts back.

What legitimately changes them is left alone: our writes and another PubDesk's (the counter
and the WAL salt go forward, the page count and free list move), checkpoints, switching the
journal mode. A mismatch refuses the write with DatabaseReplacedError before any statement
that writes has run — nothing reaches the foreign file — and the database is opened anew
(app.db.open.reopen_database). Each look costs one os.stat and a 100-byte read of the database,
and one os.stat and a 32-byte read of the WAL (benchmarks/file_guard.py).

The header is read through one descriptor kept open while the database is in use
(app.db.windows_hold: on Windows the same handle keeps other programs from replacing the file),
never one opened and closed per look — closing any descriptor of a file drops this process's
POSIX locks on it, SQLite's included. Descriptors are shared by every guard of the file in the
process and closed when the last is released (Database.dispose).

After each of our write transactions a PASSIVE checkpoint copies the WAL into the database
file, so a file copied by a sync tool (which copies the database file, not its -wal) is
complete, and a file replaced in place gets nothing from our WAL when our connections close.

What the guard cannot see: a byte copy of this very file, made outside PubDesk and copied
back in place (not renamed into place), whose header is still the same — in WAL mode the
header of a file that has not grown can stay identical for days. An older copy counted fewer
commits (rollback journal) or WAL restarts, and is caught.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import struct
import threading
from collections.abc import Callable
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

from app import messages
from app.db.windows_hold import open_held, read_at
from app.errors import DatabaseReplacedError

APPLICATION_ID = 0x50756244
"""PRAGMA application_id of a PubDesk database ("PubD")."""

MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
WAL_HEADER_SIZE = 32
_SALT_BACK_WINDOW = 1 << 16
"""How far back the WAL's first salt may count before it is an older WAL put in place: a WAL
re-made from scratch gets a random salt, which lands this close behind one in 65,536 times."""


def new_identity() -> int:
    """A random identity for PRAGMA user_version (a positive 32-bit signed number)."""
    return secrets.randbelow(0x7FFF_FFFF) + 1


def give_identity(conn: sqlite3.Connection) -> None:
    """Give the database of `conn` PubDesk's application id and an identity of its own (a
    backup just written, a database just restored), written through to the database file."""
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {new_identity()}")
    if conn.in_transaction:
        conn.commit()
    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()


def ensure_identity(path: Path, timeout_s: float) -> None:
    """Stamp the database file `path` once (see `give_identity`), before a guard records it. A file
    that cannot be written now (read only, held by another program) keeps no stamp: its guard
    relies on the file's other marks."""
    try:
        if path.stat().st_size == 0:
            return
        with closing(sqlite3.connect(path, timeout=timeout_s, isolation_level=None)) as conn:
            conn.execute("BEGIN IMMEDIATE")  # two PubDesks starting at once stamp it once
            if conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID:
                conn.execute("COMMIT")
                return
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {new_identity()}")
            conn.execute("COMMIT")
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
    except (OSError, sqlite3.Error):
        return


@dataclass(frozen=True)
class WalIdentity:
    """The WAL file beside the database: which file, and its salts."""

    device: int
    inode: int
    salt1: int
    salt2: int


@dataclass(frozen=True)
class FileIdentity:
    """What the guard compares: the file at the path, its header, its WAL."""

    device: int
    inode: int
    header: bytes
    wal: WalIdentity | None


def _counter(header: bytes) -> int:
    return int(struct.unpack(">I", header[24:28])[0])


def _stamped(header: bytes) -> bool:
    return header[68:72] == struct.pack(">I", APPLICATION_ID)


def replaced_reason(before: FileIdentity, now: FileIdentity | None) -> str | None:
    """Why the file `now` at the path is not the file recorded `before` ("missing", "other
    file", "not a database", "page size", "stamp", "older", "older wal"), or None when
    everything that changed is what SQLite's own writes change."""
    if now is None:
        return "missing"
    if (now.device, now.inode) != (before.device, before.inode):
        return "other file"
    old, new = before.header, now.header
    if len(old) < HEADER_SIZE:  # recorded before its first write: nothing of it is cached
        return None
    if len(new) < HEADER_SIZE or new[:16] != MAGIC:
        return "not a database"
    if new[16:18] != old[16:18]:
        return "page size"
    # An unstamped file is stamped once, by whichever PubDesk opens it first (ensure_identity).
    if _stamped(old) and (new[60:64] != old[60:64] or new[68:72] != old[68:72]):
        return "stamp"
    if _counter(new) < _counter(old):
        return "older"
    if before.wal is not None and now.wal is not None and \
            (now.wal.device, now.wal.inode) == (before.wal.device, before.wal.inode):
        back = (before.wal.salt1 - now.wal.salt1) % (1 << 32)
        if 0 < back < _SALT_BACK_WINDOW or (back == 0 and now.wal.salt2 != before.wal.salt2):
            return "older wal"
    return None


def _wal_identity(path: Path) -> WalIdentity | None:
    # Opened and closed for each look: SQLite holds no lock on the -wal file itself (its
    # locks are on the database file and the -shm file, which the guard never opens).
    wal = path.with_name(path.name + "-wal")
    try:
        fd = open_held(wal, hold=False)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        head = read_at(fd, 0, WAL_HEADER_SIZE)
    except OSError:
        return None
    finally:
        os.close(fd)
    if len(head) < WAL_HEADER_SIZE:
        return None
    salt1, salt2 = struct.unpack(">II", head[16:24])
    return WalIdentity(info.st_dev, info.st_ino, salt1, salt2)


class _Descriptors:
    """One read-only descriptor per database file (device, inode) in this process, shared by
    every guard of that file and closed when the last one lets go."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: dict[tuple[int, int], list[int]] = {}

    def acquire(self, path: Path, key: tuple[int, int]) -> int:
        with self._lock:
            entry = self._open.get(key)
            if entry is None:
                entry = self._open[key] = [open_held(path), 0]
            entry[1] += 1
            return entry[0]

    def release(self, key: tuple[int, int]) -> None:
        with self._lock:
            entry = self._open.get(key)
            if entry is None:
                return
            entry[1] -= 1
            if entry[1] <= 0:
                del self._open[key]
                os.close(entry[0])

    def count(self) -> int:
        """How many descriptors are open (for tests)."""
        with self._lock:
            return len(self._open)


DESCRIPTORS = _Descriptors()


class FileGuard:
    """The identity of one SQLite database file, recorded while an engine uses it."""

    def __init__(self, path: Path):
        self.path = path
        self.on_replaced: Callable[[], None] | None = None
        """Called (from the thread that tried to write) when a write is refused: the window
        reopens the database."""
        self._lock = threading.Lock()
        self._key: tuple[int, int] | None = None
        self._fd: int | None = None
        self._recorded: FileIdentity | None = None

    @property
    def armed(self) -> bool:
        """Whether an identity is recorded (from the first connection on)."""
        return self._recorded is not None

    def _look(self) -> FileIdentity | None:
        try:
            info = os.stat(self.path)
        except (FileNotFoundError, NotADirectoryError):
            return None
        key = (info.st_dev, info.st_ino)
        header = read_at(self._fd, 0, HEADER_SIZE) if key == self._key and \
            self._fd is not None else b""
        return FileIdentity(info.st_dev, info.st_ino, header, _wal_identity(self.path))

    def arm(self) -> None:
        """Record the file as it is now, unless recorded already (each new connection of the
        engine calls this; only the first after opening or `release` records)."""
        with self._lock:
            if self._recorded is not None:
                return
            try:
                info = os.stat(self.path)
                key = (info.st_dev, info.st_ino)
                self._fd = DESCRIPTORS.acquire(self.path, key)
            except OSError:
                return  # SQLite will say what is wrong with the file, in its words
            self._key = key
            self._recorded = self._look()

    def keep_replaced(self, folder: Path | None) -> Path | None:
        """When another file has taken the path, keep the one recorded — still readable through
        the guard's descriptor — as a backup `pubdesk-…-replaced.sqlite3` in `folder` (the data
        folder when None), with what its WAL held; returns it (None when the file was not
        replaced, or could not be kept). Call it once every connection is closed, before
        `release`.

        Its WAL must leave the path in any case: SQLite does not checkpoint into a file that
        was moved away, and leaves that file's WAL beside the new one, which the next
        connection would take for the new file's own ("row 1 missing from index")."""
        with self._lock:
            recorded, fd = self._recorded, self._fd
            if recorded is None or fd is None:
                return None
            try:
                info = os.stat(self.path)
                if (info.st_dev, info.st_ino) == self._key:
                    return None
            except FileNotFoundError:
                pass
            except OSError:
                return None
            return _keep(self.path, fd, recorded, folder or self.path.parent)

    def replaced_in_place(self) -> bool:
        """Whether another program wrote another database over the recorded file itself (the
        same file on disk, other contents: a copy over it, a sync tool writing in place). Its
        WAL beside it is still ours: closing our last connection would copy our pages into
        the new file — `Database.dispose` keeps the new file from that."""
        with self._lock:
            if self._recorded is None:
                return False
            try:
                info = os.stat(self.path)
                now = self._look()
            except OSError:
                return False
            return (info.st_dev, info.st_ino) == self._key and \
                replaced_reason(self._recorded, now) not in (None, "missing", "other file")

    def release(self) -> None:
        """Forget the file and let go of its descriptor (every connection is closed). The next
        connection records the file then at the path."""
        with self._lock:
            if self._key is not None:
                DESCRIPTORS.release(self._key)
            self._key = self._fd = self._recorded = None

    def replaced(self) -> str | None:
        """Why the file at the path is no longer the one recorded, or None."""
        with self._lock:
            if self._recorded is None:
                return None
            try:
                return replaced_reason(self._recorded, self._look())
            except OSError:
                return None  # cannot look (a network share that hiccuped): SQLite will say

    def check(self) -> None:
        """Before a write: raise DatabaseReplacedError if the file was replaced."""
        if self.replaced() is None:
            return
        if self.on_replaced is not None:
            self.on_replaced()
        raise DatabaseReplacedError(messages.DATABASE_REPLACED.format(path=self.path))

    def record(self) -> None:
        """After our own commit: what it changed is ours. A file that is not the one recorded
        stays unrecorded, so the next write is refused."""
        with self._lock:
            if self._recorded is None:
                return
            try:
                now = self._look()
            except OSError:
                return
            if now is not None and replaced_reason(self._recorded, now) is None:
                self._recorded = now


def _keep(path: Path, fd: int, recorded: FileIdentity, folder: Path) -> Path | None:
    moment = datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = folder / f"pubdesk-{moment}-replaced.sqlite3"
    counter = 1
    while kept.exists():
        counter += 1
        kept = folder / f"pubdesk-{moment}-replaced-{counter}.sqlite3"
    partial = kept.with_name(kept.name + ".partial")
    wal = path.with_name(path.name + "-wal")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if recorded.wal is not None:
            info = os.stat(wal)
            if (info.st_dev, info.st_ino) == (recorded.wal.device, recorded.wal.inode):
                os.replace(wal, partial.with_name(partial.name + "-wal"))  # its own again
    except OSError:
        pass  # no WAL left, or it is not the recorded file's
    try:
        with open(partial, "wb") as out:
            offset = 0
            while chunk := read_at(fd, offset, 1 << 20):
                out.write(chunk)
                offset += len(chunk)
        with closing(sqlite3.connect(partial, isolation_level=None)) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            conn.execute("PRAGMA journal_mode = DELETE").fetchall()
            give_identity(conn)
        os.replace(partial, kept)
    except (OSError, sqlite3.Error):
        for leftover in (partial, partial.with_name(partial.name + "-wal"),
                         partial.with_name(partial.name + "-shm")):
            with suppress(OSError):
                leftover.unlink(missing_ok=True)
        return None
    return kept


_WROTE = "pubdesk_file_guard_wrote"
_WAL = "pubdesk_file_guard_wal"
_READS = frozenset({"SELECT", "BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE",
                    "EXPLAIN", "VALUES"})
_WRITES_IN_WITH = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def writes(statement: str) -> bool:
    """Whether an SQL statement may write (anything but a query, a transaction statement or
    a PRAGMA that only reads)."""
    text = statement.lstrip(" \t\r\n(").upper()
    head = text.split(None, 1)[0] if text else ""
    if head == "PRAGMA":
        return "=" in text
    if head == "WITH":
        return any(word in text for word in _WRITES_IN_WITH)
    return head not in _READS


def install_file_guard(engine: Engine, path: Path) -> FileGuard:
    """Guard the SQLite file `path` that `engine` uses (see the module's docstring)."""
    guard = FileGuard(path)

    # Before SQLite is even asked to open the path: a new connection (a save in a worker
    # thread opens one) to a file that has replaced ours must not touch it — the first read
    # of the new file beside our WAL replays our frames into it, and setting WAL mode
    # rewrites its header.
    @event.listens_for(engine, "do_connect")
    def _refuse_a_replaced_file(_dialect: Any, _record: Any, _args: Any, _kwargs: Any) -> None:
        if guard.armed:
            guard.check()

    @event.listens_for(engine, "connect")
    def _record(dbapi_conn: sqlite3.Connection, record: Any) -> None:
        mode = dbapi_conn.execute("PRAGMA journal_mode").fetchone()
        record.info[_WAL] = bool(mode) and str(mode[0]).lower() == "wal"
        guard.arm()

    @event.listens_for(engine, "begin")
    def _new_transaction(conn: Any) -> None:
        conn.info[_WROTE] = False

    @event.listens_for(engine, "before_cursor_execute")
    def _before_write(conn: Any, _cursor: Any, statement: str, _parameters: Any,
                      _context: Any, _many: bool) -> None:
        if conn.info.get(_WROTE) is False and writes(statement):
            guard.check()
            conn.info[_WROTE] = True

    @event.listens_for(engine, "commit")
    def _after_write(conn: Any) -> None:
        if not conn.info.get(_WROTE):
            return
        conn.info[_WROTE] = None
        # Committed here rather than by the driver after this event, so that the checkpoint
        # and the record below see the commit (SQLAlchemy has no after-commit event; the
        # driver's commit that follows finds no transaction and does nothing).
        conn.exec_driver_sql("COMMIT")
        if conn.info.get(_WAL):
            # A checkpoint is a courtesy to copies and to closing: the next write tries again.
            with suppress(sqlite3.Error):
                conn.connection.dbapi_connection.execute(
                    "PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        guard.record()

    return guard
