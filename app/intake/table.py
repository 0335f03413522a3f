"""A list to import, as the officer sees it: the sheet she would look at (never a hidden one
unless she names it; asked when several sheets hold such a list), its header row found among
the first rows (a title row and a blank row above it are normal in office lists), and the
rows below it with their hidden rows and columns known."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any

from app.intake.archive import Archive
from app.intake.limits import LIMITS, LimitExceeded, Limits
from app.intake.messages import NO_VISIBLE_SHEET, TOO_MANY_DATA_ROWS
from app.intake.ods import OdsWorkbook
from app.intake.sheet import Row, SheetInfo, SheetRead, Workbook
from app.intake.xlsx import XlsxWorkbook

Progress = Callable[[int], None]


def header_text(value: str) -> str:
    """A column name compared without spaces or line breaks (「出版 機關」「題名\\n」)."""
    return re.sub(r"\s+", "", value)


@dataclass
class Table:
    """The rows of one sheet below its header, and what the officer should know about it."""

    sheet: str
    sheets: list[SheetInfo]
    file_name: str = ""
    header_row: int = 0
    """1-based; 0 when no row among the first ones holds the required column names."""
    headers: dict[int, str] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)
    hidden_columns: list[int] = field(default_factory=list)
    rows_above: int = 0
    """Rows with data above the header (a title, a date line)."""
    choices: list[str] = field(default_factory=list)
    """Set instead of rows when several visible sheets hold a list: the officer chooses."""

    def to_json(self) -> dict[str, Any]:
        """For the pipe from the reading child."""
        return {"sheet": self.sheet, "file_name": self.file_name,
                "sheets": [[s.name, s.visible, s.active] for s in self.sheets],
                "header_row": self.header_row,
                "headers": [[c, h] for c, h in self.headers.items()],
                "rows": [row_json(r) for r in self.rows],
                "hidden_columns": self.hidden_columns, "rows_above": self.rows_above,
                "choices": self.choices}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Table:
        """Back from the pipe."""
        return cls(
            sheet=str(data["sheet"]), file_name=str(data.get("file_name", "")),
            sheets=[SheetInfo(str(n), bool(v), bool(a)) for n, v, a in data["sheets"]],
            header_row=int(data["header_row"]),
            headers={int(c): str(h) for c, h in data["headers"]},
            rows=[row_from_json(item) for item in data["rows"]],
            hidden_columns=[int(c) for c in data["hidden_columns"]],
            rows_above=int(data["rows_above"]), choices=[str(c) for c in data["choices"]])


def row_json(row: Row) -> list[Any]:
    """A row for the pipe: [number, hidden, [[column, value], …]]."""
    return [row.number, row.hidden, [[c, v] for c, v in row.cells.items()]]


def row_from_json(item: list[Any]) -> Row:
    """A row back from the pipe."""
    number, hidden, cells = item
    return Row(int(number), bool(hidden), {int(c): str(v) for c, v in cells})


def open_workbook(path: Path, limits: Limits = LIMITS) -> Workbook:
    """An .xlsx or .ods by what the file is, not what its name says."""
    archive = Archive(path, limits)
    try:
        is_ods = archive.has("content.xml") and (
            not archive.has("mimetype") or
            b"opendocument.spreadsheet" in archive.read_small("mimetype", 256))
    finally:
        archive.close()
    return OdsWorkbook(path, limits) if is_ods else XlsxWorkbook(path, limits)


def _header(rows: Iterable[Row], required: list[str], search: int) -> tuple[Row | None, int]:
    """The first of the first `search` rows holding every required name; and how many rows
    with data came before it."""
    wanted = {header_text(name) for name in required}
    for index, row in enumerate(islice((r for r in rows if r.cells), search)):
        if wanted <= {header_text(value) for value in row.cells.values()}:
            return row, index
    return None, 0


def read_table(path: Path, required: list[str], *, sheet: str | None = None,
               preferred: str = "", limits: Limits = LIMITS,
               progress: Progress | None = None,
               sink: Callable[[Row], None] | None = None) -> Table:
    """Read the list in `path` (in this process: `app.intake.child` runs it bounded). With
    `sink`, each row below the header goes there as it is read instead of into `rows`."""
    book = open_workbook(path, limits)
    try:
        sheets = book.sheets()
        if sheet is None:
            visible = [s for s in sheets if s.visible]
            if not visible:
                raise LimitExceeded(NO_VISIBLE_SHEET.format(name=path.name), limit="sheet",
                                    path=str(path))
            with_list = [s.name for s in visible if _header(
                book.rows(s.name, SheetRead()), required, limits.header_search_rows)[0]]
            if preferred in with_list:
                sheet = preferred
            elif len(with_list) == 1:
                sheet = with_list[0]
            elif with_list:
                return Table(sheet="", sheets=sheets, file_name=path.name, choices=with_list)
            else:
                sheet = next((s.name for s in visible if s.active), visible[0].name)
        return _read(book, path, sheet, sheets, required, limits, progress, sink)
    finally:
        book.close()


def _read(book: Workbook, path: Path, sheet: str, sheets: list[SheetInfo],
          required: list[str], limits: Limits, progress: Progress | None,
          sink: Callable[[Row], None] | None) -> Table:
    read = SheetRead()
    rows = book.rows(sheet, read)
    table = Table(sheet=sheet, sheets=sheets, file_name=path.name)
    seen: list[Row] = []

    def remembered() -> Iterable[Row]:
        for row in rows:
            seen.append(row)
            yield row

    header, above = _header(remembered(), required, limits.header_search_rows)
    if header is None:
        return table
    table.header_row, table.rows_above = header.number, above
    table.headers = {c: v.strip() for c, v in header.cells.items()}
    keep = table.rows.append if sink is None else sink
    below = chain((r for r in seen if r.number > header.number), rows)
    for count, row in enumerate(below, start=1):
        if count > limits.data_rows:
            raise LimitExceeded(TOO_MANY_DATA_ROWS.format(
                name=path.name, sheet=sheet, limit=f"{limits.data_rows:,}"),
                limit="data_rows", path=str(path))
        keep(row)
        if progress is not None and count % 1000 == 0:
            progress(count)
    table.hidden_columns = sorted(c for c in read.hidden_columns if c in table.headers)
    return table
