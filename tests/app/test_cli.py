import sqlite3
from datetime import date
from pathlib import Path

import pytest

from app import __version__
from app.cli import main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_db_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "ws"
    assert main(["--data-dir", str(data), "db", "where"]) == 0
    assert str(data) in capsys.readouterr().out
    assert main(["--data-dir", str(data), "db", "upgrade"]) == 0
    assert "已建立新的資料庫" in capsys.readouterr().out
    assert main(["--data-dir", str(data), "db", "upgrade"]) == 0
    assert "最新版" in capsys.readouterr().out
    assert main(["--data-dir", str(data), "db", "backup"]) == 0
    backup = Path(capsys.readouterr().out.split("已備份到 ")[1].strip())
    assert backup.exists()
    assert main(["--data-dir", str(data), "db", "backups"]) == 0
    assert backup.name in capsys.readouterr().out
    assert main(["--data-dir", str(data), "db", "restore", str(backup)]) == 0
    assert "已從" in capsys.readouterr().out


def test_db_upgrade_says_what_it_did_and_names_its_backup(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.db.migrate import upgrade

    data = tmp_path / "ws"
    data.mkdir()
    upgrade("sqlite:///" + (data / "pubdesk.sqlite3").as_posix(), target="0006")
    assert main(["--data-dir", str(data), "db", "upgrade"]) == 0
    said = capsys.readouterr().out
    assert "從 0006 版升級到" in said
    backup = Path(said.split("升級前的備份：")[1].strip())
    assert backup.exists()
    assert "before-upgrade-0006" in backup.name


def test_db_restore_replaces_a_damaged_database(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "ws"
    assert main(["--data-dir", str(data), "db", "backup"]) == 0
    backup = Path(capsys.readouterr().out.split("已備份到 ")[1].strip())
    (data / "pubdesk.sqlite3").write_bytes(b"")
    assert main(["--data-dir", str(data), "db", "where"]) == 0
    assert main(["--data-dir", str(data), "db", "backup"]) == 1
    assert "0 位元組" in capsys.readouterr().err
    assert main(["--data-dir", str(data), "db", "restore", str(backup)]) == 0
    assert "損壞的資料庫檔案已移到" in capsys.readouterr().out
    assert main(["--data-dir", str(data), "db", "upgrade"]) == 0
    assert "最新版" in capsys.readouterr().out


def test_errors_are_messages_not_tracebacks(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "ws"
    assert main(["--data-dir", str(data), "db", "upgrade"]) == 0
    with sqlite3.connect(data / "pubdesk.sqlite3") as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'zzzz'")
    conn.close()
    assert main(["--data-dir", str(data), "db", "upgrade"]) == 1
    assert "較新版本" in capsys.readouterr().err
    assert main(["--data-dir", str(data), "db", "restore", str(tmp_path / "nope")]) == 1


def test_global_options_come_from_the_environment(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PUBDESK_DATA_DIR", str(tmp_path / "envdir"))
    assert main(["db", "where"]) == 0
    assert "envdir" in capsys.readouterr().out


def test_demo_writes_every_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", str(tmp_path / "demo")]) == 0
    out = capsys.readouterr().out
    written = [Path(line) for line in out.splitlines() if line.startswith("/")]
    names = {p.name for p in written}
    assert {"圖書授權函.docx", "圖書授權函.pdf", "圖書之利用清單.xlsx", "連續性出版品授權函.pdf",
            "連續性出版品之利用清單.docx", "版權頁.pdf", "版權頁.txt",
            "ISBN-9789860000009.svg", "isbn_cip-1-目次.pdf", "寄存清單.xlsx", "寄存標籤.pdf",
            "寄存函-國家圖書館.docx", "委託統籌展售清單.pdf", "結帳單.xlsx", "庫存表.pdf"} <= names
    assert {"文化部", "國家圖書館.zip", "寄存"} <= names, "one package of each kind"
    assert all(p.exists() and (p.is_dir() or p.stat().st_size > 0) for p in written)
    assert main(["demo", str(tmp_path / "demo")]) == 1, "never over an existing workspace"


def test_the_core_command_line_does_not_open_a_window(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path)]) == 2
    assert "python -m ui" in capsys.readouterr().err
    opened: list[Path] = []
    assert main(["--data-dir", str(tmp_path)],
                start_gui=lambda loc: opened.append(loc.data_dir) or 0) == 0
    assert opened == [tmp_path.resolve()]


def test_export_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "ws"
    assert main(["demo", str(data)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data), "export", "--kind", "deposit", "--publication", "1",
                 "--out", str(tmp_path / "pkg"), "--zip"]) == 0
    assert (tmp_path / "pkg.zip").exists()
    assert main(["--data-dir", str(data), "export", "--kind", "ncl", "--publication", "1",
                 "--out", str(tmp_path / "none")]) == 1
    assert "申請案" in capsys.readouterr().err
    assert main(["--data-dir", str(data), "export", "--kind", "moc", "--publication", "1",
                 "--out", str(tmp_path / "x"), "--override", "bad"]) == 2


def test_the_demo_gives_the_agenda_one_item_of_every_kind(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 13: on the demo, `pubdesk agenda --json --today` a while after its dates lists every
    kind; on the demo's own day nothing that is not due (no confirmation, no settlement)."""
    import json
    from datetime import date

    from app.demo import make_demo
    from app.services.agenda import KINDS

    folder = tmp_path / "demo"
    make_demo(folder, on=date(2026, 11, 30))
    capsys.readouterr()
    assert main(["--data-dir", str(folder), "agenda", "--today", "2027-01-29", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)["items"]
    # Every kind but a shared number: the demo's numbers follow §4(二) (app.services.number_rule).
    assert {item["kind"] for item in items} == set(KINDS) - {"number_shared"}
    assert all({"kind", "publication_id", "label", "due", "urgency", "rule", "action"} <= set(i)
               for i in items)
    assert main(["--data-dir", str(folder), "agenda", "--today", "2026-11-30", "--json"]) == 0
    today = {item["kind"] for item in json.loads(capsys.readouterr().out)["items"]}
    assert "settlement_due" not in today


@pytest.mark.parametrize("argv", [
    [], ["--data-dir", "D"], ["--data-dir=D"], ["--db", "sqlite:///x"], ["--db=sqlite:///x"],
    ["--data-dir", "D", "--db", "U"], ["--db", "U", "--data-dir=D"], ["--data-dir", "A", "--data-dir", "B"],
    ["--data-dir=a=b"],
    # Everything else goes to the parser: a command, help, an abbreviation, a missing value.
    ["db", "where"], ["--data-dir", "D", "agenda"], ["--help"], ["--version"], ["--data", "D"],
    ["--data-dir"], ["--data-dir", "--db", "U"], ["--unknown"], ["check", "x.pdf"],
])
def test_the_window_start_reads_its_options_as_the_parser_does(argv: list[str]) -> None:
    """The window opens without building the whole parser (`window_options`): it must take
    exactly the command lines the parser would open the window for, with the same values."""
    from app.cli import build_parser, window_options

    quick = window_options(argv)
    try:
        args = build_parser().parse_args(argv)
    except SystemExit:  # help, version or a mistake: the parser's to answer
        assert quick is None
        return
    if args.command is not None:
        assert quick is None
    elif quick is not None:
        assert quick == (args.data_dir, args.db)
    else:  # only an abbreviation the parser accepts may fall through to it
        assert any(not a.startswith(("--data-dir", "--db")) for a in argv), argv


def test_after_the_demo_every_package_kind_builds_without_an_override(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 33 finding 6: the demo's 文化部 package was refused because a sample e-file
    pointed at a file that does not exist, and the refusal offered an override that cannot
    apply. Now each kind builds for the demo publications it is for; the failing cover the
    agenda shows is a real file that really fails, on the book whose consent is still to do;
    a refusal offers an override only for a check, never for a file that cannot be opened."""
    from sqlalchemy import select

    from app.db import open_database
    from app.demo import make_demo
    from app.models import EFile, Publication

    folder = tmp_path / "demo"
    locations, sample = make_demo(folder, on=date(2026, 11, 30))
    capsys.readouterr()
    data = ["--data-dir", str(folder)]
    for kind, ids in (("moc", [*sample.books, sample.serial_id]),
                      ("ncl", [sample.books[1]]), ("deposit", [sample.books[0]])):
        out = tmp_path / f"pkg-{kind}"
        assert main([*data, "export", "--kind", kind, "--publication",
                     *map(str, ids), "--out", str(out)]) == 0, capsys.readouterr().err
        assert out.exists()
    db = open_database(locations)
    try:
        with db.session() as session:
            talent = session.scalar(select(Publication.id).where(
                Publication.title == "產業人才發展報告"))
            cover = session.scalar(select(EFile).where(EFile.publication_id == talent))
            assert cover is not None
            cover_path = Path(cover.path)
    finally:
        db.dispose()
    assert cover_path.exists(), "the demo's failing cover is a real file"
    from app.packages.kinds import ExportRefused
    from app.pdfcheck import Status, check_files

    report = check_files([str(cover_path)])[0]
    assert report.checks["active_content"].status is Status.FAIL, "its 「fail」 is true"
    said = ExportRefused([(str(cover_path), "active_content", "開啟時會執行 JavaScript")]).message
    assert "註明理由後核可例外" in said
    gone = ExportRefused([("/x/封面.pdf", "open", "找不到檔案")]).message
    assert "打不開" in gone
    assert "不能以理由核可" in gone
    assert "註明理由後核可例外" not in gone
