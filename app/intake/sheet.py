"""What a spreadsheet reader gives: its sheets (name, shown or hidden) and, for one sheet, its
rows as a stream — each with its number, whether it is hidden, and its non-empty cells by
column. Readers (`xlsx`, `ods`) count rows, columns and cell lengths against `LIMITS` while
they stream; they never trust a size the file declares."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from app.intake.limits import LimitExceeded, Limits
from app.intake.messages import (
    BAD_CELL_REFERENCE,
    CELL_TOO_LONG,
    TOO_MANY_CELLS,
    TOO_MANY_COLUMNS,
    TOO_MANY_DATA_ROWS,
    TOO_MANY_ROWS,
)


@dataclass(frozen=True)
class SheetInfo:
    """One sheet of a workbook."""

    name: str
    visible: bool
    active: bool = False
    """The sheet shown when the file is opened."""


@dataclass
class Row:
    """One row of a sheet: number (1-based), hidden or not, cells by column (0-based)."""

    number: int
    hidden: bool
    cells: dict[int, str] = field(default_factory=dict)


@dataclass
class SheetRead:
    """What was learned while streaming a sheet besides its rows."""

    hidden_columns: set[int] = field(default_factory=set)


class Workbook(Protocol):
    """A spreadsheet file opened for reading."""

    def sheets(self) -> list[SheetInfo]:
        """Every sheet, in the file's order."""
        ...  # pragma: no cover

    def rows(self, sheet: str, read: SheetRead) -> Iterator[Row]:
        """The rows of `sheet` with data or hidden, in order; `read` collects the rest."""
        ...  # pragma: no cover

    def close(self) -> None:
        """Release the file."""
        ...  # pragma: no cover


class Counter:
    """The per-sheet bounds a reader keeps while streaming."""

    def __init__(self, file_name: str, sheet: str, limits: Limits):
        self.file_name, self.sheet, self.limits = file_name, sheet, limits
        self.rows = self.filled = self.with_data = 0

    def row(self, number: int, repeated: int = 1) -> None:
        """Count `repeated` rows ending at row `number`."""
        self.rows += repeated
        if self.rows > self.limits.rows or number > self.limits.rows:
            raise LimitExceeded(TOO_MANY_ROWS.format(name=self.file_name, sheet=self.sheet,
                                                     limit=f"{self.limits.rows:,}"),
                                limit="rows", path=self.file_name)

    def data_rows(self, count: int) -> None:
        """`count` more rows with data."""
        self.with_data += count
        # the header and the title rows above it count here; the import's own bound on the
        # rows below the header is exact (app.intake.table)
        if self.with_data > self.limits.data_rows + self.limits.header_search_rows:
            raise LimitExceeded(TOO_MANY_DATA_ROWS.format(
                name=self.file_name, sheet=self.sheet, limit=f"{self.limits.data_rows:,}"),
                limit="data_rows", path=self.file_name)

    def cells(self, count: int) -> None:
        """`count` more cells with a value."""
        self.filled += count
        if self.filled > self.limits.cells:
            raise LimitExceeded(TOO_MANY_CELLS.format(name=self.file_name, sheet=self.sheet,
                                                      limit=f"{self.limits.cells:,}"),
                                limit="cells", path=self.file_name)

    def column(self, row: int, column: int) -> None:
        """A cell at 0-based `column` of `row`."""
        if column >= self.limits.columns:
            raise LimitExceeded(TOO_MANY_COLUMNS.format(
                name=self.file_name, sheet=self.sheet, row=row,
                limit=f"{self.limits.columns:,}"), limit="columns", path=self.file_name)

    def text(self, row: int, length: int) -> None:
        """A cell's text has grown to `length` characters."""
        if length > self.limits.cell_chars:
            raise LimitExceeded(CELL_TOO_LONG.format(
                name=self.file_name, sheet=self.sheet, row=row,
                limit=f"{self.limits.cell_chars:,}"), limit="cell_chars", path=self.file_name)

    def bad_reference(self, ref: str) -> LimitExceeded:
        """A cell or row position that no spreadsheet program writes."""
        return LimitExceeded(BAD_CELL_REFERENCE.format(
            name=self.file_name, sheet=self.sheet, ref=ref[:40]), limit="reference",
            path=self.file_name)
