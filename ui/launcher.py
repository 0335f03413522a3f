"""The `pubdesk` command: the core's command line, with the window for no command."""

from __future__ import annotations

from collections.abc import Sequence

from app.cli import main as cli_main
from app.paths import Locations

MINIMUM_WINDOWS_BUILD = 17763
"""Windows 10 1809: the oldest Windows Qt 6 runs on (the installer checks it too; the portable
ZIP has no installer, so the program says it before Qt fails to load)."""


def windows_too_old(version: tuple[int, int, int] | None) -> str | None:
    """The sentence for a Windows older than Qt 6 needs (`version`: major, minor, build from
    `sys.getwindowsversion()`; None elsewhere), or None."""
    if version is None:
        return None
    major, _minor, build = version
    if major > 10 or (major == 10 and build >= MINIMUM_WINDOWS_BUILD):
        return None
    return ("PubDesk 需要 Windows 10（1809 版，組建 17763）或更新的版本；這台電腦的 Windows 太舊，"
            "無法開啟視窗。請洽資訊人員。\n\nPubDesk needs Windows 10 (version 1809, build 17763) "
            "or later; this PC's Windows is older. Please ask IT.")


def _windows_version() -> tuple[int, int, int] | None:
    import sys

    if sys.platform != "win32":
        return None
    found = sys.getwindowsversion()  # type: ignore[attr-defined,unused-ignore]
    return int(found.major), int(found.minor), int(found.build)


def _start_gui(locations: Locations) -> int:
    too_old = windows_too_old(_windows_version())
    if too_old is not None:  # said before Qt is loaded: an old Windows cannot load it
        import ctypes

        ctypes.windll.user32.MessageBoxW(None, too_old, "PubDesk", 0x10)  # type: ignore[attr-defined,unused-ignore]
        return 1
    from ui.main import run_gui

    return run_gui(locations)


def _about(locations: Locations, as_json: bool) -> int:
    from ui.about import run_about

    return run_about(locations, as_json)


def main(argv: Sequence[str] | None = None) -> int:
    """`pubdesk [--data-dir DIR] [--db URL] [COMMAND …]`; no command opens the window."""
    return cli_main(argv, start_gui=_start_gui, about=_about)
