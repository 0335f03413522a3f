"""kill -9 at any moment loses no acknowledged save and never leaves a mix: a writer process
saves publications and says which ones were committed; it is killed at random times, and
every acknowledged one must be there. Also while a backup or a restore is being made. On
SQLite and PostgreSQL."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from app.db import Database, make_backup, open_database
from app.models import Publication
from app.paths import Locations
from tests.app.factories import add_book

ROOT = Path(__file__).resolve().parents[2]
TRIALS = int(os.environ.get("PUBDESK_KILL_TRIALS", "4"))

_WORKER = """
import sys
from pathlib import Path
from app.db import make_backup, open_database, restore_database
from app.paths import resolve_locations
from tests.app.factories import add_book

mode, data_dir, url, unit_id = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
locations = resolve_locations(data_dir, database_url=url, environ={})
db = open_database(locations)
print("ready", flush=True)
n = 0
while True:
    n += 1
    if mode == "write":
        add_book(db, unit_id, f"kill-{sys.argv[5]}-{n}")
        print(f"saved kill-{sys.argv[5]}-{n}", flush=True)
    elif mode == "backup":
        make_backup(db, locations.backup_dir, f"kill{n}")
    else:
        restore_database(db, Path(sys.argv[5]), locations)
"""


def _titles(db: Database) -> set[str]:
    from sqlalchemy import select

    with db.session() as session:
        return set(session.scalars(select(Publication.title)))


def _run_and_kill(args: list[str], rng: random.Random) -> list[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    worker = subprocess.Popen([sys.executable, "-c", _WORKER, *args], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)
    assert worker.stdout is not None
    assert worker.stdout.readline().strip() == "ready", worker.stderr.read() if worker.stderr else ""
    time.sleep(rng.uniform(0.05, 0.6))
    worker.send_signal(signal.SIGKILL)
    out, _err = worker.communicate(timeout=30)
    return [line.split(" ", 1)[1] for line in out.splitlines() if line.startswith("saved ")]


def test_no_acknowledged_save_is_lost_when_the_writer_is_killed(
        db: Database, locations: Locations, unit_id: int) -> None:
    rng = random.Random(20261130)
    acknowledged: set[str] = set()
    for trial in range(TRIALS):
        acknowledged |= set(_run_and_kill(
            ["write", str(locations.data_dir), db.url, str(unit_id), str(trial)], rng))
        reopened = open_database(locations)
        try:
            missing = acknowledged - _titles(reopened)
        finally:
            reopened.dispose()
        assert not missing, f"trial {trial}: acknowledged but gone: {sorted(missing)[:5]}"
    assert acknowledged, "the writer got to save something"


def test_a_killed_backup_or_restore_leaves_the_old_or_the_new_state_never_a_mix(
        db: Database, locations: Locations, unit_id: int) -> None:
    rng = random.Random(7)
    for index in range(30):
        add_book(db, unit_id, f"舊{index}")
    old = _titles(db)
    backup = make_backup(db, locations.backup_dir, "old")
    for index in range(20):
        add_book(db, unit_id, f"新{index}")
    new = _titles(db)
    for trial in range(TRIALS):
        mode = "backup" if trial % 2 == 0 else "restore"
        _run_and_kill([mode, str(locations.data_dir), db.url, str(unit_id), str(backup)], rng)
        reopened = open_database(locations)
        try:
            state = _titles(reopened)
        finally:
            reopened.dispose()
        assert state in (old, new), f"trial {trial} ({mode}): a mix of {len(state)} titles"
        assert not list(locations.backup_dir.glob("*.partial")), "leftovers cleared at open"
    if db.path is not None:
        import sqlite3

        with sqlite3.connect(db.path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
