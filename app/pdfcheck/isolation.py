"""Checking files one by one in a child process with a time and memory bound, so one bad
file cannot stop (or crash) a batch; cancel ends the child at once.

On POSIX command-line runs the child is forked (cheap: nothing to import again); in the GUI,
and on Windows, a `pubdesk check-serve` child reused for the batch (app.pdfcheck.pool).
`check_isolated` (one fresh `check-one` per file) is no longer on that path: it stays as the
reference the pool is measured and tested against (benchmarks/checker_pool.py)."""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app import bounded_child
from app.pdfcheck.bounds import BOUND_WORDS, BOUNDS
from app.pdfcheck.checks import virus
from app.pdfcheck.checks.naming import NamingRule, check_set
from app.pdfcheck.pool import CheckerPool
from app.pdfcheck.report import CHECK_IDS, CheckResult, FileReport, Profile, Status, unreadable

DEFAULT_TIMEOUT = BOUNDS.seconds
"""Seconds per file (`pubdesk check --timeout`; app.pdfcheck.bounds)."""
DEFAULT_MEMORY_MB = BOUNDS.memory_mb
"""Address space per file's child (`--memory-mb`; POSIX rlimit): a 400-page book checks in a
fraction of it, and a decompression bomb ends in a verdict instead of taking the PC's memory."""


def timed_out(timeout: float) -> str:
    """Why a check stopped at its time bound: too large or complex to check in time — which
    does not make the file damaged (a damaged file is said so by the checks that ran)."""
    return f"檢查逾時（{BOUND_WORDS['seconds'].format(limit=f'{timeout:g}')}）：檔案太大或太複雜，" \
        "無法在時限內完整檢查；這不表示檔案損壞。"


class BatchCancelled(Exception):
    """The officer cancelled the batch."""


def stream_line(check_id: str, result: CheckResult) -> bytes:
    """One verdict as the child streams it: a JSON line (the final report is the last line)."""
    # ASCII JSON: a file name that is not valid UTF-8 (surrogate escapes) goes through.
    return json.dumps({"check": check_id, "result": result.to_json()}).encode("ascii") + b"\n"


def report_from_output(path: str, output: bytes, stopped: str | None) -> FileReport | None:
    """The child's report from what it wrote: its final line when it finished; when it was
    stopped (`stopped` says why, in words), the verdicts it streamed before that, with the
    checks it did not reach marked as not checked — the file is not passed. None when
    nothing usable came."""
    partial: dict[str, CheckResult] = {}
    for line in output.splitlines():
        try:
            data = json.loads(line.decode("utf-8"))
        except ValueError:
            continue
        if isinstance(data, dict) and "checks" in data and stopped is None:
            return FileReport.from_json(data)
        if isinstance(data, dict) and "check" in data:
            value = data["result"]
            partial[data["check"]] = CheckResult(Status(value["status"]), value["message"],
                                                 value.get("evidence", {}), value.get("fix", ""))
    if stopped is None or not partial:
        return None
    for check_id in CHECK_IDS:
        partial.setdefault(check_id, CheckResult(
            Status.SKIP, f"未能檢查：{stopped}", {},
            "請重新匯出或分割檔案後再檢查；也可以在設定中提高檢查的時間或記憶體上限。"))
    return FileReport(path, opened=False, error=f"只完成部分檢查：{stopped}",
                      checks={check_id: partial[check_id] for check_id in CHECK_IDS})


def child_command() -> list[str]:
    """How to start PubDesk's command line: in the frozen bundle `pubdesk-cli` beside the
    running program (the windowed `PubDesk.exe` has no stdout to answer on), else Python."""
    if getattr(sys, "frozen", False):
        program = Path(sys.executable)
        cli = program.with_name("pubdesk-cli" + program.suffix)
        return [str(cli if cli.exists() else program)]
    return [sys.executable, "-m", "app"]


def check_isolated(path: str, options: dict[str, Any], timeout: float = DEFAULT_TIMEOUT,
                   memory_mb: int = DEFAULT_MEMORY_MB,
                   cancelled: Callable[[], bool] | None = None) -> FileReport:
    """Check one file in a child process (`pubdesk check-one`)."""
    command = [*child_command(), "check-one", json.dumps({"path": path, **options})]
    env = dict(os.environ)
    # The child must find this very `app` package, also when run from a checkout.
    package_root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    with bounded_child.started(command, env, memory_mb) as process:
        started = time.monotonic()
        while True:
            # communicate() with a timeout keeps reading both pipes, so a long report never
            # fills a pipe and stalls the child (poll-then-read would, past 64 KB).
            try:
                out, err = process.communicate(timeout=0.05)
                break
            except subprocess.TimeoutExpired:
                pass
            if cancelled is not None and cancelled():
                raise BatchCancelled
            if time.monotonic() - started > timeout:
                bounded_child.kill_group(process)
                out, _err = process.communicate()
                stopped = timed_out(timeout)
                return report_from_output(path, out, stopped) or unreadable(path, stopped)
    finished = report_from_output(path, out, None)
    if finished is not None:
        return finished
    detail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or ["無訊息"]
    stopped = f"檢查時程式異常結束（可能是記憶體不足或檔案嚴重損壞）：{detail[0][:200]}"
    return report_from_output(path, out, stopped) or unreadable(path, stopped)


def can_fork() -> bool:
    """Fork is the cheap way to isolate (the child inherits the loaded modules), but only in
    a single-threaded process on POSIX — never inside the GUI, whose threads fork would break."""
    return hasattr(os, "fork") and threading.active_count() == 1


def check_forked(path: str, options: dict[str, Any], timeout: float = DEFAULT_TIMEOUT,
                 memory_mb: int = DEFAULT_MEMORY_MB,
                 cancelled: Callable[[], bool] | None = None) -> FileReport:
    """Check one file in a forked child with the same bounds as `check_isolated`."""
    from app.pdfcheck import engine  # noqa: F401 — imported once here, inherited by each child

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _forked_child(path, options, memory_mb, write_end)
    os.close(write_end)
    with contextlib.suppress(OSError):  # also here: the child may not have run yet
        os.setpgid(pid, pid)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        while True:
            if cancelled is not None and cancelled():
                kill_child(pid)
                raise BatchCancelled
            if time.monotonic() > deadline:
                kill_child(pid)
                stopped = timed_out(timeout)
                return report_from_output(path, b"".join(chunks), stopped) or \
                    unreadable(path, stopped)
            ready, _w, _x = select.select([read_end], [], [], 0.05)
            if ready:
                chunk = os.read(read_end, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
    except BaseException:  # Ctrl+C, or the caller's own failure: leave nothing running
        kill_child(pid)
        raise
    finally:
        os.close(read_end)
    _pid, status = os.waitpid(pid, 0)
    output = b"".join(chunks)
    finished = report_from_output(path, output, None)
    if finished is not None:
        return finished
    stopped = (f"檢查時程式異常結束（可能是記憶體不足或檔案嚴重損壞，結束代碼 {status}；"
               f"記憶體上限 {memory_mb} MB）。")
    return report_from_output(path, output, stopped) or unreadable(path, stopped)


def _forked_child(path: str, options: dict[str, Any], memory_mb: int, write_end: int) -> None:
    """In the forked child: check, write the JSON report, leave without cleanup."""
    status = 0
    try:
        # Its own process group, so that killing it kills the second walker it may fork.
        os.setpgid(0, 0)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C: the parent kills the group
        limit = bounded_child.limit_memory(memory_mb)
        if limit is not None:
            limit()
        from app.pdfcheck.engine import check_pdf

        with os.fdopen(write_end, "wb", buffering=0) as out:

            def streamed(check: str, result: CheckResult) -> None:
                out.write(stream_line(check, result))

            report = check_pdf(path, Profile(options["profile"]), options.get("toc"),
                               int(options.get("page_offset", 0)), on_result=streamed)
            out.write(json.dumps(report.to_json()).encode("ascii"))
    except BaseException:
        status = 3
    finally:
        os._exit(status)


def kill_child(pid: int) -> None:
    """Kill a forked child and, when it leads one, its process group (the second walker),
    then reap it."""
    with contextlib.suppress(OSError):
        os.killpg(pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        os.waitpid(pid, 0)


def expand(paths: list[str]) -> list[str]:
    """Files as given, folders replaced by the PDFs inside them (sorted)."""
    result: list[str] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            result.extend(str(p) for p in sorted(path.rglob("*")) if p.suffix.lower() == ".pdf")
        else:
            result.append(str(path))
    return result


def check_files(paths: list[str], profile: Profile | str = Profile.PRINT,
                toc: list[dict[str, Any]] | None = None, page_offset: int = 0,
                naming: NamingRule | None = None,
                progress: Callable[[int, int, str], None] | None = None,
                cancelled: Callable[[], bool] | None = None, isolated: bool = True,
                timeout: float = DEFAULT_TIMEOUT,
                memory_mb: int = DEFAULT_MEMORY_MB, virus_scan: bool = True) -> list[FileReport]:
    """Check a batch; each file isolated unless `isolated` is False. Naming and the virus
    scan (第13點; by the PC's own scanner, one run over the set) are checked over the set.
    Raises BatchCancelled when cancelled."""
    files = expand(paths)
    options = {"profile": str(Profile(profile)), "toc": toc, "page_offset": page_offset}
    reports: list[FileReport] = []
    forking = isolated and can_fork()
    # Where it cannot fork (the GUI, Windows): one reused child for the batch, not a fresh
    # interpreter per file (app.pdfcheck.pool).
    with CheckerPool(memory_mb) as pool:
        for index, path in enumerate(files, start=1):
            if progress is not None:
                progress(index - 1, len(files), Path(path).name)
            if forking:
                report = check_forked(path, options, timeout, memory_mb, cancelled)
            elif isolated:
                report = pool.check(path, options, timeout, cancelled)
            else:
                from app.pdfcheck.engine import check_pdf

                report = check_pdf(path, profile, toc, page_offset, cancelled=cancelled)
            reports.append(report)
    naming_results = check_set([r.path for r in reports], naming)
    for report in reports:
        report.checks["naming"] = naming_results[report.path]
    if virus_scan and reports:
        if progress is not None:
            progress(len(files), len(files), "病毒掃描")
        try:
            scans = virus.scan_set([r.path for r in reports], cancelled)
        except virus.ScanCancelled:
            raise BatchCancelled() from None
        for report in reports:
            report.checks["virus_scan"] = scans[report.path]
    if progress is not None:
        progress(len(files), len(files), "完成")
    return reports
