"""`pubdesk about [--json]`: what PubDesk sees on this PC — version, where its data is, the
fonts its documents use, the translations it loads. For the officer's IT colleague, and for the
installer's smoke test (a frozen bundle proves it carries Qt's zh_TW catalogue and ours)."""

from __future__ import annotations

import json
import sys
from typing import Any

from app import __version__
from app.paths import Locations


def facts(locations: Locations, language: str = "zh_TW") -> dict[str, Any]:
    """The facts, as plain data."""
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from app.documents.pdf_fonts import pdf_fonts
    from ui.i18n import compiled_catalogue

    # No application object is made here: a QCoreApplication would stand in the way of the
    # QApplication a later window needs (and Qt aborts adding fonts to it).
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    catalogue = compiled_catalogue(language, locations.data_dir / "cache")
    fonts = pdf_fonts()
    return {
        "version": __version__,
        "frozen": bool(getattr(sys, "frozen", False)),
        "python": sys.version.split()[0],
        "utf8_mode": bool(sys.flags.utf8_mode),
        "qt": pyside_version,
        "data_dir": str(locations.data_dir),
        "database": locations.database_url,
        "pdf_fonts": {"chinese": fonts.cjk, "latin": fonts.latin, "fallbacks": fonts.fallbacks},
        "qt_translation": {"folder": qt_dir,
                           "loads": QTranslator().load(f"qtbase_{language}", qt_dir)},
        "pubdesk_translation": {"file": str(catalogue) if catalogue else None,
                                "loads": catalogue is not None
                                and QTranslator().load(str(catalogue))},
    }


LABELS = {"version": "版本", "frozen": "安裝版", "python": "Python", "utf8_mode": "UTF-8 模式",
          "qt": "Qt", "data_dir": "資料夾", "database": "資料庫", "pdf_fonts": "文件字型",
          "qt_translation": "Qt 中文介面", "pubdesk_translation": "PubDesk 中文介面"}


def run_about(locations: Locations, as_json: bool) -> int:
    """Print the facts (JSON, or one line each) and return 0."""
    found = facts(locations)
    if as_json:
        sys.stdout.buffer.write(json.dumps(found, ensure_ascii=False).encode("utf-8") + b"\n")
        return 0
    for key, value in found.items():
        if isinstance(value, bool):
            shown = "是" if value else "否"
        else:
            shown = json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else value
        print(f"{LABELS.get(key, key)}：{shown}")
    return 0


__all__ = ["facts", "run_about"]
