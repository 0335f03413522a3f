"""光碟碟面 — a printable label for a standard 120 mm disc (centre hole and clamping area kept
clear) and a 120 × 120 mm case insert, with title, agency, year-month, GPN, file types and
volume/issue."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from app.documents.files import atomic_output
from app.documents.labels import fit, wrap
from app.documents.pdf_fonts import font_runs, pdf_fonts
from app.errors import PubDeskError

MM = 72 / 25.4
DISC_RADIUS_MM = 60.0
CLEAR_RADIUS_MM = 20.5
"""The hole (15 mm) and the clamping area (41 mm across) carry no print."""
PRINT_RADIUS_MM = 57.5


@dataclass(frozen=True)
class PlacedLine:
    """A line of text and its box (points, page coordinates)."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float


_ROC_MONTH_TAIL = re.compile(r"\d{2,3}(?:年(?:\d{1,2})?)?$")
_ROC_MONTH = re.compile(r"\d{2,3}年\d{1,2}月")


def _keep_months(pieces: list[str]) -> list[str]:
    """Wrapped lines with no ROC month (「115年4月」) broken over two: a line ending inside
    one gives that part to the next line (whose width the caller checks again)."""
    kept = pieces[:]
    for index in range(len(kept) - 1):
        joined = kept[index] + kept[index + 1]
        cut = len(kept[index])
        for month in _ROC_MONTH.finditer(joined):
            if month.start() < cut < month.end():
                kept[index], kept[index + 1] = joined[:month.start()], joined[month.start():]
                break
    return [piece for piece in kept if piece]


@dataclass(frozen=True)
class DiscItem:
    """One publication on the disc: 附件三 五 wants its 題名、出版年月 and GPN together."""

    title: str
    year_month: str
    gpn: str

    def text(self, title: str | None = None) -> str:
        """「題名（115年4月，GPN：1011500057）」, with `title` in place of the whole title."""
        details = "，".join(part for part in (self.year_month, f"GPN：{self.gpn}") if part)
        return f"{self.title if title is None else title}（{details}）"


def disc_lines(items: list[DiscItem], agency: str, details: list[str]) -> list[str]:
    """The label's lines: each item on its own, its fields together, in order of 出版年月
    (as dates: 115年1月 before 115年10月), then the agency and `details` (檔案類型, 卷期)."""

    def when(item: DiscItem) -> tuple[int, int]:
        found = re.fullmatch(r"(\d+)年(\d+)月", item.year_month)
        return (int(found[1]), int(found[2])) if found else (10_000, 0)

    return [*(item.text() for item in sorted(items, key=when)), agency, *details]


def _draw(canvas: Canvas, text: str, x: float, y: float, size: float) -> None:
    fonts = pdf_fonts()
    for font, run in font_runs(text, fonts):
        canvas.setFont(font, size)
        canvas.drawString(x, y, run)
        x += stringWidth(run, font, size)


def _width(text: str, size: float) -> float:
    fonts = pdf_fonts()
    return float(sum(stringWidth(run, font, size) for font, run in font_runs(text, fonts)))


RING_GAP_MM = 3.0
"""Space kept between the text and the clamping area."""
SIZES = [12.0 - 0.5 * step for step in range(13)]  # 12 pt down to 6 pt


def _chord(distance: float) -> float:
    """The width a line may take when its far edge is `distance` points from the centre:
    both of its far corners stay inside the printable circle, with 1 mm to spare."""
    radius = PRINT_RADIUS_MM * MM
    return 2 * math.sqrt(max(radius * radius - distance * distance, 0.0)) - 2 * MM


def _fit_ring(paragraphs: list[str], largest: float,
              upward: bool) -> tuple[float, list[str]] | None:
    """The largest size at which `paragraphs` fit the half-ring above (upward) or below the
    hole, each line as wide as the circle allows where it sits; None if even 6 pt is too big."""
    fonts = pdf_fonts()
    inner = (CLEAR_RADIUS_MM + RING_GAP_MM) * MM
    for size in (s for s in SIZES if s <= largest):
        lead = size * 1.3
        capacity = int((PRINT_RADIUS_MM * MM - inner - size) // lead) + 1
        limits = [_chord(inner + k * lead + size) for k in range(capacity)]
        count = min(len(paragraphs), capacity)  # each paragraph takes a line at least
        for _ in range(capacity + 1):
            # Above the hole the first line is the farthest from it: widths depend on count.
            widths = limits[:count][::-1] if upward else limits
            pieces: list[str] = []
            for paragraph in paragraphs:
                pieces += _keep_months(wrap(paragraph, size,
                                            widths[len(pieces):] or widths[-1:], fonts))
            if len(pieces) > capacity or (upward and len(pieces) == count) or not upward:
                break
            count = len(pieces)
        if len(pieces) > capacity:
            continue
        widths = limits[:len(pieces)][::-1] if upward else limits
        if all(_width(piece, size) <= width + 0.01 for piece, width in zip(pieces, widths[:len(pieces)], strict=False)):
            return size, pieces
    return None


def _shortened(paragraphs: list[str], upward: bool, titles: int) -> tuple[float, list[str]]:
    """Fit at 6 pt by shortening with 「…」 the first `titles` paragraphs, each its title (its
    text before the last 「（」, so an item's 出版年月 and GPN stay whole): the case insert
    carries the whole text."""

    def split(index: int, paragraph: str) -> tuple[str, str]:
        if index >= titles:
            return "", paragraph
        if "（" in paragraph:
            head, mark, tail = paragraph.rpartition("（")
            return head, mark + tail
        return paragraph, ""

    parts = [split(index, paragraph) for index, paragraph in enumerate(paragraphs)]
    keep = max(len(head) for head, _tail in parts)
    while keep > 1:
        keep = keep * 9 // 10
        shortened = [(head[:keep] + "…" if len(head) > keep else head) + tail
                     for head, tail in parts]
        fitted = _fit_ring(shortened, SIZES[-1], upward)
        if fitted is not None:
            return fitted
    raise PubDeskError("光碟碟面放不下這些文字，請減少同一張光碟的出版品。")


def disc_layout(lines: list[str], centre: tuple[float, float],
                above: int = 1) -> list[PlacedLine]:
    """The first `above` lines (the titles, or each item of disc_lines) above the hole, the
    rest below it: every line inside the printable ring and clear of the clamping area, as
    large as fits (12 pt titles, 10 pt details, down to 6 pt). Items that do not fit above
    even at 6 pt continue below the hole, before the details."""
    # Of the ways to share the items between the halves, the one whose smaller type is the
    # largest (not 11 items at 6 pt above and one at 10 pt below).
    best: tuple[float, list[PlacedLine]] | None = None
    for moved in range(above):
        try:
            placed = _layout(lines, centre, above - moved, moved)
        except PubDeskError:
            continue
        items = placed if moved else [line for line in placed if line.y0 >= centre[1]]
        smallest = min(line.y1 - line.y0 for line in items)
        if best is None or smallest > best[0] + 0.01:
            best = (smallest, placed)
    if best is None:
        raise PubDeskError("光碟碟面放不下這些文字，請減少同一張光碟的出版品。")
    return best[1]


def _layout(lines: list[str], centre: tuple[float, float], above: int,
            moved: int) -> list[PlacedLine]:
    cx, cy = centre
    placed: list[PlacedLine] = []
    inner = (CLEAR_RADIUS_MM + RING_GAP_MM) * MM
    for paragraphs, largest, upward, titles in ((lines[:above], 12.0, True, above),
                                                (lines[above:], 10.0, False, max(moved, 1))):
        if not paragraphs:
            continue
        size, pieces = (_fit_ring(paragraphs, largest, upward)
                        or _shortened(paragraphs, upward, titles))
        lead = size * 1.3
        for index, piece in enumerate(pieces):
            width = _width(piece, size)
            y = (cy + inner + (len(pieces) - 1 - index) * lead if upward
                 else cy - inner - index * lead - size)
            placed.append(PlacedLine(piece, cx - width / 2, y, cx + width / 2, y + size))
    return placed


def write_disc_label(lines: list[str], path: Path, above: int = 1) -> Path:
    """Page 1: the disc (cut marks as circles), the first `above` lines above the hole;
    page 2: the 120 × 120 mm case insert."""
    fonts = pdf_fonts()
    width, height = A4
    centre = (width / 2, height / 2 + 40 * MM)
    with atomic_output(path) as partial:
        canvas = Canvas(str(partial), pagesize=A4, initialFontName=fonts.cjk)
        canvas.setTitle("光碟碟面")
        canvas.setStrokeColorCMYK(0, 0, 0, 0.4)
        canvas.setFillColorCMYK(0, 0, 0, 1)
        for radius in (DISC_RADIUS_MM, CLEAR_RADIUS_MM, 7.5):
            canvas.circle(centre[0], centre[1], radius * MM, stroke=1, fill=0)
        for placed in disc_layout(lines, centre, above):
            _draw(canvas, placed.text, placed.x0, placed.y0, placed.y1 - placed.y0)
        canvas.showPage()
        canvas.setStrokeColorCMYK(0, 0, 0, 0.4)
        canvas.setFillColorCMYK(0, 0, 0, 1)
        side = 120 * MM
        left, bottom = (width - side) / 2, height - 40 * MM - side
        canvas.rect(left, bottom, side, side, stroke=1, fill=0)
        size, pieces = fit(lines, side - 20 * MM, side - 25 * MM, fonts, largest=11.0)
        pieces = _keep_months(pieces)
        y = bottom + side - 10 * MM - size
        for piece in pieces:
            _draw(canvas, piece, left + 10 * MM, y, size)
            y -= size * 1.25
        canvas.showPage()
        canvas.save()
    return path
