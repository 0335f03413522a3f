"""目次 — the table of contents as an outline: entries in reading order, each with a level.

Pure functions on lists (no database): checking levels, the edits an editor offers (insert,
delete, move, indent, outdent — each moving an entry together with its sub-entries), turning
the list into a nested tree, and reading a TOC pasted as text lines "title……page".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from app.errors import ValidationError
from app.intake.limits import TOC_PASTE_CHARS, LimitExceeded
from app.intake.messages import TOC_TOO_LONG
from app.models.enums import TocKind


@dataclass(frozen=True)
class TocLine:
    """One TOC entry: level (1 = top), title, printed page label, kind."""

    level: int
    title: str
    page: str = ""
    kind: TocKind = TocKind.CHAPTER


@dataclass
class TocNode:
    """An entry with its children, for writers and for comparing with PDF bookmarks."""

    title: str
    page: str
    kind: TocKind
    children: list[TocNode] = field(default_factory=list)


def check_levels(lines: list[TocLine]) -> None:
    """The first entry is level 1; each entry is at most one level deeper than the one before."""
    previous = 0
    for index, line in enumerate(lines, start=1):
        if not line.title.strip():
            raise ValidationError.single("toc", f"目次第 {index} 行沒有標題。")
        if line.level < 1 or line.level > previous + 1:
            raise ValidationError.single(
                "toc", f"目次第 {index} 行「{line.title}」的層級 {line.level} 跳級了"
                       f"（上一行是第 {previous} 層）。")
        previous = line.level


def subtree_end(lines: list[TocLine], index: int) -> int:
    """The index just past `lines[index]` and all its sub-entries."""
    level = lines[index].level
    end = index + 1
    while end < len(lines) and lines[end].level > level:
        end += 1
    return end


def insert_line(lines: list[TocLine], index: int, line: TocLine) -> list[TocLine]:
    """Insert before `index` (len(lines) appends); the level is clamped to stay valid."""
    previous_level = lines[index - 1].level if index > 0 else 0
    level = max(1, min(line.level, previous_level + 1))
    return [*lines[:index], replace(line, level=level), *lines[index:]]


def delete_line(lines: list[TocLine], index: int) -> list[TocLine]:
    """Delete an entry; its sub-entries move up one level, so nothing else is lost."""
    end = subtree_end(lines, index)
    children = [replace(c, level=c.level - 1) for c in lines[index + 1:end]]
    return [*lines[:index], *children, *lines[end:]]


def indent_line(lines: list[TocLine], index: int) -> list[TocLine]:
    """Make an entry (with its sub-entries) a child of the entry before it."""
    if index == 0 or lines[index - 1].level < lines[index].level:
        raise ValidationError.single("toc", "這一行前面沒有同層的項目，無法再縮排。")
    end = subtree_end(lines, index)
    moved = [replace(c, level=c.level + 1) for c in lines[index:end]]
    return [*lines[:index], *moved, *lines[end:]]


def outdent_line(lines: list[TocLine], index: int) -> list[TocLine]:
    """Move an entry (with its sub-entries) one level up."""
    if lines[index].level == 1:
        raise ValidationError.single("toc", "這一行已經是第一層。")
    end = subtree_end(lines, index)
    moved = [replace(c, level=c.level - 1) for c in lines[index:end]]
    return [*lines[:index], *moved, *lines[end:]]


def move_line(lines: list[TocLine], index: int, up: bool) -> tuple[list[TocLine], int]:
    """Swap an entry (with its sub-entries) with its previous or next sibling.

    Returns the new list and the entry's new index. At the edge the list is returned as is.
    """
    level, end = lines[index].level, subtree_end(lines, index)
    block = lines[index:end]
    if up:
        sibling = index - 1
        while sibling >= 0 and lines[sibling].level > level:
            sibling -= 1
        if sibling < 0 or lines[sibling].level < level:
            return lines, index
        return [*lines[:sibling], *block, *lines[sibling:index], *lines[end:]], sibling
    if end >= len(lines) or lines[end].level < level:
        return lines, index
    sibling_end = subtree_end(lines, end)
    new = [*lines[:index], *lines[end:sibling_end], *block, *lines[sibling_end:]]
    return new, index + (sibling_end - end)


def to_tree(lines: list[TocLine]) -> list[TocNode]:
    """The nested form of a valid outline."""
    roots: list[TocNode] = []
    stack: list[tuple[int, TocNode]] = []
    for line in lines:
        node = TocNode(line.title, line.page, line.kind)
        while stack and stack[-1][0] >= line.level:
            stack.pop()
        (stack[-1][1].children if stack else roots).append(node)
        stack.append((line.level, node))
    return roots


# --- reading a pasted TOC -------------------------------------------------------------------

_PAGE_AT_END = re.compile(
    r"^(?P<title>.*?)(?:[\s.．。…‥·・•_－\-]*[.．…‥·・•_]{2,}[\s]*|\s{2,}|\t+|\s+)"
    r"(?P<page>\d+|[ivxlcdm]+)\s*$", re.IGNORECASE)
_CN_NUM = "一二三四五六七八九十百零〇壹貳參肆伍陸柒捌玖拾"
_STYLES: list[tuple[str, re.Pattern[str]]] = [
    ("part", re.compile(rf"^第[{_CN_NUM}\d]+[篇部編卷]")),
    ("chapter", re.compile(rf"^第[{_CN_NUM}\d]+章")),
    ("section", re.compile(rf"^第[{_CN_NUM}\d]+節")),
    ("cn_list", re.compile(rf"^[{_CN_NUM}]+[、．.]")),
    ("cn_paren", re.compile(rf"^[(（][{_CN_NUM}]+[)）]")),
    ("arabic_paren", re.compile(r"^[(（]\d+[)）]")),
]
_DOTTED = re.compile(r"^(\d+(?:[.．]\d+)*)[.．、]?(?=\s|[^\d.．]|$)")
_FIGURE_LIST = re.compile(r"^(圖目次|圖目錄|圖次|插圖目次|List of Figures)", re.IGNORECASE)
_TABLE_LIST = re.compile(r"^(表目次|表目錄|表次|List of Tables)", re.IGNORECASE)


def _style_of(title: str) -> str | None:
    for name, pattern in _STYLES:
        if pattern.match(title):
            return name
    dotted = _DOTTED.match(title)
    if dotted:
        depth = len(re.split(r"[.．]", dotted.group(1)))
        return f"dotted{depth}"
    return None


def _indent_width(raw: str) -> int:
    width = 0
    for char in raw:
        if char == " ":
            width += 1
        elif char == "\u3000":
            width += 2
        elif char == "\t":
            width += 4
        else:
            break
    return width


def parse_toc_text(text: str) -> list[TocLine]:
    """Read a TOC pasted from Word or a PDF: one entry per line, page number at the end
    (after leader dots, spaces or a tab), levels from the numbering style.

    Levels follow the order numbering styles first appear — 第一章 then 第一節 then 一、 —
    the way an outline reads; unnumbered lines (序, 參考文獻, 圖目次) take their level from
    indentation, top level when not indented. A line without a page number keeps an empty page.
    """
    if len(text) > TOC_PASTE_CHARS:
        raise LimitExceeded(TOC_TOO_LONG.format(count=f"{len(text):,}",
                                                limit=f"{TOC_PASTE_CHARS:,}"), limit="toc")
    lines: list[TocLine] = []
    style_levels: dict[str, int] = {}
    previous_level = 0
    previous_indent = 0
    for raw in text.splitlines():
        if not raw.strip():
            continue
        indent = _indent_width(raw)
        body = unicodedata.normalize("NFKC", raw).strip()
        match = _PAGE_AT_END.match(body)
        title, page = (match["title"].strip(), match["page"]) if match else (body, "")
        title = re.sub(r"[\s.．…‥·・_]+$", "", title).strip() or title
        if not title:
            continue
        style = _style_of(title)
        if style is not None:
            if style not in style_levels:
                style_levels[style] = min(previous_level + 1, len(style_levels) + 1) \
                    if previous_level else 1
            level = style_levels[style]
        elif indent > previous_indent and previous_level:
            level = previous_level + 1
        elif indent == previous_indent and indent > 0:
            level = previous_level
        else:
            level = 1
        level = max(1, min(level, previous_level + 1))
        kind = (TocKind.FIGURE_LIST if _FIGURE_LIST.match(title)
                else TocKind.TABLE_LIST if _TABLE_LIST.match(title) else TocKind.CHAPTER)
        lines.append(TocLine(level, title, page.lower() if page.isalpha() else page, kind))
        previous_level, previous_indent = level, indent
    check_levels(lines)
    return lines
