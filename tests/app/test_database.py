import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from app.db import Database, open_database
from app.db.engine import make_engine
from app.db.network import filesystem_type, is_network_path, is_unc_path
from app.errors import DatabaseError, DatabaseLockedError, DatabaseTooNewError
from app.paths import Locations, resolve_locations, sqlite_url
from tests.app.factories import add_book


@pytest.mark.sqlite_only
def test_sqlite_settings(db: Database) -> None:
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000


def test_locations_precedence(tmp_path: Path) -> None:
    env = {"PUBDESK_DATA_DIR": str(tmp_path / "env"), "PUBDESK_DB": "sqlite:///env.db"}
    assert resolve_locations(tmp_path / "cli", "sqlite:///cli.db", env).database_url == \
        "sqlite:///cli.db"
    from_env = resolve_locations(None, None, env)
    assert from_env.data_dir == (tmp_path / "env").resolve()
    assert from_env.database_url == "sqlite:///env.db"
    default = resolve_locations(tmp_path / "d", None, {})
    assert default.database_url == sqlite_url(tmp_path / "d" / "pubdesk.sqlite3")
    assert default.backup_dir == (tmp_path / "d" / "backups").resolve()


@pytest.mark.sqlite_only
def test_database_newer_than_app_is_refused_untouched(locations: Locations) -> None:
    open_database(locations).dispose()
    path = locations.data_dir / "pubdesk.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNewError, match="較新版本"):
        open_database(locations)
    assert path.read_bytes() == before


def test_a_server_database_newer_than_the_app_is_refused(locations: Locations) -> None:
    """On either backend (test_database_newer_than_app_is_refused_untouched checks the bytes)."""
    open_database(locations).dispose()
    engine = make_engine(locations.database_url, pooled=False)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(DatabaseTooNewError, match="較新版本"):
        open_database(locations)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "9999"
    engine.dispose()


@pytest.mark.sqlite_only
def test_a_newer_database_in_rollback_journal_mode_stays_in_that_mode(
        locations: Locations) -> None:
    open_database(locations).dispose()
    path = locations.data_dir / "pubdesk.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNewError):
        open_database(locations)
    assert path.read_bytes() == before, "not switched to WAL: the message says 'not changed'"
    assert not path.with_name("pubdesk.sqlite3-wal").exists()


@pytest.mark.sqlite_only
def test_a_file_that_is_not_a_database_is_refused(locations: Locations) -> None:
    path = locations.data_dir / "pubdesk.sqlite3"
    path.write_bytes(b"PK\x03\x04 an excel file renamed")
    with pytest.raises(DatabaseError, match="不是 PubDesk 資料庫"):
        open_database(locations)
    assert path.read_bytes().startswith(b"PK")


@pytest.mark.sqlite_only
def test_a_foreign_sqlite_database_is_refused(locations: Locations) -> None:
    path = locations.data_dir / "pubdesk.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE something_else (x)")
    conn.close()
    with pytest.raises(DatabaseError, match="不是 PubDesk 資料庫"):
        open_database(locations)


@pytest.mark.sqlite_only
def test_locked_database_gives_a_message_and_keeps_data(locations: Locations,
                                                        unit_id: int, db: Database) -> None:
    pub_id = add_book(db, unit_id)
    impatient = Database(db.url, make_engine(db.url, busy_timeout_ms=100))
    holder = sqlite3.connect(locations.data_dir / "pubdesk.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseLockedError, match="其他程式使用中"), impatient.session() as s:
            s.execute(text("UPDATE publications SET pages = 1 WHERE id = :i"), {"i": pub_id})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        impatient.dispose()
    with db.session() as session:
        assert session.execute(text("SELECT pages FROM publications")).scalar() == 240


def test_unc_paths() -> None:
    assert is_unc_path(r"\\fileserver\pub\pubdesk.sqlite3")
    assert is_unc_path("//fileserver/pub/pubdesk.sqlite3")
    assert is_unc_path(r"\\?\UNC\fileserver\pub\db.sqlite3")
    assert not is_unc_path(r"\\?\C:\data\db.sqlite3")
    assert not is_unc_path(r"C:\Users\officer\AppData\Local\PubDesk")
    assert is_network_path(Path(r"\\fileserver\pub\pubdesk.sqlite3"))


MOUNTS = """/dev/vda / ext4 rw 0 0
//nas/share /mnt/office cifs rw 0 0
nas:/export /mnt/nfs nfs4 rw 0 0
/dev/vdb /mnt/office/local ext4 rw 0 0
"""


def test_mount_table_decides_network_filesystems() -> None:
    assert filesystem_type(Path("/mnt/office/db.sqlite3"), MOUNTS) == "cifs"
    assert filesystem_type(Path("/mnt/nfs/a/b.sqlite3"), MOUNTS) == "nfs4"
    assert filesystem_type(Path("/mnt/office/local/db.sqlite3"), MOUNTS) == "ext4"
    assert filesystem_type(Path("/mnt/officer/db.sqlite3"), MOUNTS) == "ext4"


@pytest.mark.sqlite_only
def test_network_share_opens_without_wal_and_says_why(locations: Locations,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("app.db.engine.is_network_path", lambda _path: True)
    db = open_database(locations)
    try:
        assert db.warnings
        assert "網路磁碟" in db.warnings[0]
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
    finally:
        db.dispose()


def test_reference_data_is_seeded_once_and_marked_unverified(db: Database,
                                                            locations: Locations) -> None:
    from app.models import DepositLibrary, SalesStore
    from app.services.reference import seed_reference_data

    with db.session() as session:
        libraries = session.query(DepositLibrary).all()
        assert {lib.name for lib in libraries} >= {"國家圖書館", "立法院國會圖書館"}
        assert next(lib for lib in libraries if lib.name == "國家圖書館").copies == 2
        assert not any(lib.verified for lib in libraries)
        assert session.query(SalesStore).count() == 2
        session.query(DepositLibrary).delete()
    with db.session() as session:
        assert seed_reference_data(session) is False
        assert session.query(DepositLibrary).count() == 0


def test_a_data_folder_that_cannot_be_written_is_named_in_the_message(tmp_path: Path) -> None:
    """Issue 12, defect 8: a traceback used to be all the officer saw. (A file where the
    folder should be: the tests run as root, for whom permissions do not stop a write.)"""
    from app.errors import DatabaseError
    from app.paths import resolve_locations

    (tmp_path / "blocked").write_text("not a folder")
    locations = resolve_locations(tmp_path / "blocked" / "PubDesk", environ={})
    with pytest.raises(DatabaseError, match="要換資料夾，請在視窗中按「選擇其他資料夾」") as info:
        open_database(locations)
    assert str(tmp_path / "blocked") in info.value.message
    assert "是檔案而不是資料夾" in info.value.message  # why, by the error's meaning (ENOTDIR)
    assert "Not a directory" not in info.value.message
