"""The bounds within which PubDesk reads files from outside — stated once, here.

Every reader of outside files takes its figures from `LIMITS` (spreadsheet imports in
`app.intake`, the TOC paste in `app.toc`); the e-file checker's own bounds are in
`app.pdfcheck.bounds`, which takes its memory figure from here. A file beyond a bound is
refused with a sentence that names the limit and says what to do (`LimitExceeded`); nothing
is written."""

from __future__ import annotations

from dataclasses import dataclass

from app.errors import PubDeskError


@dataclass(frozen=True)
class Limits:
    """Bounds for one kind of reading; the defaults are for spreadsheet imports."""

    file_bytes: int = 64 * 1024 * 1024
    """The file itself: a 100,000-row list saved by Excel is about 10 MB."""
    members: int = 2_000
    """Parts inside a ZIP container (a workbook has tens)."""
    member_bytes: int = 512 * 1024 * 1024
    """One part, uncompressed (read as a stream, never held whole)."""
    total_bytes: int = 1024 * 1024 * 1024
    """All parts read, uncompressed."""
    ratio: int = 200
    """Uncompressed ÷ compressed size of a part larger than `ratio_from_bytes`: office XML
    compresses 5–30×, the bombs found on office PCs 1,000× and more."""
    ratio_from_bytes: int = 1024 * 1024
    text_bytes: int = 64 * 1024 * 1024
    """The shared texts of a workbook, uncompressed: they are held in memory."""
    rows: int = 1_048_576
    """Rows of a sheet, empty ones included (Excel's own maximum)."""
    data_rows: int = 100_000
    """Rows with data to import: more is split into several files."""
    cells: int = 4_000_000
    """Cells with a value in one sheet (100,000 rows of PubDesk's 26 columns are 2.6 million
    at most): the cells are held until the import is checked."""
    columns: int = 16_384
    """Columns of a row (Excel's maximum, XFD)."""
    cell_chars: int = 32_767
    """Characters in one cell (Excel's maximum)."""
    seconds: float = 180.0
    """Wall-clock time of the child that parses the file."""
    memory_mb: int = 512
    """Address space of that child (POSIX rlimit; a job object on Windows)."""
    header_search_rows: int = 20
    """How far down the column names may be (title rows above them are normal)."""


LIMITS = Limits()
"""The bounds of spreadsheet imports."""

TOC_PASTE_CHARS = 2_000_000
"""A pasted table of contents (a 1,000-page book's TOC is under 200,000 characters)."""


class LimitExceeded(PubDeskError):
    """A file beyond one of the bounds: `limit` names which (for tests and logs)."""

    def __init__(self, message: str, *, limit: str, path: str | None = None):
        super().__init__(message, path=path)
        self.limit = limit
