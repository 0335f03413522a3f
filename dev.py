"""One entry point for developers and CI: set up the virtual environment, then run something.

    python dev.py run [pubdesk options]   set up, then start the app
    python dev.py test [pytest options]   set up, then run the whole test suite
    python dev.py lint                    set up, then run ruff and mypy
    python dev.py release                 build the Windows installer and smoke-test it under
                                          wine (installer/build.py windows; 8 minutes on an
                                          idle 2-core machine, up to 17 on a loaded one)

Set-up is idempotent: the virtual environment in .venv is (re)installed from
constraints.txt only when pyproject.toml or constraints.txt changed since the last install,
so both commands work on a fresh machine with nothing but Python 3.11.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / "pubdesk-install.sha256"


def _venv_bin(name: str) -> Path:
    scripts = VENV / ("Scripts" if os.name == "nt" else "bin")
    return scripts / (name + (".exe" if os.name == "nt" else ""))


def _wanted_stamp() -> str:
    digest = hashlib.sha256()
    for name in ("pyproject.toml", "constraints.txt"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def setup() -> None:
    """Create .venv and install the app with its pinned dependencies, if not done already."""
    if sys.version_info < (3, 11):
        sys.exit("PubDesk needs Python 3.11 or newer (this is {}.{}).".format(*sys.version_info[:2]))
    if not _venv_bin("python").exists():
        print("Creating the virtual environment in .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    _fetch_rare_character_fonts()
    wanted = _wanted_stamp()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    print("Installing PubDesk and its pinned dependencies …", flush=True)
    pip = [str(_venv_bin("python")), "-m", "pip", "--disable-pip-version-check"]
    subprocess.run([*pip, "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run(
        [*pip, "install", "--quiet", "-c", str(ROOT / "constraints.txt"), "-e", f"{ROOT}[dev]"],
        check=True,
    )
    STAMP.write_text(wanted)


def _fetch_rare_character_fonts() -> None:
    """全字庫 Ext-B and Plus (98 MB, not in git) into resources/fonts, once; a failure
    (no network) is said and set-up goes on — only rare characters are affected."""
    sys.path.insert(0, str(ROOT / "tools"))
    import fetch_fonts

    if fetch_fonts.missing():
        print("Fetching the 全字庫 fonts for rare characters (Ext-B, Plus) …", flush=True)
        fetch_fonts.main()


def _test(python: str, pytest_args: list[str]) -> int:
    """The whole suite; the core tests run against SQLite and, when a PostgreSQL server is
    installed (Debian's `postgresql`), against a throwaway server of its own as well."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if env.get("PUBDESK_TEST_POSTGRES"):
        return subprocess.call([python, "-m", "pytest", *pytest_args], cwd=ROOT, env=env)
    sys.path.insert(0, str(ROOT / "tools"))
    import pg_cluster

    with pg_cluster.running() as url:
        if url is None:
            print("PostgreSQL is not installed: the PostgreSQL runs of the core tests are "
                  "skipped (apt-get install postgresql).", flush=True)
        else:
            env["PUBDESK_TEST_POSTGRES"] = url
        return subprocess.call([python, "-m", "pytest", *pytest_args], cwd=ROOT, env=env)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "lint", "setup", "release"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    try:
        setup()
    except subprocess.CalledProcessError as exc:
        print(f"Set-up failed ({' '.join(exc.cmd[-4:])}): see the messages above.", file=sys.stderr)
        return 1
    python = str(_venv_bin("python"))
    if command == "setup":
        return 0
    if command == "run":
        return subprocess.call([python, "-m", "ui", *rest])
    if command == "test":
        return _test(python, rest)
    if command == "release":
        return subprocess.call([sys.executable, str(ROOT / "installer" / "build.py"), "windows",
                                *rest])
    sources = [p for p in ("app", "ui", "tests", "tools", "benchmarks", "installer", "dev.py")
               if (ROOT / p).exists()]
    ruff = subprocess.call([python, "-m", "ruff", "check", *sources], cwd=ROOT)
    mypy = subprocess.call([python, "-m", "mypy"], cwd=ROOT)
    return ruff or mypy


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
