"""A database file another program writes over in place (a copy over it, a sync tool) while
PubDesk has it open: when PubDesk lets go of it, the other database must stay as it was
written. Found by the 待辦 page's worker: a second pooled connection, holding a read while the
first wrote, left WAL frames for the last close to checkpoint — into the other file."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from app.db import open_database
from app.db.file_guard import FileGuard
from app.paths import resolve_locations
from app.services.units import UnitData, save_unit
from tests.app.factories import add_book

pytestmark = pytest.mark.sqlite_only


def _other_office(tmp_path: Path) -> Path:
    other = open_database(resolve_locations(tmp_path / "other", environ={}))
    with other.session() as session:
        unit = save_unit(session, UnitData("經濟部標準檢驗局"))
    add_book(other, unit, "另一個辦公室的書")
    other.dispose()
    copy = tmp_path / "foreign.sqlite3"
    shutil.copyfile(tmp_path / "other" / "pubdesk.sqlite3", copy)
    return copy


def _titles(path: Path) -> tuple[str, list[str]]:
    with sqlite3.connect(f"file:{path}?immutable=1", uri=True) as conn:
        return (conn.execute("PRAGMA integrity_check").fetchone()[0],
                [row[0] for row in conn.execute("SELECT title FROM publications")])


@pytest.mark.parametrize("guarded", [True, False])
def test_a_file_written_over_in_place_is_left_as_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, guarded: bool) -> None:
    foreign = _other_office(tmp_path)
    db = open_database(resolve_locations(tmp_path / "ours", environ={}))
    with db.session() as session:
        unit = save_unit(session, UnitData("經濟部產業發展署"))
    reading, wrote = threading.Event(), threading.Event()

    def reader() -> None:  # another thread's connection, in a read while the other writes
        with db.engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM publications").all()
            reading.set()
            wrote.wait(10)

    worker = threading.Thread(target=reader)
    worker.start()
    assert reading.wait(10)
    for n in range(30):
        add_book(db, unit, f"我們的書{n}")
    wrote.set()
    worker.join()
    assert db.path is not None
    shutil.copyfile(foreign, db.path)  # written over, in place
    if not guarded:  # what dispose did before: let the last close checkpoint
        monkeypatch.setattr(FileGuard, "replaced_in_place", lambda _self: False)
    db.dispose()
    check, titles = _titles(db.path)
    if guarded:
        assert (check, titles) == ("ok", ["另一個辦公室的書"])
    else:
        assert (check, titles) != ("ok", ["另一個辦公室的書"]), \
            "the unguarded close no longer mixes the files: this test proves nothing"
