"""The database file is ours while open (issue 28, item 6): a file another program puts in its
place is never written into, and PubDesk reopens it; PubDesk's own writes, backups and restores
never look like such a replacement."""

from __future__ import annotations

import os
import shutil
import sqlite3
import struct
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db import Database, make_backup, open_database, restore_database
from app.db import file_guard as guard_module
from app.db.backup import inspect_backup
from app.db.file_guard import (
    APPLICATION_ID,
    DESCRIPTORS,
    FileIdentity,
    WalIdentity,
    replaced_reason,
    writes,
)
from app.db.open import reopen_database
from app.db.windows_hold import (
    FILE_SHARE_DELETE,
    FILE_SHARE_READ,
    FILE_SHARE_WRITE,
    open_held,
    share_mode,
)
from app.errors import DatabaseReplacedError
from app.models import Publication
from app.paths import Locations, resolve_locations
from app.services.units import UnitData, save_unit
from tests.app.factories import add_book

pytestmark = pytest.mark.sqlite_only


def _file(locations: Locations) -> Path:
    path = Path(locations.database_url.split("///", 1)[1])
    assert path.is_file()
    return path


@pytest.fixture(params=["wal", "rollback"])
def journal(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both journal modes: WAL (a local disk) and the rollback journal (what PubDesk uses on a
    network share, where WAL is unsafe)."""
    if request.param == "rollback":
        monkeypatch.setattr("app.db.engine.is_network_path", lambda _path: True)
    return str(request.param)


@pytest.fixture
def foreign(tmp_path: Path, journal: str) -> Path:
    """Another office's PubDesk database, closed: one unit, one book 「乙書」."""
    other = open_database(resolve_locations(tmp_path / "other", environ={}))
    with other.session() as session:
        unit = save_unit(session, UnitData("經濟部標準檢驗局"))
    add_book(other, unit, "乙書")
    other.dispose()
    copy = tmp_path / "foreign.sqlite3"
    shutil.copyfile(_file(resolve_locations(tmp_path / "other", environ={})), copy)
    return copy


@pytest.fixture
def ours(tmp_path: Path, journal: str) -> Iterator[tuple[Database, Locations, int]]:
    locations = resolve_locations(tmp_path / "ours", environ={})
    db = open_database(locations)
    with db.engine.connect() as conn:
        mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
    assert mode == ("wal" if journal == "wal" else "delete")
    with db.session() as session:
        unit = save_unit(session, UnitData("經濟部產業發展署"))
    for number in range(3):
        add_book(db, unit, f"甲書{number}")
    yield db, locations, unit
    db.dispose()


def _titles(db: Database) -> set[str]:
    with db.session() as session:
        return set(session.scalars(select(Publication.title)))


def _integrity(path: Path) -> str:
    with sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True) as conn:
        verdict = str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    conn.close()
    return verdict


def _titles_in(path: Path) -> set[str]:
    with sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True) as conn:
        titles = {row[0] for row in conn.execute("SELECT title FROM publications")}
    conn.close()
    return titles


@pytest.mark.parametrize("how", ["moved into place", "copied over in place"])
def test_a_replaced_file_is_not_written_into_and_is_reopened(
        ours: tuple[Database, Locations, int], foreign: Path, tmp_path: Path, how: str) -> None:
    db, locations, unit = ours
    target = _file(locations)
    expected = foreign.read_bytes()
    if how == "moved into place":  # a sync tool: a temporary file renamed over ours
        shutil.copyfile(foreign, tmp_path / "download.tmp")
        os.replace(tmp_path / "download.tmp", target)
    else:  # cp, or a copy program that writes into the existing file
        shutil.copyfile(foreign, target)

    with pytest.raises(DatabaseReplacedError) as refused:
        add_book(db, unit, "甲書新")
    assert "被其他程式換掉或覆蓋了" in refused.value.message
    assert "這次的修改沒有儲存" in refused.value.message
    assert str(target) in refused.value.message
    assert target.read_bytes() == expected  # nothing written into it
    kept = db.dispose()  # closing our connections writes nothing into it either
    assert target.read_bytes() == expected
    assert _integrity(target) == "ok"  # no WAL of the old file is left to replay into it

    if how == "moved into place":  # what the officer had is kept, restorable
        assert kept is not None
        assert kept.parent == locations.backup_dir
        assert _titles_in(kept) == {"甲書0", "甲書1", "甲書2"}
        inspect_backup(kept)
    else:  # overwritten in place: nothing of ours is left to keep
        assert kept is None

    reopen_database(db, locations)
    assert _titles(db) == {"乙書"}
    with db.session() as session:
        other_unit = session.scalar(select(Publication.unit_id))
    assert other_unit is not None
    add_book(db, other_unit, "在新檔案裡存的書")  # the reopened file is guarded and writable
    assert _titles(db) == {"乙書", "在新檔案裡存的書"}
    assert _integrity(target) == "ok"


@pytest.mark.parametrize("how", ["moved into place", "copied over in place"])
def test_a_new_connection_does_not_touch_a_file_that_replaced_ours(
        ours: tuple[Database, Locations, int], foreign: Path, tmp_path: Path, how: str) -> None:
    """A save in a worker thread opens a connection of its own: to a file that has replaced
    ours it must not even set its pragmas (WAL mode rewrites the header) — found when saves
    moved off the GUI thread (issue 26)."""
    import threading

    db, locations, unit = ours
    target = _file(locations)
    expected = foreign.read_bytes()
    held = db.engine.connect()  # the pooled connection is busy: the next one is new
    try:
        if how == "moved into place":
            shutil.copyfile(foreign, tmp_path / "download.tmp")
            os.replace(tmp_path / "download.tmp", target)
        else:
            shutil.copyfile(foreign, target)
        failures: list[BaseException] = []

        def save_in_a_worker() -> None:
            try:
                add_book(db, unit, "甲書新")
            except BaseException as exc:
                failures.append(exc)

        worker = threading.Thread(target=save_in_a_worker)
        worker.start()
        worker.join(30)
        assert [type(exc) for exc in failures] == [DatabaseReplacedError]
        assert target.read_bytes() == expected
    finally:
        held.close()
    db.dispose()
    assert target.read_bytes() == expected


@pytest.mark.parametrize("how", ["moved into place", "copied over in place"])
def test_a_backup_does_not_open_a_file_that_replaced_ours(
        ours: tuple[Database, Locations, int], foreign: Path, tmp_path: Path, how: str) -> None:
    """The automatic backup copies through a connection of its own: on a replaced file it
    stops before opening it (beside our WAL, the open replayed our frames into the other
    database) — found when a save's nested event loop let the backup run meanwhile."""
    db, locations, _unit = ours
    target = _file(locations)
    expected = foreign.read_bytes()
    if how == "moved into place":
        shutil.copyfile(foreign, tmp_path / "download.tmp")
        os.replace(tmp_path / "download.tmp", target)
    else:
        shutil.copyfile(foreign, target)
    with pytest.raises(DatabaseReplacedError):
        make_backup(db, locations.backup_dir, "auto")
    assert target.read_bytes() == expected
    assert not list(locations.backup_dir.glob("*auto*"))


def test_a_backup_copied_back_over_the_file_is_caught(
        ours: tuple[Database, Locations, int]) -> None:
    """The officer 'restores' by copying a backup from the backup folder over the database:
    in place, inode and all unchanged — the backup's own identity gives it away."""
    db, locations, unit = ours
    backup = make_backup(db, locations.backup_dir)
    add_book(db, unit, "備份之後的書")
    shutil.copyfile(backup, _file(locations))
    with pytest.raises(DatabaseReplacedError):
        add_book(db, unit, "甲書新")
    assert _file(locations).read_bytes() == backup.read_bytes()
    reopen_database(db, locations)
    assert _titles(db) == {"甲書0", "甲書1", "甲書2"}


def test_an_older_copy_of_the_file_itself_is_caught(
        ours: tuple[Database, Locations, int], tmp_path: Path, journal: str) -> None:
    """A copy of this very file taken outside PubDesk (same identity) and copied back by
    renaming — as sync tools do — is another file."""
    db, locations, unit = ours
    db.dispose()
    shutil.copyfile(_file(locations), tmp_path / "yesterday.sqlite3")
    add_book(db, unit, "今天的書")
    shutil.copyfile(tmp_path / "yesterday.sqlite3", tmp_path / "sync.tmp")
    os.replace(tmp_path / "sync.tmp", _file(locations))
    with pytest.raises(DatabaseReplacedError):
        add_book(db, unit, "甲書新")
    reopen_database(db, locations)
    assert "今天的書" not in _titles(db)


def test_our_own_writes_backups_and_restores_never_trip_the_guard(
        ours: tuple[Database, Locations, int], journal: str) -> None:
    db, locations, unit = ours
    second = open_database(locations)  # another window of this process on the same file
    try:
        for number in range(150):
            add_book(db if number % 3 else second, unit, f"書{number}")
        backup = make_backup(db, locations.backup_dir)
        for number in range(50):
            add_book(db, unit, f"備份後{number}")
        restore_database(db, backup, locations)  # replaces the content, through SQLite
        assert "備份後0" not in _titles(db)
        for number in range(100):
            add_book(db, unit, f"還原後{number}")
        assert len(_titles(db)) == 3 + 150 + 100
    finally:
        second.dispose()
    assert _integrity(_file(locations)) == "ok"


def test_every_file_and_backup_has_an_identity_of_its_own(
        ours: tuple[Database, Locations, int]) -> None:
    db, locations, _unit = ours

    def identity(path: Path) -> tuple[int, int]:
        head = path.read_bytes()[:100]
        return struct.unpack(">I", head[68:72])[0], struct.unpack(">I", head[60:64])[0]

    live = identity(_file(locations))
    first, second = make_backup(db, locations.backup_dir), make_backup(db, locations.backup_dir)
    assert live[0] == identity(first)[0] == identity(second)[0] == APPLICATION_ID
    assert len({live[1], identity(first)[1], identity(second)[1]}) == 3
    assert 0 not in (live[1], identity(first)[1])
    restore_database(db, first, locations)
    assert identity(_file(locations))[1] not in (live[1], identity(first)[1])


def test_the_descriptor_is_let_go_with_the_last_database_of_the_file(locations: Locations) -> None:
    before = DESCRIPTORS.count()
    first, second = open_database(locations), open_database(locations)
    assert DESCRIPTORS.count() == before + 1  # one per file, shared
    first.dispose()
    assert DESCRIPTORS.count() == before + 1  # still used by the second
    second.dispose()
    assert DESCRIPTORS.count() == before


def _identity(header: bytes, wal: WalIdentity | None = None, inode: int = 7) -> FileIdentity:
    return FileIdentity(1, inode, header, wal)


def _header(counter: int = 5, stamp: tuple[int, int] | None = (APPLICATION_ID, 1234),
            page_size: int = 4096, pages: int = 10) -> bytes:
    head = bytearray(100)
    head[:16] = guard_module.MAGIC
    head[16:18] = struct.pack(">H", page_size)
    head[24:28] = struct.pack(">I", counter)
    head[28:32] = struct.pack(">I", pages)
    if stamp is not None:
        head[68:72] = struct.pack(">I", stamp[0])
        head[60:64] = struct.pack(">I", stamp[1])
    return bytes(head)


def test_what_sqlite_changes_itself_is_not_a_replacement() -> None:
    before = _identity(_header(), WalIdentity(1, 9, 100, 555))
    assert replaced_reason(before, before) is None
    # Commits count up and the file grows; a WAL restart counts salt 1 up with a new salt 2.
    assert replaced_reason(before, _identity(_header(counter=6, pages=12),
                                             WalIdentity(1, 9, 101, 777))) is None
    # A WAL re-made as a new file starts anywhere.
    assert replaced_reason(before, _identity(_header(), WalIdentity(1, 10, 3, 4))) is None
    assert replaced_reason(before, _identity(_header(), None)) is None
    # A file never written when recorded had nothing cached.
    assert replaced_reason(_identity(b""), _identity(_header())) is None
    # An unstamped file is stamped by the first PubDesk to open it.
    assert replaced_reason(_identity(_header(stamp=None)), _identity(_header())) is None
    wrapped = _identity(_header(), WalIdentity(1, 9, 0xFFFF_FFFF, 1))
    assert replaced_reason(wrapped, _identity(_header(), WalIdentity(1, 9, 0, 2))) is None  # wraps


def test_what_only_another_file_looks_like() -> None:
    before = _identity(_header(), WalIdentity(1, 9, 100, 555))
    assert replaced_reason(before, None) == "missing"
    assert replaced_reason(before, _identity(_header(), inode=8)) == "other file"
    assert replaced_reason(before, _identity(b"PK\x03\x04" + bytes(96))) == "not a database"
    assert replaced_reason(before, _identity(_header()[:50])) == "not a database"
    assert replaced_reason(before, _identity(_header(page_size=1024))) == "page size"
    assert replaced_reason(before, _identity(_header(stamp=(APPLICATION_ID, 99)))) == "stamp"
    assert replaced_reason(before, _identity(_header(stamp=None))) == "stamp"
    assert replaced_reason(before, _identity(_header(counter=4))) == "older"
    assert replaced_reason(before, _identity(_header(), WalIdentity(1, 9, 99, 555))
                           ) == "older wal"
    assert replaced_reason(before, _identity(_header(), WalIdentity(1, 9, 100, 556))
                           ) == "older wal"


def test_which_statements_write() -> None:
    for statement in ("INSERT INTO t VALUES (1)", "  update t set x = 1", "DELETE FROM t",
                      "CREATE TRIGGER x", "DROP INDEX i", "PRAGMA user_version = 3",
                      "WITH a AS (SELECT 1) INSERT INTO t SELECT * FROM a", "REPLACE INTO t"):
        assert writes(statement), statement
    for statement in ("SELECT 1", "\n  select x from t", "BEGIN", "COMMIT", "ROLLBACK",
                      "SAVEPOINT sa_1", "RELEASE SAVEPOINT sa_1", "PRAGMA foreign_key_check",
                      "WITH RECURSIVE a(n) AS (SELECT 1) SELECT n FROM a"):
        assert not writes(statement), statement


def test_the_windows_hold_refuses_delete_sharing_and_is_a_plain_descriptor_elsewhere(
        tmp_path: Path) -> None:
    assert share_mode() == FILE_SHARE_READ | FILE_SHARE_WRITE  # SQLite reads and writes it
    assert not share_mode() & FILE_SHARE_DELETE  # nobody renames, deletes or replaces it
    assert share_mode(hold=False) & FILE_SHARE_DELETE  # a glance at the -wal holds nothing
    sample = tmp_path / "x.sqlite3"
    sample.write_bytes(b"SQLite format 3\x00rest")
    fd = open_held(sample, platform="linux")
    try:
        assert os.read(fd, 16) == b"SQLite format 3\x00"
    finally:
        os.close(fd)
    if os.name != "nt":  # the plain descriptor holds nothing against a replacement
        os.replace(tmp_path / sample.name, tmp_path / "moved")
        assert not sample.exists()
