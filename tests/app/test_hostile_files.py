"""Files from outside cost neither data nor the machine (issue 28): every hostile spreadsheet
ends in a sentence naming the limit, nothing is written, and the reading child stays within
its memory bound — measured, for the bombs, with getrusage over a real `pubdesk` run."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from app.db import Database
from app.intake.child import ReadCancelled, read_table_bounded
from app.intake.limits import LIMITS, LimitExceeded, Limits
from app.intake.table import read_table
from app.models import Publication
from app.services.publication_lists import plan_import
from tests import hostile_files as hostile

ROOT = Path(__file__).resolve().parents[2]
REQUIRED = ["出版機關", "題名"]
PEAK_MB = 300
"""The issue's bound for any import, whatever the file."""


def _publications(db: Database) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(Publication)) or 0)


def run_measured(tmp_path: Path, *args: str) -> tuple[int, str, float, float]:
    """`pubdesk ARGS` in a child; its exit code, stderr, seconds and the peak RSS (MB) of it
    and every process it started (the bounded reader included), by getrusage."""
    probe = (
        "import resource, subprocess, sys, time, json\n"
        "t = time.monotonic()\n"
        "r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(json.dumps([r.returncode, r.stderr + r.stdout, time.monotonic() - t, peak]))\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("PUBDESK_DB", None)
    result = subprocess.run(
        [sys.executable, "-c", probe, sys.executable, "-m", "app", "--data-dir",
         str(tmp_path / "data"), *args], capture_output=True, text=True, env=env, timeout=300,
        check=True)
    code, output, seconds, peak = json.loads(result.stdout)
    return int(code), str(output), float(seconds), float(peak)


# ------------------------------------------------------------------ bombs, through the CLI

BOMBS = {
    "shared_1GiB": (hostile.shared_text_bomb, "解壓後有 1.0 GB"),
    "shared_300MiB": (lambda p: hostile.shared_text_bomb(p, 300), "壓縮炸彈"),
    "inline_1GiB": (hostile.inline_text_bomb, "解壓後有 1.0 GB"),
    "empty_rows_20M": (hostile.empty_rows, "壓縮炸彈"),
}


@pytest.mark.parametrize("kind", sorted(BOMBS))
def test_a_bomb_is_refused_with_its_limit_named_within_the_memory_bound(
        tmp_path: Path, kind: str) -> None:
    make, said = BOMBS[kind]
    bomb = make(tmp_path / f"{kind}.xlsx")
    assert bomb.stat().st_size < 2_000_000  # a small file, as it arrives by e-mail
    code, output, seconds, peak = run_measured(tmp_path, "import-publications", str(bomb))
    assert code == 1
    assert said in output, output
    assert "沒有匯入任何資料" in output
    assert "Traceback" not in output
    assert peak < PEAK_MB, f"{kind}: peak {peak:.0f} MB"
    print(f"{kind}: {seconds:.2f} s, peak {peak:.0f} MB")  # for the before/after table


def test_a_file_that_lies_about_its_dimension_is_read_by_what_it_holds(tmp_path: Path) -> None:
    """<dimension ref="A1:XFD1048576"> with one cell at the very end: done at once."""
    code, output, seconds, peak = run_measured(
        tmp_path, "import-publications", str(hostile.dimension_lie(tmp_path / "d.xlsx")),
        "--dry-run")
    assert code == 1
    assert "找不到欄名列" in output, output
    assert peak < PEAK_MB
    assert seconds < LIMITS.seconds


def test_counting_rows_never_trusts_the_file(tmp_path: Path) -> None:
    """With the ratio check out of the way, the row count stops the same file."""
    bomb = hostile.empty_rows(tmp_path / "rows.xlsx", 2_000_000)
    limits = Limits(ratio=10**9)
    with pytest.raises(LimitExceeded) as refused:
        read_table(bomb, REQUIRED, limits=limits)
    assert refused.value.limit == "rows"
    assert "超過 1,048,576 列" in refused.value.message


def test_more_data_rows_than_the_bound_is_refused(tmp_path: Path) -> None:
    rows = [hostile.row(1, REQUIRED)] + [hostile.row(n, ["經濟部", f"書{n}"])
                                         for n in range(2, 60)]
    path = hostile.write_xlsx(tmp_path / "many.xlsx",
                              [("清單", "visible", hostile.sheet_xml(rows))])
    with pytest.raises(LimitExceeded) as refused:
        read_table(path, REQUIRED, limits=Limits(data_rows=50))
    assert refused.value.limit == "data_rows"


def test_entities_are_never_expanded(tmp_path: Path) -> None:
    with pytest.raises(LimitExceeded) as refused:
        read_table(hostile.billion_laughs(tmp_path / "laughs.xlsx"), REQUIRED)
    assert refused.value.limit == "doctype"
    assert "DOCTYPE" in refused.value.message


def test_a_control_character_entity_is_a_sentence_not_a_traceback(tmp_path: Path) -> None:
    with pytest.raises(LimitExceeded) as refused:
        read_table(hostile.control_character(tmp_path / "ctl.xlsx"), REQUIRED)
    assert "控制字元" in refused.value.message
    assert "第 1 行" in refused.value.message


@pytest.mark.parametrize(("make", "said"), [
    (hostile.encrypted_ooxml, "設有開啟密碼"),
    (hostile.encrypted_ods, "設有開啟密碼"),
    (hostile.old_xls, "舊版 Excel 檔（.xls）"),
])
def test_password_protected_and_old_files_are_called_what_they_are(
        tmp_path: Path, make: object, said: str) -> None:
    path = make(tmp_path / "locked.xlsx")  # type: ignore[operator]
    with pytest.raises(LimitExceeded) as refused:
        read_table(path, REQUIRED)
    assert said in refused.value.message
    assert "zip" not in refused.value.message.lower()


def _good_workbook(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(REQUIRED)
    for n in range(200):
        sheet.append(["經濟部", f"書名{n}" * 5])
    book.save(path)
    return path


@pytest.mark.parametrize("damage", ["truncated", "lying_sizes", "not_a_zip"])
def test_damaged_files_are_refused_in_words(tmp_path: Path, damage: str) -> None:
    good = _good_workbook(tmp_path / "good.xlsx")
    target = tmp_path / "bad.xlsx"
    if damage == "truncated":
        hostile.truncated(good, target)
    elif damage == "lying_sizes":
        hostile.lying_sizes(good, target)
    else:
        target.write_text("出版機關,題名\n經濟部,書\n", encoding="utf-8")
    with pytest.raises(LimitExceeded) as refused:
        read_table(target, REQUIRED)
    assert "沒有匯入任何資料" in refused.value.message
    assert not any(word in refused.value.message for word in ("Error", "zip file", "CRC"))


def test_ods_repeats_are_counted_not_expanded(tmp_path: Path) -> None:
    start = time.monotonic()
    with pytest.raises(LimitExceeded) as refused:
        read_table(hostile.ods_repeated_rows(tmp_path / "rows.ods"), REQUIRED)
    assert refused.value.limit == "rows"
    with pytest.raises(LimitExceeded) as many:
        read_table(hostile.ods_repeated_rows(tmp_path / "half.ods", 500_000), REQUIRED)
    assert many.value.limit == "data_rows"
    with pytest.raises(LimitExceeded) as wide:
        read_table(hostile.ods_repeated_columns(tmp_path / "cols.ods"), REQUIRED)
    assert wide.value.limit == "cells"
    assert time.monotonic() - start < 30


@pytest.mark.parametrize("kind", ["ods_rows", "ods_columns"])
def test_ods_bombs_stay_within_the_memory_bound(tmp_path: Path, kind: str) -> None:
    make = hostile.ods_repeated_rows if kind == "ods_rows" else hostile.ods_repeated_columns
    code, output, _seconds, peak = run_measured(
        tmp_path, "import-publications", str(make(tmp_path / f"{kind}.ods")), "--dry-run")
    assert code == 1
    assert "沒有匯入任何資料" in output, output
    assert peak < PEAK_MB, f"{kind}: peak {peak:.0f} MB"


# ------------------------------------------------------------------ the bounded child


def test_the_child_stops_at_its_time_bound(tmp_path: Path) -> None:
    """A legitimate 100,000-row list takes seconds to read: a 0.3 s bound stops it."""
    rows = [hostile.row(1, REQUIRED)] + [
        hostile.row(n, ["經濟部", f"第 {n} 本書 {n * 7919 % 100003}"]) for n in range(2, 100_001)]
    path = hostile.write_xlsx(tmp_path / "big.xlsx",
                              [("清單", "visible", hostile.sheet_xml(rows))])
    with pytest.raises(LimitExceeded) as refused:
        read_table_bounded(path, REQUIRED, limits=Limits(seconds=0.3))
    assert refused.value.limit == "seconds"
    assert "0 秒" in refused.value.message


def test_cancel_ends_the_child_at_once(tmp_path: Path) -> None:
    bomb = hostile.empty_rows(tmp_path / "rows.xlsx", 20_000_000)
    asked = time.monotonic()
    with pytest.raises(ReadCancelled):
        read_table_bounded(bomb, REQUIRED, cancelled=lambda: True)
    assert time.monotonic() - asked < 5


def test_a_child_over_its_memory_bound_is_said_as_such(tmp_path: Path) -> None:
    """12 MB of distinct shared texts (legitimate, held in memory) in a child bounded to
    24 MB: the child fails, the parent says which bound."""
    import random

    letters = "abcdefghijklmnopqrstuvwxyz"
    texts = ("".join(random.choices(letters, k=100)) for _ in range(120_000))
    shared = [f'<?xml version="1.0"?><sst {hostile.NS}>'.encode(),
              *(f"<si><t>{text}</t></si>".encode() for text in texts), b"</sst>"]
    body = hostile.sheet_xml(['<row r="1"><c r="A1" t="s"><v>0</v></c></row>'])
    path = hostile.write_xlsx(tmp_path / "big.xlsx", [("清單", "visible", body)], shared)
    assert read_table(path, REQUIRED).header_row == 0  # fine without the bound
    with pytest.raises(LimitExceeded) as refused:
        read_table_bounded(path, REQUIRED, limits=Limits(memory_mb=24))
    assert refused.value.limit == "memory"
    assert "記憶體" in refused.value.message


# ------------------------------------------------------------------ what the officer sees


def test_the_visible_sheet_wins_over_a_hidden_first_one(tmp_path: Path) -> None:
    hidden = hostile.sheet_xml([hostile.row(1, REQUIRED), hostile.row(2, ["經濟部", "藏起來的書"])])
    shown = hostile.sheet_xml([hostile.row(1, REQUIRED), hostile.row(2, ["經濟部", "看得到的書"])])
    path = hostile.write_xlsx(tmp_path / "two.xlsx", [("舊清單", "hidden", hidden),
                                                     ("清單", "visible", shown)])
    table = read_table(path, REQUIRED)
    assert table.sheet == "清單"
    assert [r.cells[1] for r in table.rows] == ["看得到的書"]


def test_several_visible_lists_ask_which(tmp_path: Path) -> None:
    one = hostile.sheet_xml([hostile.row(1, REQUIRED), hostile.row(2, ["經濟部", "甲"])])
    two = hostile.sheet_xml([hostile.row(1, REQUIRED), hostile.row(2, ["經濟部", "乙"])])
    path = hostile.write_xlsx(tmp_path / "two.xlsx", [("113年", "visible", one),
                                                     ("114年", "visible", two)])
    table = read_table(path, REQUIRED)
    assert table.choices == ["113年", "114年"]
    assert not table.rows
    assert [r.cells[1] for r in read_table(path, REQUIRED, sheet="114年").rows] == ["乙"]


def test_a_title_row_above_the_header_is_normal(db: Database, tmp_path: Path,
                                                unit_id: int) -> None:
    """The usual office list: a merged title, a blank row, then the column names."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["經濟部產業發展署 114年度出版品一覽表"])
    sheet.merge_cells("A1:D1")
    sheet.append([])
    sheet.append(["出版機關", "題 名", "出版年月", "ISBN"])
    sheet.append(["產發署", "臺灣產業白皮書", "114年8月", ""])
    sheet.append(["產發署", "篩選掉的書", "114年9月", ""])
    sheet.row_dimensions[5].hidden = True
    sheet.column_dimensions["C"].hidden = True
    book.save(tmp_path / "office.xlsx")
    with db.session() as session:
        plan = plan_import(session, tmp_path / "office.xlsx")
    assert not plan.file_problems
    assert any("欄名在第 3 列" in note for note in plan.notes)
    assert any("出版年月" in note and "隱藏" in note for note in plan.notes)
    by_title = {r.title: r for r in plan.rows}
    assert by_title["臺灣產業白皮書"].ok
    assert not by_title["篩選掉的書"].ok
    assert "隱藏" in by_title["篩選掉的書"].problems[0]


def test_nothing_is_written_by_a_refused_file(db: Database, tmp_path: Path,
                                              unit_id: int) -> None:
    before = _publications(db)
    for make in (hostile.billion_laughs, hostile.control_character, hostile.encrypted_ooxml):
        path = make(tmp_path / f"{make.__name__}.xlsx")
        with pytest.raises(LimitExceeded), db.session() as session:
            plan_import(session, path)
        assert _publications(db) == before


def test_a_pasted_toc_is_bounded() -> None:
    """A whole book pasted where its TOC belongs is refused in words, before parsing."""
    from app.intake.limits import TOC_PASTE_CHARS
    from app.toc import parse_toc_text

    with pytest.raises(LimitExceeded) as refused:
        parse_toc_text("第一章 緒論 ...... 1\n" * (TOC_PASTE_CHARS // 10))
    assert refused.value.limit == "toc"
    assert "目次沒有更動" in refused.value.message


# ------------------------------------------------------------------ backups to restore


def _sqlite_backup(db: Database, locations: object) -> Path:
    from app.db import make_backup

    if not db.url.startswith("sqlite"):
        pytest.skip("SQLite backups: a server's backup is restored by pg_restore")
    return make_backup(db, locations.backup_dir)  # type: ignore[attr-defined]


def test_a_backup_carrying_a_trigger_of_its_own_is_not_restored(
        db: Database, locations: object, unit_id: int) -> None:
    """A SQLite file edited with another tool: its trigger would run with every save."""
    from app.db import restore_database
    from app.errors import BackupError
    from tests.app.factories import add_book

    add_book(db, unit_id, "留著的書")
    backup = _sqlite_backup(db, locations)
    conn = sqlite3.connect(backup)
    conn.execute("CREATE TRIGGER wipe AFTER INSERT ON publications BEGIN "
                 "DELETE FROM publications; END")
    conn.execute("CREATE VIEW everything AS SELECT * FROM publications")
    conn.commit()
    conn.close()
    add_book(db, unit_id, "之後的書")
    with pytest.raises(BackupError) as refused:
        restore_database(db, backup, locations)  # type: ignore[arg-type]
    assert "trigger wipe" in refused.value.message
    assert "目前的資料庫未被更動" in refused.value.message
    assert _publications(db) == 2


def test_a_restored_backup_gets_pubdesk_s_own_triggers_back(
        db: Database, locations: object, unit_id: int) -> None:
    """A trigger with one of our names but other contents does not survive the restore."""
    from app.db import restore_database
    from tests.app.factories import add_book

    add_book(db, unit_id, "第一本")
    backup = _sqlite_backup(db, locations)
    conn = sqlite3.connect(backup)
    conn.execute("DROP TRIGGER pubdesk_audit_publications_insert")
    conn.execute("CREATE TRIGGER pubdesk_audit_publications_insert AFTER INSERT ON "
                 "publications BEGIN DELETE FROM contributors; END")
    conn.commit()
    conn.close()
    restore_database(db, backup, locations)  # type: ignore[arg-type]
    add_book(db, unit_id, "第二本")
    with db.session() as session:
        from app.models import Contributor

        assert session.scalar(select(func.count()).select_from(Contributor)) == 4
    with db.engine.connect() as connection:
        sql = connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE name = 'pubdesk_audit_publications_insert'"
        ).scalar()
    assert "INSERT INTO audit_log" in str(sql)
