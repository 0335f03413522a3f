"""ODF spreadsheets (.ods — what LibreOffice and the government's ODF tools save) read as
streams within bounds.

One part holds every sheet (content.xml); a sheet is hidden when its table style says
table:display="false", a row or column when table:visibility is collapse or filter. Repeated
rows and cells (table:number-rows-repeated, number-columns-repeated — a whole empty sheet is
one element repeated a million times) are counted, never expanded when empty. Comments
(office:annotation) are not part of a cell's value. A file encrypted with a password says so
in its manifest."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from app.intake.archive import Archive
from app.intake.limits import LIMITS, LimitExceeded, Limits
from app.intake.messages import MISSING_PART, NO_SUCH_SHEET, PASSWORD_PROTECTED
from app.intake.sheet import Counter, Row, SheetInfo, SheetRead
from app.intake.xlsx import SMALL_PART, number_text
from app.intake.xmlstream import XmlStream

CONTENT = "content.xml"
MANIFEST = "META-INF/manifest.xml"


class _Stop(Exception):
    """The wanted sheet has ended: nothing further needs parsing."""


def _count(attrs: dict[str, str], name: str) -> int:
    value = attrs.get(name, "1")
    return int(value) if value.isdigit() and int(value) > 0 else 1


class OdsWorkbook:
    """An .ods opened for bounded reading."""

    def __init__(self, path: Path, limits: Limits = LIMITS):
        self.path, self.limits = path, limits
        self.archive = Archive(path, limits)
        try:
            self._check_not_encrypted()
            if not self.archive.has(CONTENT):
                raise LimitExceeded(MISSING_PART.format(name=path.name, part=CONTENT),
                                    limit="format", path=str(path))
            self._sheets: list[SheetInfo] | None = None
        except BaseException:
            self.archive.close()
            raise

    def _check_not_encrypted(self) -> None:
        if not self.archive.has(MANIFEST):
            return
        encrypted = [False]

        def start(tag: str, _attrs: dict[str, str]) -> None:
            if tag == "encryption-data":
                encrypted[0] = True

        XmlStream(self.path.name, MANIFEST, start, lambda _n: None, lambda _t: None).feed(
            self.archive.read_small(MANIFEST, SMALL_PART), final=True)
        if encrypted[0]:
            raise LimitExceeded(PASSWORD_PROTECTED.format(name=self.path.name),
                                limit="format", path=str(self.path))

    def sheets(self) -> list[SheetInfo]:
        """Every sheet (one pass over content.xml, rows not kept)."""
        if self._sheets is None:
            found: list[SheetInfo] = []
            for _row in self._walk(None, SheetRead(), found):
                pass
            self._sheets = found
        return list(self._sheets)

    def rows(self, sheet: str, read: SheetRead) -> Iterator[Row]:
        """The rows of `sheet` that have data, streamed."""
        names = [info.name for info in self.sheets()]
        if sheet not in names:
            raise LimitExceeded(NO_SUCH_SHEET.format(name=self.path.name, sheet=sheet,
                                                     sheets="、".join(names)),
                                limit="sheet", path=str(self.path))
        yield from self._walk(sheet, read, [])

    def _walk(self, wanted: str | None, read: SheetRead,
              found: list[SheetInfo]) -> Iterator[Row]:
        handler = _ContentHandler(self, wanted, read, found)
        stream = XmlStream(self.path.name, CONTENT, handler.start, handler.end, handler.text)
        try:
            for chunk in self.archive.chunks(CONTENT):
                stream.feed(chunk)
                yield from handler.done
                handler.done.clear()
            stream.feed(b"", final=True)
        except _Stop:
            pass
        yield from handler.done

    @staticmethod
    def value(kind: str, value: str | None, text: str) -> str:
        if kind in ("float", "percentage", "currency") and value:
            return number_text(value)
        if kind == "date" and value:
            return value[:10] if "T00:00:00" in value or len(value) == 10 else value
        if kind == "boolean" and value:
            return "TRUE" if value == "true" else "FALSE"
        return text

    def close(self) -> None:
        """Close the file."""
        self.archive.close()


class _ContentHandler:
    """The parser's handlers for content.xml: sheets listed, one sheet's rows collected."""

    def __init__(self, book: OdsWorkbook, wanted: str | None, read: SheetRead,
                 found: list[SheetInfo]):
        self.book, self.wanted, self.read, self.found = book, wanted, read, found
        self.limits = book.limits
        self.done: list[Row] = []
        self.hidden_styles: set[str] = set()
        self.style_name = self.style_family = ""
        self.table: str | None = None
        self.counter = Counter(book.path.name, "", book.limits)
        self.last = self.columns = 0
        self.row: Row | None = None
        self.repeat = 1
        self.column = 0
        self.cell: tuple[str, str | None] | None = None
        self.span = 1
        self.note = self.paragraph = 0
        self.pieces: list[str] = []
        self.paragraphs: list[str] = []

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "style":
            self.style_name, self.style_family = attrs.get("name", ""), attrs.get("family", "")
        elif tag == "table-properties" and self.style_family == "table" and \
                attrs.get("display") == "false":
            self.hidden_styles.add(self.style_name)
        elif tag == "table":
            name = attrs.get("name", "")
            self.found.append(SheetInfo(
                name, attrs.get("style-name", "") not in self.hidden_styles,
                active=not self.found))
            self.table, self.last, self.columns = name, 0, 0
            self.counter = Counter(self.book.path.name, name, self.limits)
        elif self.table is None:
            return
        elif tag == "table-column":
            self._column(attrs)
        elif tag == "table-row":
            self.row = Row(self.last + 1, attrs.get("visibility", "visible") != "visible")
            self.repeat, self.column = _count(attrs, "number-rows-repeated"), 0
        elif tag in ("table-cell", "covered-table-cell") and self.row is not None:
            self.span = _count(attrs, "number-columns-repeated")
            kind = attrs.get("value-type", "")
            self.cell = (kind, {"float": attrs.get("value"), "percentage": attrs.get("value"),
                                "currency": attrs.get("value"),
                                "date": attrs.get("date-value"),
                                "time": attrs.get("time-value"),
                                "boolean": attrs.get("boolean-value")}.get(kind))
            self.paragraphs.clear()
        elif tag == "annotation":
            self.note += 1
        elif self.cell is not None and not self.note:
            self._inline(tag, attrs)

    def _column(self, attrs: dict[str, str]) -> None:
        span = _count(attrs, "number-columns-repeated")
        if self.table == self.wanted and attrs.get("visibility", "visible") != "visible":
            self.read.hidden_columns.update(
                range(self.columns, min(self.columns + span, self.limits.columns)))
        self.columns += span

    def _inline(self, tag: str, attrs: dict[str, str]) -> None:
        if tag in ("p", "h"):
            self.paragraph += 1
            if self.paragraph == 1:
                self.pieces.clear()
        elif tag == "s":
            self.pieces.append(" " * min(_count(attrs, "c"), self.limits.cell_chars))
        elif tag == "tab":
            self.pieces.append("\t")
        elif tag == "line-break":
            self.pieces.append("\n")

    def end(self, tag: str) -> None:
        if tag == "annotation":
            self.note -= 1
        elif tag in ("p", "h") and self.cell is not None and not self.note:
            self.paragraph -= 1
            if self.paragraph == 0:
                self.paragraphs.append("".join(self.pieces))
        elif tag in ("table-cell", "covered-table-cell") and self.row is not None:
            self._end_cell(self.row)
        elif tag == "table-row" and self.row is not None:
            self._end_row(self.row)
        elif tag == "table":
            if self.wanted is not None and self.table == self.wanted:
                raise _Stop
            self.table = None

    def _end_cell(self, row: Row) -> None:
        kind, value = self.cell or ("", None)
        text = OdsWorkbook.value(kind, value, "\n".join(self.paragraphs))
        self.counter.text(row.number, len(text))
        if text.strip():
            self.counter.column(row.number, self.column + self.span - 1)
            for column in range(self.column, self.column + self.span):
                row.cells[column] = text
        self.column += self.span
        self.cell = None

    def _end_row(self, row: Row) -> None:
        last = row.number + self.repeat - 1
        self.counter.row(last, self.repeat)
        if self.table == self.wanted and row.cells:
            self.counter.data_rows(self.repeat)
            for number in range(row.number, last + 1):
                self.counter.cells(len(row.cells))
                self.done.append(Row(number, row.hidden, dict(row.cells)))
        self.last, self.row = last, None

    def text(self, data: str) -> None:
        if self.cell is not None and not self.note and self.paragraph:
            self.pieces.append(data)
            self.counter.text(self.last + 1, sum(map(len, self.pieces)))
