"""The check report as a document (PDF and XLSX through the documents engine)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from app.documents.model import HeaderCell, Table
from app.documents.pdf_writer import write_table_pdf
from app.documents.xlsx_writer import write_table_xlsx
from app.language import writing_document
from app.pdfcheck.evidence import evidence_sentences
from app.pdfcheck.report import CHECK_TITLES, FileReport, Status
from app.rocdate import format_roc_date

ORDER = {Status.FAIL: 0, Status.WARN: 1, Status.PASS: 2, Status.SKIP: 3}


def report_table(reports: list[FileReport], profile_label: str,
                 when: datetime | None = None, names: dict[str, str] | None = None) -> Table:
    """One row per check per file, failures first within each file; each file by its name in
    `names` (its place in a package) or else its own file name."""
    moment = when or datetime.now()
    rows: list[list[str]] = []
    for report in sorted(reports, key=lambda r: ORDER[r.verdict]):
        name = (names or {}).get(report.path) or Path(report.path).name
        if not report.opened:
            rows.append([name, "開啟檔案", Status.FAIL.label, report.error or "", ""])
        for check_id, result in sorted(report.checks.items(),
                                       key=lambda item: ORDER[item[1].status]):
            details = evidence_sentences(check_id, result.evidence) \
                if result.status in (Status.FAIL, Status.WARN) else []
            rows.append([name, CHECK_TITLES.get(check_id, check_id), result.status.label,
                         "\n".join([result.message, *details]),
                         result.fix if result.status in (Status.FAIL, Status.WARN) else ""])
    failed = sum(1 for r in reports if r.failed)
    return Table(
        "電子檔檢查報告",
        [[HeaderCell("檔案"), HeaderCell("檢查項目"), HeaderCell("結果"), HeaderCell("說明"),
          HeaderCell("建議處理方式")]],
        rows, column_widths=[14, 8, 5, 36, 30],
        lines_above=[f"檢查日期：{format_roc_date(moment.date())} {moment:%H:%M}",
                     f"檢查規格：{profile_label}（附件三）",
                     f"檔案數：{len(reports)}，不符合：{failed}"])


def export_report(reports: list[FileReport], profile_label: str, pdf: Path | None = None,
                  xlsx: Path | None = None, names: dict[str, str] | None = None) -> list[Path]:
    """Write the report as PDF and/or XLSX (in Chinese: it is sent with the packages)."""
    with writing_document():
        table = report_table(reports, profile_label, names=names)
    written = []
    if pdf is not None:
        written.append(write_table_pdf(table, pdf, "PubDesk"))
    if xlsx is not None:
        written.append(write_table_xlsx(table, xlsx, "檢查報告"))
    return written
