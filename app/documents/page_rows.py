"""Rows that fit a page, for the formats that lay out pages themselves (Word, LibreOffice,
Excel): the same layout rule as our PDF tables (`pdf_writer._PagedTable`). Every row is kept
whole on a page (`w:cantSplit`, `fo:keep-together`, and Excel never splits one), so a row
taller than the room a page has for it — a 200-character title beside a 300-character 備註 —
would be clipped by Word or left to split wherever the program likes. Here such a row is cut,
before any format is written, into parts that each fit, every part naming its row with the
key columns (序號, 題名: `Table.key_columns`) repeated.

Heights are estimated, not measured (Word measures only when it opens the file): lines are
broken with our own rules (`linebreak.break_points`) at the widths every format is given
(`table_widths.column_widths`), each line `style.LINE_SPACING` times the type size, and a part
is kept to `FILL` of the page's room so a program that sets lines a little taller still has
room for it."""

from __future__ import annotations

from dataclasses import replace

from app.documents import style
from app.documents.linebreak import break_points
from app.documents.model import Table
from app.documents.table_widths import column_widths, text_width

FILL = 0.8
"""The share of a page's room a part of a cut row may fill."""
_PADDING_PT = 2 * 0.19 * style.CM
"""A cell's padding left and right: Word's, the largest of the formats'."""
_ROW_PADDING_PT = 6.0


def _lines(text: str, width: float, size: float) -> list[tuple[int, int]]:
    chars = list(text)
    widths = [0.0 if char == "\n" else text_width(char, size) for char in chars]
    return break_points(chars, widths, [max(width, size)], lambda i: chars[i] == "\n",
                        hang=False)


def _height(lines: int, size: float) -> float:
    return lines * size * style.LINE_SPACING + _ROW_PADDING_PT


def _usable_width(table: Table) -> float:
    paper = (style.A4_HEIGHT_CM if table.landscape else style.A4_WIDTH_CM) * style.CM
    return paper - 2 * style.TABLE_MARGIN_CM * style.CM


def page_room(table: Table, widths: list[float] | None = None) -> float:
    """Points of the first page a table's rows may take (the first page has the least): the
    paper less its margins, the heading and the header rows (`widths`: the columns', when
    already worked out)."""
    paper = (style.A4_WIDTH_CM if table.landscape else style.A4_HEIGHT_CM) * style.CM
    width = _usable_width(table)
    heading = style.TABLE_TITLE_PT * style.LINE_SPACING + 10 + sum(
        len(_lines(line, width, style.META_PT)) * style.META_PT * style.LINE_SPACING
        for line in table.lines_above)
    widths = widths or column_widths(table, width, _PADDING_PT)
    header = 0.0
    for placed in table.header_grid():
        tallest = 0
        for _row, column, cell in placed:
            inner = sum(widths[column:column + cell.colspan]) - _PADDING_PT
            lines = len(_lines(cell.text, inner, style.TABLE_PT))
            tallest = max(tallest, -(-lines // cell.rowspan))
        header += _height(tallest, style.TABLE_PT)
    return paper - 2 * style.TABLE_MARGIN_CM * style.CM - heading - header


def fit_rows(table: Table) -> Table:
    """`table` with every row that would not fit a page cut into parts that do (the table
    itself when every row fits)."""
    widths = column_widths(table, _usable_width(table), _PADDING_PT)
    inner = [width - _PADDING_PT for width in widths]
    room_lines = int((page_room(table, widths) * FILL - _ROW_PADDING_PT)
                     // (style.TABLE_PT * style.LINE_SPACING))
    if room_lines < 1:
        return table

    def surely_fits(value: str, column: int) -> bool:
        # Without breaking it: no character is wider than 1¼ em (with autospace), and a line
        # broken early still holds half its width, so this many lines is the most it takes.
        most = 2 * len(value) * 1.25 * style.TABLE_PT / max(inner[column], 1.0)
        return int(most) + value.count("\n") + 1 <= room_lines

    rows: list[list[str]] = []
    for values in table.rows:
        if all(surely_fits(value, column) for column, value in enumerate(values)):
            rows.append(values)  # most rows: not one cell needs breaking to know
            continue
        # Each cell broken once (trailing blank lines are not printed); a part is a run of
        # its lines — breaking the rest again from a line's start would give the same lines.
        cells = [_lines(value.rstrip("\n"), inner[column], style.TABLE_PT)
                 for column, value in enumerate(values)]
        if max((len(lines) for lines in cells), default=0) <= room_lines:
            rows.append(values)
            continue
        reached = [0] * len(values)
        first = True
        while True:
            part = []
            for column, (value, lines) in enumerate(zip(values, cells, strict=True)):
                if len(lines) <= room_lines:
                    # Whole in the first part; a key column (序號, 題名) repeated in each.
                    part.append(value if first or column in table.key_columns else "")
                    continue
                begin = reached[column]
                if begin >= len(lines):
                    part.append("")  # this cell ended in an earlier part
                    continue
                stop = min(begin + room_lines, len(lines))
                text_end = lines[stop][0] if stop < len(lines) else len(value)
                part.append(value[lines[begin][0]:text_end].strip("\n"))
                reached[column] = stop
            rows.append(part)
            first = False
            if all(len(lines) <= room_lines or reached[column] >= len(lines)
                   for column, lines in enumerate(cells)):
                break
    return replace(table, rows=rows) if len(rows) != len(table.rows) else table
