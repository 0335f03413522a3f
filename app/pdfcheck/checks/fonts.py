"""fonts_embedded: every font that shows text is embedded (FontFile/2/3 — on the descendant
for Type0; Type3 counts as embedded); declared-but-unused fonts are listed apart."""

from __future__ import annotations

import zlib
from typing import Any

import pikepdf

from app.pdfcheck.context import CheckContext, base_font_name, descendant, pages_text
from app.pdfcheck.pdfnames import name_text
from app.pdfcheck.report import CheckResult, Status

FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
MAGIC = (b"\x00\x01\x00\x00", b"true", b"OTTO", b"ttcf", b"%!", b"\x80\x01", b"\x01\x00",
         b"typ1")


HEAD_BYTES = 64


def _head(stream: pikepdf.Stream) -> bytes:
    """The first bytes of a font file, decoding no more than needed: a font file that
    inflates to gigabytes (a decompression bomb) is judged by its head like any other."""
    filters = stream.get("/Filter")
    names = [name_text(f) for f in filters] if isinstance(filters, pikepdf.Array) else \
        [name_text(filters)] if filters is not None else []
    if not names:
        return bytes(stream.read_raw_bytes()[:HEAD_BYTES])
    if names == ["/FlateDecode"] and stream.get("/DecodeParms") is None:
        raw = bytes(stream.read_raw_bytes())
        head = zlib.decompressobj().decompress(raw, HEAD_BYTES)
        if not head and raw:
            raise zlib.error("資料無法解壓縮")
        return head
    return bytes(stream.read_bytes()[:HEAD_BYTES])


def embedding(font: pikepdf.Dictionary) -> tuple[bool, str]:
    """(embedded, problem): problem is '' or why an embedded file is unusable."""
    if name_text(font.get("/Subtype", "")) == "/Type3":
        return True, ""
    descriptor = descendant(font).get("/FontDescriptor")
    if not isinstance(descriptor, pikepdf.Dictionary):
        return False, ""
    for key in FONT_FILES:
        stream = descriptor.get(key)
        if stream is None:
            continue
        if not isinstance(stream, pikepdf.Stream):
            return True, "字型檔不是資料流"
        try:
            data = _head(stream)
        except (pikepdf.PdfError, zlib.error, MemoryError) as exc:
            return True, f"字型檔無法解碼（{exc}）"
        if not data:
            return True, "字型檔是空的"
        if key != "/FontFile3" and not data.startswith(MAGIC):
            return True, "字型檔內容不是可辨識的字型格式"
        return True, ""
    return False, ""


def describe(font: pikepdf.Dictionary, pages: set[int]) -> dict[str, Any]:
    """Evidence for one font."""
    name = base_font_name(font)
    embedded, problem = embedding(font)
    return {"name": name, "type": name_text(font.get("/Subtype", "")).lstrip("/"),
            "embedded": embedded and not problem, "unreadable": problem or None,
            "subset": len(name) > 7 and name[6] == "+" and name[:6].isupper(),
            "used_on_pages": sorted(pages)}


def check(context: CheckContext) -> CheckResult:
    """Fail on any used font without an embedded (and readable) font file."""
    usage = context.usage
    fonts = [describe(use.font, use.pages) for use in usage.fonts.values() if use.pages]
    invisible_only = [base_font_name(use.font) for use in usage.fonts.values()
                      if use.invisible_pages and not use.pages]
    unused = [{"name": base_font_name(font), "declared_on_pages": sorted(pages)}
              for key, (font, pages) in usage.declared_fonts.items() if key not in usage.fonts]
    missing = [f for f in fonts if not f["embedded"] and not f["unreadable"]]
    broken = [f for f in fonts if f["unreadable"]]
    evidence: dict[str, Any] = {"not_embedded": [f["name"] for f in missing],
                                "unreadable": [f"{f['name']}：{f['unreadable']}" for f in broken],
                                "fonts": fonts, "declared_unused": unused,
                                "invisible_text_only": invisible_only}
    if missing or broken:
        parts = [f"{f['name']}（{pages_text(f['used_on_pages'])}）未嵌入" for f in missing]
        parts += [f"{f['name']} 的字型檔無法讀取：{f['unreadable']}" for f in broken]
        return CheckResult(Status.FAIL, "；".join(parts) + "。", evidence,
                           "匯出 PDF 時勾選「嵌入所有字型」（Acrobat Distiller：字型 → 嵌入所有字型；"
                           "Word：選項 → 符合 ISO 19005-1 或「內嵌字型」），再重新檢查。")
    message = f"使用中的 {len(fonts)} 種字型都已嵌入。" if fonts else "文件沒有使用文字字型。"
    if unused:
        message += f"另有 {len(unused)} 種字型只宣告未使用（不影響）。"
    if invisible_only:
        message += (f"另有 {len(invisible_only)} 種字型只用於看不見的文字（例如掃描檔的 OCR "
                    "文字層），不需嵌入。")
    return CheckResult(Status.PASS, message, evidence)
