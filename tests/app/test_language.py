"""app.language: the core's words on an English screen, documents always Chinese."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from app import language
from app.language import listed, set_language, shown, shown_date, t, writing_document
from app.models import PublicationForm


@pytest.fixture
def english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("zh_TW")


def test_chinese_is_the_source_and_stays_so_by_default() -> None:
    assert t("尚缺 {numbers}", numbers="ISBN") == "尚缺 ISBN"
    assert shown("請輸入題名。") == "請輸入題名。"
    assert PublicationForm.PRINT.shown == PublicationForm.PRINT.label == "紙本"
    assert shown_date(date(2026, 6, 30)) == "中華民國115年6月30日"
    assert listed(["甲", "乙"]) == "甲、乙"


def test_english_for_marked_texts_enums_dates_and_lists(english: None) -> None:
    assert t("尚缺 {numbers}", numbers="ISBN") == "still missing ISBN"
    assert PublicationForm.PRINT.shown == "print"
    assert PublicationForm.PRINT.label == "紙本"  # what documents print
    assert shown_date(date(2026, 6, 30)) == "30 June 2026"
    assert listed(["A", "B"]) == "A, B"


def test_finished_messages_are_matched_against_templates(english: None) -> None:
    assert shown("請輸入題名。") == "Enter the title."
    assert shown("題名最多 300 字，目前 412 字。") == \
        "A title has at most 300 characters; this one has 412."
    # fields are shown in turn, generic templates do not mangle what they cannot translate
    assert shown("頁面內容：填色（rg）") == "the page content: fill (rg)"
    assert shown("序（或部分內容）") == "序（或部分內容）"
    # two sentences, each with its own template
    assert shown("請輸入題名。版次至少為 1。") == "Enter the title. The edition must be at least 1."


def test_documents_stay_chinese_while_the_screen_is_english(english: None) -> None:
    with writing_document():
        assert t("尚缺 {numbers}", numbers="ISBN") == "尚缺 ISBN"
        assert shown_date(date(2026, 6, 30)) == "中華民國115年6月30日"
    assert t("尚缺 {numbers}", numbers="ISBN") == "still missing ISBN"


def test_a_broken_entry_falls_back_to_chinese(english: None,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    broken = {"尚缺 {numbers}": "still missing {number}"}  # a translator's typo
    monkeypatch.setattr(language, "_catalogue", lambda _code: broken)
    assert t("尚缺 {numbers}", numbers="ISBN") == "尚缺 ISBN"


def test_the_po_reader_reads_po_as_editors_write_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Issue 32 item 2: a fuzzy entry was used as if confirmed, a msgctxt line was glued onto
    the previous msgstr (「期」 → "Issuesgctxt \\"menu"), a plural entry was dropped."""
    from app.language import read_po

    po = tmp_path / "x.po"
    po.write_text('''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "期"
msgstr "Issues"

msgctxt "menu"
msgid "檔案"
msgstr "File"

#, fuzzy
msgid "舊的句子"
msgstr "An old sentence"

#: app/x.py:1
#, python-format
msgid "{count} 冊"
msgid_plural "{count} 冊"
msgstr[0] "{count} copy"
msgstr[1] "{count} copies"

msgid ""
"兩行"
"的句子"
msgstr ""
"Two "
"lines"

msgid "沒有翻譯"
msgstr ""
''', encoding="utf-8")
    assert read_po(po) == {"期": "Issues", "{count} 冊": "{count} copy", "兩行的句子": "Two lines"}


def test_an_obsolete_fuzzy_entry_does_not_take_the_next_one_with_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Review finding: after `#, fuzzy` and `#~` lines (what msgmerge writes), the next live
    entry inherited "fuzzy" and was left out."""
    from app.language import read_po

    po = tmp_path / "x.po"
    po.write_text('msgid "甲"\nmsgstr "A"\n\n#, fuzzy\n#~ msgid "乙"\n#~ msgstr "B"\n\n'
                  'msgid "丙"\nmsgstr "C"\n', encoding="utf-8")
    assert read_po(po) == {"甲": "A", "丙": "C"}
