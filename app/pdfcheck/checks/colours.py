"""colour_space: the spaces actually used — by images, colour operators, stencil masks (in the
fill colour), shadings. Print passes only CMYK (DeviceCMYK, ICCBased N=4); spot colours are
reported; scans may also be RGB or greyscale."""

from __future__ import annotations

from typing import Any

from app.pdfcheck.colour import ColourSpace
from app.pdfcheck.context import CheckContext
from app.pdfcheck.report import CheckResult, Profile, Status

EVIDENCE_LIMIT = 500
SCAN_ALLOWED = {"DeviceRGB", "DeviceGray", "DeviceCMYK", "ICCBased", "CalRGB", "CalGray"}


def verdict(space: ColourSpace, profile: Profile) -> Status:
    """Whether one space is acceptable under the profile."""
    if space.family == "Pattern":
        return Status.PASS  # its own content is walked and judged
    if space.is_spot():
        return Status.WARN
    if space.family in ("Unknown", "JPX") or space.family.startswith("Unresolved"):
        return Status.WARN
    if profile is Profile.PRINT:
        return Status.PASS if space.is_cmyk() else Status.FAIL
    if space.family == "Indexed":
        return verdict(space.base, profile) if space.base else Status.WARN
    return Status.PASS if space.family in SCAN_ALLOWED else Status.WARN


def check(context: CheckContext) -> CheckResult:
    """List every space; fail on the ones the profile does not allow."""
    used: dict[str, dict[str, Any]] = {}
    offending: list[dict[str, Any]] = []
    seen: set[tuple[str, int, str]] = set()
    worst = Status.PASS
    for use in context.usage.colours:
        space = use.space
        entry = used.setdefault(space.label, {"space": space.family, "label": space.label,
                                              "n": space.components, "pages": set(),
                                              "families": space.families()})
        entry["pages"].add(use.page)
        status = verdict(space, context.profile)
        if status is Status.PASS:
            continue
        worst = Status.FAIL if Status.FAIL in (worst, status) else Status.WARN
        key = (space.label, use.page, use.what)
        if key not in seen and len(offending) < EVIDENCE_LIMIT:
            seen.add(key)
            offending.append({"space": space.label, "page": use.page, "what": use.what,
                              "status": status.value})
    evidence = {"used": [{**e, "pages": sorted(e["pages"])} for e in used.values()],
                "non_cmyk": [o for o in offending if o["status"] == "fail"] if
                context.profile is Profile.PRINT else offending,
                "warnings": [o for o in offending if o["status"] == "warn"]}
    names = "、".join(sorted(used)) or "（無）"
    if worst is Status.FAIL:
        bad = sorted({o["space"] for o in offending if o["status"] == "fail"})
        first = next(o for o in offending if o["status"] == "fail")
        return CheckResult(
            Status.FAIL,
            f"使用了非 CMYK 的色彩：{'、'.join(bad)}（例如第 {first['page']} 頁的{first['what']}）。",
            evidence,
            "在排版軟體中將所有影像與顏色轉為 CMYK，匯出 PDF 時色彩轉換選「轉換為目的地（CMYK）」，"
            "並保留或轉換特別色。")
    if worst is Status.WARN:
        spots = sorted({o["space"] for o in offending})
        return CheckResult(Status.WARN, f"使用的色彩：{names}。請與印刷廠確認：{'、'.join(spots)}。",
                           evidence, "特別色（Separation/DeviceN）需與印刷廠確認；無法辨識的色彩"
                                     "請重新匯出。")
    return CheckResult(Status.PASS, f"使用的色彩：{names}。", evidence)
