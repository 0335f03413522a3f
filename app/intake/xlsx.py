"""Excel workbooks (.xlsx) read as streams within bounds — not with openpyxl, whose read-only
mode still holds every shared text and trusts the sheet's declared dimension (a 1 MB file
took 5.6 GB; a 2 KB one ran for minutes).

Parts read: the package relations, the workbook (its sheets, which are hidden, which is shown
first, the 1904 date system), its relations, the shared texts (bounded: they are held), the
number formats (to know which numbers are dates) and one sheet, streamed row by row. Texts of
phonetic runs (<rPh>) are not part of a cell's value."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from app.intake.archive import Archive
from app.intake.limits import LIMITS, LimitExceeded, Limits
from app.intake.messages import MISSING_PART, NO_SUCH_SHEET, TEXTS_TOO_BIG, megabytes
from app.intake.sheet import Counter, Row, SheetInfo, SheetRead
from app.intake.xmlstream import XmlStream

SMALL_PART = 8 * 1024 * 1024
"""Relations, workbook and styles parts are a few KB; more is not a workbook."""
_CELL = re.compile(r"^([A-Z]{1,3})([0-9]{1,7})$")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_DATE_CODES = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57})
"""Built-in number formats that are dates or times (ECMA-376 §18.8.30, with the East Asian
ones Excel uses for zh-TW: 27–36, 50–58)."""


def column_index(letters: str) -> int:
    """「A」→ 0, 「AB」→ 27."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def unescape(text: str) -> str:
    """Excel's _xHHHH_ escapes (a carriage return is written _x000D_)."""
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def is_date_format(code: str) -> bool:
    """A custom number format that shows a date: y, m, d or e outside quotes and brackets."""
    plain = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", code).lower()
    return bool(re.search(r"[ymde]", plain.replace("general", "")))


def number_text(value: str) -> str:
    """A number as the import reads it: integers without a decimal point (an ISBN typed as
    a number stays its 13 digits)."""
    if re.fullmatch(r"-?\d+", value):
        return value
    try:
        number = float(value)
    except ValueError:
        return value
    if number.is_integer() and abs(number) < 1e16:
        return str(int(number))
    return repr(number)


def serial_date(value: str, date1904: bool) -> str:
    """An Excel date serial as YYYY-MM-DD (a 1900-system serial counts Excel's 29 Feb 1900)."""
    try:
        days = int(float(value))
    except ValueError:
        return value
    if not 0 < days < 2_958_466:
        return number_text(value)
    base = date(1904, 1, 1) if date1904 else date(1899, 12, 30 if days > 60 else 31)
    return (base + timedelta(days=days)).isoformat()


class XlsxWorkbook:
    """An .xlsx opened for bounded reading."""

    def __init__(self, path: Path, limits: Limits = LIMITS):
        self.path, self.limits = path, limits
        self.archive = Archive(path, limits)
        try:
            self._read_structure()
        except BaseException:
            self.archive.close()
            raise

    # -------------------------------------------------------------- structure

    def _need(self, part: str) -> str:
        if not self.archive.has(part):
            raise LimitExceeded(MISSING_PART.format(name=self.path.name, part=part),
                                limit="format", path=str(self.path))
        return part

    def _parse_small(self, part: str, start: object) -> None:
        stream = XmlStream(self.path.name, part, start, lambda _n: None,  # type: ignore[arg-type]
                           lambda _t: None)
        stream.feed(self.archive.read_small(part, SMALL_PART), final=True)

    def _relations(self, part: str) -> dict[str, str]:
        folder, name = posixpath.split(part)
        rels_part = posixpath.join(folder, "_rels", name + ".rels")
        targets: dict[str, str] = {}
        if not self.archive.has(rels_part):
            return targets

        def start(tag: str, attrs: dict[str, str]) -> None:
            if tag == "Relationship" and attrs.get("TargetMode") != "External":
                target = attrs.get("Target", "")
                resolved = target.lstrip("/") if target.startswith("/") else \
                    posixpath.normpath(posixpath.join(folder, target))
                targets[attrs.get("Id", "")] = resolved
                targets.setdefault("type:" + attrs.get("Type", "").rpartition("/")[2], resolved)

        self._parse_small(rels_part, start)
        return targets

    def _read_structure(self) -> None:
        root = self._relations("")
        self.workbook_part = self._need(root.get("type:officeDocument", "xl/workbook.xml"))
        relations = self._relations(self.workbook_part)
        self._sheets: list[SheetInfo] = []
        self._sheet_parts: dict[str, str] = {}
        entries: list[tuple[str, bool, str]] = []
        active = [0]
        self.date1904 = False

        def start(tag: str, attrs: dict[str, str]) -> None:
            if tag == "sheet":
                entries.append((attrs.get("name", ""), attrs.get("state", "visible") == "visible",
                                relations.get(attrs.get("id", ""), "")))
            elif tag == "workbookView":
                active[0] = int(attrs.get("activeTab", "0") or 0) \
                    if attrs.get("activeTab", "0").isdigit() else 0
            elif tag == "workbookPr":
                self.date1904 = attrs.get("date1904", "0") in ("1", "true")

        self._parse_small(self.workbook_part, start)
        for index, (name, visible, part) in enumerate(entries):
            self._sheets.append(SheetInfo(name, visible, active=index == active[0]))
            self._sheet_parts[name] = part
        self._date_styles = self._read_date_styles(relations.get("type:styles"))
        self._texts_part = relations.get("type:sharedStrings")
        self._texts: list[str] | None = None

    def _read_date_styles(self, part: str | None) -> set[int]:
        """Indexes of the cell formats (cellXfs) that show numbers as dates."""
        if not part or not self.archive.has(part):
            return set()
        custom: dict[int, str] = {}
        formats: list[int] = []
        inside = [False]

        def start(tag: str, attrs: dict[str, str]) -> None:
            if tag == "numFmt" and attrs.get("numFmtId", "").isdigit():
                custom[int(attrs["numFmtId"])] = attrs.get("formatCode", "")
            elif tag == "cellXfs":
                inside[0] = True
            elif tag == "cellStyleXfs":
                inside[0] = False
            elif tag == "xf" and inside[0]:
                code = attrs.get("numFmtId", "0")
                formats.append(int(code) if code.isdigit() else 0)

        self._parse_small(part, start)
        return {index for index, code in enumerate(formats)
                if code in _DATE_CODES or (code in custom and is_date_format(custom[code]))}

    def shared_texts(self) -> list[str]:
        """The workbook's shared texts, read once (bounded by `Limits.text_bytes`)."""
        if self._texts is not None:
            return self._texts
        texts: list[str] = []
        part = self._texts_part
        if part and self.archive.has(part):
            if self.archive.size(part) > self.limits.text_bytes:
                raise LimitExceeded(TEXTS_TOO_BIG.format(
                    name=self.path.name, limit=megabytes(self.limits.text_bytes)),
                    limit="text_bytes", path=str(self.path))
            pieces: list[str] = []
            state = {"t": False, "phonetic": False}

            def start(tag: str, _attrs: dict[str, str]) -> None:
                if tag == "si":
                    pieces.clear()
                elif tag == "t":
                    state["t"] = True
                elif tag == "rPh":
                    state["phonetic"] = True

            def end(tag: str) -> None:
                if tag == "si":
                    texts.append(unescape("".join(pieces)))
                elif tag == "t":
                    state["t"] = False
                elif tag == "rPh":
                    state["phonetic"] = False

            def text(data: str) -> None:
                if state["t"] and not state["phonetic"]:
                    pieces.append(data)

            XmlStream(self.path.name, part, start, end, text).feed_all(self.archive.chunks(part))
        self._texts = texts
        return texts

    # -------------------------------------------------------------- reading

    def sheets(self) -> list[SheetInfo]:
        """Every sheet, in the workbook's order."""
        return list(self._sheets)

    def rows(self, sheet: str, read: SheetRead) -> Iterator[Row]:
        """The rows of `sheet` that have data, streamed."""
        if sheet not in self._sheet_parts:
            raise LimitExceeded(NO_SUCH_SHEET.format(
                name=self.path.name, sheet=sheet, sheets="、".join(self._sheet_parts)),
                limit="sheet", path=str(self.path))
        part = self._need(self._sheet_parts[sheet])
        handler = _SheetHandler(self, Counter(self.path.name, sheet, self.limits), read)
        stream = XmlStream(self.path.name, part, handler.start, handler.end, handler.text)
        for chunk in self.archive.chunks(part):
            stream.feed(chunk)
            yield from handler.done
            handler.done.clear()
        stream.feed(b"", final=True)
        yield from handler.done

    def value(self, kind: str, style: int, raw: str, counter: Counter) -> str:
        """A cell's value as text, by its type (t=) and number format."""
        if kind == "s":
            shared = self.shared_texts()
            if not raw.strip().isdigit() or int(raw) >= len(shared):
                raise counter.bad_reference("s=" + raw)
            return shared[int(raw)]
        if kind in ("inlineStr", "str", "e", "d"):
            return unescape(raw)
        if kind == "b":
            return "TRUE" if raw.strip() in ("1", "true") else "FALSE"
        raw = raw.strip()
        if not raw:
            return ""
        if style in self._date_styles:
            return serial_date(raw, self.date1904)
        return number_text(raw)

    def close(self) -> None:
        """Close the file."""
        self.archive.close()


class _SheetHandler:
    """The parser's handlers for one worksheet part: rows and cells counted as they come."""

    def __init__(self, book: XlsxWorkbook, counter: Counter, read: SheetRead):
        self.book, self.counter, self.read = book, counter, read
        self.done: list[Row] = []
        self.row: Row | None = None
        self.last_row = 0
        self.column = -1
        self.kind, self.style = "n", -1
        self.inside = self.phonetic = False
        self.pieces: list[str] = []
        self.length = 0

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "row":
            self._start_row(attrs.get("r", ""), attrs.get("hidden", "0") in ("1", "true"))
        elif tag == "c":
            self._start_cell(attrs)
        elif tag in ("v", "t") and self.row is not None:
            self.inside = True
        elif tag == "rPh":
            self.phonetic = True
        elif tag == "col" and attrs.get("hidden", "0") in ("1", "true"):
            low, high = attrs.get("min", ""), attrs.get("max", "")
            if low.isdigit() and high.isdigit():
                limit = self.book.limits.columns
                self.read.hidden_columns.update(range(int(low) - 1, min(int(high), limit)))

    def _start_row(self, ref: str, hidden: bool) -> None:
        if ref:
            if not ref.isdigit() or not 0 < int(ref) <= 1_048_576 or int(ref) <= self.last_row:
                raise self.counter.bad_reference(ref)
            number = int(ref)
        else:
            number = self.last_row + 1
        self.last_row = number
        self.counter.row(number)
        self.row, self.column = Row(number, hidden), -1

    def _start_cell(self, attrs: dict[str, str]) -> None:
        ref = attrs.get("r", "")
        if ref:
            found = _CELL.match(ref)
            if not found:
                raise self.counter.bad_reference(ref)
            self.column = column_index(found.group(1))
        else:
            self.column += 1
        self.counter.column(self.last_row, self.column)
        self.kind = attrs.get("t", "n")
        style = attrs.get("s", "")
        self.style = int(style) if style.isdigit() else -1
        self.pieces.clear()
        self.length = 0

    def end(self, tag: str) -> None:
        if tag in ("v", "t"):
            self.inside = False
        elif tag == "rPh":
            self.phonetic = False
        elif tag == "c" and self.row is not None:
            value = self.book.value(self.kind, self.style, "".join(self.pieces), self.counter)
            if value.strip():
                self.counter.cells(1)
                self.row.cells[self.column] = value
        elif tag == "row" and self.row is not None:
            if self.row.cells:
                self.counter.data_rows(1)
                self.done.append(self.row)
            self.row = None

    def text(self, data: str) -> None:
        if self.inside and not self.phonetic:
            self.pieces.append(data)
            self.length += len(data)
            self.counter.text(self.last_row, self.length)
