"""The report model of the e-file checks (附件三): one verdict per check per file, with the
evidence and a fix in plain words."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    """A check's verdict."""

    PASS = "pass"
    FAIL = "fail"
    WARN = "warn"
    SKIP = "skip"

    @property
    def label(self) -> str:
        """In words for the officer."""
        return {"pass": "通過", "fail": "不符合", "warn": "請注意", "skip": "未檢查"}[self.value]


class Profile(StrEnum):
    """印製用PDF檔 (print) or 全文掃描PDF檔 (scan)."""

    PRINT = "print"
    SCAN = "scan"

    @property
    def label(self) -> str:
        """附件三's name for the profile (the report prints it)."""
        return "印製用PDF檔" if self is Profile.PRINT else "全文掃描PDF檔"


CHECK_IDS = ("structure", "pdf_version", "fonts_embedded", "image_resolution", "colour_space", "bookmarks",
             "protection", "text_copyable", "private_use_chars", "active_content", "naming", "virus_scan")

CHECK_TITLES = {
    "structure": "檔案結構", "pdf_version": "PDF 版本", "fonts_embedded": "字型嵌入", "image_resolution": "影像解析度",
    "colour_space": "色彩模式", "bookmarks": "書籤", "protection": "保全設定",
    "text_copyable": "文字可複製", "private_use_chars": "造字", "active_content": "主動內容",
    "naming": "檔名", "virus_scan": "病毒掃描", "virus_unscanned": "病毒掃描（未掃描）",
}


@dataclass
class CheckResult:
    """The verdict of one check on one file."""

    status: Status
    message: str
    evidence: dict[str, Any] = field(default_factory=dict)
    fix: str = ""

    def to_json(self) -> dict[str, Any]:
        """The JSON form of the CLI's report."""
        return {"status": self.status.value, "message": self.message,
                "evidence": self.evidence, "fix": self.fix}


@dataclass
class FileReport:
    """Everything found about one file."""

    path: str
    opened: bool
    error: str | None = None
    checks: dict[str, CheckResult] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """True when the file could not be read or a check failed."""
        return not self.opened or any(c.status is Status.FAIL for c in self.checks.values())

    @property
    def verdict(self) -> Status:
        """The worst status of the file."""
        if self.failed:
            return Status.FAIL
        if any(c.status is Status.WARN for c in self.checks.values()):
            return Status.WARN
        return Status.PASS

    def to_json(self) -> dict[str, Any]:
        """The JSON form of the CLI's report."""
        return {"path": self.path, "opened": self.opened, "error": self.error,
                "notes": self.notes,
                "checks": {key: value.to_json() for key, value in self.checks.items()}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FileReport:
        """Read a report back (from the isolated checker or a stored result)."""
        return cls(path=data["path"], opened=data["opened"], error=data.get("error"),
                   notes=list(data.get("notes", [])),
                   checks={key: CheckResult(Status(value["status"]), value["message"],
                                            value.get("evidence", {}), value.get("fix", ""))
                           for key, value in data.get("checks", {}).items()})


def unreadable(path: str, error: str) -> FileReport:
    """A report for a file that could not be opened at all."""
    return FileReport(path=path, opened=False, error=error)


__all__ = ["CHECK_IDS", "CHECK_TITLES", "CheckResult", "FileReport", "Profile", "Status",
           "asdict", "unreadable"]
