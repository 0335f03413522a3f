"""File and folder names that survive Windows, a disc and a ZIP: NFC-normalised, no reserved
characters or device names, no trailing dots or spaces, bounded length."""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath

from app.errors import PubDeskError

RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$",
            *(f"{port}{digit}" for port in ("COM", "LPT") for digit in "0123456789¹²³")}
"""Windows device names (the superscript digits count as digits there too)."""
FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Characters that make a name display in another order than it is (`gpj.exe` shown as
`exe.jpg`): removed."""
MAX_COMPONENT = 120
MAX_PATH = 240
"""Total length kept under Windows' 260 with room for the folder the officer picks."""


def safe_name(name: str) -> str:
    """One path component made safe; never empty."""
    text = FORBIDDEN.sub("_", BIDI_CONTROLS.sub("", unicodedata.normalize("NFC", name)))
    text = text.strip().rstrip(". ")
    if not text.strip("."):
        return "_"
    if text.split(".")[0].rstrip().upper() in RESERVED:
        text = "_" + text
    if len(text) > MAX_COMPONENT:
        _stem, dot, suffix = text.rpartition(".")
        keep = f".{suffix}" if dot and len(suffix) <= 8 else ""
        text = text[: MAX_COMPONENT - len(keep)].rstrip(". ") + keep
    return text


def safe_relative(path: str) -> str:
    """A relative path with every component made safe (forward slashes)."""
    parts = [safe_name(part) for part in PurePosixPath(path.replace("\\", "/")).parts
             if part not in ("", ".", "..", "/")]
    relative = "/".join(parts) or "_"
    if len(relative) > MAX_PATH:
        raise PubDeskError(f"路徑太長（{len(relative)} 字元）：{relative[:60]}…。請縮短題名或資料夾名稱。")
    return relative
