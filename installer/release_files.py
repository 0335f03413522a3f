"""What the Windows build hands IT besides the setup (issue 30): a portable ZIP (the bundle with
a `PubDesk.portable` marker, so the data stays in `PubDesk-data` beside the program — a USB
stick, a PC where nothing may be installed) and a winget manifest of the setup (the three
files of winget-pkgs' 1.6 schema: version, installer, default locale), its SHA-256 filled in.
The download address is the agency's own (`--winget-url`): PubDesk publishes nowhere."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

PORTABLE_MARKER = "PubDesk.portable"  # the name app.paths looks for
PACKAGE_ID = "MOEA.PubDesk"
SCHEMA = "1.6.0"
MARKER_TEXT = ("這個檔案讓 PubDesk 把資料存在旁邊的 PubDesk-data 資料夾（可攜版）。\r\n"
               "This file makes PubDesk keep its data in the PubDesk-data folder beside it.\r\n")


def write_portable_zip(bundle: Path, target: Path) -> Path:
    """The onedir bundle as one ZIP under a `PubDesk/` folder, with the portable marker."""
    partial = target.with_name(target.name + ".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(bundle.rglob("*")):
            if file.is_file():
                archive.write(file, f"PubDesk/{file.relative_to(bundle).as_posix()}")
        archive.writestr(f"PubDesk/{PORTABLE_MARKER}", MARKER_TEXT.encode("utf-8"))
    partial.replace(target)
    return target


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest().upper()


def _q(text: str) -> str:
    """A YAML single-quoted scalar: always valid, whatever the text holds."""
    return "'" + text.replace("'", "''") + "'"


def write_winget_manifests(setup: Path, folder: Path, version: str, publisher: str,
                           url: str) -> list[Path]:
    """The three manifest files for `setup`, in `folder` (what `winget validate` reads)."""
    folder.mkdir(parents=True, exist_ok=True)
    head = (f"PackageIdentifier: {_q(PACKAGE_ID)}\n"
            f"PackageVersion: {_q(version)}\n")

    def schema(kind: str) -> str:
        return (f"# yaml-language-server: $schema=https://aka.ms/winget-manifest.{kind}."
                f"{SCHEMA}.schema.json\n")

    texts = {
        f"{PACKAGE_ID}.yaml": schema("version") + head + (
            "DefaultLocale: 'zh-TW'\nManifestType: 'version'\n"
            f"ManifestVersion: {_q(SCHEMA)}\n"),
        f"{PACKAGE_ID}.installer.yaml": schema("installer") + head + (
            "InstallerType: 'nullsoft'\nScope: 'user'\n"
            "InstallModes:\n- 'interactive'\n- 'silent'\n"
            "InstallerSwitches:\n  Silent: '/S'\n  SilentWithProgress: '/S'\n"
            "UpgradeBehavior: 'install'\n"
            "Installers:\n- Architecture: 'x64'\n"
            f"  InstallerUrl: {_q(url)}\n  InstallerSha256: {_q(_sha256(setup))}\n"
            f"ManifestType: 'installer'\nManifestVersion: {_q(SCHEMA)}\n"),
        f"{PACKAGE_ID}.locale.zh-TW.yaml": schema("defaultLocale") + head + (
            f"PackageLocale: 'zh-TW'\nPublisher: {_q(publisher)}\n"
            "PackageName: 'PubDesk 政府出版品工作台'\n"
            "ShortDescription: '政府出版品的編號、寄存、展售、授權利用與電子檔檢查'\n"
            "License: 'Proprietary'\n"
            f"ManifestType: 'defaultLocale'\nManifestVersion: {_q(SCHEMA)}\n"),
    }
    written = []
    for name, text in texts.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
