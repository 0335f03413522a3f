"""電子檔檢查 — the PDF preflight of 附件三: version, fonts, image resolution, colour,
bookmarks against the TOC, protection, copyable text, 造字, active content, file names.

The names below are imported when first used (PEP 562): `pubdesk` builds its command line,
which names the `check` command, at every start, and pikepdf alone is a tenth of a second.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what the lazy names are, for the type checker
    from app.pdfcheck.engine import check_pdf
    from app.pdfcheck.isolation import BatchCancelled, check_files
    from app.pdfcheck.outline import write_outline
    from app.pdfcheck.report import (
        CHECK_IDS,
        CHECK_TITLES,
        CheckResult,
        FileReport,
        Profile,
        Status,
    )
    from app.pdfcheck.walker import WalkCancelled

_WHERE = {
    "check_pdf": "engine", "BatchCancelled": "isolation", "check_files": "isolation",
    "write_outline": "outline", "CHECK_IDS": "report", "CHECK_TITLES": "report",
    "CheckResult": "report", "FileReport": "report", "Profile": "report", "Status": "report",
    "WalkCancelled": "walker",
}

__all__ = ["CHECK_IDS", "CHECK_TITLES", "BatchCancelled", "CheckResult", "FileReport",
           "Profile", "Status", "WalkCancelled", "check_files", "check_pdf", "write_outline"]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'app.pdfcheck' has no attribute {name!r}")
    value = getattr(import_module(f"app.pdfcheck.{_WHERE[name]}"), name)
    globals()[name] = value
    return value
