"""protection: any encryption fails — a file with only an owner password opens without a
prompt but is still protected. The permission bits are reported in words."""

from __future__ import annotations

from app.pdfcheck.context import CheckContext
from app.pdfcheck.report import CheckResult, Status

PERMISSIONS = {
    "extract": "複製文字與圖片", "print_highres": "高品質列印", "print_lowres": "列印",
    "modify_other": "修改內容", "modify_annotation": "加註解", "modify_form": "填寫表單",
    "modify_assembly": "組合頁面", "accessibility": "無障礙讀取",
}


def check(context: CheckContext) -> CheckResult:
    """Fail when the file is encrypted."""
    pdf = context.pdf
    if not pdf.is_encrypted:
        return CheckResult(Status.PASS, "沒有加密或保全設定。",
                           {"encrypted": False, "copy_allowed": True})
    allow = pdf.allow
    refused = [words for key, words in PERMISSIONS.items() if not getattr(allow, key, True)]
    allowed = [words for key, words in PERMISSIONS.items() if getattr(allow, key, True)]
    evidence = {"encrypted": True, "copy_allowed": bool(getattr(allow, "extract", True)),
                "refused": refused, "allowed": allowed,
                "method": f"{pdf.encryption.stream_method} {pdf.encryption.bits}-bit"}
    detail = f"不允許：{'、'.join(refused)}" if refused else "權限全開，但仍有加密"
    return CheckResult(Status.FAIL, f"檔案有保全設定（{detail}）。", evidence,
                       "匯出時不要設定密碼或保全（Acrobat：檔案 → 內容 → 保全 → 無保全），"
                       "再重新檢查。")
