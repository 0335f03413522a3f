"""Fonts for the PDFs we write: every font embedded (as a subset), Chinese in 標楷體 or the
bundled 全字庫正楷體, Latin letters, digits and ASCII signs in the bundled Liberation Serif
(Times New Roman's metrics), and a character no font has stops the job with its name — never
silently dropped.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.errors import PubDeskError
from app.resources import resource_path

BUNDLED_KAI = "TW-Kai-98_1.ttf"
BUNDLED_LATIN = "LiberationSerif-Regular.ttf"


class MissingGlyphError(PubDeskError):
    """A character none of the available fonts can draw."""


@dataclass
class PdfFonts:
    """Registered font names: the Chinese font, the Latin font (may equal it), fallbacks."""

    cjk: str
    latin: str
    fallbacks: list[str] = field(default_factory=list)
    _coverage: dict[str, set[int]] = field(default_factory=dict, repr=False)

    def has(self, font: str, char: str) -> bool:
        """Whether `font` has a glyph for `char`."""
        return ord(char) in self._coverage[font]

    def font_for(self, char: str) -> str | None:
        """The font that draws `char` (None for characters that need no glyph)."""
        if char in "\n\t" or unicodedata.category(char) in ("Cc", "Cf"):
            return None
        if " " <= char <= "~" and self.has(self.latin, char):
            return self.latin  # every printable ASCII character, as table_widths measures it
        for font in (self.cjk, *self.fallbacks, self.latin):
            if self.has(font, char):
                return font
        raise MissingGlyphError(
            f"字型中沒有「{char}」（U+{ord(char):04X}）這個字，無法產生 PDF。"
            "請改用其他字，或安裝含有此字的字型（全字庫正楷體 Ext-B 與 Plus 隨 PubDesk 安裝；"
            "若被刪除，請重新安裝 PubDesk）後再試。")


def windows_font_folders(environ: dict[str, str] | None = None) -> list[Path]:
    """Windows' font folder and the user's own: since Windows 10 1809 an officer without
    administrator rights installs a font (標楷體 from a colleague, 全字庫) for herself only, into
    %LOCALAPPDATA%\\Microsoft\\Windows\\Fonts. Elsewhere these folders do not exist."""
    env = os.environ if environ is None else environ
    folders = [Path(env.get("WINDIR", r"C:\Windows")) / "Fonts"]
    if env.get("LOCALAPPDATA"):
        folders.append(Path(env["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
    return folders


def _first_in(folders: list[Path], *names: str) -> Path | None:
    for folder in folders:
        for name in names:
            if (folder / name).exists():
                return folder / name
    return None


def _candidates_cjk(environ: dict[str, str] | None = None) -> list[tuple[str, Path]]:
    found: list[tuple[str, Path]] = []
    kai = _first_in(windows_font_folders(environ), "kaiu.ttf", "KAIU.TTF")
    if kai is not None:
        found.append(("DFKai-SB", kai))
    found.append(("TW-Kai", resource_path("fonts", BUNDLED_KAI)))
    return found


def _candidates_latin(environ: dict[str, str] | None = None) -> list[tuple[str, Path]]:
    """The bundled Liberation Serif (Times New Roman's metrics) first, so every machine sets
    Latin text alike; Windows' Times New Roman only if the bundled file was removed."""
    found = [("LiberationSerif", resource_path("fonts", BUNDLED_LATIN))]
    times = _first_in(windows_font_folders(environ), "times.ttf", "TIMES.TTF")
    if times is not None:
        found.append(("TimesNewRoman", times))
    return found


def _candidates_fallback(environ: dict[str, str] | None = None) -> list[tuple[str, Path]]:
    # Ext-B and Plus are fetched into resources/fonts by tools/fetch_fonts.py (the installer
    # carries them); a system copy serves as well.
    folders = [resource_path("fonts"), Path("/usr/share/fonts/truetype/cns11643"),
               *windows_font_folders(environ)]
    names = {"TW-Kai-Ext-B-98_1.ttf": "TW-Kai-ExtB", "TW-Kai-Plus-98_1.ttf": "TW-Kai-Plus",
             "TW-Sung-98_1.ttf": "TW-Sung"}
    found: dict[str, Path] = {}
    for folder in folders:
        for file, name in names.items():
            if name not in found and (folder / file).exists():
                found[name] = folder / file
    return list(found.items())


def _register(name: str, path: Path, coverage: dict[str, set[int]]) -> bool:
    if name in coverage:
        return True
    try:
        font = TTFont(name, str(path))
    except Exception:  # a damaged or unsupported font file is skipped, not fatal
        return False
    pdfmetrics.registerFont(font)
    coverage[name] = set(font.face.charToGlyph)
    return True


def _utf16_hex(code: int) -> str:
    """A code point as a ToUnicode destination: UTF-16BE hex, a surrogate pair beyond the BMP."""
    return code.to_bytes(4, "big").hex().upper()[4:] if code <= 0xFFFF else \
        chr(code).encode("utf-16-be").hex().upper()


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with characters beyond the BMP written as UTF-16 (PDF 1.7
    §9.10.3). reportlab 5.1.0 writes them as `<2000B>`, which no reader understands, so 𠀋 in a
    name vanished from copied and searched text — the test in test_rare_characters catches it
    should an upgrade bring the old function back."""
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo", f"<< /Registry ({fontname})", f"/Ordering ({fontname})",
        "/Supplement 0", ">> def", f"/CMapName /{fontname} def", "/CMapType 2 def",
        "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>", "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{_utf16_hex(code)}>" for i, code in enumerate(subset)),
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"])


@lru_cache(maxsize=1)
def pdf_fonts() -> PdfFonts:
    """The fonts for this machine (registered with reportlab once per process), and the
    Chinese line-breaking rules (app.documents.linebreak) for every paragraph set in them."""
    from app.documents.linebreak import install

    install()
    from reportlab.pdfbase import ttfonts

    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    coverage: dict[str, set[int]] = {}
    cjk = next(name for name, path in _candidates_cjk() if _register(name, path, coverage))
    latin = next((name for name, path in _candidates_latin()
                  if _register(name, path, coverage)), cjk)
    fallbacks = [name for name, path in [*_candidates_cjk(), *_candidates_fallback()]
                 if name != cjk and _register(name, path, coverage)]
    return PdfFonts(cjk, latin, fallbacks, coverage)


def font_runs(text: str, fonts: PdfFonts) -> list[tuple[str, str]]:
    """Split text into (font, text) runs; raises MissingGlyphError naming the character."""
    runs: list[tuple[str, str]] = []
    for char in text:
        font = fonts.font_for(char) or (runs[-1][0] if runs else fonts.cjk)
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + char)
        else:
            runs.append((font, char))
    return runs


def markup(text: str, fonts: PdfFonts) -> str:
    """reportlab paragraph markup of plain text, with a font switch per run."""
    parts = []
    for font, run in font_runs(text, fonts):
        body = escape(run).replace("\n", "<br/>")
        parts.append(f'<font name="{font}">{body}</font>')
    return "".join(parts)
