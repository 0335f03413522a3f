"""PDF writer (reportlab): the official letter and tables, fonts embedded as subsets, CJK
line wrapping, 「第n頁，共N頁」 page numbers. Written to a temporary file, then renamed."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, ClassVar

from reportlab.lib.colors import CMYKColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    LongTable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)

from app.documents import style
from app.documents.files import atomic_output
from app.documents.linebreak import break_points
from app.documents.model import OfficialLetter
from app.documents.model import Table as DocTable
from app.documents.pdf_fonts import PdfFonts, font_runs, markup, pdf_fonts
from app.documents.table_widths import column_widths


def _numbered_canvas(fonts: PdfFonts, author: str, numbered: bool = True) -> type[Canvas]:
    """A canvas that knows the page count when it draws 「第n頁，共N頁」 (not when `numbered`
    is False: a 版權頁 is a page of the book, not of a letter), and whose initial font is ours
    (so no unembedded Helvetica is listed in the page resources)."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # The document template passes None explicitly; ours must win.
            kwargs["initialFontName"] = fonts.cjk
            kwargs["initialFontSize"] = style.PAGE_NUMBER_PT
            super().__init__(*args, **kwargs)
            self.setAuthor(author or "PubDesk")  # never reportlab's "anonymous"
            self.setCreator("PubDesk")
            self._pages: list[dict[str, Any]] = []
            self._section: tuple[int, str] = (0, "")

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            # Pages are numbered within their section (one per table: the copies of 附件一
            # each run 第1頁 to 第N頁), and a labelled section names itself on every page.
            sections = [state["_section"] for state in self._pages]
            totals = {section[0]: sections.count(section) for section in sections}
            seen: dict[int, int] = {}
            for state, (index, label) in zip(self._pages, sections, strict=True):
                seen[index] = seen.get(index, 0) + 1
                self.__dict__.update(state)
                if not numbered:
                    Canvas.showPage(self)
                    continue
                self.setFont(fonts.cjk, style.PAGE_NUMBER_PT)
                self.setFillColor(BLACK)
                width = self._pagesize[0]
                text = style.page_number_text(seen[index], totals[index])
                self.drawCentredString(width / 2, 1.0 * style.CM,
                                       f"{label}　{text}" if label else text)
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


class _SectionStart(Flowable):  # type: ignore[misc]
    """Invisible: tells the numbered canvas that a new section (a table) starts here."""

    def __init__(self, index: int, label: str):
        super().__init__()
        self.index, self.label = index, label

    def wrap(self, _width: float, _height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._section = (self.index, self.label)


class _PlainText(Flowable):  # type: ignore[misc]
    """Plain text — a table cell, a letter's numbered item — set line by line with the
    Chinese line-breaking rules (`linebreak.break_points`) and drawn as one text object. A
    reportlab Paragraph parsed markup and built a fragment object per character: 0.9 s of the
    1.2 s a 200-book usage list took. Looks as the Paragraph did (the output is the same,
    pixel for pixel): the first baseline one font size below the top, `leading` between
    lines, centred or from the left indent, the first line moved by `first_indent` (negative:
    a hanging label); a character outside the main font in its fallback font
    (`font_runs`)."""

    _widths: ClassVar[dict[tuple[str, str, float], float]] = {}

    def __init__(self, text: str, fonts: PdfFonts, size: float, centred: bool = False,
                 left_indent: float = 0.0, first_indent: float = 0.0, hang: bool = True):
        super().__init__()
        self.text, self.size, self.centred, self.hang = text, size, centred, hang
        self.left_indent, self.first_indent = left_indent, first_indent
        self.leading = size * style.LINE_SPACING
        self.chars: list[str] = []
        self.char_fonts: list[str] = []
        for font, run in font_runs(text, fonts):
            self.chars.extend(run)
            self.char_fonts.extend(font for _char in run)
        self.lines: list[tuple[int, int]] = []
        self.whole = True
        """False for a part of a text cut over pages."""
        self.char_width: list[float] = []
        self._wrapped_at: float | None = None

    def _char_widths(self) -> list[float]:
        widths, size = self._widths, self.size
        result = []
        for char, font in zip(self.chars, self.char_fonts, strict=True):
            key = (font, char, size)
            width = widths.get(key)
            if width is None:
                width = widths[key] = 0.0 if char == "\n" else \
                    stringWidth(char, font, size)
            result.append(width)
        return result

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._wrapped_at != availWidth:
            if len(self.char_width) != len(self.chars):  # once: widths do not change
                self.char_width = self._char_widths()
            chars = self.chars
            self.lines = [] if not chars else [
                (start, end - (end > start and chars[end - 1] == "\n"))
                for start, end in break_points(
                    chars, self.char_width,
                    [availWidth - self.left_indent - self.first_indent,
                     availWidth - self.left_indent], lambda i: chars[i] == "\n",
                    self.hang)]
            self._wrapped_at = availWidth
        self.width, self.height = availWidth, len(self.lines) * self.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """The lines that fit, and the rest (a row taller than a page goes on over pages)."""
        self.wrap(availWidth, availHeight)
        fit = int((availHeight + 1e-6) // self.leading)
        if fit <= 0 or (fit == 1 and len(self.lines) > 1):
            return []  # nor a first line alone at the foot of a page (as Paragraph: no orphans)
        if fit >= len(self.lines):
            return [self]
        return list(self.cut(fit))

    def cut(self, lines: int) -> tuple[_PlainText, _PlainText]:
        """The first `lines` lines (as wrapped last), and the rest — each keeping its lines as
        wrapped (the rest starts at a line's start, so breaking it again gives the same
        lines: a cell over many pages is wrapped once, not once a page)."""
        cut = self.lines[lines][0] if lines < len(self.lines) else len(self.chars)
        keep = self._wrapped_at is not None and (self.first_indent == 0.0 or lines > 0)
        rest = self._part(cut, len(self.chars), self.lines[lines:] if keep else None)
        rest.first_indent = 0.0  # it goes on from the left indent
        return self._part(0, cut, self.lines[:lines] if keep else None), rest

    def _part(self, start: int, end: int,
              lines: list[tuple[int, int]] | None = None) -> _PlainText:
        part = copy.copy(self)
        part.chars, part.char_fonts = self.chars[start:end], self.char_fonts[start:end]
        part.char_width = self.char_width[start:end]
        part.whole = start == 0 and end == len(self.chars) and self.whole
        if lines is None:
            part._wrapped_at = None
        else:
            part.lines = [(a - start, b - start) for a, b in lines]
        return part

    def draw(self) -> None:
        text = self.canv.beginText()
        text.setFillColor(BLACK)
        y = self.height - self.size
        for number, (start, end) in enumerate(self.lines):
            used = sum(self.char_width[start:end])
            left = self.left_indent + (self.first_indent if number == 0 else 0.0)
            text.setTextOrigin(left + (self.width - left - used) / 2 if self.centred else left,
                               y)
            index = start
            while index < end:
                font = self.char_fonts[index]
                stop = index
                while stop < end and self.char_fonts[stop] == font:
                    stop += 1
                text.setFont(font, self.size, self.leading)
                text.textOut("".join(self.chars[index:stop]))
                index = stop
            y -= self.leading
        self.canv.drawText(text)


Row = tuple[list[Any], float]
"""A data row of a PDF table: its cells (`_PlainText`) and its height, padding included."""


class _PagedTable(Flowable):  # type: ignore[misc]
    """A long table laid out a page at a time: each page is a small table of the header and
    just the rows that fit. Reportlab's own split rebuilds the whole remaining table — and maps
    the header's spanned cells over every remaining row — at each page break, which made a
    2,000-row list quadratic, and split a tall row across the header (issue 29): here each row
    is measured once, each page costs its own rows, and every split is ours.

    The layout rule (the same in every format): a row is never split unless it is taller
    than a page — or it is the table's first row and does not fit under the heading, which
    would otherwise stand alone on its page. A split row goes on, under the repeated header,
    with its key columns (序號, 題名: `Table.key_columns`) repeated."""

    def __init__(self, header: list[list[Any]], rows: list[list[Any]], widths: list[float],
                 commands: list[tuple[Any, ...]], key_columns: tuple[int, ...],
                 shared: dict[str, Any], start: int = 0, pending: Row | None = None):
        super().__init__()
        self.header, self.rows, self.widths, self.commands = header, rows, widths, commands
        self.key_columns, self.shared = key_columns, shared
        self.start = start
        self.pending = pending
        """The rest of row `start` after a split, in its place."""

    def _measure(self) -> tuple[list[float], list[float], list[float]]:
        shared = self.shared
        if "heights" not in shared:
            grid = LongTable(self.header, colWidths=self.widths, style=TableStyle(self.commands))
            grid.wrap(sum(self.widths), 1e12)
            shared["header"] = list(grid._rowHeights)
            heights = [self._height(cells) for cells in self.rows]
            after = [0.0] * (len(heights) + 1)  # after[i]: height of rows i…end
            for index in range(len(heights) - 1, -1, -1):
                after[index] = after[index + 1] + heights[index]
            shared.update(heights=heights, after=after)
        return shared["header"], shared["heights"], shared["after"]

    def _inner(self, column: int) -> float:
        return float(self.widths[column] - 2 * CELL_PADDING_X)

    def _height(self, cells: list[Any]) -> float:
        return max((cell.wrap(self._inner(c), 1e12)[1] for c, cell in enumerate(cells)),
                   default=0.0) + 2 * CELL_PADDING_Y

    def _row(self, index: int) -> Row:
        if index == self.start and self.pending is not None:
            return self.pending
        _header, heights, _after = self._measure()
        return self.rows[index], heights[index]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        header, heights, after = self._measure()
        rest = after[self.start]
        if self.pending is not None:
            rest += self.pending[1] - heights[self.start]
        self.width, self.height = sum(self.widths), sum(header) + rest
        return self.width, self.height

    def _split_row(self, cells: list[Any], room: float) -> tuple[Row, Row] | None:
        """Row `cells` cut to `room` points: the part that fits, and the rest with the key
        columns repeated (None: not one line fits)."""
        leading = cells[0].leading
        lines = int((room - 2 * CELL_PADDING_Y + 1e-6) // leading)
        if lines < 1:
            return None
        head, tail = [], []
        for column, cell in enumerate(cells):
            cell.wrap(self._inner(column), 1e12)
            if len(cell.lines) <= lines:
                head.append(cell)
                # A key column is repeated whole; one too long for that went on until it
                # ended (its 序號 still names the row). Else an empty cell in its style.
                whole = cell.whole and column in self.key_columns
                tail.append(copy.copy(cell) if whole else cell.cut(0)[0])
            else:
                first, rest = cell.cut(lines)
                head.append(first)
                tail.append(rest)
        return (head, self._height(head)), (tail, self._height(tail))

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        header, _heights, _after = self._measure()
        tallest = self.shared["tallest_page"] = max(self.shared["tallest_page"], availHeight)
        used = sum(header)
        page: list[Row] = []
        index = self.start
        while index < len(self.rows):
            row = self._row(index)
            if used + row[1] > availHeight + 1e-6:
                break
            page.append(row)
            used += row[1]
            index += 1
        pending = None
        if not page:
            row = self._row(index)
            heading_alone = self.start == 0 and self.pending is None
            if not heading_alone and sum(header) + row[1] <= tallest + 1e-6:
                return []  # the next page has room for it whole
            parts = self._split_row(row[0], availHeight - sum(header))
            if parts is None:
                return []
            page.append(parts[0])
            pending = parts[1]
        first = self._page(page)
        if index >= len(self.rows):
            return [first]
        return [first, _PagedTable(self.header, self.rows, self.widths, self.commands,
                                   self.key_columns, self.shared, index, pending)]

    def _page(self, rows: list[Row]) -> LongTable:
        header, _heights, _after = self._measure()
        return LongTable(self.header + [cells for cells, _height in rows],
                         colWidths=self.widths,
                         rowHeights=header + [height for _cells, height in rows],
                         style=TableStyle(self.commands))

    def draw(self) -> None:
        table = self._page([self._row(i) for i in range(self.start, len(self.rows))])
        table.wrapOn(self.canv, self.width, self.height)
        table.drawOn(self.canv, 0, 0)


CELL_PADDING_X = 3.0
"""A table cell's left and right padding, points (reportlab's 6 left a 序號 of four digits
too little room; Word's own is 0.19 cm ≈ 5.4 pt)."""
CELL_PADDING_Y = 3.0
"""A table cell's top and bottom padding, points (reportlab's default)."""


BLACK = CMYKColor(0, 0, 0, 1)
"""Print black (K only): our PDFs pass the print profile's CMYK check themselves."""
HEADER_GREY = CMYKColor(0, 0, 0, 0.08)


def _paragraph_style(fonts: PdfFonts, size: float, **extra: Any) -> ParagraphStyle:
    settings: dict[str, Any] = {"alignment": TA_LEFT, "textColor": BLACK, **extra}
    return ParagraphStyle(
        name=f"s{size}{sorted(extra.items())}", fontName=fonts.cjk, fontSize=size,
        leading=size * style.LINE_SPACING, wordWrap="CJK", **settings)


def _write(path: Path, build: Any) -> None:
    with atomic_output(path) as partial:
        build(partial)


def letter_flowables(letter: OfficialLetter, fonts: PdfFonts) -> list[Flowable]:
    """The letter as platypus flowables."""
    body = _paragraph_style(fonts, style.BODY_PT)
    meta = _paragraph_style(fonts, style.META_PT)
    em = style.BODY_PT
    story: list[Flowable] = []
    if letter.file_reference:
        story.append(Paragraph(markup(letter.file_reference, fonts),
                               _paragraph_style(fonts, style.META_PT, leftIndent=10 * em)))
    story.append(Paragraph(markup(letter.title, fonts),
                           _paragraph_style(fonts, style.TITLE_PT, alignment=TA_CENTER,
                                            spaceAfter=6)))
    contact = _paragraph_style(fonts, style.META_PT, leftIndent=8 * em)
    for line in ([f"地址：{letter.address}"] if letter.address else []) + letter.contact_lines:
        story.append(Paragraph(markup(line, fonts), contact))
    story.append(Spacer(1, 6))
    story.append(Paragraph(markup(f"受文者：{letter.recipient}", fonts), body))
    for label, value in letter.header_fields()[1:]:
        story.append(Paragraph(markup(f"{label}：{value}", fonts), meta))
    story.append(Spacer(1, 8))
    story.append(Paragraph(markup(f"主旨：{letter.subject}", fonts),
                           _paragraph_style(fonts, style.BODY_PT, leftIndent=3 * em,
                                            firstLineIndent=-3 * em, spaceAfter=4)))
    if letter.items:
        story.append(Paragraph(markup("說明：", fonts), body))
        for level, label, text in letter.numbered_items():
            label_at = (style.ITEM_INDENT_EM + level * style.ITEM_INDENT_EM) * em
            hang = max(len(label), 2) * em * (0.75 if label.startswith("(") else 1)
            story.append(_PlainText(label + text, fonts, style.BODY_PT,
                                    left_indent=label_at + hang, first_indent=-hang))
    story.append(Spacer(1, 10))
    for label, names in (("正本", letter.originals), ("副本", letter.copies)):
        story.append(Paragraph(markup(f"{label}：{'、'.join(names)}", fonts), meta))
    if letter.notes:
        story.append(Spacer(1, 6))
        story.append(Paragraph(markup(letter.notes, fonts), meta))
    return story


def write_letter_pdf(letter: OfficialLetter, path: Path, author: str = "") -> Path:
    """Render `letter` to `path` (A4 portrait, binding margin left)."""
    fonts = pdf_fonts()
    story = letter_flowables(letter, fonts)

    def build(target: Path) -> None:
        doc = SimpleDocTemplate(
            str(target), pagesize=A4, leftMargin=style.MARGIN_LEFT_CM * style.CM,
            rightMargin=style.MARGIN_RIGHT_CM * style.CM,
            topMargin=style.MARGIN_TOP_CM * style.CM,
            bottomMargin=style.MARGIN_BOTTOM_CM * style.CM, title=letter.title,
            author=author or letter.agency_name, lang=style.LANGUAGE_TAG)
        doc.build(story, canvasmaker=_numbered_canvas(fonts, author or letter.agency_name))

    _write(path, build)
    return path


def table_flowables(table: DocTable, fonts: PdfFonts, width: float,
                    page_height: float = 0.0) -> list[Flowable]:
    """A titled table with spanned header rows and notes, as flowables."""
    story: list[Flowable] = [Paragraph(markup(table.title, fonts), _paragraph_style(
        fonts, style.TABLE_TITLE_PT, alignment=TA_CENTER, spaceAfter=6))]
    for line in table.lines_above:
        story.append(Paragraph(markup(line, fonts), _paragraph_style(fonts, style.META_PT)))
    story.append(Spacer(1, 4))
    columns = table.column_count
    header: list[list[Any]] = [["" for _ in range(columns)] for _ in table.header]
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, BLACK),
        ("TEXTCOLOR", (0, 0), (-1, -1), BLACK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, len(table.header) - 1), HEADER_GREY),
        ("FONTNAME", (0, 0), (-1, -1), fonts.cjk),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING_X),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING_Y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING_Y),
    ]
    for placed in table.header_grid():
        for row, column, header_cell in placed:
            header[row][column] = _PlainText(header_cell.text, fonts, style.TABLE_PT, True,
                                             hang=False)
            if header_cell.colspan > 1 or header_cell.rowspan > 1:
                commands.append(("SPAN", (column, row), (column + header_cell.colspan - 1,
                                                          row + header_cell.rowspan - 1)))
    # Trailing blank lines of a cell are not printed (they made pages of empty cells).
    rows = [[_PlainText(v.rstrip("\n"), fonts, style.TABLE_PT, len(v) <= 2 or v.isdigit(),
                        hang=False)
             for v in values] for values in table.rows]
    widths = column_widths(table, width, 2 * CELL_PADDING_X)
    if rows:
        story.append(_PagedTable(header, rows, widths, commands, table.key_columns,
                                 shared={"tallest_page": page_height}))
    else:
        story.append(LongTable(header, colWidths=widths, style=TableStyle(commands)))
    if table.notes:
        story.append(Spacer(1, 8))
        note = _paragraph_style(fonts, style.TABLE_PT, leftIndent=2 * style.TABLE_PT,
                                firstLineIndent=-2 * style.TABLE_PT)
        for line in table.notes:
            story.append(Paragraph(markup(line, fonts), note))
    return story


def write_table_pdf(table: DocTable, path: Path, author: str = "") -> Path:
    """Render a list (landscape A4 unless the table says otherwise)."""
    return write_tables_pdf([table], path, author)


def write_tables_pdf(tables: list[DocTable], path: Path, author: str = "") -> Path:
    """Several lists in one PDF, each from a new page (e.g. the two copies of 附件一);
    the first table decides the orientation."""
    fonts = pdf_fonts()
    size = landscape(A4) if tables[0].landscape else A4
    margin = style.TABLE_MARGIN_CM * style.CM
    story: list[Flowable] = []
    for index, table in enumerate(tables):
        if index:
            story.append(PageBreak())
        story.append(_SectionStart(index, table.copy_label))
        # The frame's height less its padding (6 pt above and below): a row that fits in it
        # moves to the next page whole rather than being split.
        story += table_flowables(table, fonts, size[0] - 2 * margin,
                                 page_height=size[1] - 2 * margin - 12)

    def build(target: Path) -> None:
        doc = SimpleDocTemplate(str(target), pagesize=size, leftMargin=margin,
                                rightMargin=margin, topMargin=margin, bottomMargin=margin,
                                title=tables[0].title, author=author or "PubDesk",
                                lang=style.LANGUAGE_TAG)
        doc.build(story, canvasmaker=_numbered_canvas(fonts, author))

    _write(path, build)
    return path


def write_lines_pdf(lines: list[str], path: Path, title: str = "", author: str = "") -> Path:
    """A block of lines (e.g. the 版權頁) on A4, each line wrapped with a hanging indent and
    set as given: the full-width spaces of NCL's CIP block stay (a Paragraph collapsed them),
    and no page number is printed."""
    fonts = pdf_fonts()
    hang = 2 * style.META_PT
    story: list[Flowable] = [
        _PlainText(line, fonts, style.META_PT, left_indent=hang, first_indent=-hang)
        if line.strip() else Spacer(1, style.META_PT) for line in lines]

    def build(target: Path) -> None:
        doc = SimpleDocTemplate(
            str(target), pagesize=A4, leftMargin=style.MARGIN_LEFT_CM * style.CM,
            rightMargin=style.MARGIN_RIGHT_CM * style.CM,
            topMargin=style.MARGIN_TOP_CM * style.CM,
            bottomMargin=style.MARGIN_BOTTOM_CM * style.CM, title=title, author=author or "PubDesk",
            lang=style.LANGUAGE_TAG)
        doc.build(story, canvasmaker=_numbered_canvas(fonts, author, numbered=False))

    _write(path, build)
    return path
