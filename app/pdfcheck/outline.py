"""PDF outlines (書籤): read them safely (iteratively, with cycle protection, every kind of
destination resolved to a page) and write them from a TOC into a copy of a file."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf

from app.documents.files import atomic_output
from app.errors import PubDeskError
from app.os_errors import sentence
from app.pdfcheck.bounds import BOUNDS

MAX_ENTRIES = BOUNDS.outline_entries


@dataclass
class OutlineEntry:
    """One bookmark: title, level (1 = top), target page (1-based, None when unresolved)."""

    title: str
    level: int
    page: int | None
    children: list[OutlineEntry] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """Nested form for reports."""
        return {"title": self.title, "page": self.page,
                "children": [c.to_json() for c in self.children]}


def normalise_title(text: str) -> str:
    """Compare titles after NFKC (full-/half-width), whitespace collapsed and removed."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _named_destinations(pdf: pikepdf.Pdf) -> dict[str, Any]:
    names: dict[str, Any] = {}
    try:
        tree = pdf.Root.get("/Names")
        if isinstance(tree, pikepdf.Dictionary) and "/Dests" in tree:
            for key, value in pikepdf.NameTree(tree.Dests).items():
                names[str(key)] = value
    except (pikepdf.PdfError, TypeError, ValueError):
        pass
    old = pdf.Root.get("/Dests")
    if isinstance(old, pikepdf.Dictionary):
        for key, value in old.items():
            names[str(key).lstrip("/")] = value
    return names


def _page_of(destination: Any, pages: dict[tuple[int, int], int], names: dict[str, Any],
             depth: int = 0) -> int | None:
    if destination is None or depth > 4:
        return None
    if isinstance(destination, pikepdf.Dictionary):  # a named destination may be {/D [...]}
        return _page_of(destination.get("/D"), pages, names, depth + 1)
    if isinstance(destination, pikepdf.String | pikepdf.Name):
        return _page_of(names.get(str(destination).lstrip("/")), pages, names, depth + 1)
    if isinstance(destination, pikepdf.Array) and len(destination) > 0:
        target = destination[0]
        if isinstance(target, pikepdf.Dictionary):
            return pages.get((int(target.objgen[0]), int(target.objgen[1])))
        try:
            return int(target) + 1  # remote-style destinations give a page index
        except (TypeError, ValueError):
            return None
    return None


def read_outline(pdf: pikepdf.Pdf) -> tuple[list[OutlineEntry], list[str]]:
    """The outline as a tree, and problems met (cycles, unresolved destinations)."""
    problems: list[str] = []
    outlines = pdf.Root.get("/Outlines")
    if not isinstance(outlines, pikepdf.Dictionary):
        return [], problems
    pages = {(int(p.objgen[0]), int(p.objgen[1])): i for i, p in enumerate(pdf.pages, start=1)}
    names = _named_destinations(pdf)
    roots: list[OutlineEntry] = []
    seen: set[tuple[int, int]] = set()
    # (item, level, parent list) — iterative, so a deep or cyclic outline cannot overflow.
    work: list[tuple[Any, int, list[OutlineEntry]]] = [(outlines.get("/First"), 1, roots)]
    count = 0
    while work:
        item, level, siblings = work.pop()
        chain: list[tuple[Any, OutlineEntry]] = []
        while isinstance(item, pikepdf.Dictionary):
            key = (int(item.objgen[0]), int(item.objgen[1]))
            if key in seen:
                problems.append(f"書籤結構有循環（「{item.get('/Title', '')}」），已停止讀取該分支。")
                break
            seen.add(key)
            count += 1
            if count > MAX_ENTRIES:
                problems.append(f"書籤超過 {MAX_ENTRIES} 筆，只讀取前 {MAX_ENTRIES} 筆。")
                work.clear()
                break
            destination = item.get("/Dest")
            action = item.get("/A")
            if destination is None and isinstance(action, pikepdf.Dictionary) and \
                    str(action.get("/S", "")) == "/GoTo":
                destination = action.get("/D")
            page = _page_of(destination, pages, names)
            title = str(item.get("/Title", ""))
            if page is None:
                problems.append(f"書籤「{title}」沒有有效的目標頁。")
            entry = OutlineEntry(title, level, page)
            siblings.append(entry)
            chain.append((item.get("/First"), entry))
            item = item.get("/Next")
        for first, entry in reversed(chain):
            if first is not None:
                work.append((first, level + 1, entry.children))
    return roots, problems


def flatten(entries: list[Any], level: int = 1) -> list[tuple[int, str, Any]]:
    """(level, title, page) in reading order, from OutlineEntry trees or TOC dicts."""
    result: list[tuple[int, str, Any]] = []
    for entry in entries:
        if isinstance(entry, OutlineEntry):
            result.append((level, entry.title, entry.page))
            result.extend(flatten(entry.children, level + 1))
        else:
            result.append((level, str(entry.get("title", "")), entry.get("page")))
            result.extend(flatten(list(entry.get("children") or []), level + 1))
    return result


def write_outline(source: Path, target: Path, toc: list[dict[str, Any]],
                  page_offset: int = 0) -> Path:
    """A copy of `source` whose outline is the TOC; the original is never touched.

    A TOC page is the printed page; the PDF page is printed + `page_offset`. Entries whose
    page is not a number, or falls outside the document, point at the nearest page before.
    """
    if source.resolve() == target.resolve():
        raise PubDeskError("書籤要寫入另一個檔案，不會覆蓋原始檔。請選擇不同的檔名。")
    try:
        pdf = pikepdf.open(source)
    except OSError as exc:
        raise PubDeskError(sentence(exc, source), path=str(source)) from exc
    except pikepdf.PdfError as exc:
        raise PubDeskError(f"無法開啟「{source}」：這不是 PDF 檔，或檔案已損壞。", path=str(source)) from exc
    with pdf:
        total = len(pdf.pages)
        last = [0]

        def item(node: dict[str, Any]) -> pikepdf.OutlineItem:
            page_text = str(node.get("page") or "").strip()
            index = int(page_text) + page_offset - 1 if page_text.isdigit() else last[0]
            index = min(max(index, 0), total - 1)
            last[0] = index
            outline_item = pikepdf.OutlineItem(str(node.get("title", "")), index)
            outline_item.children.extend(item(child) for child in node.get("children") or [])
            return outline_item

        with pdf.open_outline() as outline:
            outline.root.clear()
            outline.root.extend(item(node) for node in toc)
        with atomic_output(target) as partial:
            pdf.save(partial)
    return target
