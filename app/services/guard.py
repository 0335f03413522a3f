"""No lost updates: a record edited as a whole (app.models.base.Versioned) is saved only if
nobody saved it since the window loaded it.

A page keeps the `row_version` it loaded and passes it back with the save (`expected`);
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
