"""第13點: e-files are scanned for viruses and backed up before they are sent (issue 31).

The real ClamAV runs with a signature database the test writes itself (the EICAR test string
as a body signature); Microsoft Defender's path is tested by its command line and exit codes
with a stand-in MpCmdRun.exe. Never a pass without a scan."""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from app.db import Database
from app.errors import PubDeskError
from app.models import AuditEntry, EFile, EFileRole, PackageBuild
from app.packages import backup
from app.packages.kinds import ExportRefused, Override, build_package
from app.pdfcheck import BatchCancelled, Status, check_files
from app.pdfcheck.checks import virus
from app.services.history import publication_history
from tests.app.packages.test_kinds import workspace  # noqa: F401 (fixture)
from tests.fake_scanner import EICAR
from tests.pdf_factory import Builder

ROOT = Path(__file__).resolve().parents[2]
CLAMSCAN = shutil.which("clamscan")
needs_clamav = pytest.mark.skipif(
    CLAMSCAN is None and not os.environ.get("PUBDESK_REQUIRE_CLAMAV"),
    reason="ClamAV is not installed (bash .ci/system-packages installs it)")
COVER_OK = Override("年報封面.pdf", "colour_space", "封面另由印刷廠轉檔")


def carrier(path: Path, payload: bytes = EICAR) -> Path:
    """A small valid PDF with `payload` in a comment: what the scanner must find."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                     b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
                     b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n% "
                     + payload + b"\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    return path


def signatures(folder: Path) -> Path:
    """A ClamAV database holding one body signature: the EICAR string, anywhere in a file."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pubdesk-test.ndb").write_text(f"PubDesk.Test.EICAR:0:*:{EICAR.hex()}\n")
    return folder


@pytest.fixture
def clamav(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    assert CLAMSCAN is not None, "PUBDESK_REQUIRE_CLAMAV is set but clamscan is missing"
    database = signatures(tmp_path / "clamav-db")
    monkeypatch.setenv("PUBDESK_VIRUS_SCANNER", "auto")
    monkeypatch.setenv("PUBDESK_CLAMAV_DATABASE", str(database))
    return database


def check_json(*files: Path, env: dict[str, str]) -> dict[str, dict[str, object]]:
    run = subprocess.run([sys.executable, "-m", "app", "check", "--json", *map(str, files)],
                         capture_output=True, text=True, cwd=ROOT, check=False,
                         env={**os.environ, **env})
    return {Path(f["path"]).name: f["checks"]["virus_scan"]
            for f in json.loads(run.stdout)["files"]}


@needs_clamav
def test_check_json_reports_eicar_as_a_virus_with_clamav(tmp_path: Path) -> None:
    infected = carrier(tmp_path / "感染.pdf")
    clean = carrier(tmp_path / "乾淨.pdf", b"nothing here")
    inside = Builder()  # the string inside a compressed content stream: ClamAV inflates it
    inside.page(b"% " + EICAR + b"\n0 0 9 9 re f")
    deflated = inside.save(tmp_path / "壓縮.pdf")
    assert EICAR not in deflated.read_bytes()
    env = {"PUBDESK_VIRUS_SCANNER": "auto",
           "PUBDESK_CLAMAV_DATABASE": str(signatures(tmp_path / "db"))}
    found = check_json(infected, clean, deflated, env=env)
    assert found["壓縮.pdf"]["status"] == "fail"
    assert found["感染.pdf"]["status"] == "fail"
    assert "PubDesk.Test.EICAR" in found["感染.pdf"]["evidence"]["threat"]
    assert "PubDesk.Test.EICAR" in found["感染.pdf"]["message"]
    assert found["乾淨.pdf"]["status"] == "pass"
    evidence = found["乾淨.pdf"]["evidence"]
    assert evidence["scanned"] is True
    assert evidence["engine"].startswith("ClamAV")
    assert "pubdesk-test.ndb" in evidence["signatures"]
    assert evidence["scanned_at"]


def test_check_json_says_not_scanned_without_a_scanner(tmp_path: Path) -> None:
    infected = carrier(tmp_path / "感染.pdf")
    found = check_json(infected, env={"PUBDESK_VIRUS_SCANNER": "none", "PATH": "/nonexistent"})
    result = found["感染.pdf"]
    assert result["status"] == "skip"
    assert result["evidence"]["scanned"] is False
    assert "未掃描病毒：找不到防毒軟體" in result["message"]


@needs_clamav
def test_clamav_without_signatures_is_not_a_pass(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "empty-db"
    empty.mkdir()
    monkeypatch.setenv("PUBDESK_VIRUS_SCANNER", "auto")
    monkeypatch.setenv("PUBDESK_CLAMAV_DATABASE", str(empty))
    result = virus.scan_set([str(carrier(tmp_path / "a.pdf", b"x"))])
    [verdict] = result.values()
    assert verdict.status is Status.SKIP
    assert virus.is_unscanned(verdict)
    assert "沒有病毒碼" in verdict.message


@needs_clamav
def test_one_clamscan_run_judges_each_file_by_its_own_line(tmp_path: Path, clamav: Path) -> None:
    names = ["a b.pdf", "第1卷1期_版權頁.pdf", "c: colon.pdf", "d.pdf"]
    files = [carrier(tmp_path / n, EICAR if n == "c: colon.pdf" else b"ok") for n in names]
    gone = tmp_path / "gone.pdf"
    results = virus.scan_set([str(f) for f in files] + [str(gone)])
    assert [results[str(f)].status for f in files] == [Status.PASS, Status.PASS, Status.FAIL,
                                                       Status.PASS]
    assert virus.is_unscanned(results[str(gone)])


def fake_defender(folder: Path, exit_code: int, output: str, sleep: float = 0) -> Path:
    """A stand-in MpCmdRun.exe that logs its arguments and answers as Defender does."""
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / "MpCmdRun.exe"
    log = folder / "calls.jsonl"
    program.write_text(
        f"#!{sys.executable}\nimport json, sys, time\n"
        f"open({str(log)!r}, 'a').write(json.dumps(sys.argv[1:]) + '\\n')\n"
        f"time.sleep({sleep})\nprint({output!r})\nsys.exit({exit_code})\n", encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return program


def test_defender_is_found_in_its_newest_platform_folder(tmp_path: Path) -> None:
    data = tmp_path / "ProgramData"
    platform = data / "Microsoft" / "Windows Defender" / "Platform"
    fake_defender(platform / "4.18.2302.7-0", 0, "")
    newest = fake_defender(platform / "4.18.24090.11-0", 0, "")
    (platform / "4.18.99999.1-0").mkdir()  # an empty leftover folder: not a scanner
    found = virus.find_scanner({"ProgramData": str(data)}, platform="win32")
    assert found is not None
    assert found.kind == virus.DEFENDER
    assert found.program == newest
    files = tmp_path / "Program Files"
    old = fake_defender(files / "Windows Defender", 0, "")
    assert virus.find_scanner({"ProgramFiles": str(files)}, platform="win32").program == old
    assert virus.find_scanner({}, platform="win32") is None
    assert virus.find_scanner({"PUBDESK_VIRUS_SCANNER": "none", "ProgramData": str(data)},
                              platform="win32") is None


@pytest.mark.parametrize(("code", "output", "status", "words"), [
    (0, "Scan starting...\nScan finished.\nScanning C:\\a.pdf found no threats.", Status.PASS,
     "未發現病毒"),
    (2, "Scanning C:\\a.pdf found 1 threats.\n<====LIST OF DETECTED THREATS====>\n"
        "----- Threat information -----\nThreat                  : Virus:DOS/EICAR_Test_File\n"
        "Resources               : 1 total\n    file                : C:\\a.pdf",
     Status.FAIL, "發現病毒：Virus:DOS/EICAR_Test_File"),
    (2, "found 1 threats.", Status.FAIL, "（未提供名稱）"),
    (5, "CmdTool: Failed with hr = 0x800106BA. Check C:\\...\\MpCmdRun.log", Status.SKIP,
     "Microsoft Defender 無法掃描（結束代碼 5 CmdTool: Failed with hr = 0x800106BA"),
])
def test_defender_command_line_and_exit_codes(tmp_path: Path, code: int, output: str,
                                             status: Status, words: str) -> None:
    program = fake_defender(tmp_path / "Defender" / "4.18.1-0", code, output)
    scanner = virus.Scanner(virus.DEFENDER, program, version_of=lambda: ("Microsoft Defender 4.18.1-0", "1.421.5.0"))
    file = carrier(tmp_path / "送審 檔案.pdf", b"x")
    [result] = virus.scan_set([str(file)], scanner=scanner).values()
    assert result.status is status
    assert words in result.message, result.message
    assert virus.is_unscanned(result) is (status is Status.SKIP)
    calls = [json.loads(line) for line in (program.parent / "calls.jsonl").read_text().splitlines()]
    # reporting only: the file is judged, not quarantined from under the officer
    assert calls == [["-Scan", "-ScanType", "3", "-File", str(file), "-DisableRemediation"]]
    if status is Status.PASS:
        assert result.evidence["signatures"] == "1.421.5.0"


def test_a_hung_scanner_is_not_a_pass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(virus, "SECONDS_BASE", 0.5)
    program = fake_defender(tmp_path / "D", 0, "", sleep=30)
    scanner = virus.Scanner(virus.DEFENDER, program, version_of=lambda: ("D", ""))
    [result] = virus.scan_set([str(carrier(tmp_path / "a.pdf", b"x"))], scanner=scanner).values()
    assert virus.is_unscanned(result)
    assert "時限" in result.message


def test_cancel_stops_the_scanner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    program = fake_defender(tmp_path / "D", 0, "", sleep=30)
    monkeypatch.setenv("PUBDESK_VIRUS_SCANNER", str(program))
    file = carrier(tmp_path / "a.pdf", b"x")
    scanning: list[str] = []

    def progress(_done: int, _total: int, text: str) -> None:
        if text == "病毒掃描":
            scanning.append(text)

    with pytest.raises(BatchCancelled):  # cancelled once the scan has started
        check_files([str(file)], isolated=False, progress=progress,
                    cancelled=lambda: bool(scanning))


# --- the package: refused when infected or unscanned, kept when built ---------------------

def _infect_cover(db: Database, tmp_path: Path) -> None:
    with db.session() as session:
        cover = session.query(EFile).filter(EFile.role == EFileRole.PRINT_COVER).one()
        # a well-formed cover whose page content carries the test string in a comment
        # (stored uncompressed: the stand-in scanner reads raw bytes; ClamAV inflates)
        builder = Builder()
        builder.page(b"% " + EICAR + b"\n1 0 0 rg 0 0 9 9 re f")
        cover.path = str(builder.save(tmp_path / "efiles" / "年報封面.pdf",
                                      compress_streams=False))


def test_an_infected_efile_refuses_the_package_until_a_reason(  # type: ignore[no-untyped-def]
        db: Database, workspace, tmp_path: Path) -> None:  # noqa: F811
    _infect_cover(db, tmp_path)
    target = tmp_path / "out" / "文化部"
    with db.session() as session, pytest.raises(ExportRefused) as info:
        build_package(session, "moc", [workspace.books[0]], target, overrides=[COVER_OK])
    assert ("virus_scan" in {c for _f, c, _m in info.value.failures})
    assert "病毒掃描" in info.value.message
    assert not target.exists()
    reason = "資訊室確認為測試字串（EICAR），非病毒"
    with db.session() as session:
        built = build_package(session, "moc", [workspace.books[0]], target, overrides=[
            COVER_OK, Override("年報封面.pdf", "virus_scan", reason)])
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    assert [(o["source"], o["check"], o["reason"]) for o in manifest["overrides"]
            if o["check"] == "virus_scan"] == [("年報封面.pdf", "virus_scan", reason)]
    scans = {c["source"]: c["virus_scan"] for c in manifest["checks"]}
    assert scans["年報封面.pdf"]["status"] == "fail"
    assert scans["年報內文.pdf"]["status"] == "pass"
    assert scans["年報內文.pdf"]["engine"]
    assert scans["年報內文.pdf"]["scanned_at"]
    with db.session() as session:
        build = session.query(PackageBuild).one()
        assert reason in build.overrides
        # the exception is in the audit trail, written by the database
        audited = session.query(AuditEntry).filter(AuditEntry.entity == "package_builds",
                                                   AuditEntry.entity_id == build.id).all()
        assert audited
        assert reason in (audited[0].new_value or "")


def test_an_unscanned_efile_refuses_the_package_until_a_reason(  # type: ignore[no-untyped-def]
        db: Database, workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.setenv("PUBDESK_VIRUS_SCANNER", "none")
    target = tmp_path / "out" / "文化部"
    with db.session() as session, pytest.raises(ExportRefused) as info:
        build_package(session, "moc", [workspace.books[0]], target, overrides=[COVER_OK])
    unscanned = {Path(f).name for f, c, _m in info.value.failures if c == "virus_unscanned"}
    assert unscanned == {"年報內文.pdf", "年報封面.pdf"}
    reasons = [Override(name, "virus_unscanned", "已用本機關趨勢防毒手動掃描") for name in unscanned]
    with db.session() as session:
        built = build_package(session, "moc", [workspace.books[0]], target,
                              overrides=[COVER_OK, *reasons])
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    assert {c["virus_scan"]["status"] for c in manifest["checks"]} == {"not scanned"}


def test_every_package_is_kept_with_its_efiles_by_hash(  # type: ignore[no-untyped-def]
        db: Database, workspace, tmp_path: Path) -> None:  # noqa: F811
    ids = [workspace.books[0], workspace.serial_id]
    with db.session() as session:
        first = build_package(session, "moc", ids, tmp_path / "one", overrides=[COVER_OK])
    manifest = json.loads((first / "manifest.json").read_text(encoding="utf-8"))
    root = db.data_dir / backup.FOLDER
    efiles = [f for f in manifest["files"] if f["path"].startswith("電子檔/")]
    assert len(efiles) == 4
    for entry in efiles:
        kept = root / backup.EFILES / f"{entry['sha256']}.pdf"
        assert kept.is_file()
        assert kept.stat().st_size == entry["size"]
        assert (first / entry["path"]).read_bytes() == kept.read_bytes()
    with db.session() as session:
        [build] = session.query(PackageBuild).all()
        folder = Path(build.backup_folder)
        assert (folder / "manifest.json").read_text(encoding="utf-8") == \
            (first / "manifest.json").read_text(encoding="utf-8")
        assert sorted(p.publication_id for p in build.publications) == sorted(ids)
        assert build.file_count == len(manifest["files"])
        assert "ClamAV" in build.virus_scan
    stored = sorted((root / backup.EFILES).iterdir())
    mtimes = [p.stat().st_mtime_ns for p in stored]
    with db.session() as session:  # the same files again: kept once
        build_package(session, "moc", ids, tmp_path / "two", as_zip=True, overrides=[COVER_OK])
    assert sorted((root / backup.EFILES).iterdir()) == stored
    assert [p.stat().st_mtime_ns for p in stored] == mtimes
    with db.session() as session:
        history = publication_history(session, workspace.serial_id)
        built = [row for row in history if row.what == "文化部送交包 建立"]
        assert len(built) == 2
        assert built[0].new.endswith("two.zip")
        assert "備份：" in built[0].old
        assert "病毒掃描：ClamAV" in built[0].old


def test_a_full_disk_while_backing_up_builds_no_package(  # type: ignore[no-untyped-def]
        db: Database, workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    def full(source: Path, target: Path, digest: str, original: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    monkeypatch.setattr(backup, "_copy_checked", full)
    target = tmp_path / "out" / "文化部"
    with db.session() as session, pytest.raises(PubDeskError) as info:
        build_package(session, "moc", [workspace.books[0]], target, overrides=[COVER_OK])
    assert "備份失敗" in str(info.value)
    assert "第13點" in str(info.value)
    assert not target.exists()
    assert not list(target.parent.glob("*"))
    with db.session() as session:
        assert session.query(PackageBuild).count() == 0


@needs_clamav
def test_a_name_with_a_line_break_cannot_pass_another_file(tmp_path: Path, clamav: Path) -> None:
    """Review finding: clamscan's output was split with str.splitlines and matched by prefix,
    so a folder named 「q⏎」 + an infected a.pdf's path made a line that passed a.pdf."""
    odd = tmp_path / ("q\n" + str(tmp_path / "a.pdf"))
    odd.parent.mkdir(parents=True, exist_ok=True)
    carrier(odd, b"clean")
    infected = carrier(tmp_path / "a.pdf")
    results = virus.scan_set([str(odd), str(infected)])
    assert results[str(infected)].status is Status.FAIL
    assert virus.is_unscanned(results[str(odd)])


def test_auto_never_takes_the_daemon(tmp_path: Path) -> None:
    """clamd's limits are its configuration's (100 MB a file by default, said OK unscanned):
    auto takes clamscan; clamdscan only when IT names it."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ("clamdscan", "clamscan"):
        (bin_dir / name).write_text("#!/bin/sh\nexit 0\n")
        (bin_dir / name).chmod(0o755)
    found = virus.find_scanner({"PATH": str(bin_dir)}, platform="linux")
    assert found is not None
    assert found.program.name == "clamscan"
    chosen = virus.find_scanner({"PUBDESK_VIRUS_SCANNER": str(bin_dir / "clamdscan")},
                                platform="linux")
    assert chosen is not None
    assert chosen.program.name == "clamdscan"


def test_a_reason_for_not_scanned_never_accepts_a_virus(  # type: ignore[no-untyped-def]
        db: Database, workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """Review finding: overrides were matched on (file, check) only, so the reason given
    while no scanner was found let the same file through once a scanner found a virus."""
    _infect_cover(db, tmp_path)
    accepted = [COVER_OK, Override("年報封面.pdf", "virus_unscanned", "已用趨勢防毒手動掃描"),
                Override("年報內文.pdf", "virus_unscanned", "已用趨勢防毒手動掃描")]
    with db.session() as session, pytest.raises(ExportRefused) as info:
        build_package(session, "moc", [workspace.books[0]], tmp_path / "out", overrides=accepted)
    assert ("年報封面.pdf", "virus_scan") in {(Path(f).name, c) for f, c, _m in info.value.failures}


def test_a_file_rewritten_after_its_check_is_not_sent(  # type: ignore[no-untyped-def]
        db: Database, workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """Review finding: the scan and checks read the sources, the package read them again —
    bytes changed in between left as "pass"."""
    from app.packages import kinds

    with db.session() as session:
        cover = session.query(EFile).filter(EFile.role == EFileRole.PRINT_COVER).one()
        cover_path = Path(cover.path)
    real = kinds.check_files

    def then_rewritten(*args, **kwargs):  # type: ignore[no-untyped-def]
        reports = real(*args, **kwargs)
        if str(cover_path) in args[0]:  # once the cover is checked and scanned
            with cover_path.open("ab") as handle:
                handle.write(b"% " + EICAR + b"\n")
        return reports

    monkeypatch.setattr(kinds, "check_files", then_rewritten)
    with db.session() as session, pytest.raises(PubDeskError, match="在檢查之後被修改"):
        build_package(session, "moc", [workspace.books[0]], tmp_path / "out", overrides=[COVER_OK])
    assert not (tmp_path / "out").exists()


def test_a_reason_names_one_file_when_two_share_a_name(  # type: ignore[no-untyped-def]
        db: Database, workspace, tmp_path: Path) -> None:  # noqa: F811
    """Review finding: an override matched by bare name accepted every e-file of that name,
    the other publication's infected one too. A bare name is taken only where it is unique;
    otherwise the override names the file as the package does."""
    from app.models import EFile as File

    cover_copy = tmp_path / "other" / "年報封面.pdf"
    cover_copy.parent.mkdir()
    builder = Builder()
    builder.page(b"% " + EICAR + b"\n1 0 0 rg 0 0 9 9 re f")
    builder.save(cover_copy, compress_streams=False)
    with db.session() as session:
        session.add(File(publication_id=workspace.serial_id, role=EFileRole.PRINT_COVER,
                         path=str(cover_copy)))
    ids = [workspace.books[0], workspace.serial_id]
    with db.session() as session, pytest.raises(ExportRefused) as info:
        build_package(session, "moc", ids, tmp_path / "out", overrides=[
            COVER_OK, Override("年報封面.pdf", "virus_scan", "誤判")])
    refused = {(info.value.package_names[f], c) for f, c, _m in info.value.failures}
    infected = next(name for name, check in refused if check == "virus_scan")
    assert infected.startswith("電子檔/")
    assert infected.endswith("年報封面.pdf")
    assert ("colour_space" in {c for _n, c in refused})  # the bare name no longer unique
