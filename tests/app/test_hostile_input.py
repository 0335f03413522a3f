"""Input an officer can paste or an attacker can plant: formula-like titles, control
characters, the longest allowed title, names Windows treats as devices."""

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from app.db import Database
from app.errors import ValidationError
from app.models import ConsentKind
from app.packages.names import safe_name
from app.services.consent import (
    BookConsentItem,
    ConsentRequest,
    consent_draft,
    write_consent_files,
)
from app.services.publications import create_publication
from app.services.toc_service import save_toc, toc_for_edit
from app.services.units import UnitData, save_unit, unit_version
from app.toc import TocLine
from tests.app.factories import add_book, book
from tests.pdf_helpers import pdf_text

FORMULAS = ['=HYPERLINK("http://example.com","按此")', "=cmd|' /C calc'!A0", "=1+1"]


def _consent_files(db: Database, unit_id: int, pub_ids: list[int], folder: Path):  # type: ignore[no-untyped-def]
    request = ConsentRequest(unit_id=unit_id, kind=ConsentKind.BOOK, issued_on=date(2026, 11, 30),
                             books=[BookConsentItem(i, all_rights=True) for i in pub_ids])
    with db.session() as session:
        draft = consent_draft(session, request)
    return write_consent_files(draft, folder)


def test_formula_like_titles_stay_text_in_every_xlsx(db: Database, unit_id: int,
                                                     tmp_path: Path) -> None:
    ids = [add_book(db, unit_id, title, gpn=gpn) for title, gpn in
           zip(FORMULAS, ("1011500057", "1011500046", "1011500035"), strict=True)]
    files = _consent_files(db, unit_id, ids, tmp_path)
    sheet = openpyxl.load_workbook(files.list_xlsx).active
    assert sheet is not None
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)
             and c.value.startswith("=")]
    assert sorted(c.value for c in cells) == sorted(FORMULAS)
    assert all(c.data_type == "s" for c in cells), "written as text, never as a formula"


@pytest.mark.parametrize("bad", ["年報\x0b2026", "年報\x00", "年\x1b報"])
def test_control_characters_are_refused_where_they_are_typed(db: Database, unit_id: int,
                                                             bad: str) -> None:
    with pytest.raises(ValidationError, match="控制字元") as refused, db.session() as session:
        create_publication(session, book(unit_id, bad))
    assert refused.value.problems[0].field == "title"
    pub_id = add_book(db, unit_id)
    with pytest.raises(ValidationError, match="目次第 2 行"), db.session() as session:
        save_toc(session, pub_id, [TocLine(1, "序"), TocLine(1, bad)],
                 expected_version=toc_for_edit(session, pub_id)[1])
    with pytest.raises(ValidationError, match="控制字元"), db.session() as session:
        save_unit(session, UnitData(full_name=bad), unit_id,
                  expected_version=unit_version(session, unit_id))


def test_line_breaks_are_allowed_where_a_field_has_lines(db: Database, unit_id: int) -> None:
    with db.session() as session:
        create_publication(session, book(unit_id, summary="第一段\n第二段\t（續）"))


def test_the_longest_allowed_title_prints(db: Database, unit_id: int, tmp_path: Path) -> None:
    longest = ("臺灣產業發展與能源轉型之跨域整合研究" * 20)[:300]
    pub_id = add_book(db, unit_id, longest)
    files = _consent_files(db, unit_id, [pub_id], tmp_path)
    text = pdf_text(files.list_pdf).replace("\r", "").replace("\n", "")
    assert longest[:60] in text, "the whole title, continued over the page if need be"
    assert files.letter_docx.exists()


@pytest.mark.parametrize(("name", "expected"), [
    ("CONIN$", "_CONIN$"), ("conout$.pdf", "_conout$.pdf"), ("COM¹.txt", "_COM¹.txt"),
    ("LPT²", "_LPT²"), ("COM0", "_COM0"), ("a\u202egpj.exe", "agpj.exe"),
    ("報告\u2066名\u2069.pdf", "報告名.pdf"), ("CONSOLE.pdf", "CONSOLE.pdf")])
def test_windows_names_cover_every_device_and_bidi_control(name: str, expected: str) -> None:
    assert safe_name(name) == expected
