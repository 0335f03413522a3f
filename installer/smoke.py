"""Smoke test of a built PubDesk, as an officer's PC would run it.

    python3 installer/smoke.py linux   dist/linux/PubDesk
    python3 installer/smoke.py windows dist/PubDesk-<version>-setup.exe [--screenshot PNG]

Linux: the onedir's `pubdesk-cli --version`, `demo`, `check --json` (verdicts identical to the
checkout's), the window alive offscreen.

Windows, under wine in a fresh prefix with a zh-TW locale: silent per-user install (files, Start
menu shortcut, HKCU Apps entry), `pubdesk-cli --version`, `demo` (PDFs with every font
embedded), `check --json` on a PDF made on Linux (verdicts identical to the Linux run), the
check's memory bound (a job object) ending a child that needs more, the window alive offscreen,
a real window on Xvfb with a screenshot, then a silent uninstall that leaves the data folder.
The stand-in DLLs wine lacks (installer/standins) go into the throwaway prefix's system32 only.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
CACHE = ROOT / "build" / "cache"
sys.path.insert(0, str(INSTALLER))

import version_info  # noqa: E402


class SmokeFailure(Exception):
    """A step of the smoke test did not do what it should."""


def step(text: str) -> None:
    print(f"[smoke {time.strftime('%H:%M:%S')}] {text}", flush=True)


def expect(condition: bool, what: str) -> None:
    if not condition:
        raise SmokeFailure(what)


def verdicts(report: dict[str, Any]) -> list[dict[str, Any]]:
    """What the checker decided per file: every check's status, message and evidence —
    without the file's path, which differs between the two runs, and the virus scan's time
    (the two runs scan a second or more apart)."""
    def steady(checks: dict[str, Any]) -> dict[str, Any]:
        scan = checks.get("virus_scan")
        if scan is None:
            return checks
        evidence = {k: v for k, v in scan.get("evidence", {}).items() if k != "scanned_at"}
        return {**checks, "virus_scan": {**scan, "evidence": evidence}}

    return [{"opened": f["opened"], "error": f["error"], "notes": f["notes"],
             "checks": steady(f["checks"])} for f in report["files"]]


def reference_check(pdf: Path) -> dict[str, Any]:
    """The checkout's verdicts on `pdf` (the Linux build of the same source)."""
    python = ROOT / ".venv" / "bin" / "python"
    done = subprocess.run([str(python if python.exists() else sys.executable), "-m", "app",
                           "check", "--json", str(pdf)], cwd=ROOT, capture_output=True,
                          check=False)
    return json.loads(done.stdout.decode("utf-8"))


def sample_pdfs(scratch: Path) -> list[Path]:
    """PDFs made on Linux by the checkout: a demo's own outputs."""
    folder = scratch / "linux-demo"
    if not folder.exists():
        python = ROOT / ".venv" / "bin" / "python"
        subprocess.run([str(python), "-m", "app", "demo", str(folder)], cwd=ROOT, check=True,
                       capture_output=True)
    pdfs = sorted(folder.rglob("*.pdf"))
    expect(len(pdfs) >= 3, f"the Linux demo made {len(pdfs)} PDFs")
    return pdfs[:3]


def fonts_embedded(pdf: Path) -> bool:
    import pikepdf

    with pikepdf.open(pdf) as document:
        for page in document.pages:
            for font in (page.obj.get("/Resources", {}).get("/Font", {}) or {}).values():
                descendants = font.get("/DescendantFonts")
                descriptor = (descendants[0] if descendants else font).get("/FontDescriptor")
                if descriptor is None or not any(k in descriptor for k in (
                        "/FontFile", "/FontFile2", "/FontFile3")):
                    return False
    return True


# ---------------------------------------------------------------- Linux onedir


def smoke_linux(bundle: Path) -> None:
    cli = bundle / "pubdesk-cli"
    carried_resources(bundle)
    with tempfile.TemporaryDirectory(prefix="pubdesk-smoke-") as scratch_name:
        scratch = Path(scratch_name)
        env = dict(os.environ, PUBDESK_DATA_DIR=str(scratch / "data"))
        step("pubdesk-cli --version")
        out = subprocess.run([str(cli), "--version"], capture_output=True, env=env, check=True)
        expect(out.stdout.decode().strip() == f"PubDesk {version_info.version()}",
               f"--version said {out.stdout!r}")
        about_bundle(subprocess.run([str(cli), "about", "--json"], capture_output=True, env=env,
                                    check=True).stdout)
        step("pubdesk-cli demo")
        subprocess.run([str(cli), "demo", str(scratch / "demo")], capture_output=True, env=env,
                       check=True)
        made = sorted((scratch / "demo").rglob("*.pdf"))
        expect(len(made) >= 10 and all(fonts_embedded(p) for p in made),
               f"demo: {len(made)} PDFs, every font embedded")
        editable_documents(scratch / "demo")
        step("pubdesk-cli check --json: verdicts equal to the checkout's")
        for pdf in sample_pdfs(scratch):
            out = subprocess.run([str(cli), "check", "--json", str(pdf)], capture_output=True,
                                 env=env, check=False)
            expect(verdicts(json.loads(out.stdout)) == verdicts(reference_check(pdf)),
                   f"check verdicts differ on {pdf.name}")
        step("the window, offscreen, alive after 20 s")
        gui_alive([str(bundle / "PubDesk")], dict(env, QT_QPA_PLATFORM="offscreen"), 20,
                  scratch / "data" / "pubdesk.sqlite3")


CARRIED = ("resources/translations/app_en.po", "resources/fonts/TW-Kai-98_1.ttf",
           "resources/fonts/TW-Kai-Ext-B-98_1.ttf", "resources/fonts/TW-Kai-Plus-98_1.ttf")
"""Resources the bundle must carry: the core's English, the fonts for rare characters."""


def carried_resources(program: Path) -> None:
    """The files of CARRIED are in the onedir (PyInstaller puts data under _internal)."""
    step("the bundle carries the English catalogue and the rare-character fonts")
    missing = [name for name in CARRIED if not (program / "_internal" / name).exists()]
    expect(not missing, f"missing from the bundle: {missing}")


def editable_documents(folder: Path) -> None:
    """The demo's editable files in every format: DOCX, XLSX, ODT, ODS (the bundle must
    carry odfdo's templates and metadata)."""
    counts = {suffix: len(list(folder.rglob(f"*.{suffix}")))
              for suffix in ("docx", "xlsx", "odt", "ods")}
    expect(all(counts.values()), f"demo's editable files: {counts}")
    step(f"  editable files: {counts}")


def about_bundle(said: bytes) -> dict[str, Any]:
    """`pubdesk-cli about --json` of a frozen bundle: UTF-8 mode on, Qt's zh_TW catalogue and
    ours found inside the bundle."""
    step("pubdesk-cli about --json")
    found: dict[str, Any] = json.loads(said.decode("utf-8"))
    expect(found["frozen"] and found["utf8_mode"], f"not frozen / no UTF-8 mode: {found}")
    expect(found["qt_translation"]["loads"], f"Qt's zh_TW catalogue is missing: {found}")
    expect(found["pubdesk_translation"]["loads"], f"PubDesk's zh_TW catalogue is missing: {found}")
    step(f"  fonts {found['pdf_fonts']}, data in {found['data_dir']}")
    return found


def gui_alive(command: list[str], env: dict[str, str], seconds: float,
              database: Path) -> None:
    # A pipe (wine's console programs abort on a file), drained by a thread so it never fills.
    process = subprocess.Popen(command, env=env, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    said: list[bytes] = []
    reader = threading.Thread(target=lambda: said.extend(iter(
        lambda: process.stdout.read(4096) if process.stdout else b"", b"")), daemon=True)
    reader.start()
    try:
        time.sleep(seconds)
        if process.poll() is not None:
            reader.join(5)
            raise SmokeFailure(f"the window ended with {process.returncode}: "
                               f"{b''.join(said).decode('utf-8', 'replace')[-2000:]}")
        expect(database.exists(), f"the window made no database at {database}")
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


# ---------------------------------------------------------------- Windows under wine


def ensure_zh_tw_locale() -> str:
    locales = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False)
    if "zh_TW.utf8" not in locales.stdout:
        subprocess.run(["localedef", "-i", "zh_TW", "-f", "UTF-8", "zh_TW.UTF-8"], check=True)
    return "zh_TW.UTF-8"


class WindowsSmoke:
    """The installer and the installed program under wine, step by step."""

    KEY = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\PubDesk"

    def __init__(self, setup: Path) -> None:
        from build import Wine

        self.setup = setup
        prefix = CACHE / "wine-smoke"
        shutil.rmtree(prefix, ignore_errors=True)
        locale = ensure_zh_tw_locale()
        self.wine = Wine(prefix, {"LANG": locale, "LC_ALL": locale})
        step(f"a fresh wine prefix (zh-TW) at {prefix}")
        self.wine.boot()
        self.wine.add_standins()
        self.user_dir = self.wine.drive_c("users", os.environ.get("USER") or "root")
        local_app_data = self.user_dir / "AppData" / "Local"
        self.program = local_app_data / "Programs" / "PubDesk"
        self.data_dir = local_app_data / "PubDesk" / "PubDesk"
        self.cli = str(self.program / "pubdesk-cli.exe")

    def install(self) -> None:
        from build import STANDINS

        step(f"silent install of {self.setup.name}")
        self.wine.run([str(self.setup), "/S"], timeout=600)
        expect((self.program / "PubDesk.exe").exists() and Path(self.cli).exists(),
               f"no PubDesk.exe / pubdesk-cli.exe in {self.program}")
        expect((self.program / "Uninstall.exe").exists(), "no Uninstall.exe")
        for dll in STANDINS:
            expect(not list(self.program.rglob(f"{dll}.dll")), f"the bundle carries {dll}.dll")
        expect(bool(list(self.user_dir.rglob("PubDesk.lnk"))), "no Start-menu shortcut")
        entry = self.wine.run(["reg", "query", self.KEY], check=False).stdout.decode(
            "utf-8", "replace")
        expect(f"DisplayVersion    REG_SZ    {version_info.version()}" in entry,
               f"the Apps entry is missing or wrong: {entry[:500]}")

    def upgrade(self) -> None:
        """Installing over an installed version: its leftovers go, the officer's data stays."""
        step("install again over the installed version (an upgrade)")
        stale = self.program / "_internal" / "left_by_an_older_version.pyd"
        stale.write_bytes(b"old")
        database = self.data_dir / "pubdesk.sqlite3"
        before = database.read_bytes()
        self.install()
        expect(not stale.exists(), "the upgrade left an older version's file behind")
        expect(database.read_bytes() == before, "the upgrade touched the officer's database")

    def commands(self, scratch: Path) -> None:
        wine, cli = self.wine, self.cli
        step("pubdesk-cli --version")
        out = wine.run([cli, "--version"]).stdout.decode("utf-8", "replace").strip()
        expect(out.endswith(f"PubDesk {version_info.version()}"), f"--version said {out!r}")
        found = about_bundle(wine.run([cli, "about", "--json"]).stdout)
        expect(found["data_dir"].lower().endswith(r"\appdata\local\pubdesk\pubdesk"),
               f"the data folder is {found['data_dir']}, not under %LOCALAPPDATA%")

        step("pubdesk-cli demo")
        demo = scratch / "demo"
        started = time.monotonic()
        wine.run([cli, "demo", wine.path(demo)], timeout=900)
        made = sorted(demo.rglob("*.pdf"))
        step(f"  {len(made)} PDFs and {len(list(demo.rglob('*.docx')))} DOCX in "
             f"{time.monotonic() - started:.0f} s")
        expect(len(made) >= 10 and all(fonts_embedded(p) for p in made),
               f"demo: {len(made)} PDFs, every font embedded")
        editable_documents(demo)

        step("pubdesk-cli check --json: verdicts identical to the Linux run")
        for pdf in sample_pdfs(scratch):
            windows = json.loads(wine.run([cli, "check", "--json", wine.path(pdf)],
                                          check=False).stdout.decode("utf-8"))
            expect(verdicts(windows) == verdicts(reference_check(pdf)),
                   f"check verdicts differ on {pdf.name}")

        step("the check's memory bound on Windows (a job object; installer/winjob_probe.py)")
        probe = wine.run([str(CACHE / "winpython" / "cp311" / "python.exe"),
                          wine.path(INSTALLER / "winjob_probe.py")], check=False)
        said = probe.stdout.decode("utf-8", "replace").strip()
        expect(probe.returncode == 0, f"the job object does not hold the child: {said}")
        step(f"  {said} (wine 8 does not enforce the limit; the Windows workflow checks it)")

        step("a database on a network drive (N: mapped as remote) is warned about")
        share = scratch / "share"
        share.mkdir()
        (self.wine.prefix / "dosdevices" / "n:").symlink_to(share)
        wine.run(["reg", "add", r"HKLM\Software\Wine\Drives", "/v", "n:", "/d", "network",
                  "/f"])
        subprocess.run(["wineserver", "-k"], env=wine.env, check=False)
        said = wine.run([cli, "--data-dir", r"N:\office", "db", "upgrade"]).stdout.decode(
            "utf-8", "replace")
        expect("網路" in said, f"no network-share warning: {said[-500:]}")
        local = wine.run([cli, "--data-dir", r"C:\local", "db", "upgrade"]).stdout.decode(
            "utf-8", "replace")
        expect("網路" not in local, f"a local drive was taken for a share: {local[-500:]}")

    def window_offscreen(self) -> None:
        step("the window, offscreen, alive after 40 s; its database in %LOCALAPPDATA%")
        gui_alive(["wine", str(self.program / "PubDesk.exe")],
                  {**self.wine.env, "QT_QPA_PLATFORM": "offscreen"}, 40,
                  self.data_dir / "pubdesk.sqlite3")
        subprocess.run(["wineserver", "-k"], env=self.wine.env, check=False)

    def uninstall(self) -> None:
        step("silent uninstall")
        self.wine.run([str(self.program / "Uninstall.exe"), "/S"], timeout=300)
        deadline = time.monotonic() + 60  # the uninstaller copies itself and returns at once
        while (self.program / "PubDesk.exe").exists() and time.monotonic() < deadline:
            time.sleep(1)
        expect(not (self.program / "PubDesk.exe").exists(), "the program is still there")
        expect(not list(self.user_dir.rglob("PubDesk.lnk")), "the shortcut is still there")
        expect((self.data_dir / "pubdesk.sqlite3").exists(),
               "the uninstall removed the officer's data")
        entry = self.wine.run(["reg", "query", self.KEY], check=False)
        expect(entry.returncode != 0, "the Apps entry is still there")
        subprocess.run(["wineserver", "-k"], env=self.wine.env, check=False)


def smoke_windows(setup: Path, screenshot: Path | None) -> None:
    smoke = WindowsSmoke(setup)
    smoke.install()
    carried_resources(smoke.program)
    with tempfile.TemporaryDirectory(prefix="pubdesk-smoke-") as scratch:
        smoke.commands(Path(scratch))
    smoke.window_offscreen()
    smoke.upgrade()
    if screenshot is not None:
        step("a real window on Xvfb")
        real_window(smoke.wine, smoke.program / "PubDesk.exe", screenshot)
    smoke.uninstall()


def real_window(wine: Any, program: Path, screenshot: Path) -> None:
    """Start the installed program on a virtual screen and photograph the screen."""
    xvfb, display = start_xvfb()
    env = {**wine.env, "DISPLAY": display, "QT_QPA_PLATFORM": "windows"}
    app = subprocess.Popen(["wine", str(program)], env=env, stdin=subprocess.PIPE,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        colours = 0
        while time.monotonic() < deadline and colours < 8:
            time.sleep(5)
            expect(app.poll() is None, f"the window ended with {app.returncode}")
            colours = grab_screen(display, screenshot)
        time.sleep(5)
        colours = grab_screen(display, screenshot)
        expect(colours >= 8, "nothing appeared on the screen in 2 minutes")
        step(f"  screenshot: {screenshot}")
    finally:
        app.terminate()
        subprocess.run(["wineserver", "-k"], env=wine.env, check=False)
        xvfb.send_signal(signal.SIGTERM)
        xvfb.wait()


def start_xvfb(size: str = "1280x800x24", wait_s: float = 30) -> tuple[Any, str]:
    """A virtual screen on a display number Xvfb picks itself (`-displayfd`), so two builds
    on one machine never photograph each other's; fails if it did not start."""
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", size,
                             "-nolisten", "tcp"], pass_fds=(write_end,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    os.close(write_end)
    number = b""
    deadline = time.monotonic() + wait_s
    with os.fdopen(read_end, "rb", buffering=0) as pipe:
        import select

        while not number.endswith(b"\n") and time.monotonic() < deadline:
            ready, _, _ = select.select([pipe], [], [], 0.5)
            if ready:
                chunk = pipe.read(16)
                if not chunk:
                    break
                number += chunk
    if not number.strip().isdigit():
        xvfb.kill()
        error = xvfb.communicate()[1].decode(errors="replace")[-500:]
        raise SystemExit(f"Xvfb did not start: {error or 'no display number in time'}")
    return xvfb, f":{number.strip().decode()}"


def grab_screen(display: str, target: Path) -> int:
    """Photograph an X display with the checkout's Qt; returns how many colours it shows."""
    script = ("import sys\nfrom PySide6.QtGui import QGuiApplication\n"
              "app = QGuiApplication(['grab'])\n"
              "image = app.primaryScreen().grabWindow(0).toImage()\n"
              "image.save(sys.argv[1])\n"
              "step = 8\n"
              "seen = {image.pixel(x, y) for x in range(0, image.width(), step)"
              " for y in range(0, image.height(), step)}\n"
              "print(len(seen))\n")
    python = ROOT / ".venv" / "bin" / "python"
    done = subprocess.run([str(python), "-c", script, str(target)], capture_output=True,
                          text=True, env=dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb"),
                          check=False)
    try:
        return int(done.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", choices=["linux", "windows"])
    parser.add_argument("product", type=Path, help="the onedir (linux) or setup.exe (windows)")
    parser.add_argument("--screenshot", type=Path,
                        default=ROOT / "dist" / "windows-window.png")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        if args.target == "linux":
            smoke_linux(args.product.resolve())
        else:
            smoke_windows(args.product.resolve(), args.screenshot.resolve())
    except (SmokeFailure, subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        print(f"SMOKE TEST FAILED: {exc}", file=sys.stderr)
        return 1
    step(f"passed in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
