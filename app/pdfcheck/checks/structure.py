"""structure: was the file whole? A PDF that needed repair (a broken cross-reference table,
a truncated end, objects that could not be read) fails, with what was repaired in words; the
other checks then ran on the repaired file, which the report says. A truncated file never
passes, however little of it the other checks could see.

The warnings are the ones pikepdf (qpdf) gave while opening *and* while the pages were walked
(the old engine read them before the walk and lost the rest).
"""

from __future__ import annotations

import re
from pathlib import Path

from app.pdfcheck.context import CheckContext
from app.pdfcheck.report import CheckResult, Status

_SAID = [
    (re.compile(r"reconstruct|xref not found|xref (table|stream)|cross-reference", re.I),
     "交叉參照表損壞，已重建"),
    (re.compile(r"unexpected EOF|end of file|EOF while|premature", re.I), "檔案在結尾前中斷（可能下載或複製不完整）"),
    (re.compile(r"expected endstream|stream length|Length key", re.I), "資料串的長度不符"),
    (re.compile(r"object .* not found|unable to find|invalid object|expected n n obj", re.I),
     "有物件無法讀取"),
    (re.compile(r"file is damaged|damaged", re.I), "檔案已損壞"),
]
TAIL_BYTES = 2048


def repairs_in_words(warnings: list[str]) -> list[str]:
    """Each kind of repair once, in the officer's language, in the order first met."""
    said: dict[str, None] = {}
    for warning in warnings:
        for pattern, words in _SAID:
            if pattern.search(warning):
                said[words] = None
                break
    return list(said)


def ends_properly(path: str) -> bool:
    """The file's last bytes hold the `%%EOF` marker (a truncated download does not)."""
    try:
        with Path(path).open("rb") as handle:
            handle.seek(0, 2)
            size = handle.tell()
            handle.seek(max(0, size - TAIL_BYTES))
            return b"%%EOF" in handle.read()
    except OSError:
        return False


def check(context: CheckContext) -> CheckResult:
    """Fail when the file had to be repaired or is cut short."""
    repairs = repairs_in_words(context.warnings)
    if not ends_properly(context.path):
        repairs.insert(0, "檔案結尾不完整（缺少 %%EOF，可能下載或複製不完整）")
    if context.usage.unreadable:
        shown = "、".join(context.usage.unreadable[:5])
        more = " 等" if len(context.usage.unreadable) > 5 else ""
        repairs.append(f"{shown}{more}無法讀取（字型、影像與色彩的檢查看不到這些內容）")
    evidence = {"repairs": repairs, "technical": context.warnings[:20]}
    if repairs:
        return CheckResult(Status.FAIL, "檔案結構有損壞，其他檢查是在自動修復後的內容上進行：" +
                           "；".join(repairs) + "。", evidence,
                           "請從原始檔重新匯出 PDF（或重新下載、複製完整的檔案）後再檢查。")
    if context.usage.too_large:
        # Beyond a bound is not damage: said apart, and the file is not failed for it.
        shown = "、".join(context.usage.too_large[:5])
        more = " 等" if len(context.usage.too_large) > 5 else ""
        return CheckResult(Status.WARN, f"檔案太大，無法完整檢查：{shown}{more}超過檢查的上限。"
                           "沒有發現結構損壞，這不表示檔案損壞。",
                           {**evidence, "too_large": context.usage.too_large[:20],
                            "bounds": context.usage.bounds_hit},
                           "若要完整檢查，請將過於複雜的頁面（如大量向量圖）平面化或分割檔案後再檢查。")
    if context.warnings:
        return CheckResult(Status.WARN, f"讀取時有 {len(context.warnings)} 則警告，但檔案結構完整。",
                           evidence, "若其他檢查結果異常，請重新匯出 PDF。")
    return CheckResult(Status.PASS, "檔案結構完整，不需要修復。", evidence)
