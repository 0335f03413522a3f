"""民國紀年 — the ROC calendar used in every output.

ROC year = AD − 1911 (民國元年 = 1912); months and days are Gregorian. Letters write
中華民國115年8月16日 without zero padding; systems store the 7-digit form 1150816.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from app.errors import ValidationError

ROC_OFFSET = 1911
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def to_roc_year(ad_year: int) -> int:
    """AD year → ROC year (2026 → 115). Years before 民國元年 are refused."""
    if ad_year <= ROC_OFFSET:
        raise ValidationError.single("year", f"西元{ad_year}年早於民國元年（1912年），無法以民國紀年表示。")
    return ad_year - ROC_OFFSET


def to_ad_year(roc_year: int) -> int:
    """ROC year → AD year (115 → 2026)."""
    if roc_year < 1:
        raise ValidationError.single("year", f"民國年份必須是 1 以上的整數，收到 {roc_year}。")
    return roc_year + ROC_OFFSET


def format_roc_date(day: date) -> str:
    """The letter form: 中華民國115年8月16日."""
    return f"中華民國{to_roc_year(day.year)}年{day.month}月{day.day}日"


def format_roc_year_month(ad_year: int, month: int, *, prefix: bool = False) -> str:
    """The year-month form: 115年8月 (or 中華民國115年8月 with `prefix`)."""
    _check_month(month)
    text = f"{to_roc_year(ad_year)}年{month}月"
    return "中華民國" + text if prefix else text


def format_compact(day: date) -> str:
    """The 7-digit storage form YYYMMDD: 2005-05-26 → 0940526."""
    return f"{to_roc_year(day.year):03d}{day.month:02d}{day.day:02d}"


def parse_compact(text: str) -> date:
    """Parse the 7-digit form (6 digits are accepted for years below 100 without padding)."""
    digits = text.strip().translate(_FULLWIDTH_DIGITS)
    if not digits.isdigit() or len(digits) not in (6, 7):
        raise ValidationError.single("date", f"「{text}」不是民國日期的 7 位數字格式（例如 1150816）。")
    return _make_date(int(digits[:-4]), int(digits[-4:-2]), int(digits[-2:]), text)


_ROC_TEXT = re.compile(
    r"^\s*(?:中華)?(?:民國)?\s*(\d{1,3})\s*(?:年|[/.\-])\s*(\d{1,2})\s*(?:月|[/.\-])\s*(\d{1,2})\s*日?\s*$"
)


def parse_roc_date(text: str) -> date:
    """Parse what officers type: 中華民國115年8月16日, 115年8月16日, 115/8/16, 115.08.16, 1150816."""
    normalised = text.translate(_FULLWIDTH_DIGITS)
    match = _ROC_TEXT.match(normalised)
    if match:
        return _make_date(int(match[1]), int(match[2]), int(match[3]), text)
    if normalised.strip().isdigit():
        return parse_compact(normalised)
    raise ValidationError.single("date", f"看不懂日期「{text}」，請寫成 115年8月16日 或 115/8/16。")


def _check_month(month: int) -> None:
    if not 1 <= month <= 12:
        raise ValidationError.single("month", f"月份必須在 1 到 12 之間，收到 {month}。")


def _make_date(roc_year: int, month: int, day: int, original: str) -> date:
    _check_month(month)
    try:
        return date(to_ad_year(roc_year), month, day)
    except ValueError:
        raise ValidationError.single("date", f"「{original}」不是存在的日期。") from None


def local_time_text(moment: datetime) -> str:
    """A stored UTC time as the officer reads it: 民國115年11月30日 16:40 (local time)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone()
    return f"{format_roc_date(local.date())} {local:%H:%M}"
