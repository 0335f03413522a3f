"""備份 on the office server — PostgreSQL backups through `pg_dump`, restored in one transaction.

A backup is a plain SQL script (`pg_dump --inserts --no-owner --no-privileges`): readable, and
restorable by psycopg inside a single transaction that first empties the schema, so a restore
either replaces everything or changes nothing (as SQLite's restore does). `pg_dump` must be
installed on the officer's PC (PostgreSQL's client tools); when it is not, the message says so
and names what to install.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
from glob import glob
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from app import messages
from app.errors import BackupError
from app.os_errors import sentence

SUFFIX = ".pgsql.sql"
DUMP_TIMEOUT_S = 3600
_HEADER = "-- PostgreSQL database dump"
# pg_dump (15.14 and later) fences a plain dump with psql's \restrict and \unrestrict commands,
# which are not SQL.
_RESTRICT = re.compile(r"^\\(?:un)?restrict [A-Za-z0-9]+$", re.MULTILINE)
_REVISION = re.compile(r"INSERT INTO public\.alembic_version (?:\([^)]*\) )?VALUES \('([^']+)'\);")


def find_tool(name: str) -> Path | None:
    """`pg_dump` on the PATH or in a PostgreSQL installation folder (newest first)."""
    found = shutil.which(name)
    if found:
        return Path(found)
    patterns = ["/usr/lib/postgresql/*/bin/" + name,
                r"C:\Program Files\PostgreSQL\*\bin\\" + name + ".exe"]
    for pattern in patterns:
        candidates = sorted(glob(pattern), reverse=True)
        if candidates:
            return Path(candidates[0])
    return None


def _libpq_args(url: str) -> tuple[list[str], dict[str, str]]:
    """Connection options for a libpq tool, the password in the environment (not argv)."""
    parsed = make_url(url)
    args = ["--host", parsed.host or "localhost", "--port", str(parsed.port or 5432),
            "--username", parsed.username or "postgres", "--dbname", parsed.database or ""]
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    return args, env


def _dies_with_us() -> list[str]:
    """A prefix that makes pg_dump end when PubDesk ends (Linux: util-linux's `setpriv
    --pdeathsig`), so a PubDesk killed mid-backup leaves no pg_dump writing on and its
    `.partial` is cleared at the next start. A wrapper rather than a `preexec_fn`: the window
    runs backups from a worker thread, and code between fork and exec is unsafe there."""
    setpriv = shutil.which("setpriv") if sys.platform == "linux" else None
    return [setpriv, "--pdeathsig", "KILL", "--"] if setpriv else []


def dump(url: str, target: Path) -> None:
    """Write the database at `url` to `target` (a `.partial` file renamed when complete)."""
    tool = find_tool("pg_dump")
    if tool is None:
        raise BackupError(messages.PG_DUMP_MISSING)
    args, env = _libpq_args(url)
    partial = target.with_name(target.name + ".partial")
    command = [*_dies_with_us(), str(tool), *args, "--inserts", "--no-owner", "--no-privileges",
               "--schema", "public", "--file", str(partial)]
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(command, env=env, capture_output=True, timeout=DUMP_TIMEOUT_S,
                              check=False)
        if done.returncode != 0:
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise BackupError(messages.BACKUP_FAILED.format(detail=detail[-1] if detail else
                                                            f"pg_dump {done.returncode}"))
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except subprocess.TimeoutExpired as exc:
        raise BackupError(messages.PG_DUMP_TIMED_OUT.format(minutes=DUMP_TIMEOUT_S // 60)) from exc
    except OSError as exc:
        named = Path(exc.filename) if exc.filename else target
        raise BackupError(messages.BACKUP_NOT_WRITTEN.format(reason=sentence(
            exc, tool if named == tool else target))) from exc
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


def read_revision(path: Path) -> str | None:
    """The schema revision recorded in a backup; BackupError if it is not a PubDesk dump."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise BackupError(messages.RESTORE_UNREADABLE.format(reason=sentence(exc, path))) from exc
    except UnicodeDecodeError as exc:
        raise BackupError(messages.RESTORE_INVALID.format(
            path=path, detail="不是 pg_dump 的備份")) from exc
    if not text.startswith(_HEADER) and _HEADER not in text[:2000]:
        raise BackupError(messages.RESTORE_INVALID.format(path=path, detail="不是 pg_dump 的備份"))
    if "CREATE TABLE public.publications" not in text or \
            "CREATE TABLE public.alembic_version" not in text:
        raise BackupError(messages.RESTORE_INVALID.format(path=path, detail="缺少 PubDesk 的資料表"))
    found = _REVISION.search(text)
    return found.group(1) if found else None


def row_counts(path: Path) -> dict[str, int]:
    """Rows per table in a backup (one INSERT per row, as `dump` writes them)."""
    counts: dict[str, int] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("CREATE TABLE public."):
                counts.setdefault(line[len("CREATE TABLE public."):].split(" ", 1)[0], 0)
            elif line.startswith("INSERT INTO public."):
                table = line[len("INSERT INTO public."):].split(" ", 1)[0]
                counts[table] = counts.get(table, 0) + 1
    return counts


def restore(url: str, path: Path) -> None:
    """Replace the schema's content with the backup at `path`, all in one transaction."""
    try:
        script = _RESTRICT.sub("", path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BackupError(messages.RESTORE_UNREADABLE.format(reason=sentence(exc, path))) from exc
    engine = create_engine(url, poolclass=None)
    try:
        with engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            assert raw is not None
            with raw.cursor() as cursor:  # type: ignore[attr-defined]
                cursor.execute("DROP SCHEMA IF EXISTS public CASCADE")  # the dump creates it
                cursor.execute(script)
                cursor.execute("SET search_path TO DEFAULT")
            raw.commit()
    except Exception as exc:
        raise BackupError(messages.BACKUP_FAILED.format(detail=exc)) from exc
    finally:
        engine.dispose()
