"""Language: Traditional Chinese by default (our catalogue plus Qt's own qtbase_zh_TW, so
standard buttons read 確定/取消); English is the source language and needs no catalogue.

The catalogue's source is `resources/translations/pubdesk_zh_TW.ts` (edit with Qt Linguist;
refresh with `python -m ui.i18n update`). Its compiled `.qm` is not committed: it is built
next to the .ts when possible, else in the data folder's cache, whenever the .ts is newer.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import PySide6
from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from app.language import set_language
from app.resources import resource_path

CATALOGUE = "pubdesk_{language}"


def _qt_tool(name: str) -> list[str]:
    folder = Path(PySide6.__file__).parent
    for candidate in (folder / name, folder / f"{name}.exe", folder / "Qt" / "bin" / name):
        if candidate.exists():
            return [str(candidate)]
    found = shutil.which(f"pyside6-{name}")
    if found:
        return [found]
    raise FileNotFoundError(f"Qt's {name} tool was not found next to PySide6")


def compiled_catalogue(language: str, cache_dir: Path) -> Path | None:
    """An up-to-date .qm for `language`, compiling the .ts if needed; None if there is none."""
    source = resource_path("translations", CATALOGUE.format(language=language) + ".ts")
    if not source.exists():
        # The installed bundle carries the compiled catalogue only.
        shipped = source.with_suffix(".qm")
        return shipped if shipped.exists() else None
    for target in (source.with_suffix(".qm"), cache_dir / source.with_suffix(".qm").name):
        if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
            return target
    import subprocess  # only when the catalogue must be compiled: not on every start

    for target in (source.with_suffix(".qm"), cache_dir / source.with_suffix(".qm").name):
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run([*_qt_tool("lrelease"), "-silent", str(source), "-qm", str(target)],
                           check=True, capture_output=True)
            return target
        except (OSError, subprocess.CalledProcessError):
            continue
    return None


def install_translators(app: QApplication, language: str, cache_dir: Path) -> list[QTranslator]:
    """Install Qt's and our translators for `language`; returns them (keep them alive)."""
    QLocale.setDefault(QLocale("en_US" if language == "en" else language))
    set_language(language)  # what the core says on screen (app.language)
    if language == "en":
        return []
    translators = []
    qt_translator = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_translator.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_translator)
        translators.append(qt_translator)
    catalogue = compiled_catalogue(language, cache_dir)
    ours = QTranslator(app)
    if catalogue is not None and ours.load(str(catalogue)):
        app.installTranslator(ours)
        translators.append(ours)
    else:
        print(f"PubDesk: no {language} catalogue could be loaded; showing English.",
              file=sys.stderr)
    return translators


def update_catalogue() -> None:
    """Re-extract the strings of ui/ into the .ts (developer command)."""
    import subprocess

    root = Path(__file__).resolve().parent
    sources = sorted(str(p) for p in root.rglob("*.py"))
    target = resource_path("translations", CATALOGUE.format(language="zh_TW") + ".ts")
    subprocess.run([*_qt_tool("lupdate"), "-locations", "none", *sources, "-ts", str(target)],
                   check=True)


if __name__ == "__main__" and sys.argv[1:] == ["update"]:
    update_catalogue()
