"""pdf_version: the later of the header and the catalog /Version; 1.3 or later passes."""

from __future__ import annotations

from app.pdfcheck.context import CheckContext
from app.pdfcheck.report import CheckResult, Status

MINIMUM = (1, 3)


def _parse(text: str) -> tuple[int, int] | None:
    try:
        major, minor = text.strip().lstrip("/").split(".", 1)
        return int(major), int(minor)
    except ValueError:
        return None


def check(context: CheckContext) -> CheckResult:
    """Effective version = max(header, catalog /Version)."""
    header = _parse(context.header_version)
    catalog_value = context.pdf.Root.get("/Version")
    catalog = _parse(str(catalog_value)) if catalog_value is not None else None
    candidates = [v for v in (header, catalog) if v is not None]
    effective = max(candidates) if candidates else None
    evidence = {"header": context.header_version or None,
                "catalog": str(catalog_value).lstrip("/") if catalog_value is not None else None,
                "effective": f"{effective[0]}.{effective[1]}" if effective else None}
    if effective is None:
        return CheckResult(Status.FAIL, "找不到 PDF 版本。", evidence,
                           "請以「PDF 1.3（Acrobat 4.0）以上」的設定重新匯出。")
    if effective >= MINIMUM:
        return CheckResult(Status.PASS, f"PDF {evidence['effective']}，符合 1.3 以上。", evidence)
    return CheckResult(Status.FAIL, f"PDF {evidence['effective']} 低於 1.3。", evidence,
                       "匯出 PDF 時將相容性設為 Acrobat 4.0（PDF 1.3）或更新的版本。")
