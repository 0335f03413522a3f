"""Every 函 PubDesk writes goes with a DI file (issue 31): the 文書本文檔 the agency's 公文系統
imports as a draft. Each is valid against the 規範's 104 DTD (resources/di) — a check that has
teeth: the same file with two elements swapped is refused — says what the PDF says, in the
DTD's order, declares its attachments as entities, leaves to the document system what it
gives (the 文號, an unknown 機關代碼), and reads back into the same letter."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from app.db import Database
from app.documents.di_writer import letter_di, read_letter_di, validation_errors
from app.errors import ValidationError
from app.models import ConsentKind
from app.services.agency_codes import AgencyCode, recipient_code, set_recipient_code
from app.services.consent import BookConsentItem, ConsentRequest, consent_draft, write_consent_files
from app.services.consent_texts import ConsentScope
from app.services.units import UnitData, save_unit, unit_data, unit_version
from tests.app.factories import add_book
from tests.app.test_documents import sample_letter
from tests.pdf_helpers import pdf_text

DAY = date(2026, 11, 23)
ORDER = ["發文機關", "函類別", "地址", "聯絡方式", "受文者", "發文日期", "發文字號", "速別",
         "密等及解密條件或保密期限", "附件", "主旨", "段落", "正本", "副本"]


def root_of(data: bytes) -> etree._Element:
    return etree.fromstring(data, etree.XMLParser(load_dtd=False, no_network=True,
                                                  resolve_entities=False))


def test_a_letter_is_valid_against_the_dtd_and_the_check_has_teeth() -> None:
    letter = sample_letter()
    letter.agency_code = "A15000000E"
    data = letter_di(letter, [Path("圖書之利用清單.pdf"), Path("清單 & 附件.ods")])
    assert validation_errors(data) == []
    text = data.decode("utf-8")
    subject = re.search(r"<主旨>.*?</主旨>\n", text).group(0)  # type: ignore[union-attr]
    attached = re.search(r"<附件>.*?</附件>\n", text).group(0)  # type: ignore[union-attr]
    swapped = text.replace(attached, "@@").replace(subject, attached).replace("@@", subject)
    assert swapped != text
    assert validation_errors(swapped.encode("utf-8")) != []
    no_code = text.replace("<機關代碼>A15000000E</機關代碼>", "", 1)
    assert no_code != text
    assert validation_errors(no_code.encode("utf-8")) != []  # 機關代碼 is required, even empty
    undeclared = text.replace('<!ENTITY ATTCH2 SYSTEM "清單 & 附件.ods" NDATA _X>\n', "")
    assert validation_errors(undeclared.encode("utf-8")) != []


def test_the_elements_say_what_the_letter_says_in_the_dtds_order() -> None:
    letter = sample_letter()
    letter.agency_code = "A15000000E"
    root = root_of(letter_di(letter, [Path("清單.pdf")]))
    seen = list(dict.fromkeys(child.tag for child in root))
    assert seen == ORDER
    assert root.findtext("發文機關/全銜") == letter.agency_name
    assert root.findtext("發文機關/機關代碼") == "A15000000E"
    assert root.findtext("受文者/全銜") == "文化部"
    assert root.findtext("受文者/機關代碼") == ""  # not known: left empty, never guessed
    assert [e.text for e in root.findall("聯絡方式")] == letter.contact_lines
    assert root.findtext("主旨/文字") == letter.subject
    assert root.find("速別").get("代碼") == "普通件"
    explanation = root.find("段落")
    assert explanation.get("段名") == "說明："
    first = explanation.findall("條列")
    assert [item.get("序號") for item in first] == ["一、", "二、"]
    assert first[0].find("條列").get("序號") == "(一)"
    assert first[0].find("條列/條列").get("序號") == "1、"
    assert first[0].find("條列/條列/條列").get("序號") == "(1)"
    assert root.find("附件/附件檔名").get("附件名") == "ATTCH1"
    assert [e.text for e in root.findall("正本/全銜")] == letter.originals
    assert [e.text for e in root.findall("副本/全銜")] == letter.copies


def test_a_number_not_yet_issued_is_left_to_the_document_system() -> None:
    letter = sample_letter()
    letter.doc_number, letter.doc_code, letter.issued_on = "", "產發", None
    data = letter_di(letter)
    assert validation_errors(data) == []
    root = root_of(data)
    assert root.findtext("發文字號/字") == "產發字"
    assert root.findtext("發文字號/文號/年度") == ""
    assert root.findtext("發文字號/文號/流水號") == ""
    assert root.findtext("發文日期/年月日") == ""
    letter.doc_number = "產發字第1150001234號"
    assert root_of(letter_di(letter)).findtext("發文字號/文字") == "產發字第1150001234號"


def test_a_di_file_reads_back_into_the_same_letter() -> None:
    letter = sample_letter()
    letter.agency_code, letter.recipient_code = "A15000000E", "A09000000E"
    back, files = read_letter_di(letter_di(letter, [Path("a.pdf"), Path("b.odt")]))
    assert files == ["a.pdf", "b.odt"]
    for name in ("agency_name", "agency_code", "recipient", "recipient_code", "subject",
                 "address", "contact_lines", "speed", "attachments", "doc_number",
                 "originals", "copies"):
        assert getattr(back, name) == getattr(letter, name), name
    assert back.numbered_items() == letter.numbered_items()
    assert back.notes == letter.notes


@pytest.fixture
def consent(db: Database, unit_id: int, tmp_path: Path):  # type: ignore[no-untyped-def]
    with db.session() as session:
        data = unit_data(session, unit_id)
        data.agency_code, data.agency_code_source = "a15000000e", "公文系統通訊錄"
        save_unit(session, data, unit_id, expected_version=unit_version(session, unit_id))
        set_recipient_code(session, "文化部", AgencyCode("A09000000E", "公文系統通訊錄"))
    book = add_book(db, unit_id, "臺灣產業發展年報")
    with db.session() as session:
        draft = consent_draft(session, ConsentRequest(
            unit_id=unit_id, kind=ConsentKind.BOOK, issued_on=DAY,
            books=[BookConsentItem(book, {ConsentScope.DIGITAL_ARCHIVE})]))
    return draft, write_consent_files(draft, tmp_path / "授權")


def test_the_consent_letter_goes_with_its_di_file_and_the_lists_as_attachments(consent) -> None:  # type: ignore[no-untyped-def]
    _draft, files = consent
    assert files.letter_di is not None
    assert files.letter_di in files.all()
    data = files.letter_di.read_bytes()
    assert validation_errors(data) == []
    root = root_of(data)
    assert root.findtext("發文機關/機關代碼") == "A15000000E"  # as entered, upper-cased
    assert root.findtext("受文者/機關代碼") == "A09000000E"
    _letter, attached = read_letter_di(data)
    assert "圖書之利用清單.pdf" in attached
    assert all((files.letter_di.parent / name).is_file() for name in attached)
    # The same words as the PDF the officer prints.
    printed = re.sub(r"\s+", "", pdf_text(files.letter_pdf))
    for element in ("主旨/文字", "段落/條列/文字", "受文者/全銜"):
        assert re.sub(r"\s+", "", root.findtext(element)) in printed, element


def test_a_code_that_is_not_letters_and_digits_is_refused(db: Database) -> None:
    with pytest.raises(ValidationError, match="機關代碼"), db.session() as session:
        save_unit(session, UnitData("某機關", agency_code="A-09 000"))
    with pytest.raises(ValidationError, match="機關代碼"), db.session() as session:
        set_recipient_code(session, "文化部", AgencyCode("A09/000"))
    with db.session() as session:
        assert recipient_code(session, "文化部") == AgencyCode()


def test_demo_writes_a_di_file_for_every_letter(tmp_path: Path) -> None:
    from app.demo import make_demo

    _locations, sample = make_demo(tmp_path / "demo", date(2026, 11, 2))
    letters = [p for p in sample.outputs if (p.suffix == ".pdf" and p.stem.endswith("函"))
               or (p.suffix == ".pdf" and p.stem.startswith("寄存函"))]
    assert len(letters) >= 9
    for pdf in letters:
        di = pdf.with_suffix(".di")
        assert di.is_file(), pdf.name
        assert di in sample.outputs
        assert validation_errors(di.read_bytes()) == [], di.name
