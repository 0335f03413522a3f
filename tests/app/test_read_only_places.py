"""Read-only places for real (issue 28, item 11): a data folder, a backup folder and a database
file the officer may not write are named, with the cause in words and what to do — not
SQLite's "unable to open database file" or "attempt to write a readonly database", nor the
system's "Permission denied".

Permissions do not stop root, and these tests run as root here: each case runs PubDesk in a
child process as an ordinary user — ourselves when we are one, else `nobody` — in a folder of
its own under the temporary directory (pytest's tmp_path is root's alone)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import messages

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")

REPO = Path(__file__).resolve().parents[2]
NOBODY = 65534
SQLITE_WORDS = ("unable to open", "readonly", "read-only", "Permission denied",
                "Read-only file system")


def _officer() -> dict[str, object]:
    """subprocess.run's arguments that make the child an ordinary user."""
    if os.geteuid() != 0:
        return {}
    return {"user": NOBODY, "group": NOBODY, "extra_groups": []}


@pytest.fixture
def place() -> Iterator[Path]:
    """A folder the child may use (its owner when we are root)."""
    folder = Path(tempfile.mkdtemp(prefix="pubdesk-places-"))
    folder.chmod(0o755)
    if os.geteuid() == 0:
        os.chown(folder, NOBODY, NOBODY)
    probe = subprocess.run([sys.executable, "-c", "import os; print(os.geteuid())"],
                           capture_output=True, text=True, check=False, **_officer())
    if probe.returncode != 0:
        pytest.skip(f"cannot run a child as an ordinary user: {probe.stderr.strip()}")
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir():
            path.chmod(0o755)
    shutil.rmtree(folder)


def pubdesk(place: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m app ARGS` as the ordinary user."""
    env = dict(os.environ, HOME=str(place), PUBDESK_DATA_DIR=str(place / "unused"))
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=180,
                          check=False, **_officer())


def python(place: Path, code: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HOME=str(place))
    return subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=180,
                          check=False, **_officer())


def assert_in_words(said: str) -> None:
    for words in SQLITE_WORDS:
        assert words not in said, said
    assert "Traceback" not in said, said


def test_db_upgrade_in_a_read_only_data_folder_names_the_folder(place: Path) -> None:
    data = place / "data"
    made = pubdesk(place, "--data-dir", str(data), "db", "upgrade")
    assert made.returncode == 0, made.stderr
    data.chmod(0o555)
    for command in (["db", "upgrade"], ["db", "backup"]):
        refused = pubdesk(place, "--data-dir", str(data), *command)
        assert refused.returncode == 1, refused.stdout
        reason = messages.OS_NO_PERMISSION.format(path=data)  # EACCES from the write probe
        assert refused.stderr.strip() == "錯誤：" + messages.FOLDER_NOT_WRITABLE.format(
            path=data, reason=reason)
        assert_in_words(refused.stderr)


def test_a_backup_into_a_read_only_folder_names_that_folder(place: Path) -> None:
    data, elsewhere = place / "data", place / "usb"
    elsewhere.mkdir()
    elsewhere.chmod(0o555)
    refused = pubdesk(place, "--data-dir", str(data), "db", "backup", "--to", str(elsewhere))
    assert refused.returncode == 1
    assert refused.stderr.strip() == "錯誤：" + messages.BACKUP_NOT_WRITTEN.format(
        reason=messages.OS_NO_PERMISSION.format(path=elsewhere))
    assert not [p.name for p in elsewhere.iterdir()]


def test_a_save_into_a_read_only_database_file_names_the_file(place: Path) -> None:
    data = place / "data"
    assert pubdesk(place, "--data-dir", str(data), "db", "upgrade").returncode == 0
    (data / "pubdesk.sqlite3").chmod(0o444)
    saved = python(place, f"""
from app.db import open_database
from app.errors import PubDeskError
from app.paths import resolve_locations
from app.services.units import UnitData, save_unit
db = open_database(resolve_locations({str(data)!r}, environ={{}}))
try:
    with db.session() as session:
        save_unit(session, UnitData(full_name="經濟部測試單位"))
except PubDeskError as exc:
    print(exc.message)
""")
    assert saved.stdout.strip() == messages.DATABASE_FILE_READ_ONLY.format(
        path=data / "pubdesk.sqlite3"), saved.stderr
    assert_in_words(saved.stdout + saved.stderr)
    assert not re.search(r"[A-Za-z]{3,} [a-z]{3,} [a-z]{3,}", saved.stdout.replace(str(data), ""))


def test_db_upgrade_in_a_data_folder_that_cannot_exist_names_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Needs no ordinary user: a folder under a regular file cannot be made even by root.
    from app.cli import main

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    data = blocker / "data"
    assert main(["--data-dir", str(data), "db", "upgrade"]) == 1
    said = capsys.readouterr().err.strip()
    assert said == "錯誤：" + messages.FOLDER_NOT_WRITABLE.format(
        path=data, reason=messages.OS_NOT_FOLDER.format(path=data))
    assert_in_words(said)
    assert blocker.read_text() == "not a folder"
