"""The fonts an editable document (DOCX, ODT) names for characters 標楷體 lacks: Word and
LibreOffice draw CJK Extension B (𠀋, 𡘙 — rare characters of personal names) and CNS 11643's
characters outside Unicode (Plane 15, an agency's 造字) only from a font named for them, so such
runs name the bundled 全字庫正楷體 Ext-B and Plus by the family names their files carry
(resources/fonts; installing them on Windows is the installer's part)."""

from __future__ import annotations

EXT_B_FONT = "TW-Kai-Ext-B"
"""全字庫正楷體 Ext-B (TW-Kai-Ext-B-98_1.ttf): Plane 2, CJK Extension B and after."""
PLUS_FONT = "TW-Kai-Plus"
"""全字庫正楷體 Plus (TW-Kai-Plus-98_1.ttf): CNS 11643 characters mapped into Plane 15."""
FALLBACK_FONTS = (EXT_B_FONT, PLUS_FONT)


def fallback_font(char: str) -> str | None:
    """The font a document names for `char`, or None when its style's fonts serve."""
    code = ord(char)
    if 0x20000 <= code <= 0x2FFFF:
        return EXT_B_FONT
    if code >= 0xF0000:
        return PLUS_FONT
    return None


def needs_fallback(text: str) -> bool:
    """Whether any character of `text` is outside the Basic Multilingual Plane's fonts."""
    return any(ord(char) > 0xFFFF and fallback_font(char) for char in text)


def font_runs(text: str) -> list[tuple[str | None, str]]:
    """`text` in runs of one font each: (None, …) for the style's fonts."""
    runs: list[tuple[str | None, str]] = []
    for char in text:
        font = fallback_font(char)
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + char)
        else:
            runs.append((font, char))
    return runs
