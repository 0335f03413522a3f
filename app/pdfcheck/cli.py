"""`pubdesk check` — the e-file checks from the command line (and `check-one`, the isolated
child the batch runner starts)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

# Only `add_arguments` runs at every start of `pubdesk`; the checker is imported by the
# commands that use it (its bounds are plain figures, without pikepdf).
from app.pdfcheck.bounds import BOUNDS

if TYPE_CHECKING:
    from app.pdfcheck.checks.naming import NamingRule
    from app.pdfcheck.report import FileReport


def add_arguments(commands: Any) -> None:
    """Register `check` and `check-one` on the top-level subparsers."""
    check = commands.add_parser("check", help="檢查 PDF 電子檔是否符合附件三")
    check.add_argument("--profile", choices=["print", "scan"], default="print",
                       help="print：印製用PDF檔（預設）；scan：全文掃描PDF檔")
    check.add_argument("--toc", metavar="TOC.json",
                       help="目次（JSON：[{title, page, children}]），用來比對書籤")
    check.add_argument("--page-offset", type=int, default=0, metavar="N",
                       help="PDF 頁序 = 印刷頁碼 + N")
    check.add_argument("--book", action="store_true", help="檔名規則：圖書（單一檔案）")
    check.add_argument("--serial", metavar="卷:期", help="檔名規則：期刊該卷期的檔案")
    check.add_argument("--json", action="store_true", help="輸出一份 JSON 報告到標準輸出")
    check.add_argument("--timeout", type=float, default=BOUNDS.seconds,
                       help=f"每個檔案的時間上限（秒，預設 {BOUNDS.seconds:g}）")
    check.add_argument("--memory-mb", type=int, default=BOUNDS.memory_mb,
                       help=f"每個檔案檢查時的記憶體上限（MB，預設 {BOUNDS.memory_mb}）")
    check.add_argument("files", nargs="+", metavar="FILE")
    one = commands.add_parser("check-one")
    one.add_argument("options")
    commands.add_parser("check-serve")  # app.pdfcheck.pool: one file per line of stdin


def _load_toc(name: str | None) -> list[dict[str, Any]] | None:
    if not name:
        return None
    try:
        data = json.loads(Path(name).read_text(encoding="utf-8"))
    except OSError as exc:
        from app.os_errors import sentence

        raise SystemExit(sentence(exc, name)) from exc
    except ValueError as exc:
        raise SystemExit(f"目次檔「{name}」不是有效的 JSON（UTF-8）。") from exc
    if not isinstance(data, list):
        raise SystemExit(f"目次檔「{name}」應為 JSON 陣列：[{{\"title\", \"page\", \"children\"}}]")
    return data


def _naming(args: argparse.Namespace) -> NamingRule | None:
    from app.pdfcheck.checks.naming import NamingRule

    if args.book:
        return NamingRule("book")
    if args.serial:
        volume, _sep, number = args.serial.partition(":")
        return NamingRule("serial", volume.strip(), number.strip())
    return None


def _progress_bar(done: int, total: int, text: str) -> None:
    width = 30
    filled = int(width * done / total) if total else width
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {text[:40]:40}")
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def _print_report(report: FileReport) -> None:
    from app.pdfcheck.report import CHECK_TITLES, Status

    marks = {Status.PASS: "✓", Status.FAIL: "✗", Status.WARN: "!", Status.SKIP: "-"}
    print(f"\n{report.path}：{report.verdict.label}")
    if not report.opened:
        print(f"  ✗ 無法開啟：{report.error}")
    for note in report.notes:
        print(f"  ! {note}")
    for check_id, result in report.checks.items():
        print(f"  {marks[result.status]} {CHECK_TITLES.get(check_id, check_id)}：{result.message}")
        if result.status is not Status.PASS and result.fix:  # 未檢查 too: what would check it
            print(f"      → {result.fix}")


def run_check(args: argparse.Namespace) -> int:
    """`pubdesk check`; exit 0 when nothing failed, 1 otherwise."""
    from app.pdfcheck.isolation import BatchCancelled, check_files

    toc = _load_toc(args.toc)
    show_progress = not args.json and sys.stderr.isatty()
    try:
        reports = check_files(args.files, args.profile, toc, args.page_offset, _naming(args),
                              progress=_progress_bar if show_progress else None,
                              timeout=args.timeout, memory_mb=args.memory_mb)
    except BatchCancelled:
        return 1
    if args.json:
        json.dump({"files": [r.to_json() for r in reports]}, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for report in reports:
            _print_report(report)
    return 1 if any(r.failed for r in reports) else 0


def run_check_one(args: argparse.Namespace) -> int:
    """The isolated child: one file, its report as JSON on stdout."""
    _check_one(json.loads(args.options))
    return 0


def run_check_serve(_args: argparse.Namespace) -> int:
    """The pool's child (app.pdfcheck.pool): a job (the options of `check-one`) per line of
    standard input, each answered like `check-one` — its verdicts streamed, its report as
    the last line; ends when its input closes."""
    # The protocol has standard output to itself: whatever a library prints goes to
    # standard error, never glued onto a report line.
    protocol = os.fdopen(os.dup(sys.stdout.fileno()), "wb", buffering=0)
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    for line in sys.stdin.buffer:
        if line.strip():
            _check_one(json.loads(line), protocol)
            protocol.write(b"\n")
    return 0


def _check_one(options: dict[str, Any], out: Any = None) -> None:
    from app.pdfcheck.engine import check_pdf
    from app.pdfcheck.isolation import stream_line
    from app.pdfcheck.report import Profile

    out = out or sys.stdout.buffer

    def streamed(check_id: str, result: Any) -> None:
        # each verdict as soon as it is known: a bound hit later keeps it
        out.write(stream_line(check_id, result))
        out.flush()

    report = check_pdf(options["path"], Profile(options.get("profile", "print")),
                       options.get("toc"), int(options.get("page_offset", 0)),
                       on_result=streamed)
    # Bytes, not text: the parent decodes UTF-8 whatever this console's code page is (cp950
    # on a zh-TW Windows would otherwise turn every report into 「無法讀取」).
    out.write(json.dumps(report.to_json()).encode("ascii"))
    out.flush()
