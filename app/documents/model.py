"""The document model: what a letter or a list says, independent of the file format."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.rocdate import format_roc_date

_CN_DIGITS = "〇一二三四五六七八九"


def chinese_number(value: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 99 → 九十九, 100 → 一百, 101 → 一百零一, 110 → 一百一十,
    2005 → 二千零五 (公文 item numbers and 版次, any size up to 9999)."""
    if not 1 <= value <= 9999:
        raise ValueError(f"number out of range: {value}")
    if value < 20:
        return ("十" if value >= 10 else "") + (_CN_DIGITS[value % 10] if value % 10 else "")
    parts: list[str] = []
    zero_pending = False
    for unit_value, unit_name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = value // unit_value % 10
        if digit == 0:
            zero_pending = bool(parts)
            continue
        if zero_pending:
            parts.append("零")
            zero_pending = False
        parts.append(_CN_DIGITS[digit] + unit_name)
    return "".join(parts)


def item_label(level: int, index: int) -> str:
    """The 說明 numbering: level 0 一、, level 1 (一), level 2 1、, level 3 (1)."""
    if level == 0:
        return f"{chinese_number(index)}、"
    if level == 1:
        return f"({chinese_number(index)})"
    if level == 2:
        return f"{index}、"
    return f"({index})"


@dataclass
class Item:
    """One numbered 說明 item with its sub-items."""

    text: str
    children: list[Item] = field(default_factory=list)


@dataclass
class OfficialLetter:
    """函 — the parts in the order of 文書處理手冊 (see reference/domain-facts.md)."""

    agency_name: str
    recipient: str
    subject: str
    items: list[Item]
    issued_on: date | None = None
    doc_number: str = ""
    """發文字號 as the agency's document system issued it; empty prints a marked blank
    (`doc_number_text`): a number the system did not issue must never print as if real."""
    doc_code: str = ""
    """The agency's 發文字號 code (經研, 產發), for the blank form of an unissued number."""
    address: str = ""
    contact_lines: list[str] = field(default_factory=list)
    """承辦人, 電話, 傳真, 電子信箱 — one per line, on the right under the title."""
    speed: str = "普通件"
    secrecy: str = "普通"
    attachments: str = ""
    originals: list[str] = field(default_factory=list)
    """正本."""
    copies: list[str] = field(default_factory=list)
    """副本."""
    notes: str = ""
    """A closing note printed after 副本 (e.g. 注意事項 of 附件二)."""
    file_reference: str = ""
    """檔號/保存年限, top right; empty when not used."""
    agency_code: str = ""
    """發文機關's 機關代碼 (the unit's, as the officer entered it): for the DI file only."""
    recipient_code: str = ""
    """受文者's 機關代碼 (文化部's, a library's): for the DI file; empty when not known."""

    @property
    def title(self) -> str:
        """機關全銜 + 函."""
        return f"{self.agency_name} 函"

    def date_text(self) -> str:
        """發文日期 in the letter form (blank date parts when not yet dated)."""
        return format_roc_date(self.issued_on) if self.issued_on else "中華民國　　年　　月　　日"

    def doc_number_text(self) -> str:
        """The number, or 「產發字第＿＿＿＿＿＿＿號」 to fill in by hand once issued."""
        if self.doc_number.strip():
            return self.doc_number.strip()
        # Low lines, not spaces: a PDF paragraph collapses spaces, and the blank must show.
        return f"{self.doc_code or '＿＿'}字第{'＿' * 7}號"

    def header_fields(self) -> list[tuple[str, str]]:
        """受文者 … 附件, in order."""
        return [("受文者", self.recipient), ("發文日期", self.date_text()),
                ("發文字號", self.doc_number_text()), ("速別", self.speed),
                ("密等及解密條件或保密期限", self.secrecy), ("附件", self.attachments)]

    def numbered_items(self) -> list[tuple[int, str, str]]:
        """Every 說明 item flattened: (level, label, text)."""
        result: list[tuple[int, str, str]] = []

        def walk(items: list[Item], level: int) -> None:
            for index, item in enumerate(items, start=1):
                result.append((level, item_label(level, index), item.text))
                walk(item.children, level + 1)

        walk(self.items, 0)
        return result


@dataclass(frozen=True)
class HeaderCell:
    """A cell of a table's header, possibly spanning rows or columns."""

    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass
class Table:
    """A list such as 圖書之利用清單: title, lines above, a header with spans, rows, notes."""

    title: str
    header: list[list[HeaderCell]]
    rows: list[list[str]]
    column_widths: list[float]
    """Relative widths, one per column."""
    lines_above: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    landscape: bool = True
    key_columns: tuple[int, ...] = (0, 1)
    """The columns that name a row (序號 and 題名): a row taller than a page goes on on the
    next with these repeated, so its continuation still says whose it is."""
    measured: dict[float, list[float]] = field(default_factory=dict, init=False, repr=False,
                                                compare=False)
    """What `table_widths` worked out of these rows, by type size (not copied by
    `dataclasses.replace`, which makes a table of other rows)."""
    copy_label: str = ""
    """Which copy this is (附件一 1式2份: 機關留存聯, 展售門市聯): several tables written into
    one PDF are numbered each on its own, and every page says which copy it belongs to."""

    @property
    def column_count(self) -> int:
        """Number of columns (from the widths)."""
        return len(self.column_widths)

    def header_grid(self) -> list[list[tuple[int, int, HeaderCell]]]:
        """Header cells with their (row, column) positions, spans resolved."""
        taken: set[tuple[int, int]] = set()
        grid: list[list[tuple[int, int, HeaderCell]]] = []
        for row_index, row in enumerate(self.header):
            placed = []
            column = 0
            for cell in row:
                while (row_index, column) in taken:
                    column += 1
                placed.append((row_index, column, cell))
                for r in range(row_index, row_index + cell.rowspan):
                    for c in range(column, column + cell.colspan):
                        taken.add((r, c))
                column += cell.colspan
            grid.append(placed)
        return grid


_LABEL_PREFIX = r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d+、|[(（]\d+[)）])\s*"


def items_to_text(items: list[Item]) -> str:
    """說明 items as editable text: one item per line, two spaces of indent per level; the
    numbering labels are not written (they are generated)."""
    lines: list[str] = []

    def walk(children: list[Item], level: int) -> None:
        for item in children:
            lines.append("  " * level + item.text)
            walk(item.children, level + 1)

    walk(items, 0)
    return "\n".join(lines)


def items_from_text(text: str) -> list[Item]:
    """The inverse of items_to_text. A label typed by hand (一、 (一) 1、 (1)) is dropped,
    since the writers number the items; a full-width space counts as two spaces."""
    import re

    roots: list[Item] = []
    stack: list[tuple[int, Item]] = []
    for raw in text.splitlines():
        if not raw.strip():
            continue
        expanded = raw.replace("\u3000", "  ").replace("\t", "  ")
        level = (len(expanded) - len(expanded.lstrip(" "))) // 2
        body = re.sub(_LABEL_PREFIX, "", expanded.strip()).strip()
        if not body:
            continue
        while stack and stack[-1][0] >= level:
            stack.pop()
        level = min(level, stack[-1][0] + 1 if stack else 0)
        item = Item(body)
        (stack[-1][1].children if stack else roots).append(item)
        stack.append((level, item))
    return roots
