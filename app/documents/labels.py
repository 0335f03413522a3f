"""Address labels on A4 label sheets: presets for the common sheets, custom rows × columns
and margins, a start position for a partly used sheet. Text is wrapped (never cut) and made
smaller when needed to stay inside its label."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from app.documents.files import atomic_output
from app.documents.pdf_fonts import PdfFonts, font_runs, pdf_fonts
from app.errors import PubDeskError, ValidationError

MM = 72 / 25.4


@dataclass(frozen=True)
class LabelSheet:
    """A sheet of labels, measured in millimetres from the top-left corner of A4."""

    name: str
    rows: int
    columns: int
    width_mm: float
    height_mm: float
    top_mm: float
    left_mm: float
    column_pitch_mm: float
    row_pitch_mm: float
    padding_mm: float = 3.0

    def check(self) -> None:
        """Refuse a sheet whose labels do not fit on A4."""
        right = self.left_mm + (self.columns - 1) * self.column_pitch_mm + self.width_mm
        bottom = self.top_mm + (self.rows - 1) * self.row_pitch_mm + self.height_mm
        if self.rows < 1 or self.columns < 1 or self.width_mm <= 2 * self.padding_mm or \
                self.height_mm <= 2 * self.padding_mm:
            raise ValidationError.single("sheet", "標籤的行列數與尺寸必須大於 0。")
        if right > 210.01 or bottom > 297.01:
            raise ValidationError.single("sheet", f"「{self.name}」的標籤超出 A4 紙張範圍，請檢查邊界與間距。")
        if self.column_pitch_mm < self.width_mm - 0.01 or self.row_pitch_mm < self.height_mm - 0.01:
            raise ValidationError.single("sheet", "標籤間距不能小於標籤本身的寬或高。")

    @property
    def per_sheet(self) -> int:
        """Labels on one sheet."""
        return self.rows * self.columns


PRESETS = [
    LabelSheet("A4 2×7 (99.1×38.1 mm)", 7, 2, 99.1, 38.1, 15.15, 4.65, 101.6, 38.1),
    LabelSheet("A4 3×8 (63.5×33.9 mm)", 8, 3, 63.5, 33.9, 12.9, 7.25, 66.0, 33.9),
    LabelSheet("A4 2×4 (99.1×67.7 mm)", 4, 2, 99.1, 67.7, 13.1, 4.65, 101.6, 67.7),
    LabelSheet("A4 3×7 (70×42.3 mm)", 7, 3, 70.0, 42.3, 0.0, 0.0, 70.0, 42.3),
    LabelSheet("A4 2×5 (105×57 mm)", 5, 2, 105.0, 57.0, 6.0, 0.0, 105.0, 57.0),
]


@dataclass(frozen=True)
class PlacedLabel:
    """Where one label's text went, in points from the page's bottom-left."""

    page: int
    cell: tuple[float, float, float, float]
    text_box: tuple[float, float, float, float]
    size: float
    lines: list[str]


def _width(text: str, size: float, fonts: PdfFonts) -> float:
    return float(sum(stringWidth(run, font, size) for font, run in font_runs(text, fonts)))


def wrap(text: str, size: float, width: float | list[float], fonts: PdfFonts) -> list[str]:
    """Break a line into pieces that fit `width` (one width, or one per line, the last
    repeating), under the Chinese line-breaking rules: no piece starts with closing
    punctuation or ends with opening punctuation, and a GPN, ISBN, phone number or Latin word
    is not split while there is a space or CJK character to break at."""
    from app.documents.linebreak import break_points

    chars = list(text)
    widths = [_width(char, size, fonts) for char in chars]
    limits = width if isinstance(width, list) else [width]
    pieces = [text[start:end].strip(" ") for start, end in break_points(chars, widths, limits)]
    return [piece for piece in pieces if piece] or [""]


def fit(text_lines: list[str], width: float, height: float, fonts: PdfFonts,
        largest: float = 12.0, smallest: float = 6.0) -> tuple[float, list[str]]:
    """The largest size (down to `smallest`) at which the wrapped text fits the box."""
    size = largest
    while size >= smallest:
        wrapped = [piece for line in text_lines for piece in wrap(line, size, width, fonts)]
        if len(wrapped) * size * 1.25 <= height:
            return size, wrapped
        size -= 0.5
    raise PubDeskError(f"標籤文字太長，縮到 {smallest} 點仍放不下：{text_lines[0][:20]}…"
                       "請改用較大的標籤規格。")


def place_labels(labels: list[list[str]], sheet: LabelSheet,
                 start_position: int = 1) -> list[PlacedLabel]:
    """Lay out every label (start_position 1 = top-left of the first sheet)."""
    sheet.check()
    if not 1 <= start_position <= sheet.per_sheet:
        raise ValidationError.single("start_position",
                                     f"起始位置必須在 1 到 {sheet.per_sheet} 之間。")
    fonts = pdf_fonts()
    page_height = A4[1]
    placed: list[PlacedLabel] = []
    for index, lines in enumerate(labels, start=start_position - 1):
        page, slot = divmod(index, sheet.per_sheet)
        row, column = divmod(slot, sheet.columns)
        x = (sheet.left_mm + column * sheet.column_pitch_mm) * MM
        top = page_height - (sheet.top_mm + row * sheet.row_pitch_mm) * MM
        width, height = sheet.width_mm * MM, sheet.height_mm * MM
        pad = sheet.padding_mm * MM
        size, wrapped = fit(lines, width - 2 * pad, height - 2 * pad, fonts)
        text_height = len(wrapped) * size * 1.25
        text_width = max(_width(line, size, fonts) for line in wrapped)
        text_top = top - pad
        placed.append(PlacedLabel(page + 1, (x, top - height, x + width, top),
                                  (x + pad, text_top - text_height, x + pad + text_width,
                                   text_top), size, wrapped))
    return placed


def write_labels_pdf(labels: list[list[str]], sheet: LabelSheet, path: Path,
                     start_position: int = 1) -> Path:
    """Print the labels onto the sheet layout (fonts embedded)."""
    placed = place_labels(labels, sheet, start_position)
    fonts = pdf_fonts()
    with atomic_output(path) as partial:
        canvas = Canvas(str(partial), pagesize=A4, initialFontName=fonts.cjk)
        canvas.setTitle(f"寄存標籤 {sheet.name}")
        canvas.setFillColorCMYK(0, 0, 0, 1)
        page = 1
        for label in placed:
            while label.page > page:
                canvas.showPage()
                canvas.setFillColorCMYK(0, 0, 0, 1)
                page += 1
            y = label.text_box[3]
            for line in label.lines:
                y -= label.size * 1.25
                x = label.text_box[0]
                for font, run in font_runs(line, fonts):
                    canvas.setFont(font, label.size)
                    canvas.drawString(x, y + label.size * 0.25, run)
                    x += stringWidth(run, font, label.size)
        canvas.showPage()
        canvas.save()
    return path
