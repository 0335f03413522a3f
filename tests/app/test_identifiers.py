from datetime import date

import pytest

from app.errors import ValidationError
from app.identifiers import validate_gpn, validate_isbn, validate_isrc, validate_issn


@pytest.mark.parametrize("text", [
    "978-0-306-40615-7", "9780306406157", "978 0 306 40615 7", "97803064-06157",
    "ISBN 978-0-306-40615-7", "９７８０３０６４０６１５７", "0-306-40615-2", "0306406152",
])
def test_isbn_inputs_normalise_to_the_same_number(text: str) -> None:
    result = validate_isbn(text)
    assert result.compact == "9780306406157"
    assert result.formatted == "978-0-306-40615-7"


def test_isbn10_with_lowercase_x_converts_to_13() -> None:
    # 0-8044-2957-X is a classic ISBN-10 whose check digit is X.
    result = validate_isbn("0-8044-2957-x")
    assert result.compact == "9780804429573"


def test_taiwan_groups_do_not_warn_and_others_do() -> None:
    taiwan = validate_isbn("978-986-00-0000-9")
    assert taiwan.formatted == "978-986-00-0000-9"
    assert taiwan.warnings == []
    assert validate_isbn("978-626-00-0000-4").warnings == []
    foreign = validate_isbn("978-0-306-40615-7")
    assert any("臺灣" in w for w in foreign.warnings)


def test_isbn_wrong_check_digit_says_which_digit_is_right() -> None:
    with pytest.raises(ValidationError, match="應為 7，不是 8"):
        validate_isbn("978-0-306-40615-8")
    with pytest.raises(ValidationError, match="應為 2"):
        validate_isbn("0-306-40615-3")


@pytest.mark.parametrize(("text", "message"), [
    ("978-0-306-4061", "13 位"), ("abc", "數字以外"), ("1234567890123", "978 或 979"),
])
def test_isbn_errors(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as info:
        validate_isbn(text)
    assert info.value.field == "isbn"


def test_isbn_in_unassigned_range_is_flagged() -> None:
    result = validate_isbn("9799999999990")
    assert any("未" in w or "不在" in w for w in result.warnings)


def test_issn_check_digit_and_x() -> None:
    assert validate_issn("0317-8471").formatted == "0317-8471"
    assert validate_issn("2434-561x").compact == "2434561X"
    with pytest.raises(ValidationError, match="應為 1"):
        validate_issn("0317-8472")


def test_isrc_format() -> None:
    result = validate_isrc("tw-m03-11-26030")
    assert result.formatted == "TW-M03-11-26030"
    assert result.warnings == []
    assert validate_isrc("USRC17607839").warnings
    with pytest.raises(ValidationError, match="12 碼"):
        validate_isrc("TW-M03-11-2603")
    with pytest.raises(ValidationError, match="流水號"):
        validate_isrc("TW-M03-11-2603A")


@pytest.mark.parametrize("gpn", ["1009100224", "1009903033", "1010600726", "1010901787",
                                 "1011500057"])
def test_real_gpns_pass_without_warning(gpn: str) -> None:
    result = validate_gpn(gpn, today=date(2026, 11, 23))
    assert result.compact == gpn
    assert result.warnings == []


def test_gpn_odd_year_warns_but_does_not_block() -> None:
    result = validate_gpn("1999900001", today=date(2026, 11, 23))
    assert result.warnings


@pytest.mark.parametrize(("text", "message"), [("100910022", "10 位"), ("10091002X4", "只能是數字")])
def test_gpn_errors(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        validate_gpn(text)


@pytest.mark.parametrize(("kind", "compact", "shown"), [
    ("isbn", "9789865431297", "978-986-5431-29-7"), ("ISBN", "9789865431297", "978-986-5431-29-7"),
    ("issn", "12345679", "1234-5679"), ("isrc", "TWM031126030", "TW-M03-11-26030"),
    ("gpn", "1011500057", "1011500057"), ("isbn", "not a number", "not a number"),
    ("isbn", None, ""), ("CIP", "已申請", "已申請"),
])
def test_identifiers_are_displayed_hyphenated(kind: str, compact: str | None, shown: str) -> None:
    from app.identifiers import display

    assert display(kind, compact) == shown
