"""What every check gets: the open document, the walk's findings and the options."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pikepdf

from app.pdfcheck.pdfnames import name_text
from app.pdfcheck.report import Profile
from app.pdfcheck.walker import Usage


@dataclass
class CheckContext:
    """One file being checked."""

    path: str
    pdf: pikepdf.Pdf
    header_version: str
    usage: Usage
    profile: Profile = Profile.PRINT
    toc: list[dict[str, Any]] | None = None
    page_offset: int = 0
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """What pikepdf (qpdf) warned of while opening the file and walking its pages."""


def base_font_name(font: pikepdf.Dictionary) -> str:
    """The font's /BaseFont without the slash (or a description when it has none)."""
    name = font.get("/BaseFont")
    return name_text(name).lstrip("/") if name is not None else \
        f"(無名稱 {name_text(font.get('/Subtype', ''))})"


def descendant(font: pikepdf.Dictionary) -> pikepdf.Dictionary:
    """For a Type0 font, its CIDFont (where the descriptor lives); otherwise the font itself."""
    if name_text(font.get("/Subtype", "")) == "/Type0":
        descendants = font.get("/DescendantFonts")
        if isinstance(descendants, pikepdf.Array) and len(descendants) > 0 and \
                isinstance(descendants[0], pikepdf.Dictionary):
            return descendants[0]
    return font


def pages_text(pages: set[int] | list[int], limit: int = 12) -> str:
    """'第 1、2、5 頁' (shortened when long)."""
    ordered = sorted(pages)
    shown = "、".join(str(p) for p in ordered[:limit])
    return f"第 {shown}{' 等' if len(ordered) > limit else ''} 頁"
