"""active_content: JavaScript, launch actions and embedded files are reported."""

from __future__ import annotations

from typing import Any

import pikepdf

from app.pdfcheck.context import CheckContext
from app.pdfcheck.report import CheckResult, Status


def _action_kinds(action: Any, depth: int = 0) -> list[str]:
    kinds: list[str] = []
    while isinstance(action, pikepdf.Dictionary) and depth < 16:
        kind = str(action.get("/S", "")).lstrip("/")
        if kind in ("JavaScript", "Launch", "ImportData", "SubmitForm", "URI"):
            kinds.append(kind)
        action = action.get("/Next")
        if isinstance(action, pikepdf.Array):
            for item in action:
                kinds.extend(_action_kinds(item, depth + 1))
            break
        depth += 1
    return kinds


def check(context: CheckContext) -> CheckResult:
    """Fail on JavaScript and launch actions; warn on embedded files."""
    pdf = context.pdf
    found: list[dict[str, Any]] = []
    root = pdf.Root
    names = root.get("/Names")
    if isinstance(names, pikepdf.Dictionary):
        if "/JavaScript" in names:
            found.append({"kind": "JavaScript", "where": "文件層級 JavaScript"})
        if "/EmbeddedFiles" in names:
            try:
                files = list(pikepdf.NameTree(names.EmbeddedFiles).keys())
            except (pikepdf.PdfError, TypeError, ValueError):
                files = ["?"]
            found.append({"kind": "EmbeddedFile", "where": "附加檔案", "files": files})
    for kind in _action_kinds(root.get("/OpenAction")):
        found.append({"kind": kind, "where": "開啟文件時的動作"})
    additional = root.get("/AA")
    if isinstance(additional, pikepdf.Dictionary):
        for value in additional.values():
            for kind in _action_kinds(value):
                found.append({"kind": kind, "where": "文件事件動作"})
    for number, page in enumerate(pdf.pages, start=1):
        for annotation in page.obj.get("/Annots") or []:
            if not isinstance(annotation, pikepdf.Dictionary):
                continue
            if str(annotation.get("/Subtype", "")) == "/FileAttachment":
                found.append({"kind": "EmbeddedFile", "where": f"第 {number} 頁的附件註解"})
            for kind in _action_kinds(annotation.get("/A")):
                found.append({"kind": kind, "where": f"第 {number} 頁的連結或按鈕"})
            extra = annotation.get("/AA")
            if isinstance(extra, pikepdf.Dictionary):
                for value in extra.values():
                    for kind in _action_kinds(value):
                        found.append({"kind": kind, "where": f"第 {number} 頁的欄位事件"})
    risky = [f for f in found if f["kind"] in ("JavaScript", "Launch", "ImportData",
                                               "SubmitForm")]
    embedded = [f for f in found if f["kind"] == "EmbeddedFile"]
    evidence = {"items": [f for f in found if f["kind"] != "URI"],
                "links": sum(1 for f in found if f["kind"] == "URI")}
    if risky:
        kinds = "、".join(sorted({f["kind"] for f in risky}))
        return CheckResult(Status.FAIL, f"含有主動內容：{kinds}（{risky[0]['where']}）。", evidence,
                           "移除文件中的 JavaScript 與啟動外部程式的動作後重新匯出。")
    if embedded:
        return CheckResult(Status.WARN, f"含有 {len(embedded)} 處附加檔案。", evidence,
                           "除非必要，請移除 PDF 內的附加檔案。")
    return CheckResult(Status.PASS, "沒有 JavaScript、啟動動作或附加檔案。", evidence)
