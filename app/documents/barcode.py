"""The ISBN as an EAN-13 bar code for the cover designer: vector SVG and PDF, with the
human-readable "ISBN 978-…" line above and the digits below (GS1 General Specifications)."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfgen.canvas import Canvas

from app.documents.files import atomic_output
from app.documents.pdf_fonts import pdf_fonts
from app.identifiers import validate_isbn

L_CODES = ["0001101", "0011001", "0010011", "0111101", "0100011", "0110001", "0101111",
           "0111011", "0110111", "0001011"]
G_CODES = ["0100111", "0110011", "0011011", "0100001", "0011101", "0111001", "0000101",
           "0010001", "0001001", "0010111"]
R_CODES = ["1110010", "1100110", "1101100", "1000010", "1011100", "1001110", "1010000",
           "1000100", "1001000", "1110100"]
PARITY = ["LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG", "LGGLLG", "LGGGLL", "LGLGLG",
          "LGLGGL", "LGGLGL"]

MODULE_MM = 0.33
"""X-dimension at 100 % magnification."""
BAR_HEIGHT_MM = 22.85
QUIET_LEFT, QUIET_RIGHT = 11, 7


def ean13_modules(digits: str) -> str:
    """The 95 modules (1 = bar) of an EAN-13: guard, 6 left digits, centre, 6 right, guard."""
    if len(digits) != 13 or not digits.isdigit():
        raise ValueError("EAN-13 needs 13 digits")
    parity = PARITY[int(digits[0])]
    left = "".join((L_CODES if p == "L" else G_CODES)[int(d)]
                   for p, d in zip(parity, digits[1:7], strict=True))
    right = "".join(R_CODES[int(d)] for d in digits[7:])
    return "101" + left + "01010" + right + "101"


def decode_modules(modules: str) -> str:
    """Read 95 modules back to the 13 digits (the inverse of ean13_modules)."""
    if len(modules) != 95 or modules[:3] != "101" or modules[45:50] != "01010" or \
            modules[-3:] != "101":
        raise ValueError("not an EAN-13 pattern")
    left = [modules[3 + 7 * i: 10 + 7 * i] for i in range(6)]
    right = [modules[50 + 7 * i: 57 + 7 * i] for i in range(6)]
    parity, digits = "", ""
    for code in left:
        if code in L_CODES:
            parity, digits = parity + "L", digits + str(L_CODES.index(code))
        else:
            parity, digits = parity + "G", digits + str(G_CODES.index(code))
    digits += "".join(str(R_CODES.index(code)) for code in right)
    return str(PARITY.index(parity)) + digits


def _bars(modules: str) -> list[tuple[int, int]]:
    """(start module, width) of each bar."""
    bars: list[tuple[int, int]] = []
    index = 0
    while index < len(modules):
        if modules[index] == "1":
            start = index
            while index < len(modules) and modules[index] == "1":
                index += 1
            bars.append((start, index - start))
        else:
            index += 1
    return bars


def _guard(position: int) -> bool:
    return position < 3 or 45 <= position < 50 or position >= 92


def write_barcode_svg(isbn: str, path: Path) -> Path:
    """SVG in millimetres, bars as rectangles, text as text (the designer may restyle it)."""
    checked = validate_isbn(isbn)
    modules = ean13_modules(checked.compact)
    width = (QUIET_LEFT + 95 + QUIET_RIGHT) * MODULE_MM
    top = 4.0
    height = top + BAR_HEIGHT_MM + 3.2
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.2f}mm" '
             f'height="{height:.2f}mm" viewBox="0 0 {width:.3f} {height:.3f}">',
             f'<title>ISBN {escape(checked.formatted)}</title>',
             f'<rect width="{width:.3f}" height="{height:.3f}" fill="#fff"/>',
             f'<text x="{width / 2:.3f}" y="3" font-family="OCR-B, Arial" font-size="2.6" '
             f'text-anchor="middle">ISBN {escape(checked.formatted)}</text>']
    for start, bar_width in _bars(modules):
        extra = 1.6 if _guard(start) else 0.0
        parts.append(f'<rect x="{(QUIET_LEFT + start) * MODULE_MM:.3f}" y="{top}" '
                     f'width="{bar_width * MODULE_MM:.3f}" height="{BAR_HEIGHT_MM - 1.6 + extra:.3f}" '
                     'fill="#000"/>')
    digits = checked.compact
    base = top + BAR_HEIGHT_MM + 1.2
    parts.append(f'<text x="{(QUIET_LEFT - 7) * MODULE_MM:.3f}" y="{base:.3f}" '
                 f'font-family="OCR-B, Arial" font-size="2.75">{digits[0]}</text>')
    for group, offset in ((digits[1:7], 3), (digits[7:], 50)):
        for index, digit in enumerate(group):
            x = (QUIET_LEFT + offset + 7 * index + 3.5) * MODULE_MM
            parts.append(f'<text x="{x:.3f}" y="{base:.3f}" font-family="OCR-B, Arial" '
                         f'font-size="2.75" text-anchor="middle">{digit}</text>')
    parts.append("</svg>")
    with atomic_output(path) as partial:
        partial.write_text("\n".join(parts), encoding="utf-8")
    return path


def write_barcode_pdf(isbn: str, path: Path) -> Path:
    """A vector PDF of the bar code (actual size), font embedded."""
    checked = validate_isbn(isbn)
    modules = ean13_modules(checked.compact)
    fonts = pdf_fonts()
    mm = 72 / 25.4
    width = (QUIET_LEFT + 95 + QUIET_RIGHT) * MODULE_MM * mm
    height = (4.0 + BAR_HEIGHT_MM + 3.2) * mm
    with atomic_output(path) as partial:
        canvas = Canvas(str(partial), pagesize=(width, height), initialFontName=fonts.latin)
        canvas.setTitle(f"ISBN {checked.formatted}")
        canvas.setFillColorCMYK(0, 0, 0, 1)
        bar_top = height - 4.0 * mm
        for start, bar_width in _bars(modules):
            bar_height = (BAR_HEIGHT_MM - 1.6 + (1.6 if _guard(start) else 0)) * mm
            canvas.rect((QUIET_LEFT + start) * MODULE_MM * mm, bar_top - bar_height,
                        bar_width * MODULE_MM * mm, bar_height, stroke=0, fill=1)
        canvas.setFont(fonts.latin, 2.6 * mm)
        canvas.drawCentredString(width / 2, height - 3.0 * mm, f"ISBN {checked.formatted}")
        canvas.setFont(fonts.latin, 2.75 * mm)
        digits = checked.compact
        baseline = 0.6 * mm
        canvas.drawString((QUIET_LEFT - 7) * MODULE_MM * mm, baseline, digits[0])
        for group, offset in ((digits[1:7], 3), (digits[7:], 50)):
            for index, digit in enumerate(group):
                canvas.drawCentredString((QUIET_LEFT + offset + 7 * index + 3.5) * MODULE_MM * mm,
                                         baseline, digit)
        canvas.showPage()
        canvas.save()
    return path
