"""光碟碟面 — a printable label for a standard 120 mm disc (centre hole and clamping area kept
clear) and a 120 × 120 mm case insert, with title, agency, year-month, GPN, file types and
volume/issue."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from app.documents.files import atomic_output
from app.documents.labels import wrap
from app.documents.pdf_fonts import font_runs, pdf_fonts

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


def _draw(canvas: Canvas, text: str, x: float, y: float, size: float) -> None:
    fonts = pdf_fonts()
    for font, run in font_runs(text, fonts):
        canvas.setFont(font, size)
        canvas.drawString(x, y, run)
        x += stringWidth(run, font, size)


def _width(text: str, size: float) -> float:
    fonts = pdf_fonts()
    return float(sum(stringWidth(run, font, size) for font, run in font_runs(text, fonts)))


def disc_layout(lines: list[str], centre: tuple[float, float]) -> list[PlacedLine]:
    """Title lines above the hole, the rest below; every line inside the printable ring."""
    fonts = pdf_fonts()
    cx, cy = centre
    placed: list[PlacedLine] = []
    upper, lower = lines[:1], lines[1:]
    size = 10.0
    y = cy + (CLEAR_RADIUS_MM + 6) * MM
    for line in upper:
        for piece in reversed(wrap(line, 12.0, 70 * MM, fonts)):
            width = _width(piece, 12.0)
            placed.append(PlacedLine(piece, cx - width / 2, y, cx + width / 2, y + 12.0))
            y += 12.0 * 1.3
    y = cy - (CLEAR_RADIUS_MM + 4) * MM - size
    for line in lower:
        for piece in wrap(line, size, 80 * MM, fonts):
            width = _width(piece, size)
            placed.append(PlacedLine(piece, cx - width / 2, y, cx + width / 2, y + size))
            y -= size * 1.3
    return placed


def write_disc_label(lines: list[str], path: Path) -> Path:
    """Page 1: the disc (cut marks as circles); page 2: the 120 × 120 mm case insert."""
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
        for placed in disc_layout(lines, centre):
            _draw(canvas, placed.text, placed.x0, placed.y0, placed.y1 - placed.y0)
        canvas.showPage()
        canvas.setStrokeColorCMYK(0, 0, 0, 0.4)
        canvas.setFillColorCMYK(0, 0, 0, 1)
        side = 120 * MM
        left, bottom = (width - side) / 2, height - 40 * MM - side
        canvas.rect(left, bottom, side, side, stroke=1, fill=0)
        y = bottom + side - 20 * MM
        for line in lines:
            for piece in wrap(line, 11.0, side - 20 * MM, fonts):
                _draw(canvas, piece, left + 10 * MM, y, 11.0)
                y -= 11.0 * 1.5
        canvas.showPage()
        canvas.save()
    return path
