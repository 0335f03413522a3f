"""Where a PDF puts its ink: every character's box and every rule, read with PDFium — what the
document conformance test (issue 29) measures overprint, text off the page and torn rows by."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from pypdfium2 import raw

Box = tuple[float, float, float, float]
"""left, bottom, right, top — points, from the page's lower left corner."""


@dataclass
class PageInk:
    width: float
    height: float
    chars: list[tuple[str, Box]]
    """Every drawn character (spaces and PDFium's generated line ends left out)."""
    rules: list[Box]
    """Every stroked line (a table's grid), as its bounds."""
    text: str
    """The page's text, whitespace removed."""
    lines: list[str]
    """The page's text line by line, as PDFium reads it."""


def page_ink(path: Path) -> list[PageInk]:
    """Each page's characters and rules."""
    document = pdfium.PdfDocument(str(path))
    pages = []
    try:
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_size()
            textpage = page.get_textpage()
            chars = []
            for i in range(textpage.count_chars()):
                char = textpage.get_text_range(i, 1)
                if not char.strip():
                    continue
                chars.append((char, tuple(textpage.get_charbox(i))))
            rules = []
            for item in page.get_objects():
                if item.type != raw.FPDF_PAGEOBJ_PATH:
                    continue
                if raw.FPDFPath_CountSegments(item.raw) != 2:
                    continue  # a filled rectangle (the header's grey), not a rule
                rules.append(tuple(item.get_bounds()))
            text = textpage.get_text_range()
            pages.append(PageInk(width, height, chars, rules, re.sub(r"\s+", "", text),
                                 [line.strip() for line in re.split(r"\r?\n", text)]))
    finally:
        document.close()
    return pages


def outside(page: PageInk, margin: float) -> list[str]:
    """Characters closer than `margin` points to the paper's edge, or beyond it."""
    return [f"{char!r} at {box[0]:.0f},{box[1]:.0f}" for char, box in page.chars
            if box[0] < margin or box[1] < margin or box[2] > page.width - margin
            or box[3] > page.height - margin]


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return min(a1, b1) - max(a0, b0)


def overprinted(page: PageInk, tolerance: float = 0.6) -> list[str]:
    """Characters drawn over one another or across a rule (punctuation hung over a column's
    line, a remark over the header's 「備註」)."""
    found = []
    bands: dict[int, list[tuple[str, Box]]] = defaultdict(list)
    for char, box in page.chars:
        for band in range(int(box[1] // 8), int(box[3] // 8) + 1):
            bands[band].append((char, box))
    seen = set()
    for members in bands.values():
        members.sort(key=lambda item: item[1][0])
        for i, (char, box) in enumerate(members):
            for other, other_box in members[i + 1:]:
                if other_box[0] >= box[2] - tolerance:
                    break
                if (_overlap(box[0], box[2], other_box[0], other_box[2]) > tolerance and
                        _overlap(box[1], box[3], other_box[1], other_box[3]) > tolerance):
                    key = (box, other_box)
                    if key not in seen:
                        seen.add(key)
                        found.append(f"{char!r} over {other!r} at {box[0]:.0f},{box[1]:.0f}")
    verticals = [rule for rule in page.rules if rule[2] - rule[0] < 2 and rule[3] - rule[1] > 2]
    if verticals:  # a table: nothing beside it at the height of its rows
        grid_left = min(rule[0] for rule in verticals)
        grid_right = max(rule[2] for rule in verticals)
        for char, box in page.chars:
            beside = (box[2] > grid_right + tolerance and box[0] < grid_right + 12) or \
                (box[0] < grid_left - tolerance and box[2] > grid_left - 12)
            if beside and any(_overlap(box[1], box[3], rule[1], rule[3]) > tolerance
                              for rule in verticals):
                found.append(f"{char!r} out of the table at {box[0]:.0f},{box[1]:.0f}")
    for left, bottom, right, top in page.rules:
        vertical = right - left < 2 and top - bottom > 2
        horizontal = top - bottom < 2 and right - left > 2
        middle_x, middle_y = (left + right) / 2, (bottom + top) / 2
        for char, box in page.chars:
            if vertical and box[0] < middle_x - tolerance < middle_x + tolerance < box[2] \
                    and _overlap(box[1], box[3], bottom, top) > tolerance:
                found.append(f"{char!r} across a column rule at {box[0]:.0f},{box[1]:.0f}")
            if horizontal and box[1] < middle_y - tolerance < middle_y + tolerance < box[3] \
                    and _overlap(box[0], box[2], left, right) > tolerance:
                found.append(f"{char!r} across a row rule at {box[0]:.0f},{box[1]:.0f}")
    return found
