"""bookmarks: the outline of the body PDF must equal the book's TOC (figure and table lists
included) — entry by entry: missing, extra, misplaced, mis-levelled, wrong page."""

from __future__ import annotations

from typing import Any

from app.pdfcheck.context import CheckContext
from app.pdfcheck.outline import flatten, normalise_title, read_outline
from app.pdfcheck.report import CheckResult, Status


def compare(toc: list[tuple[int, str, Any]], outline: list[tuple[int, str, Any]],
            page_offset: int) -> list[dict[str, Any]]:
    """Differences between the TOC and the outline (both flattened, in reading order)."""
    differences: list[dict[str, Any]] = []
    outline_keys = [normalise_title(t) for _l, t, _p in outline]
    used: set[int] = set()
    cursor = 0
    for position, (level, title, page) in enumerate(toc, start=1):
        key = normalise_title(title)
        found = next((i for i in range(cursor, len(outline)) if outline_keys[i] == key
                      and i not in used), None)
        misplaced = False
        if found is None:
            found = next((i for i in range(len(outline)) if outline_keys[i] == key
                          and i not in used), None)
            misplaced = found is not None
        if found is None:
            differences.append({"kind": "missing", "toc_position": position, "title": title,
                                "level": level, "page": page})
            continue
        used.add(found)
        if misplaced:
            differences.append({"kind": "misplaced", "toc_position": position, "title": title,
                                "outline_position": found + 1})
        else:
            cursor = found + 1
        o_level, _o_title, o_page = outline[found]
        if o_level != level:
            differences.append({"kind": "level", "title": title, "toc_level": level,
                                "outline_level": o_level})
        page_text = str(page or "").strip()
        if page_text.isdigit() and o_page is not None and o_page != int(page_text) + page_offset:
            differences.append({"kind": "page", "title": title,
                                "expected_pdf_page": int(page_text) + page_offset,
                                "outline_page": o_page})
    for index, (level, title, page) in enumerate(outline):
        if index not in used:
            differences.append({"kind": "extra", "outline_position": index + 1, "title": title,
                                "level": level, "page": page})
    return differences


WORDS = {"missing": "缺少", "extra": "多出", "misplaced": "順序不同", "level": "層級不同",
         "page": "頁碼不符"}


def check(context: CheckContext) -> CheckResult:
    """Compare with the TOC, or (without one) say whether there is an outline."""
    entries, problems = read_outline(context.pdf)
    evidence: dict[str, Any] = {"outline": [e.to_json() for e in entries], "differences": [],
                                "problems": problems}
    flat = flatten(entries)
    if context.toc is None:
        if flat:
            return CheckResult(Status.PASS, f"有 {len(flat)} 筆書籤（未提供目次，未逐筆比對）。",
                               evidence)
        return CheckResult(Status.WARN, "沒有書籤。印製用 PDF（內文）應設定與目次相同的書籤。",
                           evidence, "在出版品的目次頁籤確認目次後，用「由目次寫入書籤」產生附書籤的複本。")
    toc = flatten(context.toc)
    differences = compare(toc, flat, context.page_offset)
    evidence["differences"] = differences
    if not flat:
        return CheckResult(Status.FAIL, f"沒有書籤；目次有 {len(toc)} 筆。", evidence,
                           "用「由目次寫入書籤」產生附書籤的複本，或在排版軟體匯出時勾選書籤。")
    if differences:
        counts: dict[str, int] = {}
        for difference in differences:
            counts[difference["kind"]] = counts.get(difference["kind"], 0) + 1
        summary = "、".join(f"{WORDS[k]} {n} 筆" for k, n in counts.items())
        first = differences[0]
        return CheckResult(Status.FAIL, f"書籤與目次不一致：{summary}（例如「{first['title']}」）。",
                           evidence, "修正排版檔的書籤後重新匯出，或用「由目次寫入書籤」產生附書籤的複本；"
                                     "頁碼不符時請確認「頁碼差」設定（印刷頁碼與 PDF 頁序的差）。")
    if problems:
        return CheckResult(Status.WARN, "書籤與目次一致，但有書籤結構問題：" + problems[0], evidence)
    return CheckResult(Status.PASS, f"書籤與目次一致（{len(toc)} 筆）。", evidence)
