"""備份 — automatic daily backups (rotated), manual backups and restore.

SQLite backups use SQLite's online backup API, so they are consistent even while the app runs
(WAL included); PostgreSQL backups use pg_dump (app.db.pg_backup). Both are written to a
`.partial` file first and renamed: a failed backup leaves no half file behind, and the
leftovers of a backup killed half-way are cleared when the database is next opened
(`clear_partial_backups`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from app import messages
from app.db import pg_backup
from app.db.backup_schema import foreign_objects
from app.db.engine import Database
from app.db.file_guard import give_identity
from app.db.file_problems import sqlite_sentence
from app.db.migrate import check_not_newer, known_revisions
from app.errors import BackupError, DatabaseLockedError, DatabaseTooNewError
from app.os_errors import sentence
from app.rocdate import local_time_text

SQLITE_SUFFIX = ".sqlite3"
BACKUP_PATTERNS = ("pubdesk-*" + SQLITE_SUFFIX, "pubdesk-*" + pg_backup.SUFFIX)
DEFAULT_KEEP = 14


LOCK_WAIT_S = 15.0
"""How long a backup or restore waits for another program's write to finish."""


class _GaveUp(Exception):
    pass


def _bounded_backup(source: sqlite3.Connection, target: sqlite3.Connection,
                    wait_s: float | None = None) -> None:
    """`source.backup(target)`, but giving up after `wait_s` of the other side being locked:
    Python's backup retries a busy database forever, without a word."""
    wait_s = LOCK_WAIT_S if wait_s is None else wait_s
    deadline = time.monotonic() + wait_s

    def progress(status: int, _remaining: int, _total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and \
                time.monotonic() > deadline:
            raise _GaveUp

    try:
        source.backup(target, pages=256, progress=progress)
    except _GaveUp:
        raise DatabaseLockedError(messages.RESTORE_LOCKED.format(seconds=int(wait_s))) from None


def _copy_sqlite(source: Path, target: Path) -> None:
    """Consistent copy of a live SQLite database into `target` (replaced atomically)."""
    partial = target.with_name(target.name + ".partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(source) as src, sqlite3.connect(partial) as dst:
            _bounded_backup(src, dst)
            # An identity of its own (app.db.file_guard): the backup copied by hand over the
            # open database is caught, even in place.
            give_identity(dst)
        dst.close()
        src.close()
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except DatabaseLockedError:
        partial.unlink(missing_ok=True)
        raise
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        if _is_disk_full(exc):
            raise BackupError(messages.BACKUP_DISK_FULL.format(path=target.parent)) from exc
        raise BackupError(messages.BACKUP_NOT_WRITTEN.format(
            reason=_file_sentence(exc, target))) from exc


def _is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return True
    return "full" in str(exc).lower()


def _file_sentence(exc: OSError | sqlite3.Error, path: Path) -> str:
    """What went wrong writing the backup `path`: the folder it goes in when the error is
    about it (missing, not writable), else the backup itself — never a `.partial` name."""
    if isinstance(exc, OSError):
        named = Path(exc.filename) if exc.filename else path
        return sentence(exc, named if named in path.parents else path)
    return sqlite_sentence(exc, path)


def _suffix(db: Database) -> str:
    return SQLITE_SUFFIX if db.path is not None else pg_backup.SUFFIX


def _is_server(db: Database) -> bool:
    if db.path is not None:
        return False
    if not db.url.startswith("postgresql"):
        raise BackupError(messages.BACKUP_UNSUPPORTED.format(url=db.url.split(":", 1)[0]))
    return True


def make_backup(db: Database, backup_dir: Path, reason: str = "manual",
                now: datetime | None = None) -> Path:
    """Write a backup named `pubdesk-YYYYMMDD-HHMMSS-{reason}.sqlite3` (or `.pgsql.sql` from
    the office server); return its path."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    suffix = _suffix(db)
    target = backup_dir / f"pubdesk-{stamp}-{reason}{suffix}"
    counter = 1
    while target.exists():
        counter += 1
        target = backup_dir / f"pubdesk-{stamp}-{reason}-{counter}{suffix}"
    if _is_server(db):
        pg_backup.dump(db.url, target)
    else:
        assert db.path is not None
        guard = getattr(db, "file_guard", None)
        # Not a file that has replaced ours (app.db.file_guard): the copy opens the path itself,
        # and opening another database beside our WAL would replay our frames into it. A file
        # replaced while it was copied leaves no backup (it would be of the other database).
        if guard is not None:
            guard.check()
        _copy_sqlite(db.path, target)
        if guard is not None and guard.replaced() is not None:
            target.unlink(missing_ok=True)
            guard.check()
    return target


def clear_partial_backups(backup_dir: Path) -> list[Path]:
    """Delete the `.partial` files of backups that were killed half-way; return them."""
    if not backup_dir.is_dir():
        return []
    removed = []
    for leftover in backup_dir.glob("pubdesk-*.partial"):
        try:
            leftover.unlink()
            removed.append(leftover)
        except OSError:
            continue  # another PubDesk may be writing it right now; next start tries again
    return removed


def list_backups(backup_dir: Path) -> list[Path]:
    """Every backup in the folder, of either kind, oldest first by name (= time)."""
    if not backup_dir.is_dir():
        return []
    return sorted({p for pattern in BACKUP_PATTERNS for p in backup_dir.glob(pattern)},
                  key=lambda p: p.name)


def backup_callback(db: Database, backup_dir: Path) -> Callable[[str], Path]:
    """A `backup(reason)` function for app.db.migrate.upgrade."""
    return lambda reason: make_backup(db, backup_dir, reason)


def automatic_backups(backup_dir: Path) -> list[Path]:
    """The automatic backups, oldest first."""
    return [p for p in list_backups(backup_dir) if "-auto." in p.name]


def auto_backup_if_due(db: Database, backup_dir: Path, keep: int = DEFAULT_KEEP,
                       now: datetime | None = None) -> Path | None:
    """Once a day: make an automatic backup and keep only the newest `keep` of them."""
    moment = now or datetime.now()
    today = moment.strftime("%Y%m%d")
    if any(p.name.startswith(f"pubdesk-{today}-") for p in automatic_backups(backup_dir)):
        return None
    made = make_backup(db, backup_dir, "auto", now=moment)
    for old in automatic_backups(backup_dir)[:-keep] if keep > 0 else []:
        old.unlink(missing_ok=True)
    return made


def inspect_backup(path: Path) -> str | None:
    """Check that `path` is a restorable PubDesk backup; return its schema revision."""
    if not path.is_file():
        raise BackupError(messages.RESTORE_NOT_FOUND.format(path=path))
    if path.name.endswith(pg_backup.SUFFIX):
        return _checked_revision(path, pg_backup.read_revision(path))
    # Read through SQLite only (see app.db.engine.check_sqlite_file: a file opened and closed
    # by hand drops this process's locks, and an officer may pick the live database).
    try:
        with sqlite3.connect(f"file:{quote(path.as_posix())}?mode=ro", uri=True) as conn:
            verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
            if verdict != "ok":  # SQLite's findings are for IT, in English: not shown
                raise BackupError(messages.RESTORE_DAMAGED.format(path=path))
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if "alembic_version" not in tables or "publications" not in tables:
                raise BackupError(messages.RESTORE_INVALID.format(
                    path=path, detail="缺少 PubDesk 的資料表"))
            foreign = foreign_objects(conn)
            if foreign:
                raise BackupError(messages.RESTORE_FOREIGN_CODE.format(
                    path=path, objects="、".join(foreign[:5])))
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        conn.close()
    except sqlite3.Error as exc:
        if isinstance(exc, sqlite3.DatabaseError) and (
                "not a database" in str(exc) or "malformed" in str(exc)):
            raise BackupError(messages.RESTORE_INVALID.format(
                path=path, detail="不是 SQLite 資料庫檔案，或檔案已損壞")) from exc
        raise BackupError(messages.RESTORE_UNREADABLE.format(
            reason=sqlite_sentence(exc, path))) from exc
    return _checked_revision(path, row[0] if row else None)


def _checked_revision(path: Path, revision: str | None) -> str | None:
    try:
        check_not_newer(revision)
    except DatabaseTooNewError:
        raise BackupError(messages.RESTORE_TOO_NEW.format(path=path)) from None
    assert revision is None or revision in known_revisions()
    return revision


CONTENTS_NOTE = ("備份只包含資料庫：出版品、目次、期別與篇目、申請案、寄存、展售、授權函等紀錄，以及檔案的"
                 "位置；已產生的文件與電子檔本身在資料夾「output」與各自的位置，不在備份之內，請一併保存。")
"""What a backup holds and what it does not — said with every backup and before a restore."""


_COUNTED = (("publications", "出版品"), ("serial_issues", "期別"),
            ("number_applications", "編號申請案"), ("deposit_lines", "寄存項目"),
            ("settlements", "結帳"), ("consent_letters", "授權函"))


def _sqlite_row_counts(path: Path) -> dict[str, int]:
    with closing(sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table, _words in _COUNTED if table in tables}


def describe_backup(path: Path) -> str:
    """A backup in words for the officer: when it was taken, how many records of each kind it
    holds, and what it does not hold (`CONTENTS_NOTE`). Refuses what `inspect_backup`
    refuses."""
    inspect_backup(path)
    taken = local_time_text(datetime.fromtimestamp(path.stat().st_mtime, UTC))  # as every
    # other date the officer reads: 中華民國115年12月7日 16:40
    rows = pg_backup.row_counts(path) if path.name.endswith(pg_backup.SUFFIX) else \
        _sqlite_row_counts(path)
    counts = [f"{words} {rows[table]:,} 筆" for table, words in _COUNTED if table in rows]
    return f"備份時間 {taken}；內容：{'、'.join(counts)}。{CONTENTS_NOTE}"


def restore_backup(db: Database, backup_file: Path, backup_dir: Path) -> Path:
    """Replace the database's content with `backup_file`, after a safety backup of the current
    state (returned). The caller upgrades the schema afterwards if the backup is older."""
    inspect_backup(backup_file)
    server = _is_server(db)
    if backup_file.name.endswith(pg_backup.SUFFIX) != server:
        raise BackupError(messages.RESTORE_WRONG_KIND.format(path=backup_file))
    safety = make_backup(db, backup_dir, "before-restore")
    db.dispose()
    if server:
        from app.db.office import regrant_if_office

        pg_backup.restore(db.url, backup_file)
        regrant_if_office(db.url)
        return safety
    target = db.path
    assert target is not None
    try:
        with sqlite3.connect(backup_file) as src, sqlite3.connect(target, timeout=1) as dst:
            _bounded_backup(src, dst)
            give_identity(dst)  # not the backup's identity: the backup copied over it again is caught
        src.close()
        dst.close()
    except sqlite3.Error as exc:
        raise BackupError(messages.RESTORE_FAILED.format(
            reason=sqlite_sentence(exc, target), safety=safety)) from exc
    return safety
