"""What the bundle keeps and leaves out, and the version the installer carries."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

INSTALLER = Path(__file__).resolve().parents[2] / "installer"
sys.path.insert(0, str(INSTALLER))

import bundle_rules  # noqa: E402
import version_info  # noqa: E402


@pytest.mark.parametrize("destination", [
    "PySide6/opengl32sw.dll", "PySide6\\Qt6Qml.dll", "PySide6/Qt6QuickWidgets.dll",
    "PySide6/qml/QtQuick/Controls/qmldir", "PySide6/Qt6Designer.dll", "tcl86t.dll",
    "PySide6/translations/qtdeclarative_zh_TW.qm", "PySide6/plugins/platforminputcontexts/x.dll",
    "PySide6/translations/qtbase_de.qm", "PySide6/translations/qt_zh_CN.qm",
    "PySide6/plugins/platforms/qdirect2d.dll", "PIL/_avif.cp311-win_amd64.pyd",
])
def test_left_out(destination: str) -> None:
    assert bundle_rules.left_out(destination)


@pytest.mark.parametrize("destination", [
    "PySide6/Qt6Core.dll", "PySide6/Qt6Pdf.dll", "PySide6/Qt6Gui.dll", "PySide6/Qt6Widgets.dll",
    "PySide6/Qt6PrintSupport.dll", "PySide6/plugins/platforms/qwindows.dll",
    "PySide6/translations/qtbase_zh_TW.qm", "PySide6/translations/qt_zh_TW.qm",
    "PySide6/translations/qtbase_en.qm", "PIL/_imaging.cp311-win_amd64.pyd",
    "resources/fonts/TW-Kai-98_1.ttf", "app/db/migrations/versions/0010_efile_page_offset.py",
    "stdnum/isbn.dat", "docx/templates/default.docx",
])
def test_kept(destination: str) -> None:
    assert not bundle_rules.left_out(destination)


def test_keep_only_needed_filters_a_toc() -> None:
    toc = [("PySide6/opengl32sw.dll", "/x/opengl32sw.dll", "BINARY"),
           ("PySide6/Qt6Core.dll", "/x/Qt6Core.dll", "BINARY")]
    assert bundle_rules.keep_only_needed(toc) == [toc[1]]


def test_stand_in_dlls_are_never_in_a_bundle_source() -> None:
    """The test-only DLLs exist as C sources only; nothing the spec collects names them."""
    spec = (INSTALLER / "pubdesk.spec").read_text(encoding="utf-8")
    assert "standins" not in spec
    assert not list(INSTALLER.rglob("*.dll"))


def test_version_comes_from_pyproject() -> None:
    import tomllib

    with (INSTALLER.parent / "pyproject.toml").open("rb") as handle:
        assert version_info.version() == tomllib.load(handle)["project"]["version"]


@pytest.mark.parametrize(("text", "numbers"), [
    ("0.1.0", (0, 1, 0, 0)), ("1.2.0rc1", (1, 2, 0, 0)), ("2.10", (2, 10, 0, 0)),
    ("3", (3, 0, 0, 0)), ("1.2.3.4.5", (1, 2, 3, 4)),
])
def test_windows_version_numbers(text: str, numbers: tuple[int, ...]) -> None:
    assert version_info.version_tuple(text) == numbers


def test_installer_script_is_per_user_and_keeps_data() -> None:
    script = (INSTALLER / "pubdesk.nsi").read_text(encoding="utf-8")
    assert "RequestExecutionLevel user" in script
    assert r'InstallDir "$LOCALAPPDATA\Programs\PubDesk"' in script
    assert "HKLM" not in script
    uninstall = script[script.index('Section "Uninstall"'):]
    # the uninstaller never removes the data folder, nor the install folder recursively
    assert "PubDesk\\PubDesk" not in uninstall
    assert 'RMDir /r "$INSTDIR"' not in uninstall
    assert '!insertmacro MUI_LANGUAGE "TradChinese"' in script
