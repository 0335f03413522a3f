"""What the bundle leaves out: modules PubDesk never imports and Qt parts it never loads.

PySide6's hooks bring each used Qt module's dependencies, which pulls in some that a widgets
program on the raster engine never loads — Qt's software OpenGL (20 MB), QML and Quick,
Designer. Kept here, with a test, so the spec stays declarative."""

from __future__ import annotations

from fnmatch import fnmatch
from typing import Any

EXCLUDED_MODULES = [
    "tkinter", "_tkinter", "turtle", "turtledemo", "idlelib", "lib2to3", "pydoc_data",
    "pytest", "_pytest", "pytestqt", "mypy", "ruff", "IPython", "pip", "setuptools",
    "pkg_resources", "distutils", "_distutils_hack",
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtDesigner",
    "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.Qt3DCore",
    "PySide6.QtMultimedia", "PySide6.QtCharts", "PySide6.QtDataVisualization",
    "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PIL._avif", "PIL.AvifImagePlugin",
]

LEFT_OUT = [
    "*opengl32sw*",          # Qt's software OpenGL: widgets draw with the raster engine
    "*Qt6Qml*", "*Qt6Quick*", "*qml/*", "*qml\\*",
    "*Qt6Designer*", "*designer*",
    "*Qt6VirtualKeyboard*", "*platforminputcontexts*",
    "*tcl86t*", "*tk86t*", "*_tcl_data*", "*_tk_data*", "*tcl8*",
    "*qdirect2d*",           # an alternative platform plugin; qwindows is the one used
    "*PIL/_avif*", "*PIL\\_avif*",  # AVIF images (8 MB): PubDesk reads PNG, JPEG and TIFF
]


QT_LANGUAGES = ("zh_TW", "en")
"""Qt's own translations (dialog buttons, the print dialog) for the languages PubDesk speaks."""


def left_out(destination: str) -> bool:
    """Whether a bundle entry (its destination path inside the bundle) is left out."""
    name = destination.replace("\\", "/")
    if name.startswith("PySide6/translations/") and name.endswith(".qm"):
        file = name.rsplit("/", 1)[1]
        return file not in {f"{module}_{language}.qm" for module in ("qt", "qtbase")
                            for language in QT_LANGUAGES}
    return any(fnmatch(name, pattern.replace("\\", "/")) for pattern in LEFT_OUT)


def keep_only_needed(entries: Any) -> Any:
    """A PyInstaller TOC (list of (dest, source, kind)) without the left-out entries."""
    return type(entries)(entry for entry in entries if not left_out(entry[0]))
