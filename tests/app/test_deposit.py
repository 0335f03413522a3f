from datetime import date
from pathlib import Path

import openpyxl
import pytest

from app.db import Database
from app.documents.labels import PRESETS, LabelSheet, place_labels
from app.errors import ValidationError
from app.models import DepositLibrary, PublicationForm, PublicationStatus, PublicationType
from app.services.deposit import (
    acknowledge,
    deposit_rows,
    labels_for,
    mark_sent,
    plan_deposit,
    remove_line,
    set_copies,
    total_copies,
    write_deposit_documents,
)
from app.services.publications import publication_data
from tests.app.factories import add_book
from tests.pdf_helpers import font_report, pdf_text

DAY = date(2026, 11, 23)
SEEDED = {"國家圖書館": 2, "立法院國會圖書館": 1, "國立臺灣圖書館": 1, "國立公共資訊圖書館": 1,
          "臺北市立圖書館": 1, "新北市立圖書館": 1, "高雄市立圖書館": 1}


@pytest.mark.parametrize(("changes", "expected_total"), [
    ({}, 8),
    ({"form": PublicationForm.EBOOK, "pub_type": PublicationType.E_PUBLICATION}, 8),
    ({"pub_type": PublicationType.SERIAL}, 8),
])
def test_plan_totals_follow_section_5(db: Database, unit_id: int, changes: dict,
                                      expected_total: int) -> None:
    pub = add_book(db, unit_id, **changes)
    with db.session() as session:
        plan_deposit(session, pub)
        rows = deposit_rows(session, pub)
    assert {r.library: r.copies for r in rows} == SEEDED
    assert total_copies(rows) == expected_total
    assert [r.include_efiles for r in rows if r.library == "國家圖書館"] == [True]


def test_encouraged_libraries_and_edits_with_reasons(db: Database, unit_id: int) -> None:
    pub = add_book(db, unit_id)
    with db.session() as session:
        session.add(DepositLibrary(name="國立臺灣大學圖書館", kind="encouraged", copies=1))
        session.flush()
        plan_deposit(session, pub)
        assert len(deposit_rows(session, pub)) == 7
        plan_deposit(session, pub, include_encouraged=True)
        rows = deposit_rows(session, pub)
        assert len(rows) == 8
        line = next(r for r in rows if r.library == "臺北市立圖書館")
        with pytest.raises(ValidationError, match="請說明原因"):
            set_copies(session, line.id, 3)
        set_copies(session, line.id, 3, "市府要求分館典藏")
        with pytest.raises(ValidationError, match="原因"):
            remove_line(session, rows[-1].id, "")
        remove_line(session, rows[-1].id, "非本類出版品")
        plan_deposit(session, pub)  # re-planning keeps the edits
        rows = deposit_rows(session, pub)
    assert total_copies(rows) == 10
    assert next(r for r in rows if r.library == "臺北市立圖書館").reason == "市府要求分館典藏"


def test_tracking_and_status(db: Database, unit_id: int) -> None:
    pub = add_book(db, unit_id)
    with db.session() as session:
        ids = plan_deposit(session, pub)
        with pytest.raises(ValidationError, match="尚未寄出"):
            acknowledge(session, ids[:1], DAY)
        mark_sent(session, ids[:3], DAY, "中華郵政", "掛號 123")
        # a GPN makes it numbered; part of the copies sent does not make it deposited
        assert publication_data(session, pub)[0].status is PublicationStatus.NUMBERED
        assert len(deposit_rows(session, unsent_only=True)) == len(ids) - 3
        mark_sent(session, ids[3:], DAY)
        acknowledge(session, ids[:1], date(2026, 11, 30))
        assert publication_data(session, pub)[0].status is PublicationStatus.DEPOSITED
        assert deposit_rows(session, unsent_only=True) == []
        first = deposit_rows(session, pub)[0]
    assert (first.carrier, first.reference, first.acknowledged_on) == (
        "中華郵政", "掛號 123", date(2026, 11, 30))


LONG = ["10659 臺北市大安區建國南路二段125號附設某某分館某某大樓十二樓之三某某辦公室收發室轉交",
        "臺北市立圖書館 館藏發展組 典藏股 收"]


@pytest.mark.parametrize("sheet", PRESETS, ids=[p.name for p in PRESETS])
def test_every_label_text_stays_inside_its_cell(sheet: LabelSheet) -> None:
    labels = [["100 臺北市中正區中山南路20號", "國家圖書館 收"], LONG] * sheet.per_sheet
    placed = place_labels(labels, sheet, start_position=sheet.columns + 1)
    assert placed[0].cell[3] < 297 / 25.4 * 72 - sheet.top_mm * 72 / 25.4 + 0.01
    for label in placed:
        x0, y0, x1, y1 = label.cell
        tx0, ty0, tx1, ty1 = label.text_box
        assert x0 <= tx0, label
        assert tx1 <= x1, label
        assert y0 <= ty0, label
        assert ty1 <= y1, label
    long_ones = [label for label in placed if label.lines[0].startswith("10659")]
    joined = "".join(long_ones[0].lines)
    assert joined == "".join(LONG), "wrapped, nothing cut"
    assert len(long_ones[0].lines) > 2
    pages = {label.page for label in placed}
    assert pages == set(range(1, max(pages) + 1))


def test_custom_sheet_and_start_position_rules() -> None:
    custom = LabelSheet("自訂", 3, 2, 90, 80, 10, 10, 95, 85)
    placed = place_labels([["a"]] * 2, custom, start_position=6)
    assert [label.page for label in placed] == [1, 2]
    with pytest.raises(ValidationError, match="超出 A4"):
        place_labels([["a"]], LabelSheet("太大", 4, 3, 90, 80, 10, 10, 95, 85))
    with pytest.raises(ValidationError, match="起始位置"):
        place_labels([["a"]], custom, start_position=7)


def test_outputs(db: Database, unit_id: int, tmp_path: Path) -> None:
    pub = add_book(db, unit_id)
    with db.session() as session:
        plan_deposit(session, pub)
        files = write_deposit_documents(session, pub, tmp_path, PRESETS[0], DAY, letters=True)
        rows = deposit_rows(session, pub)
    names = {f.name for f in files}
    assert {"寄存清單.docx", "寄存清單.pdf", "寄存清單.xlsx", "寄存標籤.pdf",
            "寄存函-國家圖書館.pdf"} <= names
    text = pdf_text(tmp_path / "寄存清單.pdf")
    for expected in ("出版品寄存清單", "國家圖書館", "臺北市中正區中山南路20號", "合計：8 冊"):
        assert expected in text
    labels = pdf_text(tmp_path / "寄存標籤.pdf")
    assert "立法院國會圖書館 收" in labels
    assert len(labels_for(rows)) == 7
    letter = pdf_text(tmp_path / "寄存函-國家圖書館.pdf")
    assert "受文者：國家圖書館" in letter
    assert "2冊及電子檔" in letter
    for pdf in (tmp_path / "寄存清單.pdf", tmp_path / "寄存標籤.pdf"):
        assert all(embedded for _n, embedded in font_report(pdf))
    sheet = openpyxl.load_workbook(tmp_path / "寄存清單.xlsx").active
    assert any(c.value == "國家圖書館（館藏發展及書目管理組）" for row in sheet.iter_rows() for c in row)


def test_a_cover_letter_cites_the_rules_that_bind_its_library(db: Database, unit_id: int) -> None:
    """Issue 14 (5): 圖書館法第15條 binds only 國家圖書館 and 立法院國會圖書館; the MOEA rules
    are named in full (a 署 must not call them 「本部」 rules); the number is a marked blank."""
    from datetime import date

    from app.models import LibraryKind
    from app.services.deposit import cover_letter, deposit_rows, plan_deposit

    pub_id = add_book(db, unit_id)
    with db.session() as session:
        plan_deposit(session, pub_id)
        rows = deposit_rows(session, pub_id)
        letters = {row.kind: cover_letter(session, pub_id, row, date(2026, 11, 30))
                   for row in rows}
    statutory = letters[LibraryKind.STATUTORY].items[0].text
    assert "圖書館法第15條" in statutory
    assert "經濟部及所屬機關（構）政府出版品管理作業注意事項第5點" in statutory
    for kind, letter in letters.items():
        assert "本部" not in letter.items[0].text
        if kind is not LibraryKind.STATUTORY:
            assert "圖書館法" not in letter.items[0].text
        assert letter.doc_number_text() == "產發字第＿＿＿＿＿＿＿號"
    assert len(letters) >= 2, "statutory and designated libraries both planned"
