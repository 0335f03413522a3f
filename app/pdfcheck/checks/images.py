"""image_resolution: effective ppi of every image placement (pixels × 72 / placed length of
that axis under the CTM when drawn); the lowest placement counts.

Print: 600 ppi or more. Scan: bitonal 600, greyscale 600, colour 300. A small tolerance
keeps a real 600-dpi scan that measures 599.9 from failing.
"""

from __future__ import annotations

from typing import Any

from app.pdfcheck.context import CheckContext
from app.pdfcheck.report import CheckResult, Profile, Status
from app.pdfcheck.walker import ImagePlacement

TOLERANCE = 0.9975
EVIDENCE_LIMIT = 1000


def kind(image: ImagePlacement) -> str:
    """bitonal / greyscale / colour."""
    if image.mask or image.bits == 1:
        return "bitonal"
    if image.colour in ("DeviceGray", "ICCBased(N=1)", "CalGray") or \
            image.colour.startswith("Indexed(DeviceGray"):
        return "greyscale"
    return "colour"


def required(image: ImagePlacement, profile: Profile) -> int:
    """The minimum ppi for this image under the profile."""
    if profile is Profile.SCAN and kind(image) == "colour":
        return 300
    return 600


def check(context: CheckContext) -> CheckResult:
    """Fail when any placement is below its requirement."""
    images = context.usage.images
    if not images:
        return CheckResult(Status.PASS, "文件中沒有影像。", {"min_ppi": None, "images": []})
    rows: list[dict[str, Any]] = []
    low: list[tuple[ImagePlacement, float, int]] = []
    for image in sorted(images, key=lambda i: min(i.x_ppi, i.y_ppi)):
        ppi = min(image.x_ppi, image.y_ppi)
        need = required(image, context.profile)
        if ppi < need * TOLERANCE:
            low.append((image, ppi, need))
        if len(rows) < EVIDENCE_LIMIT:
            rows.append({"page": image.page, "width_px": image.width_px,
                         "height_px": image.height_px, "x_ppi": round(image.x_ppi, 1),
                         "y_ppi": round(image.y_ppi, 1), "colour_space": image.colour,
                         "bits": image.bits, "kind": kind(image), "inline": image.inline,
                         "where": image.where, "required_ppi": need})
    minimum = min(min(i.x_ppi, i.y_ppi) for i in images)
    evidence = {"min_ppi": round(minimum, 1), "images": rows, "placements": len(images),
                "below_requirement": len(low)}
    if low:
        worst, ppi, need = low[0]
        pages = sorted({image.page for image, _p, _n in low})
        return CheckResult(
            Status.FAIL,
            f"{len(low)} 處影像解析度不足；最低為第 {worst.page} 頁 {ppi:.0f} ppi"
            f"（{worst.width_px}×{worst.height_px} 像素，需 {need} ppi）。"
            f"涉及第 {'、'.join(map(str, pages[:15]))}{' 等' if len(pages) > 15 else ''} 頁。",
            evidence,
            "以原始高解析度圖檔重新置入，或在排版軟體中縮小置入尺寸；匯出時不要降低影像取樣"
            "（Acrobat：影像 → 縮減取樣設為「關」）。")
    return CheckResult(Status.PASS, f"{len(images)} 處影像都達到要求；最低 {minimum:.0f} ppi。",
                       evidence)
