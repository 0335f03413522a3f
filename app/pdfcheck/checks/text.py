"""text_copyable: each used font maps its codes to Unicode (ToUnicode, a standard encoding or a
predefined CJK CMap) so copied text is not garbage. private_use_chars: characters mapped into
the Private Use Area (self-made characters, 造字), listed with their pages."""

from __future__ import annotations

from typing import Any

import pikepdf

from app.pdfcheck.context import CheckContext, base_font_name, descendant, pages_text
from app.pdfcheck.pdfnames import name_text
from app.pdfcheck.report import CheckResult, Status
from app.pdfcheck.tounicode import parse

STANDARD_ENCODINGS = {"/WinAnsiEncoding", "/MacRomanEncoding", "/StandardEncoding",
                      "/MacExpertEncoding", "/PDFDocEncoding"}
CJK_ORDERINGS = {"CNS1", "GB1", "Japan1", "Korea1", "KR"}
BIG5_CMAPS = ("B5", "ETen", "HKscs", "ETHK")
STANDARD_14 = {"Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic", "Helvetica",
               "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique", "Courier",
               "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique", "Symbol",
               "ZapfDingbats"}


def copy_verdict(font: pikepdf.Dictionary) -> tuple[bool, str]:
    """(copyable, how) for one font."""
    if isinstance(font.get("/ToUnicode"), pikepdf.Stream):
        return True, "ToUnicode"
    subtype = name_text(font.get("/Subtype", ""))
    encoding = font.get("/Encoding")
    if subtype == "/Type0":
        name = name_text(encoding).lstrip("/") if isinstance(encoding, pikepdf.Name) else ""
        info = descendant(font).get("/CIDSystemInfo")
        ordering = name_text(info.get("/Ordering", "")) if isinstance(info, pikepdf.Dictionary) else ""
        if name and not name.startswith("Identity") and ordering in CJK_ORDERINGS:
            return True, f"預定義 CJK 編碼 {name}"
        return False, f"{name or '自訂'} 編碼且沒有 ToUnicode"
    if subtype == "/Type3":
        return False, "Type3 字型沒有 ToUnicode"
    if isinstance(encoding, pikepdf.Name) and name_text(encoding) in STANDARD_ENCODINGS:
        return True, f"標準編碼 {name_text(encoding).lstrip('/')}"
    if isinstance(encoding, pikepdf.Dictionary):
        return True, "標準編碼加差異表"
    if base_font_name(font).split("+")[-1] in STANDARD_14:
        return True, "標準字型"
    return False, "沒有編碼資訊也沒有 ToUnicode"


def check_copyable(context: CheckContext) -> CheckResult:
    """Fail when a font's text would copy as garbage."""
    rows: list[dict[str, Any]] = []
    bad: list[dict[str, Any]] = []
    for use in context.usage.fonts.values():
        copyable, how = copy_verdict(use.font)
        row = {"name": base_font_name(use.font), "copyable": copyable, "how": how,
               "used_on_pages": sorted(use.pages)}
        rows.append(row)
        if not copyable:
            bad.append(row)
    evidence = {"fonts": rows, "garbage_fonts": [b["name"] for b in bad]}
    if bad:
        names = "；".join(f"{b['name']}（{b['how']}，{pages_text(b['used_on_pages'])}）"
                         for b in bad)
        return CheckResult(Status.FAIL, f"這些字型的文字複製出來會是亂碼：{names}。", evidence,
                           "匯出 PDF 時使用可對應 Unicode 的字型（避免點陣或外框化文字），"
                           "Acrobat Distiller 請勾選「保留文字可複製」或以 Word 另存 PDF。")
    if not rows:
        return CheckResult(Status.PASS, "文件沒有文字。", evidence)
    return CheckResult(Status.PASS, f"{len(rows)} 種字型的文字都可正確複製。", evidence)


def wants_strings(font: pikepdf.Dictionary) -> bool:
    """Whether the walk must keep this font's shown strings (it can produce 造字)."""
    encoding = name_text(font.get("/Encoding", ""))
    if any(part in encoding for part in BIG5_CMAPS):
        return True
    mapping = parse(font)
    return mapping is not None and bool(mapping.private_use_codes())


def _big5_user_defined(code: bytes) -> bool:
    lead = code[0]
    return 0x81 <= lead <= 0xA0 or 0xFA <= lead <= 0xFE or (
        len(code) == 2 and 0xC6A1 <= int.from_bytes(code, "big") <= 0xC8FE)


def check_private_use(context: CheckContext) -> CheckResult:
    """List the 造字 actually shown, with their pages."""
    found: dict[str, dict[str, Any]] = {}
    for use in context.usage.fonts.values():
        if not use.strings:
            continue
        name = base_font_name(use.font)
        mapping = parse(use.font)
        private = mapping.private_use_codes() if mapping else {}
        big5 = any(p in name_text(use.font.get("/Encoding", "")) for p in BIG5_CMAPS)
        for page, data in use.strings:
            if mapping is not None:
                for code in mapping.decode_codes(data):
                    if code in private:
                        char = private[code]
                        entry = found.setdefault(f"{name}:{code.hex()}", {
                            "char": char, "codepoint": f"U+{ord(char[0]):04X}", "font": name,
                            "code": code.hex(), "pages": set()})
                        entry["pages"].add(page)
            elif big5:
                for index in range(0, len(data) - 1):
                    code = data[index:index + 2]
                    if data[index] >= 0x81 and _big5_user_defined(code):
                        entry = found.setdefault(f"{name}:{code.hex()}", {
                            "char": None, "codepoint": None, "font": name, "code": code.hex(),
                            "pages": set()})
                        entry["pages"].add(page)
    rows = [{**e, "pages": sorted(e["pages"])} for e in found.values()]
    evidence = {"characters": rows}
    if rows:
        listing = "、".join(f"{r['codepoint'] or 'Big5 ' + r['code']}（{pages_text(r['pages'])}）"
                            for r in rows[:10])
        return CheckResult(Status.WARN, f"有 {len(rows)} 個造字（私用區字元）：{listing}。", evidence,
                           "造字需附 CNS 11643 對照表；請改用全字庫已有的字，或將對照表一併送交文化部。")
    return CheckResult(Status.PASS, "沒有使用造字（私用區字元）。", evidence)
