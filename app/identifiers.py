"""Identifiers — ISBN, ISSN, ISRC and GPN (統一編號): normalise, validate, format.

Input is normalised before it is judged: full-width digits typed with a Chinese input method,
spaces, hyphens anywhere and a lowercase x are all accepted. What is wrong gets a Traditional
Chinese message saying exactly what (length, check digit with the digit it should be, group).
Rules that are not confirmed (GPN structure, non-Taiwan ISBN groups) only warn.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from stdnum import isbn as stdnum_isbn

from app.errors import ValidationError
from app.rocdate import to_roc_year

TAIWAN_ISBN_GROUPS = ("978957", "978986", "978626")


@dataclass(frozen=True)
class Identifier:
    """A valid identifier: compact form (stored), display form, and any warnings."""

    compact: str
    formatted: str
    warnings: list[str] = field(default_factory=list)


def normalise(text: str) -> str:
    """Full-width → half-width, drop spaces and hyphens (any dash), upper-case."""
    folded = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\-‐‑‒–—―−_]", "", folded).upper()


def _isbn13_check(first12: str) -> str:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


def _isbn10_check(first9: str) -> str:
    total = sum(int(d) * w for d, w in zip(first9, range(10, 1, -1), strict=True))
    value = (11 - total % 11) % 11
    return "X" if value == 10 else str(value)


def validate_isbn(text: str, field_name: str = "isbn") -> Identifier:
    """ISBN-13, or ISBN-10 converted to 13, hyphenated by the official range data."""
    value = normalise(text)
    if value.startswith("ISBN"):
        value = value[4:].lstrip(":：")
    if len(value) == 10:
        if not re.fullmatch(r"\d{9}[\dX]", value):
            raise ValidationError.single(field_name, f"ISBN-10「{text}」只能是 9 位數字加 1 位檢查碼（數字或 X）。")
        expected = _isbn10_check(value[:9])
        if value[9] != expected:
            raise ValidationError.single(
                field_name, f"ISBN-10「{text}」的檢查碼錯誤：最後一碼應為 {expected}，不是 {value[9]}。")
        value = "978" + value[:9]
        value += _isbn13_check(value)
    if not re.fullmatch(r"\d+", value):
        raise ValidationError.single(field_name, f"ISBN「{text}」含有數字以外的字元。")
    if len(value) != 13:
        raise ValidationError.single(
            field_name, f"ISBN 應為 13 位數字（或舊式 10 位），「{text}」是 {len(value)} 位。")
    if not value.startswith(("978", "979")):
        raise ValidationError.single(field_name, f"ISBN-13 應以 978 或 979 開頭，「{text}」不是。")
    expected = _isbn13_check(value[:12])
    if value[12] != expected:
        raise ValidationError.single(
            field_name, f"ISBN「{text}」的檢查碼錯誤：最後一碼應為 {expected}，不是 {value[12]}。")
    warnings: list[str] = []
    parts = stdnum_isbn.split(value)  # once: the range lookup is most of a row's import
    prefix, group, publisher, _item, _check = parts
    if not group or not publisher:
        warnings.append(f"ISBN {value} 不在國際 ISBN 總部已分配的號段內，請確認號碼。")
        formatted = value
    else:
        formatted = "-".join(part for part in parts if part)  # what stdnum's format() makes
    if not value.startswith(TAIWAN_ISBN_GROUPS):
        warnings.append(f"ISBN {formatted} 不是臺灣的群組號（978-957、978-986、978-626），請確認。")
    del prefix
    return Identifier(value, formatted, warnings)


def validate_issn(text: str, field_name: str = "issn") -> Identifier:
    """ISSN NNNN-NNNC: weights 8..2 mod 11, 10 written X."""
    value = normalise(text)
    if value.startswith("ISSN"):
        value = value[4:].lstrip(":：")
    if not re.fullmatch(r"\d{7}[\dX]", value):
        raise ValidationError.single(
            field_name, f"ISSN 應為 8 碼（7 位數字加 1 位檢查碼），「{text}」不符。")
    total = sum(int(d) * w for d, w in zip(value[:7], range(8, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    expected = "X" if check == 10 else str(check)
    if value[7] != expected:
        raise ValidationError.single(
            field_name, f"ISSN「{text}」的檢查碼錯誤：最後一碼應為 {expected}，不是 {value[7]}。")
    return Identifier(value, f"{value[:4]}-{value[4:]}")


def validate_isrc(text: str, field_name: str = "isrc") -> Identifier:
    """ISRC TW-XXX-YY-NNNNN: country, registrant code, AD recording year (2 digits), serial."""
    value = normalise(text)
    if value.startswith("ISRC"):
        value = value[4:].lstrip(":：")
    if len(value) != 12:
        raise ValidationError.single(
            field_name, f"ISRC 應為 12 碼（例如 TW-M03-11-26030），「{text}」是 {len(value)} 碼。")
    country, registrant, year, serial = value[:2], value[2:5], value[5:7], value[7:]
    if not country.isalpha() or not country.isascii():
        raise ValidationError.single(field_name, f"ISRC 前 2 碼應為國碼（臺灣為 TW），「{text}」不符。")
    if not re.fullmatch(r"[A-Z0-9]{3}", registrant):
        raise ValidationError.single(field_name, f"ISRC 第 3–5 碼應為 3 位英數字的登記者代碼，「{text}」不符。")
    if not year.isdigit():
        raise ValidationError.single(field_name, f"ISRC 第 6–7 碼應為錄製年份（西元後 2 位），「{text}」不符。")
    if not serial.isdigit():
        raise ValidationError.single(field_name, f"ISRC 最後 5 碼應為流水號數字，「{text}」不符。")
    warnings = [] if country == "TW" else [f"ISRC 國碼為 {country}，不是 TW，請確認。"]
    return Identifier(value, f"{country}-{registrant}-{year}-{serial}", warnings)


def validate_gpn(text: str, field_name: str = "gpn", today: date | None = None) -> Identifier:
    """GPN 政府出版品統一編號: exactly 10 digits. The apparent structure (type digit, ROC year,
    serial) is unconfirmed, so an implausible year only warns."""
    value = normalise(text)
    if value.startswith("GPN"):
        value = value[3:].lstrip(":：")
    if not value.isdigit() or not value.isascii():
        raise ValidationError.single(field_name, f"GPN 只能是數字，「{text}」含有其他字元。")
    if len(value) != 10:
        raise ValidationError.single(field_name, f"GPN 應為 10 位數字，「{text}」是 {len(value)} 位。")
    warnings: list[str] = []
    year = int(value[1:5])
    this_year = to_roc_year((today or date.today()).year)
    if not 80 <= year <= this_year + 1:
        warnings.append(
            f"GPN {value} 的第 2–5 碼（{value[1:5]}）看起來不是合理的民國年份，請再確認號碼。")
    return Identifier(value, value, warnings)


@lru_cache(maxsize=8192)
def display(kind: str, compact: str | None) -> str:
    """An identifier as people read it — ISBN 978-986-5431-29-7, ISSN 1234-5679, ISRC
    TW-M03-11-26030; GPN as is. A stored value that no longer validates is shown unchanged."""
    if not compact:
        return ""
    check = {"isbn": validate_isbn, "issn": validate_issn, "isrc": validate_isrc}.get(kind.lower())
    if check is None:
        return compact
    try:
        return check(compact).formatted
    except ValidationError:
        return compact
