"""The audit log's hash chain: each entry carries the hash of its predecessor and of its own
text (app.db.audit_triggers), so changing, removing or inserting an entry anywhere breaks
every link after it. `verify` walks the chain and names the first broken link.

A chain alone does not stop whoever owns the schema from rewriting an entry *and every hash
after it*. So each PC keeps anchors — (entry id, its hash) pairs seen earlier — in its data
folder (`remember_head` at every opening and verification); `verify` also checks that each
anchor is still in the chain. Rewriting history then means rewriting every officer's PC too.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, text
from sqlalchemy.engine import make_url

from app.db.audit_triggers import entry_hash, payload_sql

ANCHORS_FILE = "audit-anchors.json"
ANCHORS_KEPT = 50


@dataclass(frozen=True)
class BrokenLink:
    """Where the chain stops holding, and how."""

    entry_id: int
    problem: str
    """'changed' (its hash does not match its content), 'unlinked' (its predecessor's hash is
    not the one it names), 'unchained' (it carries no hash) or 'anchor' (an entry this PC saw
    earlier is gone or different)."""


@dataclass
class ChainReport:
    """What `verify` found."""

    entries: int = 0
    head_id: int | None = None
    head_hash: str | None = None
    broken: BrokenLink | None = None
    anchors_checked: int = 0
    problems: list[BrokenLink] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        """No broken link and every anchor found."""
        return self.broken is None


def _rows(connection: Connection, chunk: int = 5000) -> Iterator[tuple[int, str | None, str | None,
                                                                        str]]:
    """(id, prev_hash, row_hash, hashed text) of every entry, in chain order, in chunks."""
    expression = payload_sql(connection.dialect.name)
    last = -1
    while True:
        batch = connection.execute(text(
            f"SELECT id, prev_hash, row_hash, {expression} FROM audit_log WHERE id > :last "
            f"ORDER BY id LIMIT {chunk}"), {"last": last}).fetchall()
        if not batch:
            return
        for row in batch:
            yield int(row[0]), row[1], row[2], str(row[3])
        last = int(batch[-1][0])


def verify(connection: Connection, anchors: list[tuple[int, str]] | None = None) -> ChainReport:
    """Walk the chain from its first entry; the first broken link and the anchors checked.
    Entries older than the chain (none: migration 0013 chained them) would show as
    'unchained'."""
    report = ChainReport()
    wanted = dict(anchors or [])
    previous: str | None = None
    first = True
    for entry_id, prev_hash, row_hash, payload in _rows(connection):
        report.entries += 1
        problem = ""
        if row_hash is None:
            problem = "unchained"
        elif (prev_hash or None) != (None if first else previous):
            problem = "unlinked"
        elif entry_hash(prev_hash, payload) != row_hash:
            problem = "changed"
        if entry_id in wanted:
            report.anchors_checked += 1
            if wanted.pop(entry_id) != row_hash:
                report.problems.append(BrokenLink(entry_id, "anchor"))
        if problem:
            report.problems.append(BrokenLink(entry_id, problem))
        previous, first = row_hash, False
        report.head_id, report.head_hash = entry_id, row_hash
    for missing_id in sorted(wanted):
        report.problems.append(BrokenLink(missing_id, "anchor"))
        report.anchors_checked += 1
    report.problems.sort(key=lambda p: p.entry_id)
    report.broken = report.problems[0] if report.problems else None
    return report


def backfill(connection: Connection) -> int:
    """Chain the entries written before the chain existed, in id order (migration 0013).
    Their `db_user` is what the app recorded then. Returns how many were chained."""
    connection.execute(text("UPDATE audit_log SET db_user = os_user WHERE db_user = ''"))
    previous: str | None = None
    updates: list[dict[str, object]] = []
    count = 0
    # Chunk by chunk (ids only grow): a long history is never held in memory at once.
    for entry_id, _prev, _hash, payload in _rows(connection):
        digest = entry_hash(previous, payload)
        updates.append({"p": previous, "h": digest, "i": entry_id})
        previous = digest
        count += 1
        if len(updates) >= 5000:
            _write_hashes(connection, updates)
            updates = []
    _write_hashes(connection, updates)
    return count


def _write_hashes(connection: Connection, updates: list[dict[str, object]]) -> None:
    if updates:
        connection.execute(text("UPDATE audit_log SET prev_hash = :p, row_hash = :h "
                                "WHERE id = :i"), updates)


def head(connection: Connection) -> tuple[int, str] | None:
    """The newest entry's id and hash (cheap: the primary key's last entry)."""
    row = connection.execute(text(
        "SELECT id, row_hash FROM audit_log ORDER BY id DESC LIMIT 1")).first()
    return (int(row[0]), str(row[1])) if row and row[1] else None


# --- anchors, kept on this PC ------------------------------------------------------------------

def database_key(url: str) -> str:
    """Which database anchors belong to: the server and database, or the file (no password)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"sqlite:{Path(parsed.database or '').resolve()}"
    return f"{parsed.get_backend_name()}://{parsed.host}:{parsed.port or 5432}/{parsed.database}"


def load_anchors(data_dir: Path, url: str) -> list[tuple[int, str]]:
    """The anchors this PC recorded for this database."""
    try:
        data = json.loads((data_dir / ANCHORS_FILE).read_text(encoding="utf-8"))
        return [(int(i), str(h)) for i, h in data.get(database_key(url), [])]
    except (OSError, ValueError, TypeError, AttributeError):
        return []


def remember_head(connection: Connection, data_dir: Path | None, url: str) -> None:
    """Add the chain's current head to this PC's anchors (never fails the opening)."""
    if data_dir is None:
        return
    try:
        current = head(connection)
    except Exception:  # an old schema, a viewer without the column…: no anchor this time
        return
    if current is None:
        return
    path = data_dir / ANCHORS_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        if not isinstance(data, dict):
            data = {}
    except (OSError, ValueError):
        data = {}
    key = database_key(url)
    kept = [list(a) for a in data.get(key, []) if isinstance(a, list) and len(a) == 2]
    if kept and kept[-1][0] == current[0]:
        return
    kept.append(list(current))
    data[key] = kept[-ANCHORS_KEPT:]
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        return
