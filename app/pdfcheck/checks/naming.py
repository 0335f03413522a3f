"""naming (for a set of files): a book is one file; the files of a serial issue are named
{卷}卷{期}期_版權頁.pdf, …_目次頁.pdf, …_{篇名}.pdf."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from app.pdfcheck.report import CheckResult, Status

SERIAL_NAME = re.compile(r"^(?P<volume>[^卷_]+)卷(?P<number>[^期_]+)期_(?P<part>.+)\.pdf$",
                         re.IGNORECASE)


@dataclass(frozen=True)
class NamingRule:
    """What the set should be: one book, or one serial issue (卷, 期)."""

    kind: str
    volume: str = ""
    number: str = ""


def expected_serial_names(volume: str, number: str, articles: list[str]) -> list[str]:
    """The names 附件三 asks for, in order."""
    prefix = f"{volume}卷{number}期_"
    return [f"{prefix}版權頁.pdf", f"{prefix}目次頁.pdf", *(f"{prefix}{a}.pdf" for a in articles)]


def check_set(paths: list[str], rule: NamingRule | None) -> dict[str, CheckResult]:
    """One result per path."""
    if rule is None:
        return {p: CheckResult(Status.SKIP, "未指定檔名規則（圖書或期刊卷期）。") for p in paths}
    if rule.kind == "book":
        if len(paths) == 1:
            return {paths[0]: CheckResult(Status.PASS, "圖書為單一檔案。", {"files": 1})}
        return {p: CheckResult(Status.FAIL, f"圖書應為一個檔案，這裡有 {len(paths)} 個。",
                               {"files": len(paths)}, "將內文合併為單一 PDF。")
                for p in paths}
    results: dict[str, CheckResult] = {}
    parts: set[str] = set()
    prefix = f"{rule.volume}卷{rule.number}期_"
    for path in paths:
        name = unicodedata.normalize("NFKC", Path(path).name)
        match = SERIAL_NAME.match(name)
        if match is None or match["volume"] != rule.volume or match["number"] != rule.number:
            part = match["part"] if match else Path(path).stem
            results[path] = CheckResult(
                Status.FAIL, f"檔名應為「{prefix}…」格式。", {"expected": f"{prefix}{part}.pdf"},
                f"改名為「{prefix}{part}.pdf」。")
            continue
        parts.add(match["part"])
        results[path] = CheckResult(Status.PASS, "檔名符合規定。", {"part": match["part"]})
    for required in ("版權頁", "目次頁"):
        if required not in parts:
            for path, result in results.items():
                if result.status is Status.PASS:
                    results[path] = CheckResult(
                        Status.WARN, f"這一期缺少「{prefix}{required}.pdf」。",
                        {"missing": f"{prefix}{required}.pdf"}, f"補上{required}的 PDF。")
    return results
