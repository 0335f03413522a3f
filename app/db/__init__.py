"""The database: open (with migrations and seeding), sessions, backups.

    db = open_database(resolve_locations(data_dir, url))
    with db.session() as session:
        ...
"""

from __future__ import annotations

from app.db.backup import auto_backup_if_due, make_backup, restore_backup
from app.db.engine import Database, make_engine
from app.db.open import open_database, restore_database

__all__ = [
    "Database", "auto_backup_if_due", "make_backup", "make_engine", "open_database",
    "restore_backup", "restore_database",
]
