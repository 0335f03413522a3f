"""virus_scan (for a set of files, 第13點): every e-file is scanned by the PC's own virus
scanner before anything leaves — Microsoft Defender's MpCmdRun on Windows, ClamAV
(clamdscan when its daemon answers, else clamscan) elsewhere. Three outcomes, never a pass
without a scan: 通過 (scanned, nothing found: the engine and its signature version recorded),
不符合 (the threat's name), 未檢查 (no scanner, no signatures, an error or a time-out: said why).

Which scanner is IT's choice, not guessed: `PUBDESK_VIRUS_SCANNER` = `auto` (the default),
`none`, or the path of clamscan, clamdscan or MpCmdRun.exe; `PUBDESK_CLAMAV_DATABASE` names a
signature folder for clamscan (an agency's own mirror — and the tests' EICAR signature).
`auto` takes clamscan, never the daemon: clamd's own limits (100 MB a file by default, over
which it says OK without scanning, and no alert) are its configuration's, which PubDesk cannot
see; IT that has set clamd to alert on its limits names clamdscan explicitly.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from app.pdfcheck.report import CheckResult, Status

CLAMAV, DEFENDER = "clamav", "defender"
UNSCANNED = "virus_unscanned"
"""The finding "no scanner looked at it", apart from "virus found" (`virus_scan`): a reason
given for one never accepts the other (app.packages.kinds)."""
SECONDS_BASE, BYTES_PER_SECOND = 120.0, 10 * 1024 * 1024
"""A scan may take two minutes plus a second per 10 MB before it is given up as hung."""
FIX_INFECTED = ("請勿送出這個檔案：通知資訊人員以防毒軟體處理，並從乾淨的原始檔重新匯出 PDF 後再檢查。"
                "若確定是誤判，請資訊人員確認後，在匯出送交包時註明理由。")
FIX_UNSCANNED = ("請安裝或啟用防毒軟體（Windows 內建的 Microsoft Defender，或 ClamAV）後重新檢查；"
                 "若貴機關使用其他防毒軟體，請先用它掃描這個檔案，匯出送交包時再註明理由。")


class ScanCancelled(Exception):
    """The officer cancelled while the scanner ran."""


@dataclass(frozen=True)
class Scanner:
    """One scanner program found on this PC."""

    kind: str
    program: Path
    database: Path | None = None
    version_of: Callable[[], tuple[str, str]] | None = field(default=None, compare=False)

    @property
    def name(self) -> str:
        """The product, in words."""
        return "Microsoft Defender" if self.kind == DEFENDER else "ClamAV"

    def version(self) -> tuple[str, str]:
        """(engine, signature version) in words; empty strings when it does not say."""
        if self.version_of is not None:
            return self.version_of()
        if self.kind == DEFENDER:
            return defender_version(self.program)
        return clamav_version(self)


@dataclass(frozen=True)
class Outcome:
    """What the scanner said about one file."""

    status: Status
    threat: str = ""
    reason: str = ""


def find_scanner(environ: Mapping[str, str] | None = None,
                 platform: str | None = None) -> Scanner | None:
    """The scanner IT chose or the PC has; None when there is none (or `none` was chosen)."""
    env = os.environ if environ is None else environ
    platform = platform or sys.platform
    choice = env.get("PUBDESK_VIRUS_SCANNER", "auto").strip() or "auto"
    database: Path | None = Path(env["PUBDESK_CLAMAV_DATABASE"]) \
        if env.get("PUBDESK_CLAMAV_DATABASE") else None
    if choice.lower() == "none":
        return None
    if choice.lower() != "auto":
        program = Path(choice)
        name = program.name.lower()
        kind = DEFENDER if name.startswith("mpcmdrun") else CLAMAV
        return Scanner(kind, program, database if kind == CLAMAV else None)
    if platform == "win32":
        defender = _defender_program(env)
        return Scanner(DEFENDER, defender) if defender is not None else None
    found = shutil.which("clamscan", path=env.get("PATH"))
    return Scanner(CLAMAV, Path(found), database) if found is not None else None


def _defender_program(env: Mapping[str, str]) -> Path | None:
    """MpCmdRun.exe of the newest Defender platform, else the one under Program Files."""
    data = env.get("ProgramData") or env.get("PROGRAMDATA")
    if data:
        platforms = Path(data) / "Microsoft" / "Windows Defender" / "Platform"
        with contextlib.suppress(OSError):
            found = sorted((p for p in platforms.iterdir() if (p / "MpCmdRun.exe").is_file()),
                           key=lambda p: _version_key(p.name))
            if found:
                return found[-1] / "MpCmdRun.exe"
    files = env.get("ProgramFiles") or env.get("PROGRAMFILES")
    if files and (Path(files) / "Windows Defender" / "MpCmdRun.exe").is_file():
        return Path(files) / "Windows Defender" / "MpCmdRun.exe"
    return None


def _version_key(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text))


def clamav_version(scanner: Scanner) -> tuple[str, str]:
    """`ClamAV 1.4.6/27480/Mon Dec  7 09:20:50 2026` → ("ClamAV 1.4.6", "27480（…）"); with a
    signature folder of IT's (or a test's), its files are named instead."""
    text = _output_of([str(scanner.program), "--version"])
    engine, _sep, rest = text.strip().partition("/")
    number, _sep, when = rest.partition("/")
    signatures = f"{number}（{when.strip()}）" if number else ""
    if scanner.database is not None:
        with contextlib.suppress(OSError):
            names = sorted(p.name for p in scanner.database.iterdir() if p.is_file())
            signatures = f"{scanner.database} {' '.join(names[:10])}".strip()
    return engine.strip(), signatures


def defender_version(program: Path) -> tuple[str, str]:
    """Engine from the platform folder's name; signatures from the registry (Windows only)."""
    engine = "Microsoft Defender " + (program.parent.name if _version_key(program.parent.name)
                                      else "")
    signatures = ""
    if sys.platform == "win32":
        with contextlib.suppress(OSError, ImportError):
            import winreg

            key = winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE,
                                 r"SOFTWARE\Microsoft\Windows Defender\Signature Updates")
            with key:
                signatures = str(winreg.QueryValueEx(key, "AVSignatureVersion")[0])
    return engine.strip(), signatures


def _output_of(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, timeout=30, check=False,
                              stdin=subprocess.DEVNULL, creationflags=NO_WINDOW)
    except (OSError, subprocess.SubprocessError):
        return ""
    return _decode(done.stdout)


NO_WINDOW: int = getattr(subprocess, "CREATE_NO_WINDOW", 0)
"""No console window flashes up on Windows for each scan (0 elsewhere)."""


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:  # MpCmdRun writes in the console's code page
        return data.decode("mbcs" if sys.platform == "win32" else "latin-1", errors="replace")


def _breaks_lines(path: str) -> bool:
    return len(path.splitlines()) != 1 or "\n" in path or "\r" in path


def _run(command: list[str], seconds: float,
         cancelled: Callable[[], bool] | None) -> tuple[int | None, str]:
    """(exit code or None on a time-out, output in words); raises ScanCancelled."""
    code, raw = _run_raw(command, seconds, cancelled)
    return code, _decode(raw)


def _run_raw(command: list[str], seconds: float,
             cancelled: Callable[[], bool] | None) -> tuple[int | None, bytes]:
    """(exit code or None on a time-out, output as bytes); raises ScanCancelled."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, creationflags=NO_WINDOW)
    deadline = time.monotonic() + seconds
    try:
        while True:
            try:
                output, _err = process.communicate(timeout=0.1)
                return process.returncode, output or b""
            except subprocess.TimeoutExpired:
                if cancelled is not None and cancelled():
                    raise ScanCancelled() from None
                if time.monotonic() > deadline:
                    return None, b""
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


def _budget(paths: list[str]) -> float:
    size = 0
    for path in paths:
        with contextlib.suppress(OSError):
            size += os.path.getsize(path)
    return SECONDS_BASE + size / BYTES_PER_SECOND


def scan_clamav(scanner: Scanner, paths: list[str],
                cancelled: Callable[[], bool] | None = None) -> dict[str, Outcome]:
    """One run over the set (clamscan loads its signatures once); a file is judged by its own
    line of the output, and a file the output does not name was not scanned."""
    command = [str(scanner.program), "--no-summary", "--stdout"]
    if scanner.program.name.lower().startswith("clamdscan"):
        command += ["--fdpass"]  # the daemon reads the officer's files through us
    else:
        # Big print files are scanned whole; a file beyond even that is said, not passed, and
        # so is a PDF ClamAV cannot look inside (encrypted).
        command += ["--max-filesize=4000M", "--max-scansize=4000M", "--alert-exceeds-max=yes",
                    "--alert-encrypted-doc=yes"]
        if scanner.database is not None:
            command += ["--database", str(scanner.database)]
    # A name with a line break in it could make another file's line: never scanned that way.
    outcomes: dict[str, Outcome] = {p: Outcome(Status.SKIP, reason="檔名含有換行字元，無法可靠地判讀掃描結果")
                                    for p in paths if _breaks_lines(os.path.abspath(p))}
    scanned = [p for p in paths if p not in outcomes]
    if not scanned:
        return outcomes
    code, raw = _run_raw(command + [os.path.abspath(p) for p in scanned], _budget(scanned),
                         cancelled)
    if code is None:
        return {**outcomes, **{p: Outcome(Status.SKIP, reason="掃描程式在時限內沒有完成")
                               for p in scanned}}
    lines = os.fsdecode(raw).split("\n")  # the names as the file system has them
    for path in scanned:
        prefix = os.path.abspath(path) + ": "
        said_lines = [line[len(prefix):].strip() for line in lines if line.startswith(prefix)]
        said = said_lines[0] if len(said_lines) == 1 else None  # one line per file, exactly
        if said is None:
            problem = next((line for line in lines if "error" in line.lower()), "").strip()
            outcomes[path] = Outcome(Status.SKIP, reason=_clamav_problem(problem, code))
        elif said == "OK":
            outcomes[path] = Outcome(Status.PASS)
        elif said.endswith(" FOUND") and "Heuristics.Limits.Exceeded" in said:
            outcomes[path] = Outcome(Status.SKIP, reason="檔案超過掃描程式能完整掃描的大小")
        elif said.endswith(" FOUND") and "Heuristics.Encrypted" in said:
            outcomes[path] = Outcome(Status.SKIP, reason="檔案加密，掃描程式無法檢視內容")
        elif said.endswith(" FOUND"):
            outcomes[path] = Outcome(Status.FAIL, threat=said[:-len(" FOUND")].strip())
        else:
            outcomes[path] = Outcome(Status.SKIP, reason=_clamav_problem(said, code))
    return outcomes


def _clamav_problem(text: str, code: int) -> str:
    if "database" in text.lower() or "cli_loaddb" in text.lower():
        return "ClamAV 沒有病毒碼（請執行 freshclam 更新，或由資訊人員設定病毒碼資料夾）"
    if text:
        return f"ClamAV 無法掃描（{text[:150]}）"
    return f"ClamAV 無法掃描（結束代碼 {code}）"


_THREAT = re.compile(r"^\s*Threat\s*:\s*(.+?)\s*$", re.MULTILINE)


def scan_defender(scanner: Scanner, paths: list[str],
                  cancelled: Callable[[], bool] | None = None) -> dict[str, Outcome]:
    """MpCmdRun per file, reporting only (-DisableRemediation: the file is judged, not
    quarantined from under the officer): 0 clean, 2 a threat, anything else not scanned."""
    outcomes: dict[str, Outcome] = {}
    for path in paths:
        command = [str(scanner.program), "-Scan", "-ScanType", "3", "-File",
                   os.path.abspath(path), "-DisableRemediation"]
        code, output = _run(command, _budget([path]), cancelled)
        if code is None:
            outcomes[path] = Outcome(Status.SKIP, reason="掃描程式在時限內沒有完成")
        elif code == 0:
            outcomes[path] = Outcome(Status.PASS)
        elif code == 2:
            threats = _THREAT.findall(output)
            outcomes[path] = Outcome(Status.FAIL, threat="、".join(threats) or "（未提供名稱）")
        else:
            last = next((line.strip() for line in reversed(output.splitlines())
                         if line.strip()), "")
            said = f"{code} {last[:150]}".strip()
            outcomes[path] = Outcome(Status.SKIP, reason=(
                f"Microsoft Defender 無法掃描（結束代碼 {said}；可能已停用，或由其他防毒軟體取代）"))
    return outcomes


def scan_set(paths: list[str], cancelled: Callable[[], bool] | None = None,
             scanner: Scanner | None = None, find: bool = True) -> dict[str, CheckResult]:
    """One virus_scan verdict per path. `scanner` (or, with `find`, the PC's own)."""
    if scanner is None and find:
        scanner = find_scanner()
    if scanner is None:
        return {p: _unscanned("找不到防毒軟體（未安裝 Microsoft Defender 或 ClamAV，"
                              "或資訊人員已設定不掃描）", {}) for p in paths}
    present = [p for p in paths if os.path.isfile(p)]
    outcomes: dict[str, Outcome] = {}
    if present:
        try:
            outcomes = (scan_defender if scanner.kind == DEFENDER else scan_clamav)(
                scanner, present, cancelled)
        except OSError as exc:
            outcomes = {p: Outcome(Status.SKIP, reason=f"無法執行 {scanner.program}（{exc}）")
                        for p in present}
    engine, signatures = scanner.version()
    when = datetime.now().astimezone().isoformat(timespec="seconds")
    about = {"scanner": scanner.name, "engine": engine or scanner.name,
             "signatures": signatures, "scanned_at": when}
    results: dict[str, CheckResult] = {}
    for path in paths:
        outcome = outcomes.get(path, Outcome(Status.SKIP, reason="找不到檔案"))
        if outcome.status is Status.PASS:
            clean = f"未發現病毒（{about['engine']}，病毒碼 {signatures}）。" if signatures \
                else f"未發現病毒（{about['engine']}）。"
            results[path] = CheckResult(Status.PASS, clean, {**about, "scanned": True})
        elif outcome.status is Status.FAIL:
            results[path] = CheckResult(
                Status.FAIL, f"發現病毒：{outcome.threat}（{about['engine']}）。",
                {**about, "scanned": True, "threat": outcome.threat}, FIX_INFECTED)
        else:
            results[path] = _unscanned(outcome.reason, about)
    return results


def _unscanned(reason: str, about: dict[str, str]) -> CheckResult:
    return CheckResult(Status.SKIP, f"未掃描病毒：{reason}。", {**about, "scanned": False,
                                                          "reason": reason}, FIX_UNSCANNED)


def is_unscanned(result: CheckResult | None) -> bool:
    """True unless a scanner looked at the file: a missing verdict is no scan either."""
    return result is None or not result.evidence.get("scanned", False)


def manifest_entry(result: CheckResult | None) -> dict[str, str]:
    """What a package's manifest keeps of a file's scan: outcome, engine, signatures, time."""
    if result is None:
        return {"status": "not scanned", "reason": "沒有掃描結果"}
    evidence = result.evidence
    entry = {"status": "not scanned" if is_unscanned(result) else result.status.value,
             **{key: str(evidence[key]) for key in ("engine", "signatures", "scanned_at",
                                                     "threat", "reason") if evidence.get(key)}}
    return entry
