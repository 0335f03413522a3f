"""`pubdesk` — the command line. With no command it starts the GUI.

    pubdesk [--data-dir DIR] [--db URL] [COMMAND …]
    pubdesk --version
    pubdesk db upgrade | backup [--to DIR] | restore FILE | where | backups | verify-audit
    pubdesk db init-server URL | add-login URL LOGIN [--role R] [--password-stdin]
    pubdesk db set-password URL LOGIN | set-role URL LOGIN --role R | disable-login URL LOGIN
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import __version__, messages
from app.errors import DatabaseDamagedError, PubDeskError, ValidationError
from app.paths import Locations, resolve_locations

if TYPE_CHECKING:
    import argparse

WINDOW_OPTIONS = ("--data-dir", "--db")
"""The global options that may come without a command (the window then opens)."""


def window_options(argv: Sequence[str]) -> tuple[str | None, str | None] | None:
    """(data folder, database URL) when `argv` holds nothing but the options of
    WINDOW_OPTIONS, each with its value — the window opens without building the whole parser
    (argparse and every command: 7 ms of each start); None for anything else, which the parser
    decides (a command, --help, an abbreviation, a mistake). A test checks that the two
    agree."""
    found: dict[str, str | None] = dict.fromkeys(WINDOW_OPTIONS)
    index = 0
    while index < len(argv):
        name, equals, value = argv[index].partition("=")
        if name not in found:
            return None
        if not equals:
            if index + 1 >= len(argv) or argv[index + 1].startswith("-"):
                return None
            index += 1
            value = argv[index]
        found[name] = value
        index += 1
    return found["--data-dir"], found["--db"]


def _add_db_commands(commands: Any) -> None:
    """`pubdesk db …`: the workspace database, and the office server with its logins."""
    db = commands.add_parser("db", help="資料庫：升級、備份、還原、位置")
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db_commands.add_parser("upgrade", help="將資料庫結構升級到最新版（升級前自動備份）")
    backup = db_commands.add_parser("backup", help="立即備份資料庫")
    backup.add_argument("--to", metavar="DIR", help="備份到這個資料夾（預設：資料夾下的 backups）")
    restore = db_commands.add_parser("restore", help="以備份檔取代目前的資料庫（會先備份目前資料）")
    restore.add_argument("file", metavar="FILE")
    db_commands.add_parser("where", help="顯示資料夾與資料庫位置")
    db_commands.add_parser("backups", help="列出備份檔")
    init_server = db_commands.add_parser(
        "init-server", help="在辦公室的 PostgreSQL 伺服器建立資料庫結構與三個角色（承辦人、檢視者、管理者）")
    init_server.add_argument("url", metavar="URL", help="以資料庫擁有者連線的網址")
    stdin_help = "從標準輸入讀一行密碼（給指令稿與資訊人員；不要把密碼寫在命令列上）"
    add_login = db_commands.add_parser("add-login", help="為一位同仁建立登入帳號（需管理者身分）")
    add_login.add_argument("url", metavar="URL", help="以管理者連線的網址（密碼可由 PGPASSWORD 或 .pgpass 提供）")
    add_login.add_argument("login", metavar="LOGIN")
    add_login.add_argument("--role", choices=["officer", "viewer", "admin"], default="officer")
    add_login.add_argument("--password-stdin", action="store_true", help=stdin_help)
    set_password = db_commands.add_parser("set-password", help="重設一位同仁的密碼（需管理者身分）")
    set_password.add_argument("url", metavar="URL", help="以管理者連線的網址")
    set_password.add_argument("login", metavar="LOGIN")
    set_password.add_argument("--password-stdin", action="store_true", help=stdin_help)
    set_role = db_commands.add_parser("set-role", help="改變一位同仁的角色（需管理者身分）")
    set_role.add_argument("url", metavar="URL", help="以管理者連線的網址")
    set_role.add_argument("login", metavar="LOGIN")
    set_role.add_argument("--role", choices=["officer", "viewer", "admin"], required=True)
    disable = db_commands.add_parser("disable-login", help="停用一位同仁的帳號（紀錄保留；需管理者身分）")
    disable.add_argument("url", metavar="URL", help="以管理者連線的網址")
    disable.add_argument("login", metavar="LOGIN")
    verify = db_commands.add_parser("verify-audit", help="檢查異動紀錄的雜湊鏈是否完整（找出第一個斷點）")
    verify.add_argument("--json", action="store_true", help="以 JSON 輸出")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (global options before the command)."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="pubdesk", description="PubDesk 政府出版品工作台")
    parser.add_argument("--version", action="version", version=f"PubDesk {__version__}")
    parser.add_argument(WINDOW_OPTIONS[0], metavar="DIR",
                        help="資料夾（資料庫、備份、設定）；預設為使用者資料夾，或 PUBDESK_DATA_DIR")
    parser.add_argument(WINDOW_OPTIONS[1], metavar="URL",
                        help="資料庫網址（SQLAlchemy URL）；預設為資料夾中的 SQLite，或 PUBDESK_DB")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    _add_db_commands(commands)

    from app.pdfcheck.cli import add_arguments as add_check_arguments

    add_check_arguments(commands)
    export = commands.add_parser("export", help="匯出送交包（文化部、國家圖書館、寄存）")
    export.add_argument("--kind", choices=["moc", "ncl", "deposit"], required=True)
    export.add_argument("--publication", type=int, nargs="+", required=True, metavar="ID")
    export.add_argument("--out", required=True, metavar="PATH")
    export.add_argument("--zip", action="store_true", help="輸出 ZIP 檔而非資料夾")
    export.add_argument("--override", action="append", default=[], metavar="檔名:檢查:理由",
                        help="核可某檔案某項檢查不符合，並寫明理由（可重複）；檔名用拒絕訊息列出的"
                             "送交包內名稱（只有一個檔案叫這個名字時，也可只寫檔名）")
    agenda = commands.add_parser("agenda", help="待辦事項：逾期、即將到期與待辦")
    agenda.add_argument("--today", metavar="YYYY-MM-DD", help="以這一天計算（預設：今天）")
    agenda.add_argument("--json", action="store_true", help="輸出 JSON：{\"items\": [...]}")
    demo = commands.add_parser("demo", help="在指定資料夾建立範例工作區，並產生所有文件到 output/")
    demo.add_argument("folder", metavar="DIR")
    import_list = commands.add_parser(
        "import-publications",
        help="從 Excel（.xlsx）或 ODF 試算表（.ods）清單匯入出版品：先檢查每一列，全部可匯入才寫入")
    import_list.add_argument("file", metavar="FILE.xlsx|FILE.ods")
    import_list.add_argument("--dry-run", action="store_true", help="只檢查並列出結果，不寫入")
    import_list.add_argument("--skip-bad-rows", action="store_true",
                             help="有問題的列略過，其餘照樣匯入")
    import_list.add_argument("--sheet", metavar="NAME", help="要匯入的工作表（有幾個工作表都有清單時）")
    import_list.add_argument("--create-units", action="store_true",
                             help="清單中尚未設定的出版機關，匯入時一併新增")
    export_list = commands.add_parser("export-publications", help="把所有出版品匯出成 Excel 清單（.xlsx）")
    export_list.add_argument("file", metavar="FILE.xlsx")
    commands.add_parser("numbers-shared",
                        help="列出被不相干的出版品共用的 GPN／ISBN／ISSN／ISRC（規則生效前存入的）")
    about = commands.add_parser("about", help="這台電腦上的 PubDesk：版本、資料夾、文件字型、介面語言檔")
    about.add_argument("--json", action="store_true", help="輸出 JSON")
    return parser


def _run_demo(args: argparse.Namespace) -> int:
    from app.demo import make_demo

    folder = Path(args.folder)
    if (folder / "pubdesk.sqlite3").exists():
        print(f"錯誤：{folder} 已經有資料庫，請指定一個新的資料夾。", file=sys.stderr)
        return 1
    locations, sample = make_demo(folder)
    for path in sample.outputs:
        print(path)
    print(f"範例工作區已建立。以 pubdesk --data-dir {locations.data_dir} 開啟。")
    return 0


OFFICE_COMMANDS = ("init-server", "add-login", "set-password", "set-role", "disable-login")


def _new_password(args: argparse.Namespace) -> str:
    """The new password: one line of standard input with --password-stdin, else asked twice
    at a prompt that does not echo — never an argument (process lists and shell history keep
    those)."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    import getpass

    first = getpass.getpass(f"{args.login} 的新密碼（至少 10 字元）：")
    if getpass.getpass("再輸入一次：") != first:
        raise ValidationError.single("password", messages.PASSWORDS_DIFFER)
    return first


def _run_office(args: argparse.Namespace) -> int:
    """Setting up the office's PostgreSQL database and its logins."""
    from app.db import office

    if args.db_command == "init-server":
        for line in office.init_server(args.url):
            print(line)
        return 0
    if args.db_command == "add-login":
        office.add_login(args.url, args.login, _new_password(args), f"pubdesk_{args.role}")
        print(f"已建立帳號 {args.login}（{office.ROLES[f'pubdesk_{args.role}']}）。")
    elif args.db_command == "set-password":
        office.set_password(args.url, args.login, _new_password(args))
        print(f"已重設 {args.login} 的密碼。")
    elif args.db_command == "set-role":
        office.set_group(args.url, args.login, f"pubdesk_{args.role}")
        print(f"{args.login} 現在是{office.ROLES[f'pubdesk_{args.role}']}。")
    elif args.db_command == "disable-login":
        office.disable_login(args.url, args.login)
        print(f"已停用帳號 {args.login}；它的異動紀錄都保留。")
    return 0


def _run_verify_audit(args: argparse.Namespace, locations: Locations) -> int:
    """`db verify-audit`: walk the hash chain and this PC's anchors; 0 when intact."""
    import json

    from app.db import audit_chain, open_database

    db = open_database(locations, seed=False)
    try:
        anchors = audit_chain.load_anchors(locations.data_dir, db.url)
        with db.engine.connect() as conn:
            report = audit_chain.verify(conn, anchors)
            if report.intact:
                audit_chain.remember_head(conn, locations.data_dir, db.url)
    finally:
        db.dispose()
    broken = report.broken
    if args.json:
        print(json.dumps({
            "intact": report.intact, "entries": report.entries, "head_id": report.head_id,
            "head_hash": report.head_hash, "anchors_checked": report.anchors_checked,
            "first_broken": None if broken is None else {"entry_id": broken.entry_id,
                                                         "problem": broken.problem},
        }, ensure_ascii=False, indent=2))
    elif broken is None:
        print(messages.AUDIT_INTACT.format(count=f"{report.entries:,}",
                                           anchors=report.anchors_checked))
    else:
        print(messages.AUDIT_BROKEN.format(entry=broken.entry_id,
                                           problem=messages.AUDIT_PROBLEMS[broken.problem]))
    return 0 if report.intact else 1


def _run_db(args: argparse.Namespace, locations: Locations) -> int:
    from app.db import make_backup, open_database, restore_database
    from app.db.backup import list_backups
    from app.db.engine import shown_url

    if args.db_command == "where":
        print(f"資料夾：{locations.data_dir}")
        print(f"資料庫：{shown_url(locations.database_url)}")
        print(f"備份：{locations.backup_dir}")
        return 0
    if args.db_command in OFFICE_COMMANDS:
        return _run_office(args)
    if args.db_command == "verify-audit":
        return _run_verify_audit(args, locations)
    if args.db_command == "backups":
        folder = locations.backup_dir
        files = list_backups(folder)
        for path in files:
            print(f"{path.name}\t{path.stat().st_size:,} bytes")
        if not files:
            print(f"{folder} 中沒有備份。")
        return 0
    before = None
    if args.db_command == "upgrade":
        from app.db.engine import sqlite_file
        from app.db.migrate import needs_upgrade

        file = sqlite_file(locations.database_url)
        if file is None or (file.exists() and file.stat().st_size > 0):
            before, _behind = needs_upgrade(locations.database_url)
    try:
        db = open_database(locations)
    except DatabaseDamagedError:
        if args.db_command != "restore":
            raise
        from app.db.open import replace_broken_database

        kept = replace_broken_database(locations, Path(args.file))
        open_database(locations).dispose()
        print(f"已從 {args.file} 還原。損壞的資料庫檔案已移到 {kept}，請留給資訊人員檢查。")
        return 0
    try:
        for warning in db.warnings:
            print(f"注意：{warning}", file=sys.stderr)
        if args.db_command == "upgrade":
            from app.db.migrate import HEAD_REVISION

            if before == HEAD_REVISION:
                print(messages.UP_TO_DATE.format(revision=HEAD_REVISION))
            elif before is None:
                print(messages.NEW_DATABASE.format(new=HEAD_REVISION))
            else:
                print(messages.UPGRADED.format(old=before, new=HEAD_REVISION,
                                               backup=db.upgrade_backup))
        elif args.db_command == "backup":
            target = Path(args.to) if args.to else locations.backup_dir
            print(f"已備份到 {make_backup(db, target)}")
        elif args.db_command == "restore":
            safety = restore_database(db, Path(args.file), locations)
            print(f"已從 {args.file} 還原。還原前的資料已另存為 {safety}。")
    finally:
        db.dispose()
    return 0


GuiStarter = Callable[[Locations], int]
AboutCommand = Callable[[Locations, bool], int]


def main(argv: Sequence[str] | None = None, start_gui: GuiStarter | None = None,
         about: AboutCommand | None = None) -> int:
    """Entry point of the command line; returns the exit status.

    The GUI lives in `ui`, which the core never imports: `ui.launcher` passes `start_gui`,
    so `pubdesk` with no command opens the window, while `python -m app` is the CLI alone.
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["read-sheet"]:  # internal: the bounded reader of a list to import
        from app.intake.child import main as read_sheet

        return read_sheet(arguments[1:])
    window = window_options(arguments)
    if window is not None and start_gui is not None:
        try:
            return start_gui(resolve_locations(*window))
        except PubDeskError as exc:
            print(f"錯誤：{exc.message}", file=sys.stderr)
            return 1
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command in ("check", "check-one", "check-serve"):
            return _run_file_command(args)
        locations = resolve_locations(args.data_dir, args.db)
        if args.command is None:
            if start_gui is None:
                print("這是命令列模式；要開啟視窗請執行 pubdesk（或 python -m ui）。指令說明：pubdesk --help",
                      file=sys.stderr)
                return 2
            return start_gui(locations)
        if args.command == "db":
            return _run_db(args, locations)
        if args.command == "demo":
            return _run_demo(args)
        if args.command == "agenda":
            return _run_agenda(args, locations)
        if args.command in ("import-publications", "export-publications"):
            return _run_publication_list(args, locations)
        if args.command == "numbers-shared":
            return _run_numbers_shared(locations)
        if args.command == "about":
            if about is None:
                print("about 需要視窗程式的模組（請執行 pubdesk about，而非 python -m app about）。",
                      file=sys.stderr)
                return 2
            return about(locations, args.json)
        if args.command == "export":
            return _run_export(args, locations)

    except PubDeskError as exc:
        print(f"錯誤：{exc.message}", file=sys.stderr)
        return 1
    parser.error(f"不認得的指令：{args.command}")
    return 2


def _run_numbers_shared(locations: Locations) -> int:
    """`numbers-shared`: each number unrelated records share, with the records; exit 1 when
    there are any (for a script that checks a workspace)."""
    from app.db import open_database
    from app.services.number_rule import holder_label, shared_numbers

    db = open_database(locations)
    try:
        with db.session() as session:
            shared = shared_numbers(session)
            for number in shared:
                print(f"{number.label} {number.value}：")
                for holder in number.holders:
                    print(f"  {holder_label(holder)}")
    finally:
        db.dispose()
    print(f"共 {len(shared)} 個號碼被不相干的出版品共用。" if shared else "沒有號碼被不相干的出版品共用。")
    return 1 if shared else 0


def _run_publication_list(args: argparse.Namespace, locations: Locations) -> int:
    """`import-publications FILE [--dry-run] [--skip-bad-rows]`, `export-publications FILE`."""
    from app.db import open_database
    from app.services.publication_lists import apply_import, export_publications, plan_import

    db = open_database(locations)
    try:
        if args.command == "export-publications":
            with db.session() as session:
                count = export_publications(session, Path(args.file))
            print(f"已匯出 {count} 筆出版品到 {args.file}。")
            return 0
        with db.session() as session:
            plan = plan_import(session, Path(args.file), sheet=args.sheet,
                               create_units=args.create_units)
            for line in plan.file_problems:
                print(f"檔案：{line}", file=sys.stderr)
            if plan.file_problems and not plan.rows:
                return 1
            for line in plan.notes:
                print(f"說明：{line}")
            for row in plan.rows:
                mark = "可匯入" if row.ok else "不匯入"
                said = "；".join(row.problems + row.warnings)
                print(f"第 {row.row_number} 列　{mark}　{row.title}" + (f"　{said}" if said else ""))
            good, bad = len(plan.importable), len(plan.rejected)
            print(f"共 {len(plan.rows)} 列：{good} 列可匯入，{bad} 列有問題。")
            if args.dry_run:
                print("（--dry-run：沒有寫入任何資料。）")
                return 0 if not bad and not plan.file_problems else 1
            if (bad and not args.skip_bad_rows) or (plan.file_problems and not plan.rows):
                print("沒有寫入任何資料。請修正上列問題，或加上 --skip-bad-rows 只匯入沒有問題的列。",
                      file=sys.stderr)
                return 1
            ids = apply_import(session, plan)
        print(f"已匯入 {len(ids)} 筆出版品。")
        return 0
    finally:
        db.dispose()


def _run_agenda(args: argparse.Namespace, locations: Locations) -> int:
    import json
    from datetime import date

    from app.db import open_database
    from app.services.agenda import Thresholds, agenda
    from app.settings import load_settings

    try:
        today = date.fromisoformat(args.today) if args.today else date.today()
    except ValueError:
        print(f"錯誤：--today 應寫成 YYYY-MM-DD，收到「{args.today}」。", file=sys.stderr)
        return 2
    db = open_database(locations)
    try:
        with db.session() as session:
            items = agenda(session, today, Thresholds.of(load_settings(locations.settings_file)))
    finally:
        db.dispose()
    if args.json:
        keys = ("kind", "publication_id", "label", "due", "urgency", "rule", "action")
        json.dump({"items": [{k: item.to_json()[k] for k in keys} for item in items]},
                  sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    if not items:
        print(f"{today}：沒有待辦事項。")
    for item in items:
        due = f"（期限 {item.due}）" if item.due else ""
        print(f"[{item.urgency.label}] {item.kind_label}｜{item.label}{due}｜{item.rule}｜{item.action}")
    return 0


def _run_export(args: argparse.Namespace, locations: Locations) -> int:
    from app.db import open_database
    from app.documents.editable import EditableFormats
    from app.packages.kinds import ExportRefused, Override, build_package
    from app.settings import load_settings

    overrides = []
    for text in args.override:
        parts = text.split(":", 2)
        if len(parts) != 3 or not parts[2].strip():
            print(f"錯誤：--override 應寫成「檔名:檢查項目:理由」，收到「{text}」。", file=sys.stderr)
            return 2
        overrides.append(Override(*parts))
    db = open_database(locations)
    try:
        with db.session() as session:
            target = build_package(
                session, args.kind, args.publication, Path(args.out), args.zip, overrides,
                formats=EditableFormats.of(load_settings(locations.settings_file)))
    except ExportRefused as exc:
        print(f"未匯出：{exc.message}", file=sys.stderr)
        for path, check, message in exc.failures:  # named as --override takes them
            print(f"  {exc.package_names.get(path, Path(path).name)}:{check}  {message}",
                  file=sys.stderr)
        return 1
    finally:
        db.dispose()
    print(f"送交包已建立：{target}")
    return 0


def _run_file_command(args: argparse.Namespace) -> int:
    """Commands on files that need no database (and must not create one)."""
    from app.pdfcheck.cli import run_check, run_check_one, run_check_serve

    runner = {"check": run_check, "check-one": run_check_one, "check-serve": run_check_serve}
    return runner[args.command](args)
