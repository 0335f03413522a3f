"""The portable ZIP and the winget manifest of the Windows build (issue 30), and the data
folder a portable program uses."""

from __future__ import annotations

import hashlib
import re
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "installer"))

import release_files

from app.paths import PORTABLE_DATA, PORTABLE_MARKER, portable_data_dir, resolve_locations


def test_the_portable_zip_holds_the_bundle_and_its_marker(tmp_path: Path) -> None:
    bundle = tmp_path / "PubDesk"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "PubDesk.exe").write_bytes(b"MZ program")
    (bundle / "_internal" / "python311.dll").write_bytes(b"dll")
    target = release_files.write_portable_zip(bundle, tmp_path / "PubDesk-1.0-portable.zip")
    with zipfile.ZipFile(target) as archive:
        names = sorted(archive.namelist())
        assert names == ["PubDesk/PubDesk.exe", f"PubDesk/{PORTABLE_MARKER}",
                         "PubDesk/_internal/python311.dll"]
        assert archive.testzip() is None
    assert release_files.PORTABLE_MARKER == PORTABLE_MARKER  # one name on both sides


def test_a_portable_program_keeps_its_data_beside_it(tmp_path: Path) -> None:
    program = tmp_path / "USB" / "PubDesk" / "PubDesk.exe"
    program.parent.mkdir(parents=True)
    program.write_bytes(b"MZ")
    assert portable_data_dir(str(program), frozen=True) is None  # installed: the profile
    (program.parent / PORTABLE_MARKER).write_text("portable")
    assert portable_data_dir(str(program), frozen=True) == program.parent.resolve() / PORTABLE_DATA
    assert portable_data_dir(str(program), frozen=False) is None  # never a checkout's Python
    # the environment and the command line still come first
    assert resolve_locations(tmp_path / "chosen", environ={}).data_dir == \
        (tmp_path / "chosen").resolve()


def test_the_winget_manifest_names_the_setup_by_its_hash(tmp_path: Path) -> None:
    setup = tmp_path / "PubDesk-1.2.0-setup.exe"
    setup.write_bytes(b"setup bytes")
    files = release_files.write_winget_manifests(
        setup, tmp_path / "winget", "1.2.0", "經濟部產業發展署 O'Hara",
        "https://intranet.example/apps/PubDesk-1.2.0-setup.exe")
    assert sorted(f.name for f in files) == ["MOEA.PubDesk.installer.yaml",
                                             "MOEA.PubDesk.locale.zh-TW.yaml", "MOEA.PubDesk.yaml"]
    installer = (tmp_path / "winget" / "MOEA.PubDesk.installer.yaml").read_text(encoding="utf-8")
    assert f"InstallerSha256: '{hashlib.sha256(b'setup bytes').hexdigest().upper()}'" in installer
    assert "InstallerType: 'nullsoft'" in installer
    assert "  Silent: '/S'" in installer
    locale = (tmp_path / "winget" / "MOEA.PubDesk.locale.zh-TW.yaml").read_text(encoding="utf-8")
    assert "Publisher: '經濟部產業發展署 O''Hara'" in locale  # quoted the YAML way
    for file in files:
        text = file.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=https://aka.ms/winget-manifest.")
        assert "PackageVersion: '1.2.0'" in text
        # every value is a quoted scalar or a nested block: nothing YAML could misread
        for line in text.splitlines()[1:]:
            assert re.fullmatch(r"( {0,2}|- |  )?[A-Za-z0-9]+:( '([^']|'')*')?|- '[a-z]+'", line), line


def test_an_old_windows_is_told_before_qt_loads() -> None:
    from ui.launcher import windows_too_old

    assert windows_too_old(None) is None  # not Windows
    assert windows_too_old((10, 0, 17763)) is None
    assert windows_too_old((10, 0, 22631)) is None
    assert "17763" in (windows_too_old((10, 0, 17134)) or "")  # 1803
    assert windows_too_old((6, 3, 9600)) is not None  # 8.1


def test_the_installer_script_compiles_with_its_os_check(tmp_path: Path) -> None:
    """makensis over a stand-in bundle: the script (with .onInit's x64 / Windows 10 1809
    check) compiles. Runs where NSIS is installed (installer/build.py windows installs it)."""
    import shutil
    import subprocess

    import pytest

    if shutil.which("makensis") is None:
        pytest.skip("NSIS is not installed (installer/build.py windows installs it)")
    installer = Path(__file__).resolve().parents[2] / "installer"
    bundle = tmp_path / "PubDesk"
    (bundle / "_internal").mkdir(parents=True)
    for name in ("PubDesk.exe", "pubdesk-cli.exe", "_internal/python311.dll"):
        (bundle / name).write_bytes(b"MZ")
    script = (installer / "pubdesk.nsi").read_text(encoding="utf-8")
    assert "${AtLeastBuild} 17763" in script
    assert "${RunningX64}" in script
    done = subprocess.run(["makensis", "-V2", "-INPUTCHARSET", "UTF8", "-DVERSION=0.1.0",
                           "-DVERSION4=0.1.0.0", f"-DSOURCE={bundle}",
                           f"-DSOURCE_ICON={installer / 'pubdesk.ico'}",
                           f"-DOUTFILE={tmp_path / 'setup.exe'}", str(installer / "pubdesk.nsi")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert (tmp_path / "setup.exe").stat().st_size > 0
