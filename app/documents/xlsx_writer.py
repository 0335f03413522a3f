"""XLSX writer (openpyxl) for lists: merged header cells, column widths, wrapped text, print
area and repeated title rows, fit to page width, A4 landscape."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.documents import style
from app.documents.files import atomic_output
from app.documents.model import Table as DocTable

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WIDTH_UNITS = 120
"""Total characters of width the columns share."""


_SHEET_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "_"))


def _put(sheet: Worksheet, row: int, column: int, value: str) -> Cell:
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
    _put(sheet, 1, 1, table.title)
    sheet["A1"].font = Font(name=style.CJK_FONT_DOCX, size=style.TABLE_TITLE_PT, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center")
    row = 2
    for line in table.lines_above:
        sheet.merge_cells(f"A{row}:{last}{row}")
        _put(sheet, row, 1, line).font = font
        row += 1
    header_top = row
    for placed in table.header_grid():
        for header_row, column, cell in placed:
            target_row = header_top + header_row
            _put(sheet, target_row, column + 1, cell.text)
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
    row = header_bottom + 1
    for values in table.rows:
        for c, value in enumerate(values, start=1):
            cell = _put(sheet, row, c, value)
            cell.font, cell.border = font, _BORDER
            cell.alignment = Alignment(vertical="center", wrap_text=True,
                                       horizontal="center" if len(value) <= 2 else "left")
        row += 1
    last_table_row = row - 1
    row += 1
    for line in table.notes:
        sheet.merge_cells(f"A{row}:{last}{row}")
        cell = _put(sheet, row, 1, line)
        cell.font = font
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[row].height = max(15, 15 * (len(line) // 90 + 1))
        row += 1
    total = sum(table.column_widths)
    for c, width in enumerate(table.column_widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = max(4, _WIDTH_UNITS * width / total)
    sheet.print_area = f"A1:{last}{max(row - 1, last_table_row)}"
    sheet.print_title_rows = f"{header_top}:{header_bottom}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if table.landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.freeze_panes = sheet.cell(header_bottom + 1, 1)
    with atomic_output(path, "若檔案已在 Excel 開啟，請先關閉。") as partial:
        book.save(str(partial))
    return path
