"""Fonts: register the bundled TW-Kai and choose the UI font, so every widget renders
Traditional Chinese even on a PC without CJK fonts."""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication

from app.resources import resource_path

BUNDLED_FONT_FILE = "TW-Kai-98_1.ttf"
BUNDLED_FAMILY = "TW-Kai"
# Fetched by tools/fetch_fonts.py and installed with the app: CJK Extension B (names such as
# 𠀋) and the CNS 11643 characters outside Unicode (造字, Private Use Area).
RARE_CHARACTER_FONT_FILES = ("TW-Kai-Ext-B-98_1.ttf", "TW-Kai-Plus-98_1.ttf")
# Preferred UI fonts when the system has them (Windows 10/11 ship 微軟正黑體).
PREFERRED_UI_FAMILIES = ("Microsoft JhengHei UI", "Microsoft JhengHei", "Noto Sans CJK TC",
                         "Noto Sans TC", "PingFang TC")


def register_bundled_font() -> str:
    """Load the bundled font into Qt's font database; returns its family name."""
    font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", BUNDLED_FONT_FILE)))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        print(f"PubDesk: the bundled font {BUNDLED_FONT_FILE} could not be loaded; Chinese "
              "text may not display.", file=sys.stderr)
        return ""
    return families[0]


def register_rare_character_fonts() -> list[str]:
    """Load Ext-B and Plus when present; returns their family names (none if not fetched)."""
    families: list[str] = []
    for name in RARE_CHARACTER_FONT_FILES:
        path = resource_path("fonts", name)
        if path.exists():
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id >= 0:
                families += QFontDatabase.applicationFontFamilies(font_id)[:1]
    return families


def choose_ui_families(available: set[str], default_family: str, bundled: str,
                       rare: list[str] | None = None) -> list[str]:
    """The UI font list, best first: a preferred system CJK font, the platform default for
    Latin text, the bundled font as the fallback for Chinese, then the fonts for rare
    characters."""
    chosen = [name for name in PREFERRED_UI_FAMILIES if name in available][:1]
    if default_family and default_family not in chosen:
        chosen.append(default_family)
    if bundled and bundled not in chosen:
        chosen.append(bundled)
    return chosen + [name for name in rare or [] if name not in chosen]


def install_fonts(app: QApplication, size_pt: int = 0, rare: bool = True) -> list[str]:
    """Register the bundled font and set the application font (`size_pt` points, or the
    system's size but at least 10); returns the family list. `rare=False` leaves the fonts for
    rare characters to `add_rare_character_fonts` (the start registers them once the window
    has painted: two large files, a few milliseconds)."""
    bundled = register_bundled_font()
    font = QFont(app.font())
    # The resolved family (e.g. DejaVu Sans, Segoe UI), not an alias like "Sans Serif" that a
    # family list would skip.
    default_family = QFontInfo(font).family()
    families = choose_ui_families(set(QFontDatabase.families()), default_family, bundled,
                                  register_rare_character_fonts() if rare else [])
    font.setFamilies(families)
    if size_pt:
        font.setPointSizeF(size_pt)
    elif font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)
    return families


def add_rare_character_fonts(app: QApplication) -> list[str]:
    """Register Ext-B and Plus and add them to the end of the application font's families."""
    font = QFont(app.font())
    families = font.families()
    added = [name for name in register_rare_character_fonts() if name not in families]
    if added:
        font.setFamilies(families + added)
        app.setFont(font)
    return families + added
