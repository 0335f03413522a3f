"""A check's evidence in sentences an officer reads — pages, font names, ppi, what to look at —
instead of its keys and values. The raw evidence stays in the report for the technical detail
(the check page shows it one click away; `--json` prints it)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from app.language import language, listed, shown, t

LIMIT = 12
"""Sentences per check at most; the rest are counted."""


def pages_text(pages: Iterable[Any]) -> str:
    """「第 1、3、5 頁」, or "pages 1, 3, 5" (at most ten numbers, then 「等」)."""
    numbers = sorted({int(p) for p in pages if str(p).isdigit()})
    if not numbers:
        return ""
    listing = listed([str(n) for n in numbers[:10]])
    more = len(numbers) > 10
    if language() == "en":  # English needs the plural; Chinese has none
        return ("page " if len(numbers) == 1 else "pages ") + listing + (" …" if more else "")
    return f"第 {listing}{' 等' if more else ''} 頁"


def _fonts(evidence: dict[str, Any]) -> list[str]:
    lines = []
    for font in evidence.get("fonts", []):
        if font.get("embedded") is False or font.get("unreadable"):
            values = {"name": font.get("name"), "type": font.get("type", ""),
                      "pages": pages_text(font.get("used_on_pages", []))}
            if font.get("unreadable"):
                lines.append(t("字型「{name}」（{type}）的字型檔無法讀取，用在{pages}。", **values)
                             if values["pages"] else
                             t("字型「{name}」（{type}）的字型檔無法讀取。", **values))
            else:
                lines.append(t("字型「{name}」（{type}）沒有內嵌，用在{pages}。", **values)
                             if values["pages"] else
                             t("字型「{name}」（{type}）沒有內嵌。", **values))
    unused = evidence.get("declared_unused", [])
    if unused:
        lines.append(t("另有 {count} 個字型宣告了但沒有用到（不影響印製）。", count=len(unused)))
    return lines


def _images(evidence: dict[str, Any]) -> list[str]:
    lines = []
    for image in sorted(evidence.get("images", []),
                        key=lambda i: min(i.get("x_ppi") or 0, i.get("y_ppi") or 0)):
        ppi = min(image.get("x_ppi") or 0, image.get("y_ppi") or 0)
        required = image.get("required_ppi")
        if required and ppi >= required:
            continue
        kind = {"colour": t("彩色"), "grey": t("灰階"), "bitonal": t("黑白")}.get(
            image.get("kind", ""), "")
        values = {"page": image.get("page"), "where": shown(str(image.get("where", ""))),
                  "kind": kind, "width": image.get("width_px"), "height": image.get("height_px"),
                  "ppi": f"{ppi:.0f}", "required": required}
        lines.append(
            t("第 {page} 頁{where}的{kind}影像（{width}×{height} 像素）實際只有 {ppi} ppi，"
              "需要 {required} ppi。", **values) if required else
            t("第 {page} 頁{where}的{kind}影像（{width}×{height} 像素）實際只有 {ppi} ppi。",
              **values))
    if not lines and evidence.get("min_ppi"):
        lines.append(t("解析度最低的影像為 {ppi} ppi。", ppi=f"{evidence['min_ppi']:.0f}"))
    return lines


def _colours(evidence: dict[str, Any]) -> list[str]:
    lines = []
    for use in evidence.get("non_cmyk", []):
        space = {"DeviceRGB": "RGB", "DeviceGray": t("灰階"), "CalRGB": "RGB",
                 "ICCBased": t("ICC 色彩")}.get(str(use.get("space")), str(use.get("space")))
        lines.append(t("第 {page} 頁：{what}使用 {space} 色彩（印製用須為 CMYK）。",
                       page=use.get("page"), what=shown(str(use.get("what", ""))), space=space))
    lines += [str(w) for w in evidence.get("warnings", [])]
    return lines


def _bookmarks(evidence: dict[str, Any]) -> list[str]:
    lines = []
    for item in evidence.get("differences", []):
        title = item.get("title", "")
        kind = item.get("kind")
        if kind == "missing":
            lines.append(t("目次的「{title}」（第 {page} 頁）沒有對應的書籤。", title=title,
                           page=item.get("page")))
        elif kind == "extra":
            lines.append(t("書籤「{title}」不在目次中。", title=title))
        elif kind == "misplaced":
            lines.append(t("書籤「{title}」的順序與目次不同（排在第 {position} 個）。", title=title,
                           position=item.get("outline_position")))
        elif kind == "level":
            lines.append(t("「{title}」在目次是第 {toc} 層，書籤是第 {outline} 層。", title=title,
                           toc=item.get("toc_level"), outline=item.get("outline_level")))
        elif kind == "page":
            lines.append(t("書籤「{title}」指到 PDF 第 {outline} 頁，依目次應為第 {expected} 頁。",
                           title=title, outline=item.get("outline_page"),
                           expected=item.get("expected_pdf_page")))
    lines += [str(p) for p in evidence.get("problems", [])]
    return lines


def _protection(evidence: dict[str, Any]) -> list[str]:
    if not evidence.get("encrypted"):
        return []
    method = str(evidence.get("method", "")).replace("EncryptionMethod.", "")
    copying = t("內容仍可複製。") if evidence.get("copy_allowed") else t("禁止複製內容。")
    return [t("檔案有加密（{method}）；{copying}", method=method, copying=copying) if method
            else t("檔案有加密；{copying}", copying=copying)]


def _copyable(evidence: dict[str, Any]) -> list[str]:
    return [t("字型「{name}」的文字複製出來會是亂碼（缺少 Unicode 對照）。", name=name)
            for name in evidence.get("garbage_fonts", [])]


def _private_use(evidence: dict[str, Any]) -> list[str]:
    lines = []
    for item in evidence.get("characters", []):
        where = pages_text(item.get("pages", []))
        code = item.get("codepoint") or t("字碼 {code}", code=item.get("code"))
        values = {"code": code, "font": item.get("font"), "pages": where}
        lines.append(t("造字 {code}（字型「{font}」）出現在{pages}。", **values) if where
                     else t("造字 {code}（字型「{font}」）。", **values))
    return lines


ACTIVE_WORDS = {"JavaScript": "JavaScript 程式碼", "Launch": "開啟外部程式的動作",
                "ImportData": "匯入資料的動作", "SubmitForm": "送出表單的動作",
                "RichMediaExecute": "執行多媒體指令的動作", "GoToE": "開啟附加檔案的動作",
                "GoToR": "開啟其他檔案的動作", "URI": "網址連結", "EmbeddedFile": "附加檔案",
                "XFA": "XFA 表單", "RichMedia": "多媒體內容", "3D": "3D 內容"}


def _active(evidence: dict[str, Any]) -> list[str]:
    return [t("{where}：{what}。", where=shown(str(item.get("where", ""))),
              what=t(ACTIVE_WORDS[str(item.get("kind"))])
              if str(item.get("kind")) in ACTIVE_WORDS else str(item.get("kind")))
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
        lines = [*lines[:LIMIT], t("…另有 {count} 項，見技術細節。", count=len(lines) - LIMIT)]
    return lines


def _value(value: Any) -> str:
    """A raw value; a Chinese word in it (頁面內容, 標準字型) in the officer's language."""
    return shown(value) if isinstance(value, str) else str(value)


def technical_lines(evidence: dict[str, Any], limit: int = LIMIT) -> list[str]:
    """The raw evidence, key by key (for the technical detail)."""
    lines: list[str] = []
    for key, value in evidence.items():
        if isinstance(value, list):
            if not value:
                continue
            lines.append(f"{key}: {len(value)}")
            for entry in value[:limit]:
                lines.append("    " + (", ".join(f"{k}={_value(v)}" for k, v in entry.items()
                                                   if k != "children")
                                       if isinstance(entry, dict) else _value(entry)))
            if len(value) > limit:
                lines.append(f"    …+{len(value) - limit}")
        elif value not in (None, "", {}):
            lines.append(f"{key}: {_value(value)}")
    return lines
