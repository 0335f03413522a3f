"""電子檔檢查 — the PDF preflight of 附件三: version, fonts, image resolution, colour,
bookmarks against the TOC, protection, copyable text, 造字, active content, file names."""

from app.pdfcheck.engine import check_pdf
from app.pdfcheck.isolation import BatchCancelled, check_files
from app.pdfcheck.outline import write_outline
from app.pdfcheck.report import CHECK_IDS, CHECK_TITLES, CheckResult, FileReport, Profile, Status
from app.pdfcheck.walker import WalkCancelled

__all__ = ["CHECK_IDS", "CHECK_TITLES", "BatchCancelled", "CheckResult", "FileReport",
           "Profile", "Status", "WalkCancelled", "check_files", "check_pdf", "write_outline"]
