"""No lost updates: a record edited as a whole (app.models.base.Versioned) is saved only if
nobody saved it since the window loaded it.

A page keeps the `row_version` it loaded and passes it back with the save (`expected`). It
reads the version *before* the content, never after: on PostgreSQL each statement sees the
latest commits, so a version read after the content can be newer than what the officer was
shown, and a save built on that content would pass the check and erase the other officer's
change (found by benchmarks/office_load.py: 7 TOC lines lost in 10 s). Read first, the
version can only be older than the content, and the save is refused — safe.
`check_version` refuses a save based on an older version, naming who saved last and when.
There is no "no check": every service that saves such a record takes the version as a
required keyword (`expected_version=`), so a caller that forgets it fails at once with a
TypeError instead of silently overwriting another officer's save (issue #27: two callers of
`save_toc` without a version, last writer won). Only creating a record needs none
(`require_version` says which is which for the services that do both).
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


def require_version(service: str, record_id: int | None, expected: int | None) -> None:
    """For a service that creates (no `record_id`) or updates a record: an update needs the
    version it was based on, a creation takes none. Checked before anything is read, so the
    mistake shows in the first test that reaches the call."""
    if record_id is not None and expected is None:
        raise TypeError(f"{service}() updating record {record_id} needs expected_version=, "
                        "the row_version the form was loaded with")
    if record_id is None and expected is not None:
        raise TypeError(f"{service}() without a record id creates one; expected_version= "
                        "belongs to updates")


def check_version(record: Versioned, expected: int, label: str | None = None) -> None:
    """Refuse when `record` was saved by someone since version `expected`, the version the
    caller's form was based on. A missing version is a bug of the caller (TypeError), never
    "no check"."""
    if isinstance(expected, bool) or not isinstance(expected, int):
        raise TypeError(f"check_version() needs the version the save is based on, "
                        f"not {expected!r}")
    if record.row_version == expected:
        return
    name = label or getattr(record, "audit_label", lambda: "")() or "這筆資料"
    raise ChangedElsewhereError(messages.CHANGED_BY.format(
        record=name, who=record.changed_by or "另一位使用者",
        when=local_time_text(record.changed_at) if record.changed_at else "稍早"))


def touch(record: Any) -> None:
    """Count a save of `record`'s parts as a save of the record (version +1 at flush)."""
    record.changed_at = utcnow()
