"""Opening a workspace database: checks, migrations with a backup first, reference data."""

from __future__ import annotations

from pathlib import Path

from app.db.backup import backup_callback, clear_partial_backups, restore_backup
from app.db.engine import Database, make_engine, prepare_sqlite_location, sqlite_file
from app.db.migrate import upgrade
from app.paths import Locations


def open_database(locations: Locations, *, migrate: bool = True, seed: bool = True) -> Database:
    """Open (and create or upgrade) the database at `locations`.

    Refuses a database newer than the app and a file that is not a database; backs up before
    any upgrade; seeds the reference data once. Warnings (e.g. a network share) are kept in
    `Database.warnings` for the UI to show.
    """
    warnings: list[str] = []
    clear_partial_backups(locations.backup_dir)
    path = sqlite_file(locations.database_url)
    if path is not None:
        warnings = prepare_sqlite_location(path)
    on_network_share = bool(warnings)
    wal = not on_network_share
    db = Database(locations.database_url, make_engine(locations.database_url, wal=wal),
                  backup_dir=locations.backup_dir, warnings=warnings,
                  data_dir=locations.data_dir)
    if migrate:
        upgrade(locations.database_url, wal=wal,
                backup=backup_callback(db, locations.backup_dir))
    if seed:
        from app.services.reference import seed_reference_data

        with db.session() as session:
            seed_reference_data(session)
    return db


def restore_database(db: Database, backup_file: Path, locations: Locations) -> Path:
    """Restore `backup_file` into the open database and bring its schema up to date.

    The current state is backed up first (the path is returned); `db` stays usable, so an
    open window simply re-reads its data.
    """
    safety = restore_backup(db, backup_file, locations.backup_dir)
    upgrade(db.url, wal=not db.warnings, backup=backup_callback(db, locations.backup_dir))
    return safety
