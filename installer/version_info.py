"""The program's version and Windows version resource, read from `pyproject.toml` — one place
for the version number (the spec, the NSIS script and the smoke test all ask here)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = "PubDesk"
PRODUCT_ZH = "PubDesk 政府出版品工作台"
PUBLISHER = "PubDesk"


def version() -> str:
    """`[project] version` of pyproject.toml, e.g. "0.1.0"."""
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def version_tuple(text: str | None = None) -> tuple[int, int, int, int]:
    """Four numbers for Windows (a pre-release suffix is dropped: "1.2.0rc1" → 1.2.0.0)."""
    numbers = [int(m.group()) if (m := re.match(r"\d+", part)) else 0
               for part in (text or version()).split(".")[:4]]
    return (*numbers, 0, 0, 0, 0)[:4]  # type: ignore[return-value]


def windows_version_resource(description: str, internal_name: str) -> Any:
    """The VERSIONINFO resource of one .exe (PyInstaller's `version=` argument)."""
    from PyInstaller.utils.win32 import versioninfo as vi

    text = version()
    numbers = version_tuple(text)
    strings = [
        vi.StringStruct("CompanyName", PUBLISHER),
        vi.StringStruct("FileDescription", description),
        vi.StringStruct("FileVersion", text),
        vi.StringStruct("InternalName", internal_name),
        vi.StringStruct("LegalCopyright", "MIT License"),
        vi.StringStruct("OriginalFilename", internal_name + ".exe"),
        vi.StringStruct("ProductName", PRODUCT_ZH),
        vi.StringStruct("ProductVersion", text),
    ]
    # 0x0404 = zh-TW, 1200 = Unicode: Explorer's Details tab shows the Chinese product name.
    return vi.VSVersionInfo(
        ffi=vi.FixedFileInfo(filevers=numbers, prodvers=numbers),
        kids=[vi.StringFileInfo([vi.StringTable("040404B0", strings)]),
              vi.VarFileInfo([vi.VarStruct("Translation", [0x0404, 1200])])],
    )


if __name__ == "__main__":
    print(version())
