import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.db import Database, auto_backup_if_due, make_backup, open_database, restore_database
from app.db.backup import automatic_backups, inspect_backup
from app.db.migrate import head_revision
from app.errors import BackupError
from app.paths import Locations
from app.services.publications import PublicationFilter, count_publications
from tests.app.factories import add_book


def _titles(db: Database) -> int:
    with db.session() as session:
        return count_publications(session, PublicationFilter())


def test_backup_and_restore_round_trip(db: Database, locations: Locations, unit_id: int) -> None:
    add_book(db, unit_id, "第一本")
    backup = make_backup(db, locations.backup_dir)
    add_book(db, unit_id, "第二本")
    assert _titles(db) == 2
    safety = restore_database(db, backup, locations)
    assert _titles(db) == 1
    assert "before-restore" in safety.name
    # The safety copy holds the state just before the restore: both books.
    restore_database(db, safety, locations)
    assert _titles(db) == 2


def test_automatic_backup_once_a_day_and_rotated(db: Database, locations: Locations) -> None:
    start = datetime(2026, 11, 1, 9, 0)
    for day in range(5):
        made = auto_backup_if_due(db, locations.backup_dir, keep=3, now=start + timedelta(days=day))
        assert made is not None
        again = auto_backup_if_due(db, locations.backup_dir, keep=3,
                                   now=start + timedelta(days=day, hours=3))
        assert again is None
    names = [p.name for p in automatic_backups(locations.backup_dir)]
    suffix = ".sqlite3" if db.path else ".pgsql.sql"
    assert names == [f"pubdesk-2026110{day}-090000-auto{suffix}" for day in (3, 4, 5)]


def test_manual_backups_are_not_rotated_away(db: Database, locations: Locations) -> None:
    manual = make_backup(db, locations.backup_dir)
    for day in range(3):
        auto_backup_if_due(db, locations.backup_dir, keep=1,
                           now=datetime(2026, 1, 1) + timedelta(days=day))
    assert manual.exists()


def test_restore_refuses_files_that_are_not_backups(db: Database, locations: Locations,
                                                    tmp_path: Path) -> None:
    not_sqlite = tmp_path / "notes.sqlite3"
    not_sqlite.write_text("hello")
    with pytest.raises(BackupError, match="不是可還原"):
        restore_database(db, not_sqlite, locations)
    with pytest.raises(BackupError, match="找不到"):
        inspect_backup(tmp_path / "missing.sqlite3")
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(BackupError, match="缺少 PubDesk"):
        inspect_backup(other)


@pytest.mark.sqlite_only
def test_restore_refuses_a_backup_from_a_newer_app(db: Database, locations: Locations,
                                                   unit_id: int) -> None:
    add_book(db, unit_id)
    newer = make_backup(db, locations.backup_dir, "from-future")
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff'")
    conn.close()
    with pytest.raises(BackupError, match="較新版本"):
        restore_database(db, newer, locations)
    assert _titles(db) == 1


@pytest.mark.sqlite_only
def test_disk_full_leaves_no_partial_backup(db: Database, locations: Locations,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    real_connect = sqlite3.connect

    class FullDisk:
        def __init__(self, path: object) -> None:
            self.inner = real_connect(path)  # type: ignore[arg-type]

        def __enter__(self) -> "FullDisk":
            return self

        def __exit__(self, *args: object) -> None:
            self.inner.close()

        def backup(self, _target: object, **_options: object) -> None:
            raise sqlite3.OperationalError("database or disk is full")

        def close(self) -> None:
            self.inner.close()

    monkeypatch.setattr("app.db.backup.sqlite3.connect", FullDisk)
    with pytest.raises(BackupError, match="磁碟空間不足"):
        make_backup(db, locations.backup_dir)
    assert list(locations.backup_dir.glob("*")) == []


def test_backup_of_a_server_database_without_pg_dump_is_explained(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("app.db.pg_backup.find_tool", lambda _name: None)
    db = Database("postgresql+psycopg://localhost/pubdesk", engine=None)  # type: ignore[arg-type]
    with pytest.raises(BackupError, match="找不到 PostgreSQL 的備份程式 pg_dump"):
        make_backup(db, tmp_path)
    other = Database("mysql://localhost/pubdesk", engine=None)  # type: ignore[arg-type]
    with pytest.raises(BackupError, match="只能備份 SQLite 檔案與 PostgreSQL"):
        make_backup(other, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_backup_of_one_kind_is_not_restored_into_the_other(
        db: Database, locations: Locations, tmp_path: Path) -> None:
    other = tmp_path / ("x.pgsql.sql" if db.path else "x.sqlite3")
    other.write_bytes(b"")
    with pytest.raises(BackupError):
        restore_database(db, other, locations)


def test_leftovers_of_a_killed_backup_are_cleared_at_open(locations: Locations) -> None:
    locations.backup_dir.mkdir(parents=True, exist_ok=True)
    leftover = locations.backup_dir / "pubdesk-20261130-101010-manual.sqlite3.partial"
    leftover.write_bytes(b"x" * 4096)
    keep = locations.backup_dir / "notes.partial"
    keep.write_bytes(b"not ours")
    open_database(locations).dispose()
    assert not leftover.exists()
    assert keep.exists()


@pytest.mark.sqlite_only
def test_open_again_after_restore_of_an_older_schema(locations: Locations,
                                                     tmp_path: Path) -> None:
    from tests.app.test_migrations import _fill_at_first_revision

    old = tmp_path / "old.sqlite3"
    _fill_at_first_revision("sqlite:///" + old.as_posix())
    db = open_database(locations)
    try:
        restore_database(db, old, locations)
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == \
                head_revision()
            assert conn.exec_driver_sql("SELECT count(*) FROM contributors").scalar() == 1
    finally:
        db.dispose()


def test_a_backup_says_what_it_holds_and_what_not(db: Database, locations: Locations,
                                                  unit_id: int) -> None:
    from app.db.backup import describe_backup
    from tests.app.factories import add_book

    add_book(db, unit_id)
    add_book(db, unit_id, "第二本")
    text = describe_backup(make_backup(db, locations.backup_dir))
    assert "出版品 2 筆" in text
    assert "不在備份之內" in text, "the output folder is not in a backup, and it says so"


@pytest.mark.sqlite_only
def test_a_restore_gives_up_on_a_locked_database_and_says_so(
        db: Database, locations: Locations, unit_id: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from app.errors import DatabaseLockedError

    add_book(db, unit_id, "第一本")
    backup = make_backup(db, locations.backup_dir)
    add_book(db, unit_id, "第二本")
    monkeypatch.setattr("app.db.backup.LOCK_WAIT_S", 1.0)
    holder = sqlite3.connect(locations.data_dir / "pubdesk.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    started = time.monotonic()
    try:
        with pytest.raises(DatabaseLockedError, match="無法還原"):
            restore_database(db, backup, locations)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert time.monotonic() - started < 20
    assert _titles(db) == 2, "the current data is untouched"
    assert not list(locations.backup_dir.glob("*.partial"))


@pytest.mark.sqlite_only
def test_a_damaged_or_emptied_database_is_replaced_from_a_backup(
        locations: Locations, tmp_path: Path) -> None:
    from app.db.open import replace_broken_database
    from app.errors import DatabaseDamagedError

    db = open_database(locations)
    with db.session() as session:
        from app.services.units import UnitData, save_unit

        save_unit(session, UnitData(full_name="經濟部", doc_code="經"))
    backup = make_backup(db, locations.backup_dir)
    db.dispose()
    path = locations.data_dir / "pubdesk.sqlite3"
    damaged = bytearray(path.read_bytes())
    for index in range(100, len(damaged), 7):
        damaged[index] = 0xAB
    path.write_bytes(bytes(damaged))
    with pytest.raises(DatabaseDamagedError, match="已損壞"):
        open_database(locations)
    assert path.read_bytes() == bytes(damaged), "a damaged file is left as it was"
    kept = replace_broken_database(locations, backup)
    assert kept.read_bytes() == bytes(damaged)
    open_database(locations).dispose()

    path.write_bytes(b"")
    with pytest.raises(DatabaseDamagedError, match="0 位元組"):
        open_database(locations)
    assert path.stat().st_size == 0
