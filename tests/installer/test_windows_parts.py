"""Windows behaviour that can be checked on any machine: the job object's layout, font
folders, the frozen program's checker child, pipes that never stall the checker."""

from __future__ import annotations

import ctypes
import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.documents import pdf_fonts
from app.pdfcheck import isolation, winjob
from app.pdfcheck.report import unreadable


def test_job_limits_have_the_windows_x64_layout() -> None:
    """JOBOBJECT_EXTENDED_LIMIT_INFORMATION is 144 bytes on x64 Windows; a wrong layout
    would set the memory limit in the wrong field."""
    assert ctypes.sizeof(winjob.ExtendedLimits) == 144
    assert winjob.ExtendedLimits.ProcessMemoryLimit.offset == 112
    info = winjob.limits(512)
    assert info.ProcessMemoryLimit == 512 * 1024 * 1024
    flags = info.BasicLimitInformation.LimitFlags
    assert flags & winjob.JOB_OBJECT_LIMIT_PROCESS_MEMORY
    assert flags & winjob.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE


def test_bound_memory_is_a_no_op_off_windows() -> None:
    if sys.platform == "win32":
        pytest.skip("on Windows the job is real")
    job = winjob.bound_memory(None, 64)  # type: ignore[arg-type]
    assert job.handle == 0
    job.close()


def test_fonts_installed_for_one_user_are_found(tmp_path: Path) -> None:
    bundled = pdf_fonts.resource_path("fonts", pdf_fonts.BUNDLED_KAI)
    user_fonts = tmp_path / "Local" / "Microsoft" / "Windows" / "Fonts"
    user_fonts.mkdir(parents=True)
    shutil.copy(bundled, user_fonts / "kaiu.ttf")
    shutil.copy(bundled, user_fonts / "TW-Sung-98_1.ttf")  # Ext-B and Plus come bundled
    environ = {"WINDIR": str(tmp_path / "Windows"), "LOCALAPPDATA": str(tmp_path / "Local")}
    assert pdf_fonts._candidates_cjk(environ)[0] == ("DFKai-SB", user_fonts / "kaiu.ttf")
    assert ("TW-Sung", user_fonts / "TW-Sung-98_1.ttf") in \
        pdf_fonts._candidates_fallback(environ)


def test_system_fonts_come_before_the_users(tmp_path: Path) -> None:
    bundled = pdf_fonts.resource_path("fonts", pdf_fonts.BUNDLED_KAI)
    for folder in (tmp_path / "Windows" / "Fonts", tmp_path / "Local/Microsoft/Windows/Fonts"):
        folder.mkdir(parents=True)
        shutil.copy(bundled, folder / "kaiu.ttf")
    environ = {"WINDIR": str(tmp_path / "Windows"), "LOCALAPPDATA": str(tmp_path / "Local")}
    assert pdf_fonts._candidates_cjk(environ)[0][1] == tmp_path / "Windows" / "Fonts" / "kaiu.ttf"


def test_no_windows_fonts_means_the_bundled_font(tmp_path: Path) -> None:
    environ = {"WINDIR": str(tmp_path), "LOCALAPPDATA": str(tmp_path)}
    assert [name for name, _ in pdf_fonts._candidates_cjk(environ)] == ["TW-Kai"]


def test_frozen_program_checks_through_its_console_twin(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The windowed PubDesk.exe has no stdout: its checker child is pubdesk-cli.exe."""
    gui = tmp_path / "PubDesk.exe"
    gui.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(gui))
    assert isolation.child_command() == [str(gui)]  # no twin: itself
    (tmp_path / "pubdesk-cli.exe").write_bytes(b"")
    assert isolation.child_command() == [str(tmp_path / "pubdesk-cli.exe")]


def test_a_long_report_does_not_stall_the_child(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A report larger than a pipe's buffer (64 KB) must arrive whole, not end in a timeout:
    the parent reads while the child writes."""
    report = unreadable("x.pdf", "").to_json()
    report["notes"] = ["註" * 200] * 2000  # about 1.2 MB of UTF-8
    payload = tmp_path / "report.json"
    payload.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    child = tmp_path / "child.py"
    child.write_text(textwrap.dedent(f"""
        import sys
        sys.stdout.buffer.write(open({str(payload)!r}, "rb").read())
    """), encoding="utf-8")
    monkeypatch.setattr(isolation, "child_command", lambda: [sys.executable, str(child)])
    result = isolation.check_isolated("x.pdf", {"profile": "print"}, timeout=10)
    assert len(result.notes) == 2000


def test_cancel_ends_the_child(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    child = tmp_path / "child.py"
    marker = tmp_path / "pid"
    child.write_text(f"import os, time\nopen({str(marker)!r}, 'w').write(str(os.getpid()))\n"
                     "time.sleep(60)\n", encoding="utf-8")
    monkeypatch.setattr(isolation, "child_command", lambda: [sys.executable, str(child)])
    with pytest.raises(isolation.BatchCancelled):
        isolation.check_isolated("x.pdf", {"profile": "print"}, timeout=30,
                                 cancelled=marker.exists)
    pid = int(marker.read_text())
    alive = subprocess.run(["ps", "-p", str(pid), "-o", "stat="], capture_output=True,
                           text=True, check=False).stdout.strip()
    assert alive in ("", "Z")


def test_a_bound_hit_during_the_walk_keeps_the_verdicts_already_streamed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The child streams each verdict as it is known; when the time bound ends it, the report
    keeps those, marks the rest 未能檢查, and does not pass the file."""
    from app.pdfcheck.report import CHECK_IDS, CheckResult, Status

    lines = (isolation.stream_line("pdf_version", CheckResult(Status.PASS, "PDF 1.4")) +
             isolation.stream_line("protection", CheckResult(Status.FAIL, "有密碼")))
    payload = tmp_path / "lines.bin"
    payload.write_bytes(lines)
    child = tmp_path / "child.py"
    child.write_text("import sys, time\n"
                     f"sys.stdout.buffer.write(open({str(payload)!r}, 'rb').read())\n"
                     "sys.stdout.buffer.flush()\ntime.sleep(60)\n", encoding="utf-8")
    monkeypatch.setattr(isolation, "child_command", lambda: [sys.executable, str(child)])
    report = isolation.check_isolated("big.pdf", {"profile": "print"}, timeout=2)
    assert not report.opened
    assert report.failed
    assert "逾時" in (report.error or "")
    assert report.checks["pdf_version"].status is Status.PASS
    assert report.checks["protection"].status is Status.FAIL
    assert set(report.checks) == set(CHECK_IDS)
    assert report.checks["image_resolution"].status is Status.SKIP
    assert "未能檢查" in report.checks["image_resolution"].message


def test_a_finished_child_gives_its_final_report(tmp_path: Path) -> None:
    from app.pdfcheck.engine import check_pdf
    from tests.pdf_factory import Builder

    builder = Builder()
    builder.page(b"0 0 0 1 k 0 0 10 10 re f")
    path = builder.save(tmp_path / "ok.pdf")
    streamed: list[str] = []
    report = check_pdf(path, on_result=lambda check, _result: streamed.append(check))
    assert streamed[:4] == ["pdf_version", "bookmarks", "protection", "active_content"]
    assert sorted(streamed) == sorted(report.checks)
    isolated = isolation.check_isolated(str(path), {"profile": "print"}, timeout=60)
    assert isolated.to_json()["checks"] == report.to_json()["checks"]
