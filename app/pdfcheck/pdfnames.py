"""Names and strings from a PDF as text, whatever bytes the file wrote."""

from __future__ import annotations

from typing import Any


def name_text(value: Any) -> str:
    """A name (or any object) from the file as text, never an exception: a font called
    `/Helv#F9tica` or 宋体 in GBK is not UTF-8, and `str()` of it raised inside the checks. What
    is not UTF-8 is shown as the file writes it (`/Helv#f9tica`)."""
    try:
        return str(value)
    except UnicodeDecodeError:
        try:
            raw = value.unparse()
        except Exception:  # not a PDF object after all
            return repr(value)
        return bytes(raw).decode("ascii", "backslashreplace")
