"""Chinese renders with only the bundled font; the zh-TW catalogue is complete."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app.resources import resource_path
from ui.fonts import BUNDLED_FAMILY, choose_ui_families
from ui.main import display_available

CJK_SAMPLE = "臺灣經濟部出版品函𠀋𡘙"  # the last two: CJK Extension B, common in names
NO_GLYPH = "\U0010fffd"  # Private Use Area-B: no font has it (TW-Kai-Plus covers -A, 造字)


def _render_without_system_fonts(tmp_path: Path, text: str) -> dict[str, Any]:
    """Render in a fresh process whose fontconfig sees no system font at all, as on an
    office PC without CJK fonts (and whatever this machine has installed)."""
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    conf = tmp_path / "fonts.conf"
    conf.write_text(f"""<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>{empty}</dir><cachedir>{tmp_path / "cache"}</cachedir></fontconfig>""")
    env = dict(os.environ, FONTCONFIG_FILE=str(conf), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-m", "tests.ui.render_probe", text],
                            capture_output=True, text=True, env=env, timeout=120, check=False,
                            cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return report


def test_distinct_chinese_characters_render_with_only_the_bundled_font(tmp_path: Path) -> None:
    report = _render_without_system_fonts(tmp_path, CJK_SAMPLE + NO_GLYPH)
    real_families = set(report["families"]) - {"Monospace", "Sans Serif", "Serif"}
    assert BUNDLED_FAMILY in real_families
    assert all(name.startswith(BUNDLED_FAMILY) for name in real_families), \
        f"no other font may be visible: {real_families}"
    glyphs = report["glyphs"]
    missing = glyphs[NO_GLYPH]["digest"]
    for char in CJK_SAMPLE:
        assert glyphs[char]["ink"] > 40, f"{char} drew nothing"
        assert glyphs[char]["digest"] != missing, f"{char} drew the missing-glyph box"
    assert len({glyphs[c]["digest"] for c in CJK_SAMPLE}) == len(CJK_SAMPLE)


def test_ui_font_prefers_system_cjk_font_on_windows() -> None:
    windows = {"Segoe UI", "Microsoft JhengHei UI", "DFKai-SB", BUNDLED_FAMILY}
    assert choose_ui_families(windows, "Segoe UI", BUNDLED_FAMILY) == [
        "Microsoft JhengHei UI", "Segoe UI", BUNDLED_FAMILY]
    assert choose_ui_families({"DejaVu Sans"}, "DejaVu Sans", BUNDLED_FAMILY) == [
        "DejaVu Sans", BUNDLED_FAMILY]


def test_application_font_falls_back_to_the_bundled_font(prepared_app: QApplication) -> None:
    font = prepared_app.font()
    assert BUNDLED_FAMILY in font.families()
    assert QFontInfo(font).family() != BUNDLED_FAMILY, "Latin text keeps the system font"


def test_catalogue_has_no_unfinished_entries() -> None:
    tree = ET.parse(resource_path("translations", "pubdesk_zh_TW.ts"))
    messages = list(tree.getroot().iter("message"))
    assert len(messages) > 150
    unfinished = [m.findtext("source") for m in messages
                  if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
                  or not ("".join(m.find("translation").itertext()).strip())]
    assert unfinished == []


def test_catalogue_covers_every_string_in_the_code(tmp_path: Path) -> None:
    """Re-extracting the strings finds nothing new: no English left in the Chinese UI."""
    import shutil

    from ui.i18n import _qt_tool

    copy = tmp_path / "pubdesk_zh_TW.ts"
    shutil.copy(resource_path("translations", "pubdesk_zh_TW.ts"), copy)
    sources = sorted(str(p) for p in Path("ui").rglob("*.py"))
    subprocess.run([*_qt_tool("lupdate"), "-locations", "none", *sources, "-ts", str(copy)],
                   check=True, capture_output=True)
    messages = ET.parse(copy).getroot().iter("message")
    new = [m.findtext("source") for m in messages
           if m.find("translation").get("type") == "unfinished"]
    assert new == [], "run `python -m ui.i18n update` and translate these"


def test_standard_buttons_speak_chinese(prepared_app: QApplication) -> None:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                           | QDialogButtonBox.StandardButton.Cancel)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert {"確定", "取消"} <= {t.split("(")[0] for t in texts}
    assert QLocale().name() == "zh_TW"


def test_no_display_gives_instructions_not_a_crash() -> None:
    assert not display_available({}, "linux")
    assert display_available({"DISPLAY": ":0"}, "linux")
    assert display_available({}, "win32")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(Path.home())}
    result = subprocess.run([sys.executable, "-m", "ui", "--data-dir", "/tmp/pubdesk-nodisplay"],
                            capture_output=True, text=True, env=env, timeout=60, check=False)
    assert result.returncode == 2
    assert "xvfb-run" in result.stderr
    assert "QT_QPA_PLATFORM=offscreen" in result.stderr


def test_a_display_that_is_not_there_is_said_before_qt_aborts() -> None:
    """Issue 15: with a wrong DISPLAY, Qt aborted with its misleading "xcb-cursor0" message."""
    from ui.main import display_problem

    said = display_problem({"DISPLAY": ":97"}, "linux")
    assert said is not None
    assert "DISPLAY=:97" in said
    assert "xvfb-run" in said
    assert display_problem({"DISPLAY": ":97", "QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert display_problem({"DISPLAY": ":97"}, "win32") is None
    env = {"PATH": "/usr/bin:/bin", "HOME": str(Path.home()), "DISPLAY": ":97"}
    result = subprocess.run([sys.executable, "-m", "ui", "--data-dir", "/tmp/pubdesk-nodisplay"],
                            capture_output=True, text=True, env=env, timeout=60, check=False)
    assert result.returncode == 2
    assert "DISPLAY=:97" in result.stderr
    assert "xcb-cursor0" not in result.stderr.split("apt-get install")[0]


def test_unwritable_data_folder_gets_a_message_box_not_a_traceback(
        prepared_app, tmp_path: Path, modal_dialogs) -> None:  # type: ignore[no-untyped-def]
    from app.paths import resolve_locations
    from ui.main import run_gui

    (tmp_path / "blocked").write_text("not a folder")
    locations = resolve_locations(tmp_path / "blocked" / "PubDesk", environ={})
    assert run_gui(locations) == 1, "the officer chose Quit"
    assert any(kind == "box" and str(tmp_path / "blocked") in text and "選擇其他資料夾" in text
               for kind, text in modal_dialogs)
