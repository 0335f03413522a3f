from datetime import date

import pytest

from app.errors import ValidationError
from app.rocdate import (
    format_compact,
    format_roc_date,
    format_roc_year_month,
    parse_compact,
    parse_roc_date,
    to_ad_year,
    to_roc_year,
)


@pytest.mark.parametrize(("ad", "roc"), [(1912, 1), (2011, 100), (2010, 99), (2026, 115)])
def test_year_conversion_both_ways(ad: int, roc: int) -> None:
    assert to_roc_year(ad) == roc
    assert to_ad_year(roc) == ad


def test_years_before_the_republic_are_refused() -> None:
    with pytest.raises(ValidationError, match="民國元年"):
        to_roc_year(1911)
    with pytest.raises(ValidationError):
        to_ad_year(0)


def test_letter_date_has_no_zero_padding() -> None:
    assert format_roc_date(date(2026, 8, 16)) == "中華民國115年8月16日"
    assert format_roc_date(date(2011, 1, 1)) == "中華民國100年1月1日"


def test_year_month_forms() -> None:
    assert format_roc_year_month(2026, 8) == "115年8月"
    assert format_roc_year_month(2010, 12, prefix=True) == "中華民國99年12月"
    with pytest.raises(ValidationError, match="月份"):
        format_roc_year_month(2026, 13)


@pytest.mark.parametrize(("day", "compact"), [
    (date(2005, 5, 26), "0940526"),
    (date(2011, 1, 1), "1000101"),
    (date(2010, 12, 31), "0991231"),
    (date(2026, 11, 23), "1151123"),
])
def test_compact_form_round_trips(day: date, compact: str) -> None:
    assert format_compact(day) == compact
    assert parse_compact(compact) == day


def test_year_and_month_boundaries() -> None:
    assert parse_roc_date("99/12/31") == date(2010, 12, 31)
    assert parse_roc_date("100/1/1") == date(2011, 1, 1)
    assert parse_roc_date("中華民國115年2月28日") == date(2026, 2, 28)
    assert parse_roc_date("113年2月29日") == date(2024, 2, 29)  # leap year
    with pytest.raises(ValidationError, match="不是存在的日期"):
        parse_roc_date("115年2月29日")


@pytest.mark.parametrize("text", ["115年8月16日", "115/8/16", "115.08.16", "115-8-16",
                                  "１１５年８月１６日", "1150816", "民國115年8月16日"])
def test_what_officers_type_is_understood(text: str) -> None:
    assert parse_roc_date(text) == date(2026, 8, 16)


@pytest.mark.parametrize("text", ["", "明天", "115年13月1日", "2026-08-16x", "12345"])
def test_nonsense_dates_get_a_message(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_roc_date(text)
    assert info.value.message
