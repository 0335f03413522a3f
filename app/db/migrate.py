"""Schema migrations at start-up: refuse a database newer than the app, back up before an
upgrade, and upgrade in one transaction with foreign keys off (so SQLite's table rebuilds do
not cascade-delete child rows) and a `foreign_key_check` before commit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import OperationalError

from app import messages
from app.db.engine import (
    driver_errors_translated,
    make_engine,
    shown_url,
    sqlite_file,
    translate_driver_error,
)
from app.errors import DatabaseError, DatabaseTooNewError, UnexplainedDatabaseError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
HEAD_REVISION = "0018"
"""The newest migration, so that starting with an up-to-date database does not load Alembic
(a tenth of a second); a test checks it against the migration scripts."""


def alembic_config() -> Config:
    """The Alembic configuration pointing at the migrations inside the package."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """The newest schema revision this app knows."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    """Every revision this app knows."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def current_revision(connection: Connection) -> str | None:
    """The database's revision; None for a database never migrated (e.g. brand new)."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def check_not_newer(revision: str | None) -> None:
    """Raise DatabaseTooNewError when `revision` comes from a newer PubDesk."""
    if revision is not None and revision not in known_revisions():
        raise DatabaseTooNewError(messages.DATABASE_TOO_NEW.format(revision=revision))


def needs_upgrade(url: str, *, wal: bool = True) -> tuple[str | None, bool]:
    """(current revision, whether it is behind head); refuses a newer database. Only looks:
    the journal mode is left as the file has it, so a refused file is not changed at all."""
    engine = make_engine(url, pooled=False, wal=None)
    try:
        with driver_errors_translated(sqlite_file(url)), engine.connect() as conn:
            revision = current_revision(conn)
            has_tables = bool(inspect(conn).get_table_names())
    finally:
        engine.dispose()
    if revision == HEAD_REVISION:
        return revision, False
    check_not_newer(revision)
    if revision is None and has_tables:
        raise DatabaseError(messages.NOT_A_DATABASE.format(path=shown_url(url)))
    return revision, revision != head_revision()


def upgrade(url: str, *, target: str = "head", wal: bool = True,
            backup: Callable[[str], Path] | None = None) -> Path | None:
    """Bring the database to `target`. Returns the backup made first, if any.

    `backup(reason)` is called only when an existing database (one with a revision) is about
    to change, so a fresh database costs no backup file.
    """
    revision, behind = needs_upgrade(url, wal=wal)
    if not behind and target == "head":
        return None
    backup_path = backup(f"before-upgrade-{revision}") if (backup and revision) else None
    is_sqlite = make_url_backend(url) == "sqlite"
    # A dedicated connection with foreign keys OFF from the start: the pragma is a no-op
    # inside a transaction, and SQLite rebuilds tables by DROP + RENAME during batch ops.
    engine = make_engine(url, foreign_keys=not is_sqlite, pooled=False, wal=wal)
    try:
        from alembic import command

        with engine.connect() as conn, conn.begin():
            config = alembic_config()
            config.attributes["connection"] = conn
            command.upgrade(config, target)
            if is_sqlite:
                broken = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
                if broken:
                    raise DatabaseError(messages.MIGRATION_FK_BROKEN.format(count=len(broken)))
    except DatabaseError:
        raise
    except OperationalError as exc:
        # Locked, disk full, damaged…: said as such, not as the SQL statement that met it.
        translated = translate_driver_error(exc, sqlite_file(url))
        if not isinstance(translated, UnexplainedDatabaseError):
            raise translated from exc
        raise DatabaseError(messages.MIGRATION_FAILED.format(
            detail=translated.message, backup=backup_path or "—")) from exc
    except Exception as exc:
        detail = (str(getattr(exc, "orig", exc)).strip().splitlines() or [type(exc).__name__])[0]
        raise DatabaseError(messages.MIGRATION_FAILED.format(
            detail=detail, backup=backup_path or "—")) from exc
    finally:
        engine.dispose()
    return backup_path


def make_url_backend(url: str) -> str:
    """'sqlite', 'postgresql', …"""
    from sqlalchemy.engine import make_url

    return make_url(url).get_backend_name()
