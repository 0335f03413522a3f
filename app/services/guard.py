"""No lost updates: a record edited as a whole (app.models.base.Versioned) is saved only if
nobody saved it since the window loaded it.

A page keeps the `row_version` it loaded and passes it back with the save (`expected`). It
reads the version *before* the content, never after: on PostgreSQL each statement sees the
latest commits, so a version read after the content can be newer than what the officer was
shown, and a save built on that content would pass the check and erase the other officer's
change (found by benchmarks/office_load.py: 7 TOC lines lost in 10 s). Read first, the
version can only be older than the content, and the save is refused — safe.
`check_version` refuses a save based on an older version, naming who saved last and when.
`touch` marks the record saved even when only its parts changed (TOC lines, contacts,
articles), so its version rises and the database's own `WHERE row_version = …` check applies
to the parts too.
"""

from __future__ import annotations

from typing import Any

from app import messages
from app.errors import ChangedElsewhereError
from app.models.base import Versioned, utcnow
from app.rocdate import local_time_text


def check_version(record: Versioned, expected: int | None, label: str | None = None) -> None:
    """Refuse when `record` was saved by someone since version `expected` (None: no check)."""
    if expected is None or record.row_version == expected:
        return
    name = label or getattr(record, "audit_label", lambda: "")() or "這筆資料"
    raise ChangedElsewhereError(messages.CHANGED_BY.format(
        record=name, who=record.changed_by or "另一位使用者",
        when=local_time_text(record.changed_at) if record.changed_at else "稍早"))


def touch(record: Any) -> None:
    """Count a save of `record`'s parts as a save of the record (version +1 at flush)."""
    record.changed_at = utcnow()
