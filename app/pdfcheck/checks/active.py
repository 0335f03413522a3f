"""active_content: everything in a PDF that runs, opens or sends something — found on every
path a reader follows, not only the usual ones.

Where actions live: the catalog's OpenAction and additional actions (/AA), the JavaScript name
tree, every page's /AA, every annotation's /A and /AA (links, buttons, Screen annotations with
Rendition actions), the AcroForm's fields (their /AA, through /Kids) and its XFA scripts, and
the outline (bookmarks). An action's /Next chain is followed to its end, an array of next
actions included, with cycles cut by object identity — no depth limit (a chain of 20 actions
hid JavaScript from the old walk at depth 16). Embedded and associated files (/EmbeddedFiles,
/AF on the catalog, pages and annotations, FileAttachment annotations) and RichMedia/3D
annotations are reported too.

Verdict: anything that executes code or reaches outside (JavaScript, Launch, ImportData,
SubmitForm, a Rendition's /JS, RichMediaExecute, XFA scripts) fails; embedded or associated
files, GoToE/GoToR, RichMedia/3D and XFA without scripts warn; web links are counted.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pikepdf

from app.pdfcheck.bounds import BOUNDS
from app.pdfcheck.context import CheckContext
from app.pdfcheck.pdfnames import name_text
from app.pdfcheck.report import CheckResult, Status

RUNS = {"JavaScript", "Launch", "ImportData", "SubmitForm", "RichMediaExecute"}
"""Action types that execute code, start a program or send data: a failure."""
OPENS_FILES = {"GoToE", "GoToR"}
"""Actions that open an embedded or another file: reported, a warning."""
VISIT_BUDGET = BOUNDS.action_visits
"""Dictionaries visited at most — a file built to make the walk endless still gets a verdict."""


def _name(value: Any) -> str:
    return name_text(value).lstrip("/")


class _Walk:
    """The findings, with the objects already seen (cycles) and the visit budget."""

    def __init__(self) -> None:
        self.found: list[dict[str, Any]] = []
        self.seen: set[tuple[int, int]] = set()
        self.visits = 0
        self.exhausted = False

    def first_visit(self, obj: Any) -> bool:
        """False for an indirect object met before, or when the budget is spent."""
        self.visits += 1
        if self.visits > VISIT_BUDGET:
            self.exhausted = True
            return False
        objgen = getattr(obj, "objgen", (0, 0))
        if objgen != (0, 0):
            if objgen in self.seen:
                return False
            self.seen.add(objgen)
        return True

    def add(self, kind: str, where: str, **detail: Any) -> None:
        self.found.append({"kind": kind, "where": where, **detail})

    def actions(self, start: Any, where: str) -> None:
        """An action and everything its /Next chain leads to, depth first, cycles cut."""
        pending = [start]
        while pending:
            action = pending.pop()
            if isinstance(action, pikepdf.Array):
                pending.extend(reversed(list(action)))
                continue
            if not isinstance(action, pikepdf.Dictionary) or not self.first_visit(action):
                continue
            kind = _name(action.get("/S", ""))
            if kind in RUNS or kind in OPENS_FILES or kind == "URI":
                self.add(kind, where)
            elif kind == "Rendition" and "/JS" in action:
                self.add("JavaScript", where + "（多媒體播放動作內的程式碼）")
            nxt = action.get("/Next")
            if nxt is not None:
                pending.append(nxt)

    def additional(self, container: Any, where: str) -> None:
        """Every action of an /AA dictionary (open, close, keystroke, format…)."""
        extra = container.get("/AA") if isinstance(container, pikepdf.Dictionary) else None
        if isinstance(extra, pikepdf.Dictionary):
            for trigger, action in extra.items():
                self.actions(action, f"{where}（{_name(trigger)} 事件）")
        elif isinstance(extra, pikepdf.Array):  # actions without their triggers: judged still
            self.actions(extra, f"{where}（/AA）")

    def associated_files(self, owner: Any, where: str) -> None:
        files = owner.get("/AF") if isinstance(owner, pikepdf.Dictionary) else None
        if isinstance(files, pikepdf.Array) and len(files) > 0:
            self.add("EmbeddedFile", f"{where}的關聯檔案（/AF）", files=len(files))


def _outline_items(root: Any, walk: _Walk) -> Iterator[pikepdf.Dictionary]:
    outlines = root.get("/Outlines")
    if not isinstance(outlines, pikepdf.Dictionary):
        return
    pending = [outlines.get("/First")]
    while pending:
        item = pending.pop()
        while isinstance(item, pikepdf.Dictionary) and walk.first_visit(item):
            yield item
            pending.append(item.get("/First"))
            item = item.get("/Next")


def _members(value: Any) -> list[Any]:
    """What an array of fields or kids holds — whatever the file put there: an array's items;
    a lone dictionary where the array belongs is taken as its one member (a reader may);
    anything else (a name such as qpdf's /potato, a number, null) holds none."""
    if isinstance(value, pikepdf.Array):
        return list(value)
    return [value] if isinstance(value, pikepdf.Dictionary) else []


def _fields(acroform: Any, walk: _Walk) -> Iterator[pikepdf.Dictionary]:
    pending = _members(acroform.get("/Fields")) if isinstance(acroform,
                                                              pikepdf.Dictionary) else []
    while pending:
        field = pending.pop()
        if isinstance(field, pikepdf.Dictionary) and walk.first_visit(field):
            yield field
            pending.extend(_members(field.get("/Kids")))


def _xfa_has_script(xfa: Any) -> bool:
    parts = [xfa] if isinstance(xfa, pikepdf.Stream) else \
        [p for p in (xfa if isinstance(xfa, pikepdf.Array) else []) if isinstance(p, pikepdf.Stream)]
    for part in parts:
        try:
            if b"<script" in part.read_bytes().lower():
                return True
        except (pikepdf.PdfError, ValueError, TypeError):
            return True  # cannot be read: assume the worst for a form that can run scripts
    return False


def _document(pdf: pikepdf.Pdf, walk: _Walk) -> None:
    root = pdf.Root
    names = root.get("/Names")
    if isinstance(names, pikepdf.Dictionary):
        if "/JavaScript" in names:
            walk.add("JavaScript", "文件層級 JavaScript（名稱樹）")
        if "/EmbeddedFiles" in names:
            try:
                files = [name_text(k) for k in pikepdf.NameTree(names.EmbeddedFiles)]
            except (pikepdf.PdfError, TypeError, ValueError):
                files = ["?"]
            walk.add("EmbeddedFile", "附加檔案", files=files)
    walk.actions(root.get("/OpenAction"), "開啟文件時的動作")
    walk.additional(root, "文件事件動作")
    walk.associated_files(root, "文件")
    for item in _outline_items(root, walk):
        walk.actions(item.get("/A"), "書籤的動作")
    acroform = root.get("/AcroForm")
    if isinstance(acroform, pikepdf.Dictionary) and "/XFA" in acroform:
        if _xfa_has_script(acroform.get("/XFA")):
            walk.add("JavaScript", "XFA 表單內的指令碼")
        else:
            walk.add("XFA", "XFA 表單")
    for field in _fields(acroform, walk):
        walk.actions(field.get("/A"), "表單欄位的動作")
        walk.additional(field, "表單欄位")


def _pages(pdf: pikepdf.Pdf, walk: _Walk) -> None:
    for number, page in enumerate(pdf.pages, start=1):
        where = f"第 {number} 頁"
        walk.additional(page.obj, where)
        walk.associated_files(page.obj, where)
        annotations = page.obj.get("/Annots")
        for annotation in annotations if isinstance(annotations, pikepdf.Array) else []:
            if not isinstance(annotation, pikepdf.Dictionary):
                continue
            subtype = _name(annotation.get("/Subtype", ""))
            if subtype == "FileAttachment":
                walk.add("EmbeddedFile", f"{where}的附件註解")
            elif subtype in ("RichMedia", "3D"):
                walk.add(subtype, f"{where}的{'多媒體' if subtype == 'RichMedia' else '3D'}內容")
            walk.actions(annotation.get("/A"), f"{where}的連結或按鈕")
            walk.additional(annotation, f"{where}的註解")
            walk.associated_files(annotation, f"{where}的註解")


def check(context: CheckContext) -> CheckResult:
    """Fail on what runs or reaches out; warn on files and media; count web links."""
    walk = _Walk()
    _document(context.pdf, walk)
    _pages(context.pdf, walk)
    found = walk.found
    risky = [f for f in found if f["kind"] in RUNS]
    warned = [f for f in found if f["kind"] not in RUNS and f["kind"] != "URI"]
    evidence: dict[str, Any] = {"items": [f for f in found if f["kind"] != "URI"],
                                "links": sum(1 for f in found if f["kind"] == "URI")}
    if walk.exhausted:
        evidence["incomplete"] = True
    if risky:
        kinds = "、".join(sorted({f["kind"] for f in risky}))
        return CheckResult(Status.FAIL, f"含有主動內容：{kinds}（{risky[0]['where']}）。", evidence,
                           "移除文件中的 JavaScript、啟動外部程式與傳送資料的動作後重新匯出。")
    if walk.exhausted:
        return CheckResult(Status.WARN, "文件中的動作與物件多到無法全部檢查完，請重新匯出後再檢查。",
                           evidence, "以「另存為 PDF」重新匯出，通常會去除多餘的物件。")
    if warned:
        kinds = "、".join(dict.fromkeys(f["where"] for f in warned))
        return CheckResult(Status.WARN, f"含有附加檔案、多媒體或開啟其他檔案的動作：{kinds}。", evidence,
                           "除非必要，請移除 PDF 內的附加檔案、多媒體與開啟其他檔案的連結。")
    return CheckResult(Status.PASS, "沒有 JavaScript、啟動動作、附加檔案或多媒體。", evidence)
