"""check_pdf: open a file defensively, walk it once, run every check. A damaged, truncated,
encrypted or non-PDF file gets a verdict, never an exception."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pikepdf

from app.os_errors import sentence
from app.pdfcheck import parallel
from app.pdfcheck.bounds import bound_words
from app.pdfcheck.checks import (
    active,
    bookmarks,
    colours,
    fonts,
    images,
    protection,
    structure,
    text,
    version,
)
from app.pdfcheck.context import CheckContext
from app.pdfcheck.report import CheckResult, FileReport, Profile, Status, unreadable
from app.pdfcheck.walker import Usage, WalkCancelled, Walker

CHECKS: list[tuple[str, Callable[[CheckContext], CheckResult]]] = [
    ("structure", structure.check), ("pdf_version", version.check), ("fonts_embedded", fonts.check),
    ("image_resolution", images.check), ("colour_space", colours.check),
    ("bookmarks", bookmarks.check), ("protection", protection.check),
    ("text_copyable", text.check_copyable), ("private_use_chars", text.check_private_use),
    ("active_content", active.check),
]
EARLY_CHECKS = ("pdf_version", "bookmarks", "protection", "active_content")
WALK_CHECKS = ("fonts_embedded", "image_resolution", "colour_space", "text_copyable",
               "private_use_chars")
"""Checks that judge what the page walk saw: when content was beyond a bound, their pass is
only a pass on the rest."""
"""Checks that need no walk of the pages: they run first, so that a file whose walk hits the
time or memory bound still has their verdicts (`on_result`)."""
_HEADER = re.compile(rb"%PDF-(\d\.\d)")


def sniff(path: Path) -> tuple[str | None, str]:
    """(error, header version) from the first bytes: empty, HTML, or not a PDF at all."""
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except FileNotFoundError:
        return "找不到檔案。", ""
    except OSError as exc:
        return sentence(exc, path), ""
    if not head:
        return "檔案是空的（0 位元組），請重新匯出。", ""
    match = _HEADER.search(head)
    if match is None:
        lowered = head.lower()
        if b"<html" in lowered or b"<!doctype" in lowered:
            return "這是網頁（HTML）檔，不是 PDF；可能是下載時存成了網頁。", ""
        return "這不是 PDF 檔（找不到 %PDF 標頭）。", ""
    return None, match.group(1).decode()


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]


def check_pdf(path: str | Path, profile: Profile | str = Profile.PRINT,
              toc: list[dict[str, Any]] | None = None, page_offset: int = 0,
              progress: Callable[[int, int, str], None] | None = None,
              cancelled: Callable[[], bool] | None = None,
              on_result: Callable[[str, CheckResult], None] | None = None) -> FileReport:
    """Run every check of 附件三 on one PDF.

    `toc` is the publication's TOC as nested {title, page, children}; `page_offset` is added
    to a printed page number to get the PDF page. Raises WalkCancelled when cancelled.
    `on_result` hears each verdict as soon as it is known (the isolated child streams them,
    so a bound hit during the walk keeps what was checked).
    """
    file = Path(path)
    error, header = sniff(file)
    if error is not None:
        return unreadable(str(file), error)
    try:
        pdf = pikepdf.open(file)
    except pikepdf.PasswordError:
        report = unreadable(str(file), "檔案有開啟密碼，無法檢查內容。")
        report.checks["protection"] = CheckResult(
            Status.FAIL, "檔案需要密碼才能開啟。", {"encrypted": True, "copy_allowed": False},
            "匯出時不要設定密碼或保全。")
        return report
    except TypeError:  # pikepdf cannot take a name that is not valid Unicode
        return unreadable(str(file), "檔名含有無法辨識的字元，無法開啟；請把檔案改成一般的檔名後再檢查。")
    except (pikepdf.PdfError, OSError, ValueError, RuntimeError) as exc:
        return unreadable(str(file), "檔案已損壞，無法開啟；請重新匯出 PDF。"
                                     f"（技術細節：{_first_line(exc)}）")
    with pdf:
        results: dict[str, CheckResult] = {}
        early = CheckContext(str(file), pdf, header, Usage(), Profile(profile), toc, page_offset)
        for check_id, function in CHECKS:
            if check_id in EARLY_CHECKS:
                results[check_id] = _run(function, early)
                if on_result is not None:
                    on_result(check_id, results[check_id])
        walker = Walker(pdf, text.wants_strings, progress, cancelled)
        try:
            warnings = parallel.walk(walker, str(file))
            usage = walker.finish()
        except WalkCancelled:
            raise
        except MemoryError:  # outside any one content stream: the file as a whole is too large
            return _too_large(str(file), results, bound_words("memory_mb"))
        except Exception as exc:  # the page tree itself is broken: no page can be reached
            return unreadable(str(file), "檔案的頁面結構損壞，無法逐頁讀取；請重新匯出 PDF。"
                                         f"（技術細節：{_first_line(exc)}）")
        # All of qpdf's warnings — those raised while the pages were read too.
        warnings += [str(w) for w in pdf.get_warnings()]
        notes = []
        if structure.repairs_in_words(warnings) or not structure.ends_properly(str(file)):
            notes.append("檔案結構有損壞，以下結果是在自動修復後的內容上檢查的；請重新匯出 PDF。")
        context = CheckContext(str(file), pdf, header, usage, Profile(profile), toc,
                               page_offset, notes, warnings)
        if usage.too_large:
            notes.append(too_large_note(usage.too_large))
        report = FileReport(str(file), opened=True, notes=notes + usage.problems[:20])
        for check_id, function in CHECKS:
            if check_id not in results:
                results[check_id] = _run(function, context)
                if check_id in WALK_CHECKS and usage.too_large:
                    results[check_id] = partly_checked(results[check_id], usage.too_large)
                if on_result is not None:
                    on_result(check_id, results[check_id])
            report.checks[check_id] = results[check_id]
        return report


def too_large_note(where: list[str]) -> str:
    """The report's note on content beyond a bound (which content, which limit)."""
    shown = "、".join(where[:5]) + (" 等" if len(where) > 5 else "")
    return f"檔案太大，無法完整檢查：{shown}超過檢查的上限，未檢查這些內容。這不表示檔案損壞。"


def partly_checked(result: CheckResult, where: list[str]) -> CheckResult:
    """A walk check's verdict when some content was beyond a bound: a failure found stands;
    a pass is a pass on the rest only, so it asks the officer to look (請注意)."""
    if result.status is not Status.PASS:
        return result
    shown = "、".join(where[:5]) + (" 等" if len(where) > 5 else "")
    return CheckResult(
        Status.WARN, f"未能完整檢查：{shown}太大，超過檢查的上限（檔案並非因此損壞）。"
                     f"其餘內容：{result.message}",
        {**result.evidence, "too_large": where[:20]},
        "請在 Acrobat 等軟體中目視確認這些頁面；或將過於複雜的頁面（如大量向量圖）平面化、"
        "分割檔案後再檢查。")


def _too_large(path: str, results: dict[str, CheckResult], words: str) -> FileReport:
    """A file whose walk ran out of memory as a whole: the checks done before it stand, the
    walk's are 請注意 — too large to check fully, not damaged."""
    note = f"檔案太大，無法完整檢查（{words}）。這不表示檔案損壞。"
    checks = dict(results)
    for check_id, _function in CHECKS:
        checks.setdefault(check_id, CheckResult(
            Status.WARN, f"未能檢查：檔案太大，超過檢查的上限（{words}）；這不表示檔案損壞。", {},
            "請分割檔案後再檢查（命令列的 pubdesk check 可用 --memory-mb 提高記憶體上限）。"))
    return FileReport(path, opened=True, notes=[note], checks=checks)


def _run(function: Callable[[CheckContext], CheckResult], context: CheckContext) -> CheckResult:
    try:
        return function(context)
    except Exception as exc:  # one check's bug must not hide the others' verdicts
        return CheckResult(
            Status.WARN, "這項檢查無法完成：檔案中有無法解讀的資料；其他檢查不受影響。",
            {"technical": f"{type(exc).__name__}: {_first_line(exc)}"},
            "請重新匯出 PDF 後再檢查。")
