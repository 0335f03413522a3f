"""Publication lists in Excel: export → import into an empty database reproduces the records;
every bad row is reported with its reason before anything is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from app.cli import main as cli_main
from app.db import Database, open_database
from app.demo import build_sample
from app.errors import PubDeskError
from app.models import Publication, PublishingUnit
from app.paths import Locations, resolve_locations
from app.services.publication_lists import (
    COLUMNS,
    apply_import,
    export_publications,
    export_rows,
    parse_year_month,
    plan_import,
)
from app.services.units import UnitData, save_unit
from tests.app.factories import add_book

HEADERS = [c.header for c in COLUMNS]


def write_sheet(path: Path, rows: list[dict[str, object]], headers: list[str] = HEADERS) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(h) for h in headers])
    book.save(path)
    return path


def comparable(db: Database) -> list[list[object]]:
    with db.session() as session:
        return sorted(export_rows(session), key=repr)


def test_export_then_import_into_an_empty_database_reproduces_the_records(
        db: Database, tmp_path: Path, locations: Locations) -> None:
    build_sample(db)
    with db.session() as session:
        assert export_publications(session, tmp_path / "list.xlsx") >= 4
    empty_locations = resolve_locations(tmp_path / "empty", environ={})
    if not locations.database_url.startswith("sqlite"):
        pytest.skip("the second, empty database is a SQLite file; PostgreSQL covers the first")
    empty = open_database(empty_locations)
    try:
        with empty.session() as session:
            save_unit(session, UnitData("經濟部產業發展署", "產發署"))
        with empty.session() as session:
            plan = plan_import(session, tmp_path / "list.xlsx")
            assert plan.file_problems == []
            assert plan.rejected == [], [r.problems for r in plan.rejected]
            apply_import(session, plan)
        assert comparable(empty) == comparable(db)
    finally:
        empty.dispose()


def test_bad_rows_are_reported_and_nothing_is_written_until_confirmed(
        db: Database, unit_id: int, tmp_path: Path) -> None:
    add_book(db, unit_id, "已在資料庫的書", gpn="1011500057")
    with db.session() as session:
        unit = session.scalars(select(Publication)).one().unit.full_name
    path = write_sheet(tmp_path / "in.xlsx", [
        {"出版機關": unit, "題名": "好的書", "出版年月": "115年8月", "ISBN": "978-986-5431-29-7",
         "著作者": "王小明（主編）、陳美華", "定價": "NT$450"},
        {"出版機關": unit, "題名": "檢查碼錯", "ISBN": "9789865431299"},
        {"出版機關": "不存在的機關", "題名": "機關錯"},
        {"出版機關": unit, "題名": "GPN 已用", "GPN": "1011500057"},
        {"出版機關": unit, "題名": "", "版次": "二"},
        {"出版機關": unit, "題名": "載體錯", "載體": "羊皮紙"},
        {"出版機關": unit, "題名": "同檔重複一", "GPN": "1011500058"},
        {"出版機關": unit, "題名": "同檔重複二", "GPN": "1011500058"},
    ])
    with db.session() as session:
        plan = plan_import(session, path)
        assert session.scalar(select(func.count()).select_from(Publication)) == 1
    by_title = {row.title: row for row in plan.rows}
    assert by_title["好的書"].ok
    good = by_title["好的書"].data
    assert good is not None
    assert (good.published_year, good.published_month, good.price_ntd) == (2026, 8, 450)
    assert [p.name for p in good.contributors] == ["王小明", "陳美華"]
    assert "檢查碼" in " ".join(by_title["檢查碼錯"].problems)
    assert "還沒有設定" in " ".join(by_title["機關錯"].problems)
    assert "已在資料庫的書" in " ".join(by_title["GPN 已用"].problems)
    blank = by_title[""]
    assert any("題名" in p for p in blank.problems)
    assert any("版次" in p for p in blank.problems)
    assert "羊皮紙" in " ".join(by_title["載體錯"].problems)
    assert by_title["同檔重複一"].ok
    assert "第 8 列" in " ".join(by_title["同檔重複二"].problems) or \
        "第 7 列" in " ".join(by_title["同檔重複二"].problems)
    assert [r.title for r in plan.importable] == ["好的書", "同檔重複一"]
    with db.session() as session:
        ids = apply_import(session, plan)
    assert len(ids) == 2
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Publication)) == 3


@pytest.mark.parametrize(("text", "expected"), [
    ("115年8月", (2026, 8)), ("115/08", (2026, 8)), ("2026-08", (2026, 8)),
    ("民國 114 年 12 月", (2025, 12)), ("2026年", (2026, None)), ("", (None, None)),
    ("2026-08-01 00:00:00", (2026, 8)),
])
def test_year_months_as_people_write_them(text: str, expected: tuple[int | None, ...]) -> None:
    year, month, problem = parse_year_month(text)
    assert (year, month) == expected
    assert problem == ""


def test_an_unreadable_year_month_is_said() -> None:
    assert "看不懂" in parse_year_month("去年夏天")[2]


def test_formulas_in_titles_stay_text(db: Database, unit_id: int, tmp_path: Path) -> None:
    add_book(db, unit_id, "=HYPERLINK(\"http://x\",\"點我\")", gpn=None)
    with db.session() as session:
        export_publications(session, tmp_path / "out.xlsx")
    sheet = load_workbook(tmp_path / "out.xlsx").active
    assert sheet is not None
    title_column = HEADERS.index("題名") + 1
    cell = sheet.cell(2, title_column)
    assert cell.data_type == "s"
    assert cell.value == "=HYPERLINK(\"http://x\",\"點我\")"


def test_not_an_excel_file(db: Database, tmp_path: Path) -> None:
    bad = tmp_path / "list.xlsx"
    bad.write_text("題名,GPN\n", encoding="utf-8")
    with db.session() as session, pytest.raises(PubDeskError, match="不是 Excel 活頁簿"):
        plan_import(session, bad)


def test_missing_required_columns_stop_the_file(db: Database, tmp_path: Path) -> None:
    path = write_sheet(tmp_path / "x.xlsx", [{"題名": "書"}], headers=["題名", "備忘"])
    with db.session() as session:
        plan = plan_import(session, path)
    assert plan.rows == []
    assert "出版機關" in plan.file_problems[0]


def test_command_line_dry_run_then_import(db: Database, unit_id: int, tmp_path: Path,
                                         locations: Locations,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    add_book(db, unit_id, "原有的書", gpn=None)
    with db.session() as session:
        unit = session.scalars(select(Publication)).one().unit.full_name
    path = write_sheet(tmp_path / "in.xlsx", [{"出版機關": unit, "題名": "新書一"},
                                              {"出版機關": unit, "題名": "新書二", "頁數": "很多"}])
    db.dispose()
    args = ["--data-dir", str(locations.data_dir), "--db", locations.database_url]
    assert cli_main([*args, "import-publications", str(path), "--dry-run"]) == 1
    said = capsys.readouterr().out
    assert "1 列可匯入，1 列有問題" in said
    assert cli_main([*args, "import-publications", str(path)]) == 1  # a bad row: nothing
    assert cli_main([*args, "import-publications", str(path), "--skip-bad-rows"]) == 0
    assert cli_main([*args, "export-publications", str(tmp_path / "out.xlsx")]) == 0
    assert "已匯出 2 筆" in capsys.readouterr().out


def test_an_edition_of_zero_is_refused_not_taken_as_the_first(db: Database, unit_id: int,
                                                              tmp_path: Path) -> None:
    with db.session() as session:
        unit = session.get(PublishingUnit, unit_id)
        assert unit is not None
        path = write_sheet(tmp_path / "z.xlsx", [{"出版機關": unit.full_name, "題名": "零版",
                                                   "版次": "0"},
                                                  {"出版機關": unit.full_name, "題名": "空版次"}])
        plan = plan_import(session, path)
    zero, empty = plan.rows
    assert any("版次" in p for p in zero.problems)
    assert empty.ok
    assert empty.data is not None
    assert empty.data.edition == 1


HOSTILE_TITLES = ["=1+1", "=cmd|' /C calc'!A0", "_x0041_ 不是 A", "𠀋𡘙𪚥的產業史",
                  "造字\U000f0001測試", "引號\"與<角括號>&", "長" * 300]


def test_the_round_trip_is_exact_for_reprints_hostile_texts_and_an_empty_database(
        db: Database, tmp_path: Path, locations: Locations) -> None:
    """Export → import into a database with no unit at all: every exported column comes
    back, the reprints (same GPN and ISBN, as 由此新增 → 再刷 makes them) import as reprints
    linked to their first printing, units are created from the file."""
    from app.models import CipStatus, PublicationRelation, RelationKind
    from app.services.publications import copy_publication, publication_data, update_publication

    if not locations.database_url.startswith("sqlite"):
        pytest.skip("the second, empty database is a SQLite file; PostgreSQL covers the first")
    build_sample(db)
    with db.session() as session:
        unit = session.scalars(select(PublishingUnit)).first()
        assert unit is not None
        unit_id = unit.id
    first = add_book(db, unit_id, "再刷的書", gpn="1011500999", isbn="9789860000016",
                     audience="一般大眾", online_url="https://example.gov.tw/b",
                     cip_status=CipStatus.RECEIVED,
                     cip_text="國家圖書館出版品預行編目（CIP）資料\n552.33　115012345\n面；　公分")
    with db.session() as session:
        second = copy_publication(session, first, RelationKind.REPRINT_OF).id
        third = copy_publication(session, second, RelationKind.REPRINT_OF).id
    for title in HOSTILE_TITLES:
        add_book(db, unit_id, title, gpn=None, summary="第一段\n\n　第二段  ")
    with db.session() as session:
        data, version = publication_data(session, third)
        data.online_registered = True
        update_publication(session, third, data, expected_version=version)
        exported = export_publications(session, tmp_path / "list.xlsx")
    empty = open_database(resolve_locations(tmp_path / "empty", environ={}))
    try:
        with empty.session() as session:
            plan = plan_import(session, tmp_path / "list.xlsx")
            assert plan.missing_units
            assert not plan.importable
            plan = plan_import(session, tmp_path / "list.xlsx", create_units=True)
            assert plan.rejected == [], [(r.title, r.problems) for r in plan.rejected]
            assert len(apply_import(session, plan)) == exported
        assert comparable(empty) == comparable(db)
        with empty.session() as session:
            reprints = session.scalars(select(PublicationRelation).where(
                PublicationRelation.kind == RelationKind.REPRINT_OF)).all()
            by_id = {p.id: p for p in session.scalars(select(Publication))}
            pairs = sorted((by_id[r.source_id].printing, by_id[r.target_id].printing)
                           for r in reprints if by_id[r.source_id].title == "再刷的書")
            assert pairs == [(2, 1), (3, 1)]
            # the same list again: every row is already there, nothing is doubled
            again = plan_import(session, tmp_path / "list.xlsx", create_units=True)
            assert again.importable == []
            assert all("已在資料庫中" in " ".join(r.problems) or "已用於" in " ".join(r.problems)
                       or not (r.data and (r.data.gpn or r.data.isbn)) for r in again.rows)
    finally:
        empty.dispose()


def test_an_unrelated_book_with_a_taken_number_is_still_refused(
        db: Database, unit_id: int, tmp_path: Path) -> None:
    """§4(二): only a reprint of the same work may share a GPN/ISBN."""
    add_book(db, unit_id, "原來的書", gpn="1011500057")
    with db.session() as session:
        unit = session.scalars(select(PublishingUnit)).one().full_name
    path = write_sheet(tmp_path / "in.xlsx", [
        {"出版機關": unit, "題名": "原來的書", "GPN": "1011500057", "刷次": 2},
        {"出版機關": unit, "題名": "別的書", "GPN": "1011500057"},
        {"出版機關": unit, "題名": "原來的書", "GPN": "1011500057", "版次": 2},
    ])
    with db.session() as session:
        plan = plan_import(session, path)
    results = [(r.title, r.ok) for r in plan.rows]
    assert results == [("原來的書", True), ("別的書", False), ("原來的書", False)]
