"""Opening a workspace database: checks, migrations with a backup first, reference data."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

from app import messages
from app.db import pg_backup
from app.db.backup import backup_callback, clear_partial_backups, inspect_backup, restore_backup
from app.db.backup_schema import reinstall_triggers
from app.db.engine import (
    BUSY_TIMEOUT_MS,
    Database,
    make_engine,
    prepare_sqlite_location,
    shown_url,
    sqlite_file,
)
from app.db.file_guard import ensure_identity, give_identity
from app.db.file_problems import COMPANIONS, sqlite_sentence
from app.db.migrate import upgrade
from app.errors import BackupError
from app.os_errors import sentence
from app.paths import Locations


def open_database(locations: Locations, *, migrate: bool = True, seed: bool = True) -> Database:
    """Open (and create or upgrade) the database at `locations`.

    Refuses a database newer than the app and a file that is not a database; backs up before
    any upgrade; seeds the reference data once. Warnings (e.g. a network share) are kept in
    `Database.warnings` for the UI to show.
    """
    clear_partial_backups(locations.backup_dir)
    path = sqlite_file(locations.database_url)
    warnings = prepare_sqlite_location(path, locations.backup_dir) if path is not None else []
    db = Database(locations.database_url, make_engine(locations.database_url,
                                                      wal=not warnings),
                  backup_dir=locations.backup_dir, warnings=warnings,
                  data_dir=locations.data_dir)
    _bring_up(db, locations, migrate=migrate, seed=seed)
    return db


def reopen_database(db: Database, locations: Locations) -> Path | None:
    """Open again the file now at the database's place, after another program replaced the
    one `db` had open (app.errors.DatabaseReplacedError): every connection to the old one is
    closed, and the new file is checked, upgraded (after a backup) and seeded as at any
    opening. `db` stays the same object — every page holds it — and reads the new file from
    its next session on.

    Returns where the replaced file was kept, when it had been moved away rather than
    overwritten in place (Database.dispose): a backup the officer can restore."""
    kept = db.dispose()
    clear_partial_backups(locations.backup_dir)
    if db.path is not None:
        prepare_sqlite_location(db.path, locations.backup_dir)
    db.upgrade_backup = None
    _bring_up(db, locations, migrate=True, seed=True)
    return kept


def _bring_up(db: Database, locations: Locations, *, migrate: bool, seed: bool) -> None:
    """What opening does once the engine exists: migrations (backup first), the file's stamp
    (app.db.file_guard), the office login's rights, the audit anchor, the reference data."""
    path = db.path
    if migrate:
        db.upgrade_backup = upgrade(db.url, wal=not db.warnings,
                                    backup=backup_callback(db, locations.backup_dir))
    if path is not None:
        ensure_identity(path, BUSY_TIMEOUT_MS / 1000)  # before the first connection records it
    else:
        from app.db.engine import driver_errors_translated
        from app.db.office import access

        with driver_errors_translated(), db.engine.connect() as conn:
            who = access(conn)
        db.user, db.read_only = who.login or None, not who.can_write
    _remember_audit_head(db)
    if seed and not db.read_only:
        from app.services.reference import seed_reference_data

        with db.session() as session:
            seed_reference_data(session)


def _remember_audit_head(db: Database) -> None:
    """This PC's anchor in the audit chain (app.db.audit_chain): one indexed look-up."""
    from app.db import audit_chain

    try:
        with db.engine.connect() as conn:
            audit_chain.remember_head(conn, db.data_dir, db.url)
    except Exception:  # an anchor is a safeguard; a failure to set one must not stop work
        return


def replace_broken_database(locations: Locations, backup_file: Path) -> Path:
    """Put `backup_file` in place of a damaged or empty database file that cannot be opened
    (so `restore_database` cannot be used). The broken file is kept, renamed, in the backup
    folder for whoever investigates; returns where."""
    path = sqlite_file(locations.database_url)
    if path is None:
        raise BackupError(messages.BACKUP_UNSUPPORTED.format(url=shown_url(locations.database_url)))
    inspect_backup(backup_file)
    if backup_file.name.endswith(pg_backup.SUFFIX):
        raise BackupError(messages.RESTORE_WRONG_KIND.format(path=backup_file))
    kept = locations.backup_dir / f"pubdesk-{datetime.now():%Y%m%d-%H%M%S}-damaged.sqlite3.broken"
    moved: list[tuple[Path, Path]] = []

    def put_back() -> None:  # as it was: the officer's broken file is never lost
        for original, aside in reversed(moved):
            with contextlib.suppress(OSError):
                os.replace(aside, original)

    try:
        locations.backup_dir.mkdir(parents=True, exist_ok=True)
        for suffix in COMPANIONS:
            part = path.with_name(path.name + suffix)
            if part.exists():
                os.replace(part, kept.with_name(kept.name + suffix))
                moved.append((part, kept.with_name(kept.name + suffix)))
    except OSError as exc:
        put_back()
        raise BackupError(messages.RESTORE_OVER_BROKEN_FAILED.format(
            reason=sentence(exc))) from exc
    try:
        with closing(sqlite3.connect(backup_file)) as src, closing(sqlite3.connect(path)) as dst:
            src.backup(dst)
            give_identity(dst)  # an identity of its own: the backup copied over it again is caught
    except sqlite3.Error as exc:
        reason = sqlite_sentence(exc, path)
        for suffix in COMPANIONS:
            with contextlib.suppress(OSError):
                path.with_name(path.name + suffix).unlink(missing_ok=True)
        put_back()
        raise BackupError(messages.RESTORE_OVER_BROKEN_FAILED.format(reason=reason)) from exc
    return kept


def restore_database(db: Database, backup_file: Path, locations: Locations) -> Path:
    """Restore `backup_file` into the open database and bring its schema up to date.

    The current state is backed up first (the path is returned); `db` stays usable, so an
    open window simply re-reads its data.
    """
    safety = restore_backup(db, backup_file, locations.backup_dir)
    upgrade(db.url, wal=not db.warnings, backup=backup_callback(db, locations.backup_dir))
    with db.engine.begin() as connection:  # the backup's triggers are not trusted: ours again
        reinstall_triggers(connection)
    return safety
