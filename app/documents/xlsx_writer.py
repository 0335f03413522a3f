"""XLSX writer (openpyxl) for lists: merged header cells, column widths, wrapped text, print
area and repeated title rows, fit to page width, A4 landscape."""

from __future__ import annotations

import math
import unicodedata
from copy import copy
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.documents import style
from app.documents.files import atomic_output
from app.documents.model import Table as DocTable
from app.documents.table_widths import column_widths

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WIDTH_UNITS = {True: 150, False: 100}
"""Total width the columns share, in Excel's character units, for landscape and portrait A4
with 1.5 cm margins: about what prints at 100 % in the table font (10 pt), so fitting to the
page width does not shrink the text (120 units on a portrait page printed at ~58 %)."""
XLSX_UNIT_PT = style.TABLE_PT / 2
"""One of Excel's column-width units, in points of our 10 pt table text (half a Chinese
character: _display_width counts one as two)."""
_LINE_PT = style.TABLE_PT * 1.45
"""One wrapped line of table text, in points (the font plus Excel's leading)."""


def _display_width(text: str) -> int:
    """Width in Excel character units: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _lines_needed(text: str, width_units: float) -> int:
    """How many lines `text` wraps to in a column `width_units` wide."""
    usable = max(1.0, width_units - 1)
    return sum(max(1, math.ceil(_display_width(line) / usable)) for line in text.split("\n"))


def _fit_row(sheet: Worksheet, row: int, texts: list[tuple[str, float]]) -> None:
    """Give a row the height its tallest wrapped cell needs: without one, Excel and
    LibreOffice print a five-line cell over the rows below it."""
    lines = max((_lines_needed(text, width) for text, width in texts if text), default=1)
    sheet.row_dimensions[row].height = max(15.0, lines * _LINE_PT + 4)


_SHEET_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "_"))


def put_text(sheet: Worksheet, row: int, column: int, value: str) -> Cell:
    """Write `value` as text, always: a title such as `=HYPERLINK(…)` or the DDE trick
    `=cmd|' /C calc'!A0` must never become a live formula in a list we send out (openpyxl
    turns any string starting with "=" into a formula)."""
    cell = sheet.cell(row, column, value)
    if cell.data_type == "f":
        cell.data_type = "s"
    return cell


def write_table_xlsx(table: DocTable, path: Path, sheet_title: str = "") -> Path:
    """Render a list to an Excel workbook ready to print."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = ((sheet_title or table.title).translate(_SHEET_TITLE_FORBIDDEN)
                   .strip("'")[:31] or "Sheet1")
    font = Font(name=style.CJK_FONT_DOCX, size=style.TABLE_PT)
    columns = table.column_count
    last = get_column_letter(columns)
    sheet.merge_cells(f"A1:{last}1")
    put_text(sheet, 1, 1, table.title)
    sheet["A1"].font = Font(name=style.CJK_FONT_DOCX, size=style.TABLE_TITLE_PT, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center")
    row = 2
    for line in table.lines_above:
        sheet.merge_cells(f"A{row}:{last}{row}")
        put_text(sheet, row, 1, line).font = font
        row += 1
    header_top = row
    # The shares of the page, each column at least its longest unbreakable token wide plus
    # Excel's cell padding (app.documents.table_widths; one unit ≈ 5 pt at the table's 10 pt).
    units = [max(4.0, points / XLSX_UNIT_PT) for points in column_widths(
        table, _WIDTH_UNITS[table.landscape] * XLSX_UNIT_PT, XLSX_UNIT_PT)]
    for placed in table.header_grid():
        for header_row, column, cell in placed:
            target_row = header_top + header_row
            put_text(sheet, target_row, column + 1, cell.text)
            if cell.colspan > 1 or cell.rowspan > 1:
                sheet.merge_cells(start_row=target_row, start_column=column + 1,
                                  end_row=target_row + cell.rowspan - 1,
                                  end_column=column + cell.colspan)
    header_bottom = header_top + len(table.header) - 1
    fill = PatternFill("solid", fgColor="F0F0F0")
    for r in range(header_top, header_bottom + 1):
        for c in range(1, columns + 1):
            cell = sheet.cell(r, c)
            cell.font, cell.border, cell.fill = font, _BORDER, fill
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    # One height per header row, from all its cells at once: fitted cell by cell, the last
    # cell's (「否」, one line) won and the scope headers above it lost their second line.
    for header_row, placed in enumerate(table.header_grid()):
        _fit_row(sheet, header_top + header_row,
                 [(cell.text, sum(units[column:column + cell.colspan]))
                  for _row, column, cell in placed if cell.rowspan == 1])
    row = header_bottom + 1
    # A data cell's style is one of two (centred or from the left): each is made once and its
    # style indices copied, as openpyxl copies a cell. Assigning font, border and alignment
    # per cell looked each up by hashing it (0.4 s of a 2,000-book list's 0.6 s).
    styles: dict[bool, Any] = {}
    for values in table.rows:
        for c, value in enumerate(values, start=1):
            cell = put_text(sheet, row, c, value)
            centred = len(value) <= 2 or value.isdigit()
            if centred not in styles:
                cell.font, cell.border = font, _BORDER
                cell.alignment = Alignment(vertical="center", wrap_text=True,
                                           horizontal="center" if centred else "left")
                styles[centred] = cell._style
            else:
                cell._style = copy(styles[centred])
        _fit_row(sheet, row, list(zip(values, units, strict=True)))
        row += 1
    last_table_row = row - 1
    row += 1
    for line in table.notes:
        sheet.merge_cells(f"A{row}:{last}{row}")
        cell = put_text(sheet, row, 1, line)
        cell.font = font
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        _fit_row(sheet, row, [(line, sum(units))])
        row += 1
    for c, width in enumerate(units, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    margin = style.TABLE_MARGIN_CM / 2.54
    sheet.page_margins.left = sheet.page_margins.right = margin
    sheet.page_margins.top = sheet.page_margins.bottom = margin
    sheet.print_area = f"A1:{last}{max(row - 1, last_table_row)}"
    sheet.print_title_rows = f"{header_top}:{header_bottom}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if table.landscape else "portrait"
    if table.copy_label:  # 附件一 1式2份: every printed page says which copy it is
        sheet.oddHeader.right.text = table.copy_label
        sheet.oddHeader.right.size = style.PAGE_NUMBER_PT
        sheet.oddHeader.right.font = f"{style.CJK_FONT_DOCX},Regular"
    # 「第n頁，共N頁」 as on the PDF and the ODS: &P and &N are Excel's page fields.
    footer = sheet.oddFooter.center
    footer.text = "第&P頁，共&N頁"
    footer.size = style.PAGE_NUMBER_PT
    footer.font = f"{style.CJK_FONT_DOCX},Regular"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.freeze_panes = sheet.cell(header_bottom + 1, 1)
    with atomic_output(path) as partial:
        book.save(str(partial))
    return path
