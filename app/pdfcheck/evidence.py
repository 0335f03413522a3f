"""A check's evidence in sentences an officer reads — pages, font names, ppi, what to look at —
instead of its keys and values. The raw evidence stays in the report for the technical detail
(the check page shows it one click away; `--json` prints it)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

LIMIT = 12
"""Sentences per check at most; the rest are counted."""


def pages_text(pages: Iterable[Any]) -> str:
    """「第 1、3、5 頁」 (at most ten numbers, then 「等」)."""
    numbers = sorted({int(p) for p in pages if str(p).isdigit()})
    if not numbers:
        return ""
    shown = "、".join(str(n) for n in numbers[:10])
    return f"第 {shown}{' 等' if len(numbers) > 10 else ''} 頁"


def _fonts(evidence: dict[str, Any]) -> list[str]:
    lines = []
    for font in evidence.get("fonts", []):
        if font.get("embedded") is False or font.get("unreadable"):
            where = pages_text(font.get("used_on_pages", []))
            why = "字型檔無法讀取" if font.get("unreadable") else "沒有內嵌"
            lines.append(f"字型「{font.get('name')}」（{font.get('type', '')}）{why}"
                         + (f"，用在{where}" if where else "") + "。")
    unused = evidence.get("declared_unused", [])
    if unused:
        lines.append(f"另有 {len(unused)} 個字型宣告了但沒有用到（不影響印製）。")
    return lines


def _images(evidence: dict[str, Any]) -> list[str]:
    lines = []
    for image in sorted(evidence.get("images", []),
                        key=lambda i: min(i.get("x_ppi") or 0, i.get("y_ppi") or 0)):
        ppi = min(image.get("x_ppi") or 0, image.get("y_ppi") or 0)
        required = image.get("required_ppi")
        if required and ppi >= required:
            continue
        kind = {"colour": "彩色", "grey": "灰階", "bitonal": "黑白"}.get(image.get("kind", ""), "")
        lines.append(f"第 {image.get('page')} 頁{image.get('where', '')}的{kind}影像"
                     f"（{image.get('width_px')}×{image.get('height_px')} 像素）"
                     f"實際只有 {ppi:.0f} ppi" + (f"，需要 {required} ppi" if required else "")
                     + "。")
    if not lines and evidence.get("min_ppi"):
        lines.append(f"解析度最低的影像為 {evidence['min_ppi']:.0f} ppi。")
    return lines


def _colours(evidence: dict[str, Any]) -> list[str]:
    lines = []
    for use in evidence.get("non_cmyk", []):
        space = {"DeviceRGB": "RGB", "DeviceGray": "灰階", "CalRGB": "RGB",
                 "ICCBased": "ICC 色彩"}.get(str(use.get("space")), str(use.get("space")))
        lines.append(f"第 {use.get('page')} 頁：{use.get('what', '')}使用 {space} 色彩"
                     "（印製用須為 CMYK）。")
    lines += [str(w) for w in evidence.get("warnings", [])]
    return lines


def _bookmarks(evidence: dict[str, Any]) -> list[str]:
    lines = []
    for item in evidence.get("differences", []):
        title = item.get("title", "")
        kind = item.get("kind")
        if kind == "missing":
            lines.append(f"目次的「{title}」（第 {item.get('page')} 頁）沒有對應的書籤。")
        elif kind == "extra":
            lines.append(f"書籤「{title}」不在目次中。")
        elif kind == "misplaced":
            lines.append(f"書籤「{title}」的順序與目次不同（排在第 {item.get('outline_position')} 個）。")
        elif kind == "level":
            lines.append(f"「{title}」在目次是第 {item.get('toc_level')} 層，書籤是第 "
                         f"{item.get('outline_level')} 層。")
        elif kind == "page":
            lines.append(f"書籤「{title}」指到 PDF 第 {item.get('outline_page')} 頁，依目次應為第 "
                         f"{item.get('expected_pdf_page')} 頁。")
    lines += [str(p) for p in evidence.get("problems", [])]
    return lines


def _protection(evidence: dict[str, Any]) -> list[str]:
    if not evidence.get("encrypted"):
        return []
    method = str(evidence.get("method", "")).replace("EncryptionMethod.", "")
    return ["檔案有加密" + (f"（{method}）" if method else "") + "；"
            + ("內容仍可複製。" if evidence.get("copy_allowed") else "禁止複製內容。")]


def _copyable(evidence: dict[str, Any]) -> list[str]:
    return [f"字型「{name}」的文字複製出來會是亂碼（缺少 Unicode 對照）。"
            for name in evidence.get("garbage_fonts", [])]


def _private_use(evidence: dict[str, Any]) -> list[str]:
    lines = []
    for item in evidence.get("characters", []):
        where = pages_text(item.get("pages", []))
        code = item.get("codepoint") or f"字碼 {item.get('code')}"
        lines.append(f"造字 {code}（字型「{item.get('font')}」）" + (f"出現在{where}" if where
                                                                  else "") + "。")
    return lines


def _active(evidence: dict[str, Any]) -> list[str]:
    words = {"JavaScript": "JavaScript 程式碼", "Launch": "開啟外部程式的動作",
             "ImportData": "匯入資料的動作", "SubmitForm": "送出表單的動作",
             "RichMediaExecute": "執行多媒體指令的動作", "GoToE": "開啟附加檔案的動作",
             "GoToR": "開啟其他檔案的動作", "URI": "網址連結", "EmbeddedFile": "附加檔案",
             "XFA": "XFA 表單", "RichMedia": "多媒體內容", "3D": "3D 內容"}
    return [f"{item.get('where', '')}：{words.get(str(item.get('kind')), str(item.get('kind')))}。"
            for item in evidence.get("items", [])]


def _structure(evidence: dict[str, Any]) -> list[str]:
    return [str(repair) for repair in evidence.get("repairs", [])]


SENTENCES: dict[str, Callable[[dict[str, Any]], list[str]]] = {
    "fonts_embedded": _fonts, "image_resolution": _images, "colour_space": _colours,
    "bookmarks": _bookmarks, "protection": _protection, "text_copyable": _copyable,
    "private_use_chars": _private_use, "active_content": _active, "structure": _structure,
}


def evidence_sentences(check_id: str, evidence: dict[str, Any]) -> list[str]:
    """The evidence in sentences (at most `LIMIT`, then how many more); [] when the message
    says it all."""
    sentences = SENTENCES.get(check_id)
    if sentences is None:
        return []
    try:
        lines = sentences(evidence)
    except (TypeError, ValueError, AttributeError):
        return []  # unexpected evidence: the technical detail still shows it
    if len(lines) > LIMIT:
        lines = [*lines[:LIMIT], f"…另有 {len(lines) - LIMIT} 項，見技術細節。"]
    return lines


def technical_lines(evidence: dict[str, Any], limit: int = LIMIT) -> list[str]:
    """The raw evidence, key by key (for the technical detail)."""
    lines: list[str] = []
    for key, value in evidence.items():
        if isinstance(value, list):
            if not value:
                continue
            lines.append(f"{key}：{len(value)}")
            for entry in value[:limit]:
                lines.append("    " + (", ".join(f"{k}={v}" for k, v in entry.items()
                                                   if k != "children")
                                       if isinstance(entry, dict) else str(entry)))
            if len(value) > limit:
                lines.append(f"    …+{len(value) - limit}")
        elif value not in (None, "", {}):
            lines.append(f"{key}：{value}")
    return lines
